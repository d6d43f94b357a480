// Sync under faults (issue #5): kiosks and a hub on loopback, a proxy dropping, cutting, delaying
// and duplicating connections at seeded points, SIGKILL of the hub amid batches and of kiosks amid
// commits, a clock a day off, a device revoked with entries pending, a cloned disk. After each run:
// the hub holds every entry a kiosk showed green, nothing twice, and every kiosk holds what the hub
// holds. Convergence is awaited generously; speed is for the benchmarks.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include "core/store/store.h"
#include "tests/support/pg_cluster.h"
#include "tests/sync/sync_cluster.h"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kConvergeSeconds = 120;
const FaultMix kRough{.refuse = 10, .cut = 15, .delay = 10, .duplicate = 15, .delay_ms = 150};

// Every entry a kiosk showed green is held by the hub, in its journal or (cloned disks only) in
// quarantine.
void expect_every_green_held(SyncCluster& cluster, bool allow_quarantine = false) {
  const auto green = cluster.green_uuids();
  const auto held = cluster.hub_journal_uuids();
  const auto quarantined = cluster.quarantined_uuids();
  std::size_t missing = 0;
  for (const auto& uuid : green)
    if (!held.contains(uuid) && !(allow_quarantine && quarantined.contains(uuid))) ++missing;
  EXPECT_EQ(missing, 0u) << "of " << green.size() << " green check-ins";
  EXPECT_GT(green.size(), 0u);
}

// What the run went through, in the test log: a run that met no fault proves little.
void report(SyncCluster& cluster, const std::string& label) {
  const auto counts = cluster.proxy().counts();
  std::cout << "[ stats    ] " << label << ": " << cluster.green_uuids().size() << " green, "
            << cluster.hub_journal_uuids().size() << " entries on the hub, " << cluster.quarantined_uuids().size()
            << " quarantined; requests passed " << counts.passed << ", refused " << counts.refused << ", cut "
            << counts.cut << ", delayed " << counts.delayed << ", duplicated " << counts.duplicated << "\n";
}

void expect_same_attendance_everywhere(SyncCluster& cluster) {
  const auto hub = cluster.hub_attendance();
  EXPECT_FALSE(hub.empty());
  for (const auto& kiosk : cluster.kiosks()) EXPECT_EQ(SyncCluster::attendance(kiosk.db), hub) << kiosk.db.filename();
}

void await_done(SyncCluster& cluster, const KioskProcess& kiosk, std::chrono::seconds timeout = 120s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // DONE of this run: the output file keeps the lines of earlier runs.
  while (SyncCluster::output_lines(kiosk.output, "DONE").size() < static_cast<std::size_t>(kiosk.runs) &&
         std::chrono::steady_clock::now() < deadline) {
    const std::string died = cluster.hub_died();
    ASSERT_EQ(died, "");
    std::this_thread::sleep_for(100ms);
  }
}

// The seeds of a many-faults run. Under the sanitizers one: that pass looks for memory and
// undefined-behaviour errors on these paths, which one seed walks at three times a release run's
// cost; the seeds' breadth (where each kill lands) is the release pass's.
std::vector<std::uint32_t> seeds(std::initializer_list<std::uint32_t> all) {
#if defined(__SANITIZE_ADDRESS__)
  return {*all.begin()};
#else
  return all;
#endif
}

class SyncFaults : public ::testing::TestWithParam<HubStorage> {};

// Every test runs on both storages; PostgreSQL skips where it cannot run, and fails so under CI.
#define REQUIRE_STORAGE()                                                      \
  do {                                                                         \
    if (GetParam() == HubStorage::postgresql) PASSERELLE_REQUIRE_POSTGRESQL(); \
  } while (false)

