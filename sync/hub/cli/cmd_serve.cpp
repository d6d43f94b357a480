// `serve`: the hub's HTTP API (docs/sync.md) until SIGTERM or SIGINT.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>

#include "core/print/badge_render.h"
#include "core/service/service_notifier.h"
#include "core/util/strings.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/privacy/daily_purge.h"
#include "sync/hub/server/hub_server.h"
#include "sync/hub/server/listen_address.h"
#include "sync/hub/store/account_rules.h"
#include "sync/hub/store/open_hub_store.h"
#include "sync/tls/self_signed.h"

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

// Stops the server on a signal, or when told the server ended on its own, and tells the supervisor
// so. stop() is repeated until serve() returns: it is cheap and idempotent, and a repeat costs
// nothing if the first sufficed.
class StopWatcher {
 public:
  StopWatcher(const StopSignals& signals, HubServer& server, service::ServiceNotifier& notifier)
      : signals_(&signals), server_(&server), notifier_(&notifier) {
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
    notifier_->stopping();
    std::unique_lock lock(mutex_);
    while (!served_) {
      server_->stop();
      served_changed_.wait_for(lock, std::chrono::milliseconds(100));
    }
  }

  const StopSignals* signals_;
  HubServer* server_;
  service::ServiceNotifier* notifier_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable served_changed_;
  bool served_ = false;
  std::atomic<bool> signalled_{false};
};

// The watchdog's beats (ServerOptions::heartbeat): each one says the hub is alive; the status line
// says when the storage answers with errors, and when it answers again. A storage that fails
// quickly is no hang: restarting the hub would not mend PostgreSQL, so the beats go on.
class Heartbeat {
 public:
  Heartbeat(service::ServiceNotifier& notifier, std::string serving)
      : notifier_(&notifier), serving_(std::move(serving)) {}
  void operator()(const Status& store) {
    notifier_->alive();
    const bool ok = store.has_value();
    if (ok == storage_ok_.exchange(ok)) return;
    notifier_->status(ok ? serving_ : serving_ + "; the storage fails: " + store.error().message);
  }

 private:
  service::ServiceNotifier* notifier_;
  std::string serving_;
  std::atomic<bool> storage_ok_{true};
};

// 0 (absent): twice the cores. The server clamps to 1..2 x cores (hub_server.h).
Result<int> parse_threads(const std::optional<std::string>& text) {
  if (!text) return 0;
  const auto threads = parse_integer<int>(*text);
  if (!threads || *threads < 2 || *threads > 1024)
    return make_error(Errc::invalid_input, "--threads takes a number from 2 to 1024, not '" + *text + "'");
  return *threads;
}

struct Transport {
  std::optional<sync::tls::TlsIdentity> identity;  // empty: plain HTTP, on loopback only
};

// TLS unless the hub listens on loopback only (behind nginx, or for tests): given files, else the
// self-signed identity of --tls-dir, else of the directory "tls" beside a SQLite database.
Result<Transport> choose_transport(const ParsedArgs& args, const std::string& host, const std::string& db) {
  const auto cert = args.value("tls-cert");
  const auto key = args.value("tls-key");
  const auto dir = args.value("tls-dir");
  if (cert.has_value() != key.has_value())
    return make_error(Errc::invalid_input, "TLS needs both --tls-cert and --tls-key");
  if (cert && dir) return make_error(Errc::invalid_input, "give either --tls-cert/--tls-key or --tls-dir, not both");
  if (cert) {
    // Files named on the command line that cannot serve are a rejected value, as before TLS was
    // checked here (exit status 3), whether missing or mismatched.
    auto pin = sync::tls::check_certificate_and_key(*cert, *key);
    if (!pin) return make_error(Errc::invalid_input, pin.error().message);
    return Transport{sync::tls::TlsIdentity{*cert, *key, std::move(*pin), false}};
  }
  if (!dir && is_loopback_host(host)) return Transport{};
  if (!dir && is_postgresql_url(db))
    return make_error(Errc::invalid_input,
                      "a hub listening beyond loopback serves HTTPS: pass --tls-dir DIR (shared by every hub "
                      "process of this deployment) or --tls-cert FILE --tls-key FILE");
  const std::filesystem::path tls_dir =
      dir ? std::filesystem::path(*dir) : std::filesystem::absolute(db).parent_path() / "tls";
  PSL_ASSIGN_OR_RETURN(auto identity, sync::tls::ensure_self_signed(tls_dir, host));
  return Transport{std::move(identity)};
}

