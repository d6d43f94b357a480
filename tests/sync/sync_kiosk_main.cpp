// sync_kiosk: a headless kiosk for the sync fault tests. It checks badges in on its database the
// way the kiosk does (CheckinService, one commit per scan) while the very SyncWorker the kiosk
// runs talks to the hub. It prints one line per fact the test checks, flushed at once so a
// kill -9 loses nothing that was printed:
//   GREEN <uuid>          an accepted check-in, after its commit: what an attendee saw as green
//   DONE                  every scan made
//   STATUS <link> <unsent> <enrolment> <offset-ms|-> <doubles>   when the worker's status changes
// Usage: sync_kiosk --db FILE [--ticket TEXT] [--seed N] [--scans K] [--pause-ms M] [--skew-ms S]
//                   [--export FILE]
// --export writes the journal file and exits (a kiosk that never reaches the hub).
// Runs until SIGTERM or SIGINT after its scans.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/checkin/checkin.h"
#include "core/store/store.h"
#include "sync/client/httplib_transport.h"
#include "sync/client/sync_worker.h"
#include "sync/protocol/journal_file.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;
std::mutex g_output;

void say(const std::string& line) {
  std::lock_guard lock(g_output);
  std::cout << line << std::endl;  // flushed: a kill -9 right after must not lose the line
}

// A kiosk whose clock is off, as on a box without a real-time clock.
class SkewedClock final : public passerelle::Clock {
 public:
  explicit SkewedClock(std::int64_t skew_ms) : skew_ms_(skew_ms) {}
  std::int64_t wall_ms() const override { return passerelle::SystemClock::instance().wall_ms() + skew_ms_; }
  std::int64_t monotonic_ns() const override { return passerelle::SystemClock::instance().monotonic_ns(); }
  // Nothing set it: its date is whatever the box had (docs/CLOCKS.md).
  bool wall_clock_synchronised() const override { return false; }
  std::string boot_id() const override { return passerelle::SystemClock::instance().boot_id(); }

 private:
  std::int64_t skew_ms_;
};

struct Options {
  std::string db;
  std::string ticket;
  std::string export_path;
  unsigned seed = 1;
  int scans = 0;
  int pause_ms = 20;
  std::int64_t skew_ms = 0;
};

bool parse(int argc, char** argv, Options& options) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--db") {
      options.db = value;
    } else if (flag == "--ticket") {
      options.ticket = value;
    } else if (flag == "--export") {
      options.export_path = value;
    } else if (flag == "--seed") {
      options.seed = static_cast<unsigned>(std::stoul(value));
    } else if (flag == "--scans") {
      options.scans = std::stoi(value);
    } else if (flag == "--pause-ms") {
      options.pause_ms = std::stoi(value);
    } else if (flag == "--skew-ms") {
      options.skew_ms = std::stoll(value);
    } else {
      return false;
    }
  }
  return !options.db.empty() && argc % 2 == 1;
}

std::string describe(const passerelle::kiosk::SyncStatus& status) {
  return "STATUS " + std::string(to_string(status.link)) + " " + std::to_string(status.unsent) + " " +
         std::string(to_string(status.enrolment)) + " " +
         (status.clock_offset_ms ? std::to_string(*status.clock_offset_ms) : std::string("-")) + " " +
         std::to_string(status.double_checkins);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace passerelle;
  Options options;
  if (!parse(argc, argv, options)) {
    std::cerr << "usage: sync_kiosk --db FILE [--ticket TEXT] [--seed N] [--scans K] [--pause-ms M] [--skew-ms S] "
                 "[--export FILE]\n";
    return 2;
  }
  std::signal(SIGTERM, [](int) { g_stop = 1; });
  std::signal(SIGINT, [](int) { g_stop = 1; });
  SkewedClock clock(options.skew_ms);

  auto opened = Store::open(options.db, clock);
  if (!opened) {
    std::cerr << "sync_kiosk: " << opened.error().message << "\n";
    return 1;
  }
  Store store = std::move(opened).value();
  auto event = store.resolve_event(std::nullopt);
  auto checkpoints = event ? store.checkpoints(event->id) : Result<std::vector<Checkpoint>>(event.error());
  if (!event || !checkpoints || checkpoints->empty()) {
    std::cerr << "sync_kiosk: the database holds no single event with checkpoints\n";
    return 1;
  }
  if (!options.export_path.empty()) {
    auto written = sync::write_journal_file(store, event->id, options.export_path);
    if (!written) {
      std::cerr << "sync_kiosk: " << written.error().message << "\n";
      return 1;
    }
    say("EXPORTED " + std::to_string(*written));
    return 0;
  }

  kiosk::SyncWorkerConfig config;
  config.database = options.db;
  config.event_id = event->id;
  config.device_name = "sync-kiosk-" + std::to_string(options.seed);
  config.poll_interval = std::chrono::milliseconds(300);
  config.backoff_initial = std::chrono::milliseconds(100);
  config.backoff_max = std::chrono::milliseconds(1500);
  config.backoff_seed = options.seed;
  config.reconcile_interval = std::chrono::seconds(2);
  config.upload_batch = 50;  // small batches: more exchanges for the faults to land in
  config.page_limit = 100;
  kiosk::HttplibTransportOptions transport;
  transport.connect_timeout = std::chrono::milliseconds(1000);
  transport.read_timeout = std::chrono::milliseconds(3000);
  transport.write_timeout = std::chrono::milliseconds(3000);
  kiosk::SyncWorker worker(config, clock, kiosk::httplib_transport_factory(transport),
                           [](kiosk::SyncStatus status) { say(describe(status)); });
  if (!options.ticket.empty()) worker.enrol(options.ticket);

  std::vector<std::string> codes;
  {
    auto query = store.database().query("SELECT code FROM ticket_code ORDER BY code");
    if (query) {
      auto texts = query->collect_texts();
      if (texts) codes = std::move(texts).value();
    }
  }
  std::mt19937 random(options.seed);
  CheckinService service(store);
  for (int scan = 0; scan < options.scans && !g_stop && !codes.empty(); ++scan) {
    CheckinRequest request;
    request.event_id = event->id;
    request.checkpoint_id = (*checkpoints)[random() % checkpoints->size()].id;
    request.code = codes[random() % codes.size()];
    auto result = service.scan(request);
    if (!result) {
      // The store could not write: nothing was shown green. Say so and carry on.
      std::cerr << "sync_kiosk: scan failed: " << result.error().message << "\n";
    } else if (result->outcome == Outcome::accepted) {
      say("GREEN " + result->entry.uuid);
    }
    worker.notify();
    std::this_thread::sleep_for(std::chrono::milliseconds(options.pause_ms));
  }
  say("DONE");
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  return 0;
}