// Enrolment codes work once (docs/sync.md): a lost answer costs a new code, so the faults start
// once every kiosk holds its token.
void await_enrolled(SyncCluster& cluster, const KioskProcess& kiosk) {
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  auto enrolled = [&] {
    for (const auto& status : SyncCluster::output_lines(kiosk.output, "STATUS "))
      if (status.find(" done ") != std::string::npos) return true;
    return false;
  };
  while (!enrolled() && std::chrono::steady_clock::now() < deadline) {
    const std::string died = cluster.hub_died();
    ASSERT_EQ(died, "");
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_TRUE(enrolled()) << kiosk.output;
}

TEST_P(SyncFaults, ConvergesThroughDroppedCutDelayedAndDuplicatedConnections) {
  REQUIRE_STORAGE();
  for (std::uint32_t seed : seeds({11u, 12u, 13u})) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    SyncCluster cluster(120, seed, GetParam());
    cluster.start_hub();
    for (unsigned k = 0; k < 3; ++k) {
      auto& kiosk = cluster.add_kiosk(seed * 10 + k);
      cluster.start_kiosk(kiosk, {"--ticket", cluster.enrolment_ticket(), "--scans", "80", "--pause-ms", "15"});
    }
    for (auto& kiosk : cluster.kiosks()) ASSERT_NO_FATAL_FAILURE(await_enrolled(cluster, kiosk));
    cluster.proxy().set_mix(kRough);
    for (auto& kiosk : cluster.kiosks()) ASSERT_NO_FATAL_FAILURE(await_done(cluster, kiosk));
    cluster.proxy().set_mix(FaultMix{});
    EXPECT_EQ(cluster.await_convergence(kConvergeSeconds), "");
    const auto counts = cluster.proxy().counts();
    EXPECT_GT(counts.cut + counts.refused + counts.duplicated, 0);
    report(cluster, "seed " + std::to_string(seed));
    expect_every_green_held(cluster);
    expect_same_attendance_everywhere(cluster);
    EXPECT_TRUE(cluster.quarantined_uuids().empty());
  }
}

TEST_P(SyncFaults, HubKilledAmidBatchesManyTimes) {
  REQUIRE_STORAGE();
  for (std::uint32_t seed : seeds({21u, 22u, 23u})) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    SyncCluster cluster(120, seed, GetParam());
    cluster.start_hub();
    for (unsigned k = 0; k < 2; ++k) {
      auto& kiosk = cluster.add_kiosk(seed * 10 + k);
      cluster.start_kiosk(kiosk, {"--ticket", cluster.enrolment_ticket(), "--scans", "150", "--pause-ms", "10"});
    }
    for (auto& kiosk : cluster.kiosks()) ASSERT_NO_FATAL_FAILURE(await_enrolled(cluster, kiosk));
    cluster.proxy().set_mix(FaultMix{.cut = 5, .duplicate = 5});
    std::mt19937 random(seed);
    int landed = 0;
    for (int kill = 0; kill < 10; ++kill) {
      std::this_thread::sleep_for(std::chrono::milliseconds(random() % 300));
      // The kill falls as the hub writes an upload: a kill of an idle hub proves nothing.
      if (cluster.kill_hub_while_writing(std::chrono::seconds(5))) ++landed;
      std::this_thread::sleep_for(std::chrono::milliseconds(random() % 300));
      cluster.start_hub();
    }
    std::cout << "[ faults   ] seed " << seed << ": " << landed << " of 10 hub kills fell while it wrote a batch\n";
    EXPECT_GE(landed, 5) << "at least half the kills must land amid a write";
    for (auto& kiosk : cluster.kiosks()) ASSERT_NO_FATAL_FAILURE(await_done(cluster, kiosk));
    cluster.proxy().set_mix(FaultMix{});
    EXPECT_EQ(cluster.await_convergence(kConvergeSeconds), "");
    report(cluster, "seed " + std::to_string(seed) + ", 10 hub kills, " + std::to_string(landed) + " amid a write");
    expect_every_green_held(cluster);
    expect_same_attendance_everywhere(cluster);
  }
}