// docs/sync.md, "Quarantine quota": entries each device may leave in quarantine.
Result<std::int64_t> parse_quarantine_quota(const std::optional<std::string>& text) {
  if (!text) return HubLimits{}.quarantine_quota;
  const auto quota = parse_integer<std::int64_t>(*text);
  if (!quota || *quota < 1 || *quota > 100'000'000)
    return make_error(Errc::invalid_input,
                      "--quarantine-quota takes a number from 1 to 100000000, not '" + *text + "'");
  return *quota;
}

// `--session-ttl`: "90s", "30m", "12h" or "7d"; from 10 seconds to the week a session may last.
Result<std::chrono::milliseconds> parse_session_ttl(std::optional<std::string_view> text) {
  if (!text) return std::chrono::milliseconds(12LL * 3600 * 1000);
  const auto ms = parse_duration_ms(*text, kMaxWebSessionTtlMs);
  if (!ms || *ms < 10'000)
    return make_error(Errc::invalid_input,
                      "--session-ttl takes a duration from 10s to 7d: a number followed by s, m, h or d (e.g. 12h)");
  return std::chrono::milliseconds(*ms);
}

// The live view's pages: --web-dir, or the installed assets' web/. Without them the hub still
// serves kiosks; only the pages answer 404, and the log says why.
Result<std::shared_ptr<const WebAssets>> load_pages(const ParsedArgs& args, std::ostream& log) {
  const auto given = args.value("web-dir");
  const std::filesystem::path dir = given ? std::filesystem::path(*given) : print::default_assets_dir() / "web";
  auto assets = WebAssets::load(dir);
  if (assets) {
    log << "passerelle-hub: the organisers' pages from " << dir.string() << "\n";
    return std::make_shared<const WebAssets>(std::move(*assets));
  }
  if (given || assets.error().code != Errc::not_found) return assets.error();
  log << "passerelle-hub: " << assets.error().message << ": the organisers' pages answer 404\n";
  return std::shared_ptr<const WebAssets>{};
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
  auto session_ttl = parse_session_ttl(args.value("session-ttl"));
  if (!session_ttl) return context.fail(session_ttl.error());
  auto pages = load_pages(args, *context.err);
  if (!pages) return context.fail(pages.error());
  if (!context.db_path) return context.fail(make_error(Errc::invalid_input, "no database given: pass --db FILE"));
  auto transport = choose_transport(args, address->host, *context.db_path);
  if (!transport) return context.fail(transport.error());
  auto store = open_hub_store(*context.db_path, *context.clock);
  if (!store) return context.fail(store.error());
  (*store)->set_limits(HubLimits{*quota});

  ServerOptions options;
  options.host = address->host;
  options.port = address->port;
  options.threads = *threads;
  options.web.assets = std::move(*pages);
  options.web.session_ttl = *session_ttl;
  if (transport->identity) {
    options.tls_certificate = transport->identity->certificate.string();
    options.tls_private_key = transport->identity->private_key.string();
  }

  // A peer that hangs up must not kill the hub through SIGPIPE (TLS writes can raise it).
  ::signal(SIGPIPE, SIG_IGN);
  const StopSignals signals;
  // Under systemd (Type=notify, WatchdogSec=): READY=1 once listening, then a beat per half
  // timeout for as long as the I/O loop, the workers and the storage go round.
  const auto notifier = service::systemd_notifier();
  std::optional<Heartbeat> heartbeat;  // made once the URL is known, before serve() beats
  if (const auto every = notifier->alive_interval()) {
    options.heartbeat_interval = *every;
    options.heartbeat = [&heartbeat](const Status& storage) { (*heartbeat)(storage); };
  }
  auto server = HubServer::create(**store, *context.clock, options);
  if (!server) return context.fail(server.error());
  if (auto bound = (*server)->bind(); !bound) return context.fail(bound.error());
  const std::string serving = "listening on " + (*server)->url();
  heartbeat.emplace(*notifier, serving);
  // Tests and scripts read the port from this first line (with --listen ADDRESS:0).
  *context.out << serving << std::endl;
  notifier->ready(serving);
  // On the log, not stdout, whose first line is the machine-read one.
  if (const auto& identity = transport->identity) {
    if (identity->created)
      *context.err << "passerelle-hub: made a TLS key and self-signed certificate in "
                   << identity->private_key.parent_path().string() << "\n";
    // Enrolment tickets carry this pin; an organiser can check it with curl --pinnedpubkey.
    *context.err << "passerelle-hub: certificate pin " << identity->pin << std::endl;
  }

  Status served;
  {
    // Retention (docs/PRIVACY.md): due purges run on the event file while the hub serves. With
    // PostgreSQL storage the registry's home is the event file elsewhere: `purge --sync-db` there.
    std::optional<privacy::DailyPurge> purge;
    if (!is_postgresql_url(*context.db_path)) purge.emplace(*context.db_path, *context.clock, *context.err);
    const StopWatcher watcher(signals, **server, *notifier);
    served = (*server)->serve();
  }
  if (!served) return context.fail(served.error());
  *context.err << "passerelle-hub: stopped\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> serve_commands() {
  CommandSpec spec{"serve",
                   "--listen ADDRESS:PORT [--tls-dir DIR | --tls-cert FILE --tls-key FILE] [--threads N]\n"
                   "      [--quarantine-quota N] [--session-ttl DURATION] [--web-dir DIR]",
                   "Run the hub's sync server: kiosks upload and download through it (docs/sync.md).",
                   "Prints 'listening on URL' once ready (with the real port for ADDRESS:0) and serves\n"
                   "until SIGTERM or SIGINT, then finishes the requests in progress and exits 0.\n"
                   "Beyond loopback the hub speaks only HTTPS: with the given certificate, or with a key\n"
                   "and self-signed certificate it makes on first start in DIR (default: 'tls' beside\n"
                   "the database), and prints the certificate's pin, which enrolment tickets carry.\n"
                   "Every call needs a token (kiosks get theirs at enrolment; organisers use\n"
                   "'token create --organiser'), except /v1/health and /v1/enrol. /metrics needs an\n"
                   "organiser token unless ADDRESS is a loopback address. Connections and live\n"
                   "streams hold no thread: one I/O thread serves them all, and N workers (default\n"
                   "and at most twice the cores) make the database calls. A device whose uploads\n"
                   "fill its quarantine quota (default 1000 entries) is answered 429 and alerted\n"
                   "about. Limits: docs/sync.md. Organisers follow their events in a browser at the\n"
                   "same address (accounts: 'account add'; pages: docs/LIVE_VIEW.md).",
                   {{"listen", "ADDRESS:PORT", "where to listen, e.g. 0.0.0.0:8443 or 127.0.0.1:0"},
                    {"tls-dir", "DIR", "the hub's own key and certificate, made on first start (files 0600)"},
                    {"tls-cert", "FILE", "serve HTTPS with this PEM certificate (chain)"},
                    {"tls-key", "FILE", "the certificate's PEM private key"},
                    {"threads", "N", "database worker threads (default and at most 2 x cores)"},
                    {"quarantine-quota", "N", "quarantined entries a device may leave on the hub (default 1000)"},
                    {"session-ttl", "DURATION", "how long an organiser stays logged in: 10s to 7d (default 12h)"},
                    {"web-dir", "DIR", "the organisers' pages (default: the installed assets' web/)"}},
                   0,
                   0};
  return {Command{std::move(spec), run_serve}};
}

}  // namespace passerelle::hub
