// The "before the doors open" checklist (kiosk/model/readiness.h): each check in each of its
// states, from a KioskState as the workers leave it; and the reasons the out-of-order screen gives
// staff for a failed store (kiosk/model/store_failure.h).
#include "kiosk/model/readiness.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "kiosk/model/store_failure.h"

namespace passerelle::kiosk {
namespace {

// A kiosk ready for the doors: camera running, a wedge, online, clock in step on an event day,
// 20 GiB free, the registry read a second ago.
KioskState ready_state() {
  KioskState state;
  state.now_ms = 100'000;
  state.device.camera = CameraStatus::running;
  state.device.source_description = "camera at /dev/video0 (1280x720 MJPEG); scanner at /dev/ttyACM0";
  state.device.scanners = {{ScannerStatus::Kind::wedge, "", ScannerStatus::State::open, ""}};
  state.device.last_test_read = TestRead{"PSL1.AbCdEfG…", "", "08:41:07", true};
  state.device.free_bytes = 20ULL << 30;
  state.device.registry_read_ms = 99'000;
  state.device.journal_entries = 12;
  state.device.participants = 360;
  state.sync.link = SyncLink::online;
  state.sync.enrolled = true;
  state.sync.last_sync_ms = 1;
  state.sync.last_sync_local = "08:40";
  state.sync.clock_offset_ms = 1200;
  state.clock.known = true;
  state.clock.trusted = true;
  state.clock.synchronised = true;
  state.clock.raw_day = "2026-12-08";
  state.clock.first_day = "2026-12-08";
  state.clock.last_day = "2026-12-09";
  return state;
}

const ReadinessCheck& find(const std::vector<ReadinessCheck>& checks, std::string_view subject) {
  const auto found = std::find_if(checks.begin(), checks.end(), [&](const ReadinessCheck& c) {
    return c.subject == "staff.checks." + std::string(subject);
  });
  if (found == checks.end()) throw std::runtime_error("no check " + std::string(subject));
  return *found;
}

ReadinessCheck only(const KioskState& state, std::string_view subject) {
  return find(readiness_checks(state, state.now_ms), subject);
}

std::string value(const ReadinessCheck& check, std::string_view name) {
  for (const auto& [key, text] : check.values)
    if (key == name) return text;
  return "<none>";
}

TEST(Readiness, AReadyKioskIsAllGreenInTheDocumentedOrder) {
  const KioskState state = ready_state();
  const auto checks = readiness_checks(state, state.now_ms);
  std::vector<std::string> subjects;
  for (const auto& check : checks) {
    subjects.push_back(check.subject);
    EXPECT_EQ(check.level, CheckLevel::ok) << check.subject << ": " << check.finding;
    EXPECT_FALSE(check.finding.empty());
    EXPECT_FALSE(check.action.empty());
  }
  EXPECT_EQ(subjects, (std::vector<std::string>{"staff.checks.camera", "staff.checks.scanner_wedge",
                                                "staff.checks.test_read", "staff.checks.hub", "staff.checks.clock",
                                                "staff.checks.date", "staff.checks.disk", "staff.checks.database"}));
  EXPECT_EQ(overall_level(checks), CheckLevel::ok);
}

TEST(Readiness, CameraRunningStartingLostOrNone) {
  KioskState state = ready_state();
  auto camera = only(state, "camera");
  EXPECT_EQ(camera.finding, "staff.checks.camera_running");
  EXPECT_EQ(value(camera, "source"), "camera at /dev/video0 (1280x720 MJPEG)") << "the scanners are listed apart";
  state.device.camera = CameraStatus::starting;
  EXPECT_EQ(only(state, "camera").level, CheckLevel::warning);
  state.device.camera = CameraStatus::lost;
  camera = only(state, "camera");
  EXPECT_EQ(camera.level, CheckLevel::problem);
  EXPECT_EQ(camera.finding, "staff.checks.camera_lost");
  EXPECT_EQ(camera.action, "staff.checks.camera_lost_do");
  state.device.camera = CameraStatus::none;
  camera = only(state, "camera");
  EXPECT_EQ(camera.level, CheckLevel::warning);
  EXPECT_EQ(camera.finding, "staff.checks.camera_none");
}

TEST(Readiness, EachConfiguredScannerHasItsLineWithItsDevice) {
  KioskState state = ready_state();
  state.device.scanners.push_back(
      {ScannerStatus::Kind::evdev, "/dev/input/event7", ScannerStatus::State::starting, ""});
  state.device.scanners.push_back(
      {ScannerStatus::Kind::serial, "/dev/ttyACM0", ScannerStatus::State::lost, "permission denied"});
  const auto checks = readiness_checks(state, state.now_ms);
  EXPECT_EQ(find(checks, "scanner_wedge").level, CheckLevel::ok);
  EXPECT_EQ(find(checks, "scanner_wedge").action, "staff.checks.scan_to_test");
  const auto& evdev = find(checks, "scanner_evdev");
  EXPECT_EQ(evdev.level, CheckLevel::warning);
  EXPECT_EQ(evdev.device, "/dev/input/event7");
  const auto& serial = find(checks, "scanner_serial");
  EXPECT_EQ(serial.level, CheckLevel::problem);
  EXPECT_EQ(serial.finding, "staff.checks.scanner_lost");
  EXPECT_EQ(value(serial, "detail"), "permission denied");
  EXPECT_EQ(overall_level(checks), CheckLevel::problem);

  state.device.scanners[2].state = ScannerStatus::State::open;
  EXPECT_EQ(only(state, "scanner_serial").level, CheckLevel::ok);
  EXPECT_EQ(only(state, "scanner_serial").finding, "staff.checks.scanner_open");

  state.device.scanners.clear();
  EXPECT_EQ(only(state, "scanners").level, CheckLevel::warning);
  EXPECT_EQ(only(state, "scanners").finding, "staff.checks.scanners_none");
}

TEST(Readiness, TheTestReadSaysWhatWasReadWhereAndWhen) {
  KioskState state = ready_state();
  auto read = only(state, "test_read");
  EXPECT_EQ(read.finding, "staff.checks.test_read_wedge");
  EXPECT_EQ(value(read, "code"), "PSL1.AbCdEfG…");
  EXPECT_EQ(value(read, "time"), "08:41:07");
  state.device.last_test_read = TestRead{"PSL1.x", "scanner at /dev/ttyACM0", "08:42:00", false};
  read = only(state, "test_read");
  EXPECT_EQ(read.finding, "staff.checks.test_read_done");
  EXPECT_EQ(value(read, "source"), "scanner at /dev/ttyACM0");
  state.device.last_test_read.reset();
  read = only(state, "test_read");
  EXPECT_EQ(read.level, CheckLevel::warning);
  EXPECT_EQ(read.finding, "staff.checks.test_read_none");
}

TEST(Readiness, HubLinkInEachState) {
  KioskState state = ready_state();
  state.sync.unsent = 3;
  auto hub = only(state, "hub");
  EXPECT_EQ(hub.finding, "staff.checks.hub_online");
  EXPECT_EQ(value(hub, "time"), "08:40");
  EXPECT_EQ(value(hub, "unsent"), "3");

  state.sync.link = SyncLink::not_enrolled;
  EXPECT_EQ(only(state, "hub").level, CheckLevel::warning);
  EXPECT_EQ(only(state, "hub").finding, "staff.checks.hub_not_enrolled");
  state.sync.link = SyncLink::connecting;
  EXPECT_EQ(only(state, "hub").level, CheckLevel::warning);
  state.sync.link = SyncLink::offline;
  state.sync.last_error = "connection refused";
  hub = only(state, "hub");
  EXPECT_EQ(hub.level, CheckLevel::warning);
  EXPECT_EQ(value(hub, "error"), "connection refused");
  state.sync.last_sync_ms.reset();
  EXPECT_EQ(value(only(state, "hub"), "time"), "-") << "never synced";
  for (const SyncLink link : {SyncLink::revoked, SyncLink::unauthorised}) {
    state.sync.link = link;
    EXPECT_EQ(only(state, "hub").level, CheckLevel::problem);
    EXPECT_EQ(only(state, "hub").action, "staff.checks.hub_revoked_do");
  }
}

TEST(Readiness, ClockAgainstTheHubAndItsJumps) {
  KioskState state = ready_state();
  EXPECT_EQ(only(state, "clock").finding, "staff.checks.clock_in_step");
  state.sync.clock_offset_ms.reset();
  EXPECT_EQ(only(state, "clock").level, CheckLevel::ok) << "a kiosk without a hub is not warned for it twice";
  EXPECT_EQ(only(state, "clock").finding, "staff.checks.clock_not_compared");
  state.sync.clock_offset_ms = 5 * 60'000;  // hub minus kiosk: this kiosk is behind
  auto clock = only(state, "clock");
  EXPECT_EQ(clock.level, CheckLevel::warning);
  EXPECT_EQ(clock.finding, "staff.checks.clock_behind");
  EXPECT_EQ(value(clock, "minutes"), "5");
  state.sync.clock_offset_ms = -3 * 60'000;
  EXPECT_EQ(only(state, "clock").finding, "staff.checks.clock_ahead");
  state.sync.clock_offset_ms = 0;
  state.clock.jumped = true;
  state.clock.jump_minutes = 62;
  state.clock.jump_at = "07:58";
  clock = only(state, "clock");
  EXPECT_EQ(clock.level, CheckLevel::warning);
  EXPECT_EQ(clock.finding, "staff.checks.clock_went_back");
  EXPECT_EQ(value(clock, "time"), "07:58");
  state.clock.jump_back = false;
  EXPECT_EQ(only(state, "clock").finding, "staff.checks.clock_went_forward");
}

TEST(Readiness, DateReusesTheDateSectionsFacts) {
  KioskState state = ready_state();
  auto date = only(state, "date");
  EXPECT_EQ(date.finding, "staff.checks.date_event_day");
  EXPECT_EQ(value(date, "day"), "2026-12-08");
  EXPECT_EQ(value(date, "days"), "2026-12-08 – 2026-12-09");

  state.clock.trusted = false;
  state.clock.synchronised = false;
  date = only(state, "date");
  EXPECT_EQ(date.level, CheckLevel::warning);
  EXPECT_EQ(date.finding, "staff.checks.date_unconfirmed");

  state.rehearsal.on = true;
  EXPECT_EQ(only(state, "date").finding, "staff.checks.date_rehearsal");

  state.clock.date_plausible = false;
  EXPECT_EQ(only(state, "date").level, CheckLevel::problem) << "a date a year off beats rehearsal";
  state.clock.date_plausible = true;
  state.clock.trusted = true;
  state.clock.event_day = false;
  EXPECT_EQ(only(state, "date").finding, "staff.checks.date_not_event_day");

  state.clock = ClockStatus{};
  EXPECT_EQ(only(state, "date").finding, "staff.checks.date_unknown");
  EXPECT_EQ(only(state, "date").level, CheckLevel::warning);
}

TEST(Readiness, DiskSpaceWarnsBelowOneGibibyteAndFailsBelowTwoHundredMebibytes) {
  KioskState state = ready_state();
  EXPECT_EQ(value(only(state, "disk"), "free"), "20 GiB");
  state.device.free_bytes = kDiskWarningBytes;
  EXPECT_EQ(only(state, "disk").level, CheckLevel::ok);
  state.device.free_bytes = kDiskWarningBytes - 1;
  EXPECT_EQ(only(state, "disk").level, CheckLevel::warning);
  EXPECT_EQ(only(state, "disk").finding, "staff.checks.disk_low");
  state.device.free_bytes = kDiskProblemBytes - 1;
  EXPECT_EQ(only(state, "disk").level, CheckLevel::problem);
  EXPECT_EQ(value(only(state, "disk"), "free"), "200 MiB");
  state.device.free_bytes.reset();
  EXPECT_EQ(only(state, "disk").level, CheckLevel::warning);
  EXPECT_EQ(only(state, "disk").finding, "staff.checks.disk_unknown");
}

TEST(Readiness, DatabaseReadFailedUnreadEmptyOrOutOfOrder) {
  KioskState state = ready_state();
  auto database = only(state, "database");
  EXPECT_EQ(database.finding, "staff.checks.database_ok");
  EXPECT_EQ(value(database, "seconds"), "1");
  EXPECT_EQ(value(database, "entries"), "12");

  state.device.participants = 0;
  EXPECT_EQ(only(state, "database").level, CheckLevel::warning);
  state.device.participants = 360;

  state.device.registry_error = "locked";
  database = only(state, "database");
  EXPECT_EQ(database.level, CheckLevel::problem);
  EXPECT_EQ(database.finding, "out_of_order.reason.locked");
  state.device.registry_error.clear();

  state.fatal_reason = "disk_full";
  EXPECT_EQ(only(state, "database").finding, "out_of_order.reason.disk_full") << "what the door sees";
  state.fatal_reason.clear();

  state.device.registry_read_ms = -1;
  EXPECT_EQ(only(state, "database").finding, "staff.checks.database_unread");
}

TEST(Readiness, BytesAndCodeStarts) {
  EXPECT_EQ(format_bytes(812ULL << 20), "812 MiB");
  EXPECT_EQ(format_bytes(3ULL << 29), "1.5 GiB");
  EXPECT_EQ(format_bytes(37ULL << 30), "37 GiB");
  EXPECT_EQ(code_start("SHORT"), "SHORT");
  EXPECT_EQ(code_start("PSL1.0123456789abcdef"), "PSL1.0123456…");
  EXPECT_EQ(code_start("a\x1b[2Jb"), "a?[2Jb") << "no escape sequence reaches the screen";
}

TEST(StoreFailure, ReasonsStaffCanActOn) {
  EXPECT_EQ(store_failure_reason({Errc::io, "kiosk.db: database or disk is full"}), "disk_full");
  // The UI test's full disk is a trigger's RAISE: a constraint, by SQLite's words a full disk.
  EXPECT_EQ(store_failure_reason({Errc::conflict, "database or disk is full"}), "disk_full");
  EXPECT_EQ(store_failure_reason({Errc::busy, "database is locked"}), "locked");
  EXPECT_EQ(store_failure_reason({Errc::database, "database disk image is malformed"}), "damaged");
  EXPECT_EQ(store_failure_reason({Errc::invalid_input, "file is not a database"}), "damaged");
  EXPECT_EQ(store_failure_reason({Errc::io, "attempt to write a readonly database"}), "read_only");
  EXPECT_EQ(store_failure_reason({Errc::io, "cannot open /var/lib/x.db: unable to open database file"}), "missing");
  EXPECT_EQ(store_failure_reason({Errc::not_found, "no kiosk database at /x.db"}), "missing");
  EXPECT_EQ(store_failure_reason({Errc::unsupported, "x.db has schema version 99"}), "newer");
  EXPECT_EQ(store_failure_reason({Errc::io, "disk I/O error"}), "io");
  EXPECT_EQ(store_failure_reason({Errc::database, "something else"}), "unknown");
}

}  // namespace
}  // namespace passerelle::kiosk