TEST_P(SyncFaults, KiosksKilledAmidCommitsManyTimes) {
  REQUIRE_STORAGE();
  for (std::uint32_t seed : seeds({31u, 32u, 33u})) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    SyncCluster cluster(120, seed, GetParam());
    cluster.start_hub();
    for (unsigned k = 0; k < 2; ++k) {
      auto& kiosk = cluster.add_kiosk(seed * 10 + k);
      cluster.start_kiosk(kiosk, {"--ticket", cluster.enrolment_ticket(), "--scans", "1000", "--pause-ms", "5"});
    }
    for (auto& kiosk : cluster.kiosks()) ASSERT_NO_FATAL_FAILURE(await_enrolled(cluster, kiosk));
    cluster.proxy().set_mix(FaultMix{.cut = 5});
    std::mt19937 random(seed);
    for (int kill = 0; kill < 12; ++kill) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 400));
      auto& kiosk = cluster.kiosks()[random() % cluster.kiosks().size()];
      cluster.kill_kiosk(kiosk, SIGKILL);
      // A restart takes no ticket: the first run stored the enrolment in the database.
      cluster.start_kiosk(kiosk, {"--scans", "40", "--pause-ms", "5"});
    }
    for (auto& kiosk : cluster.kiosks()) {
      cluster.kill_kiosk(kiosk, SIGKILL);
      cluster.start_kiosk(kiosk, {"--scans", "5"});
    }
    // Their last scans done first: convergence can otherwise be seen between two scans, and a
    // scan after it counted as green but "missing" on the hub (seen on a loaded machine).
    for (auto& kiosk : cluster.kiosks()) ASSERT_NO_FATAL_FAILURE(await_done(cluster, kiosk));
    cluster.proxy().set_mix(FaultMix{});
    EXPECT_EQ(cluster.await_convergence(kConvergeSeconds), "");
    report(cluster, "seed " + std::to_string(seed) + ", 12 kiosk kills");
    expect_every_green_held(cluster);
    expect_same_attendance_everywhere(cluster);
  }
}

TEST_P(SyncFaults, AClockADayOffIsMeasuredAndWarned) {
  REQUIRE_STORAGE();
  SyncCluster cluster(40, 41, GetParam());
  cluster.start_hub();
  auto& skewed = cluster.add_kiosk(410);
  cluster.start_kiosk(skewed, {"--ticket", cluster.enrolment_ticket(), "--scans", "20", "--skew-ms", "86400000"});
  auto& plain = cluster.add_kiosk(411);
  cluster.start_kiosk(plain, {"--ticket", cluster.enrolment_ticket(), "--scans", "20"});
  for (auto& kiosk : cluster.kiosks()) ASSERT_NO_FATAL_FAILURE(await_done(cluster, kiosk));
  EXPECT_EQ(cluster.await_convergence(kConvergeSeconds), "");
  expect_every_green_held(cluster);
  // STATUS <link> <unsent> <enrolment> <offset> <doubles>: the last offset is about minus a day.
  const auto statuses = SyncCluster::output_lines(skewed.output, "STATUS ");
  ASSERT_FALSE(statuses.empty());
  std::istringstream last(statuses.back());
  std::string link, unsent, enrolment, offset;
  last >> link >> unsent >> enrolment >> offset;
  ASSERT_NE(offset, "-");
  EXPECT_NEAR(static_cast<double>(std::stoll(offset)), -86400000.0, 60000.0);
  const auto devices = cluster.hub_command({"devices"});
  EXPECT_TRUE(devices.ok) << devices.text;
}

TEST_P(SyncFaults, ARevokedDeviceKeepsItsEntriesForTheUsbStick) {
  REQUIRE_STORAGE();
  SyncCluster cluster(40, 51, GetParam());
  cluster.start_hub();
  auto& kiosk = cluster.add_kiosk(510);
  cluster.start_kiosk(kiosk, {"--ticket", cluster.enrolment_ticket(), "--scans", "3"});
  ASSERT_NO_FATAL_FAILURE(await_done(cluster, kiosk));
  ASSERT_EQ(cluster.await_convergence(kConvergeSeconds), "");
  // Offline, the kiosk goes on checking people in; meanwhile the organiser revokes it.
  cluster.proxy().set_mix(FaultMix{.refuse = 100});
  cluster.kill_kiosk(kiosk, SIGTERM);
  cluster.start_kiosk(kiosk, {"--scans", "30"});
  ASSERT_NO_FATAL_FAILURE(await_done(cluster, kiosk));
  std::string device_id;
  {
    auto opened = Store::open(kiosk.db);
    ASSERT_TRUE(opened);
    device_id = *opened->device_id();
  }
  auto revoked = cluster.hub_command({"revoke-device", device_id});
  ASSERT_TRUE(revoked.ok) << revoked.text;
  cluster.proxy().set_mix(FaultMix{});
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto statuses = SyncCluster::output_lines(kiosk.output, "STATUS revoked");
    if (!statuses.empty()) break;
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_FALSE(SyncCluster::output_lines(kiosk.output, "STATUS revoked").empty());
  cluster.kill_kiosk(kiosk, SIGTERM);
  const auto unsent = SyncCluster::unsent(kiosk.db);
  EXPECT_GT(unsent, 0) << "a revoked kiosk keeps what it could not send";
  std::cout << "[ stats    ] revoked with " << unsent << " unsent\n";

  const auto file = kiosk.db.string() + ".jsonl";
  const auto exported = run_command(shell_quote(PASSERELLE_SYNC_KIOSK_BINARY) + " --db " + shell_quote(kiosk.db) +
                                    " --export " + shell_quote(file) + " 2>&1");
  ASSERT_TRUE(exported.ok) << exported.text;
  auto imported = cluster.hub_command({"import-journal", file});
  ASSERT_TRUE(imported.ok) << imported.text;
  const auto after_first = cluster.hub_journal_uuids();
  imported = cluster.hub_command({"import-journal", file});
  ASSERT_TRUE(imported.ok) << imported.text;
  EXPECT_EQ(cluster.hub_journal_uuids(), after_first) << "importing twice changes nothing";
  expect_every_green_held(cluster);
  EXPECT_EQ(SyncCluster::journal_uuids(kiosk.db), after_first);
}

