// First boot (issue #16, docs/PERFORMANCE.md "First boot"): how long a kiosk with no database takes
// to be ready to check people in, by its two ways, side by side in one run on one event of N
// participants:
//   from the hub   enrolment, GET /v1/setup, then the whole registry through the change feed, with
//                  the kiosk's own KioskSetup and transport against `passerelle-hub serve` on
//                  loopback (what the first-boot screen runs);
//   from a bundle  install_kiosk_bundle from a file (copy, migrate, quick_check, count), beside a
//                  bare copy of the same file, and the hub's export-kiosk that made it.
// Each the median of --rounds runs. DESIGN.md sets no target for it: the figure that matters is
// minutes or seconds at the door, and the bundle's as the point of comparison.
// Usage: setup_bench [--people N] [--rounds N] [--smoke]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/config/event_config.h"
#include "core/store/bundle.h"
#include "core/store/store.h"
#include "sync/client/httplib_transport.h"
#include "sync/client/kiosk_setup.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "tests/hub/server_process.h"
#include "tests/support/test_support.h"

namespace passerelle::bench {
namespace {

using Steady = std::chrono::steady_clock;

double seconds_since(Steady::time_point start) {
  return std::chrono::duration<double>(Steady::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

int fail(const std::string& message) {
  std::fprintf(stderr, "setup_bench: %s\n", message.c_str());
  return 1;
}

int run(int people, int rounds) {
  testing::TempDir dir;
  const auto hub_db = dir.file("hub.db");
  std::int64_t event_id = 0;
  {
    auto file = Store::open(hub_db);
    if (!file) return fail(file.error().message);
    auto event = file->create_event(default_event_config("Setup bench", "2026-04-20"));
    if (!event) return fail(event.error().message);
    event_id = *event;
    auto transaction = db::Transaction::begin(file->database());
    if (!transaction) return fail(transaction.error().message);
    for (const auto& record : testing::generate_participants(static_cast<std::size_t>(people), 5))
      if (auto stored = file->upsert_participant_in_transaction(event_id, record); !stored)
        return fail(stored.error().message);
    if (auto committed = transaction->commit(); !committed) return fail(committed.error().message);
  }
  std::string error;
  auto server = testing::ServerProcess::start({"--db", hub_db.string(), "serve", "--listen", "127.0.0.1:0"},
                                              dir.file("server.log"), error);
  if (!server) return fail(error);
  auto hub = hub::SqliteHubStore::open(hub_db);
  if (!hub) return fail(hub.error().message);

  std::vector<double> network;
  std::vector<double> exports;
  std::vector<double> installs;
  std::vector<double> copies;
  for (int round = 0; round < rounds; ++round) {
    const auto kiosk_db = dir.file("kiosk-" + std::to_string(round) + ".db");
    auto code = (*hub)->create_enrolment_code(event_id, 600'000, "bench");
    if (!code) return fail(code.error().message);
    const auto started = Steady::now();
    kiosk::KioskSetup setup(kiosk_db, SystemClock::instance(), kiosk::httplib_transport_factory());
    auto enrolled = setup.enrol(sync::format_enrolment_ticket({server->url(), code->code, ""}), "bench");
    if (!enrolled) return fail(enrolled.error().error.message);
    for (;;) {
      auto step = setup.step();
      if (!step) return fail(step.error().error.message);
      if (step->complete) break;
    }
    network.push_back(seconds_since(started));

    const auto bundle = dir.file("bundle-" + std::to_string(round) + ".db");
    {
      auto file = Store::open(hub_db);
      if (!file) return fail(file.error().message);
      const auto exported = Steady::now();
      if (auto written = write_kiosk_bundle(*file, event_id, bundle); !written) return fail(written.error().message);
      exports.push_back(seconds_since(exported));
    }
    const auto copied = Steady::now();
    std::filesystem::copy_file(bundle, dir.file("copy-" + std::to_string(round) + ".db"));
    copies.push_back(seconds_since(copied));
    const auto installed_at = Steady::now();
    auto installed = install_kiosk_bundle(bundle, dir.file("installed-" + std::to_string(round) + ".db"));
    if (!installed) return fail(installed.error().message);
    installs.push_back(seconds_since(installed_at));
    if (installed->participants != people) return fail("the bundle holds " + std::to_string(installed->participants));
    auto check = Store::open(kiosk_db);
    if (!check || *check->participant_count(event_id) != people) return fail("the kiosk set up from the hub is short");
  }
  const auto bundle_bytes = std::filesystem::file_size(dir.file("bundle-0.db"));
  std::printf("first boot, %d participants (median of %d rounds)\n", people, rounds);
  std::printf("  from the hub (enrol, event, %d feed pages): %7.2f s  (%.0f participants/s)\n", (people + 999) / 1000,
              median(network), people / median(network));
  std::printf("  from a bundle of %.1f MB: install      %7.2f s  (bare copy of the file: %.3f s)\n",
              static_cast<double>(bundle_bytes) / 1e6, median(installs), median(copies));
  std::printf("  making that bundle on the hub (export-kiosk):  %7.2f s\n", median(exports));
  return 0;
}

}  // namespace
}  // namespace passerelle::bench

int main(int argc, char** argv) {
  int people = 20'000;
  int rounds = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const auto next = [&] { return i + 1 < argc ? std::stoi(argv[++i]) : 0; };
    if (flag == "--people") people = next();
    if (flag == "--rounds") rounds = next();
    if (flag == "--smoke") {
      people = 1'200;
      rounds = 1;
    }
  }
  if (people < 1 || rounds < 1) return passerelle::bench::fail("--people and --rounds take positive numbers");
  return passerelle::bench::run(people, rounds);
}
