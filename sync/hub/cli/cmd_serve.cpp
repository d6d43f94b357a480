// `serve`: the hub's HTTP API (docs/sync.md) until SIGTERM or SIGINT.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <thread>

#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/server/hub_server.h"
#include "sync/hub/server/listen_address.h"
#include "sync/hub/store/open_hub_store.h"

namespace passerelle::hub {
namespace {

// SIGTERM and SIGINT, blocked in every thread and taken by one watcher with sigwait(), so that
// stopping runs as ordinary code rather than in a signal handler.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGINT);
    // Before any server thread exists: they inherit the mask.
    pthread_sigmask(SIG_BLOCK, &set_, &previous_);
  }
  ~StopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  const sigset_t& set() const { return set_; }

 private:
  sigset_t set_{};
  sigset_t previous_{};
};

// Stops the server on a signal, or when told the server ended on its own. stop() can come before
// httplib has started its accept loop, where httplib ignores it: repeat it until serve() returns.
class StopWatcher {
 public:
  StopWatcher(const StopSignals& signals, HubServer& server) : signals_(&signals), server_(&server) {
    thread_ = std::thread([this] { run(); });
  }
  ~StopWatcher() {
    {
      std::lock_guard lock(mutex_);
      served_ = true;
    }
    served_changed_.notify_all();
    // Wakes sigwait() if no signal came: the server ended by itself.
    if (!signalled_) pthread_kill(thread_.native_handle(), SIGTERM);
    thread_.join();
  }
  StopWatcher(const StopWatcher&) = delete;
  StopWatcher& operator=(const StopWatcher&) = delete;

 private:
  void run() {
    int signal_number = 0;
    sigwait(&signals_->set(), &signal_number);
    signalled_ = true;
    std::unique_lock lock(mutex_);
    while (!served_) {
      server_->stop();
      served_changed_.wait_for(lock, std::chrono::milliseconds(100));
    }
  }

  const StopSignals* signals_;
  HubServer* server_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable served_changed_;
  bool served_ = false;
  std::atomic<bool> signalled_{false};
};

Result<int> parse_threads(const std::optional<std::string>& text) {
  if (!text) return 16;
  int threads = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), threads);
  if (error != std::errc() || end != text->data() + text->size() || threads < 2 || threads > 1024)
    return make_error(Errc::invalid_input, "--threads takes a number from 2 to 1024, not '" + *text + "'");
  return threads;
}

// docs/sync.md, "Quarantine quota": entries each device may leave in quarantine.
Result<std::int64_t> parse_quarantine_quota(const std::optional<std::string>& text) {
  if (!text) return HubLimits{}.quarantine_quota;
  std::int64_t quota = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), quota);
  if (error != std::errc() || end != text->data() + text->size() || quota < 1 || quota > 100'000'000)
    return make_error(Errc::invalid_input,
                      "--quarantine-quota takes a number from 1 to 100000000, not '" + *text + "'");
  return quota;
}

int run_serve(Context& context, const ParsedArgs& args) {
  const auto listen = args.value("listen");
  if (!listen) return context.fail(make_error(Errc::invalid_input, "serve needs --listen ADDRESS:PORT"));
  auto address = parse_listen_address(*listen);
  if (!address) return context.fail(address.error());
  auto threads = parse_threads(args.value("threads"));
  if (!threads) return context.fail(threads.error());
  auto quota = parse_quarantine_quota(args.value("quarantine-quota"));
  if (!quota) return context.fail(quota.error());
  if (!context.db_path) return context.fail(make_error(Errc::invalid_input, "no database given: pass --db FILE"));
  auto store = open_hub_store(*context.db_path, *context.clock);
  if (!store) return context.fail(store.error());
  (*store)->set_limits(HubLimits{*quota});

  ServerOptions options;
  options.host = address->host;
  options.port = address->port;
  options.tls_certificate = args.value("tls-cert");
  options.tls_private_key = args.value("tls-key");
  options.threads = *threads;

  // A peer that hangs up must not kill the hub through SIGPIPE (TLS writes can raise it).
  ::signal(SIGPIPE, SIG_IGN);
  const StopSignals signals;
  auto server = HubServer::create(**store, *context.clock, options);
  if (!server) return context.fail(server.error());
  if (auto bound = (*server)->bind(); !bound) return context.fail(bound.error());
  // Tests and scripts read the port from this line (with --listen ADDRESS:0).
  *context.out << "listening on " << (*server)->url() << std::endl;

  Status served;
  {
    const StopWatcher watcher(signals, **server);
    served = (*server)->serve();
  }
  if (!served) return context.fail(served.error());
  *context.err << "passerelle-hub: stopped\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> serve_commands() {
  CommandSpec spec{"serve",
                   "--listen ADDRESS:PORT [--tls-cert FILE --tls-key FILE] [--threads N] [--quarantine-quota N]",
                   "Run the hub's sync server: kiosks upload and download through it (docs/sync.md).",
                   "Prints 'listening on URL' once ready (with the real port for ADDRESS:0) and serves\n"
                   "until SIGTERM or SIGINT, then finishes the requests in progress and exits 0.\n"
                   "Every call needs a token (kiosks get theirs at enrolment; organisers use\n"
                   "'token create --organiser'), except /v1/health and /v1/enrol. /metrics needs an\n"
                   "organiser token unless ADDRESS is a loopback address. Each open live stream\n"
                   "holds one of the N threads (default 16). A device whose uploads fill its\n"
                   "quarantine quota (default 1000 entries) is answered 429 and alerted about.",
                   {{"listen", "ADDRESS:PORT", "where to listen, e.g. 0.0.0.0:8443 or 127.0.0.1:0"},
                    {"tls-cert", "FILE", "serve HTTPS with this PEM certificate (chain)"},
                    {"tls-key", "FILE", "the certificate's PEM private key"},
                    {"threads", "N", "worker threads (default 16)"},
                    {"quarantine-quota", "N", "quarantined entries a device may leave on the hub (default 1000)"}},
                   0,
                   0};
  return {Command{std::move(spec), run_serve}};
}

}  // namespace passerelle::hub