TEST_P(SyncFaults, AClonedDiskIsQuarantinedAndAlertedNeverLost) {
  REQUIRE_STORAGE();
  SyncCluster cluster(60, 61, GetParam());
  cluster.start_hub();
  auto& original = cluster.add_kiosk(610);
  cluster.start_kiosk(original, {"--ticket", cluster.enrolment_ticket(), "--scans", "5"});
  ASSERT_NO_FATAL_FAILURE(await_done(cluster, original));
  ASSERT_EQ(cluster.await_convergence(kConvergeSeconds), "");
  cluster.kill_kiosk(original, SIGTERM);
  // The disk image is copied to a second box: same device id, same token, same sequence numbers.
  auto& clone = cluster.add_kiosk(611);
  std::filesystem::copy_file(original.db, clone.db, std::filesystem::copy_options::overwrite_existing);
  cluster.start_kiosk(original, {"--scans", "20"});
  cluster.start_kiosk(clone, {"--scans", "20"});
  ASSERT_NO_FATAL_FAILURE(await_done(cluster, original));
  ASSERT_NO_FATAL_FAILURE(await_done(cluster, clone));
  const auto deadline = std::chrono::steady_clock::now() + 90s;
  while (std::chrono::steady_clock::now() < deadline &&
         (SyncCluster::unsent(original.db) != 0 || SyncCluster::unsent(clone.db) != 0))
    std::this_thread::sleep_for(250ms);
  EXPECT_EQ(SyncCluster::unsent(original.db), 0) << "no kiosk stalls on the clash";
  EXPECT_EQ(SyncCluster::unsent(clone.db), 0);
  report(cluster, "cloned disk");
  expect_every_green_held(cluster, /*allow_quarantine=*/true);
  // Every entry either box wrote, green or not, is on the hub or in quarantine: nothing was
  // acknowledged that the hub does not hold (a kiosk once took the hub's answer for the clone's
  // entries as its own and skipped one).
  const auto held = cluster.hub_journal_uuids();
  const auto quarantined = cluster.quarantined_uuids();
  std::size_t unheld = 0;
  for (const auto* box : {&original, &clone})
    for (const auto& uuid : SyncCluster::journal_uuids(box->db))
      if (!held.contains(uuid) && !quarantined.contains(uuid)) ++unheld;
  EXPECT_EQ(unheld, 0u) << "entries written on the two boxes but neither stored nor quarantined";
  // The boxes wrote 20 each under the same numbers: one side of each number is quarantined.
  EXPECT_EQ(quarantined.size(), 20u);
  const auto quarantine = cluster.hub_command({"quarantine"});
  EXPECT_TRUE(quarantine.ok) << quarantine.text;
  EXPECT_NE(quarantine.text.find("sequence_conflict"), std::string::npos) << quarantine.text;
}

INSTANTIATE_TEST_SUITE_P(Storage, SyncFaults, ::testing::Values(HubStorage::sqlite, HubStorage::postgresql),
                         [](const ::testing::TestParamInfo<HubStorage>& storage) {
                           return storage.param == HubStorage::sqlite ? "Sqlite" : "PostgreSql";
                         });

}  // namespace
}  // namespace passerelle::testing
