#include "kiosk/model/readiness.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "kiosk/model/store_failure.h"

namespace passerelle::kiosk {
namespace {

// Enough to tell badges apart by eye; a signed token is ~100 characters.
constexpr std::size_t kCodeStartChars = 12;

ReadinessCheck check(std::string subject, CheckLevel level, std::string finding, std::string action,
                     std::vector<std::pair<std::string, std::string>> values = {}) {
  ReadinessCheck c;
  c.subject = "staff.checks." + subject;
  c.level = level;
  c.finding = "staff.checks." + finding;
  c.action = "staff.checks." + action;
  c.values = std::move(values);
  return c;
}

ReadinessCheck camera_check(const DeviceInfo& device) {
  // The description names the camera, then any scanners ("; ..."): the camera's part only.
  const std::string source = device.source_description.substr(0, device.source_description.find(';'));
  switch (device.camera) {
    case CameraStatus::running:
      return check("camera", CheckLevel::ok, "camera_running", "camera_running_do", {{"source", source}});
    case CameraStatus::starting:
      return check("camera", CheckLevel::warning, "camera_starting", "camera_starting_do", {{"source", source}});
    case CameraStatus::lost:
      return check("camera", CheckLevel::problem, "camera_lost", "camera_lost_do", {{"source", source}});
    case CameraStatus::none:
      break;
  }
  return check("camera", CheckLevel::warning, "camera_none", "camera_none_do");
}

std::string_view scanner_subject(ScannerStatus::Kind kind) {
  switch (kind) {
    case ScannerStatus::Kind::wedge:
      return "scanner_wedge";
    case ScannerStatus::Kind::evdev:
      return "scanner_evdev";
    case ScannerStatus::Kind::serial:
      return "scanner_serial";
  }
  return "scanner_wedge";
}

ReadinessCheck scanner_check(const ScannerStatus& scanner) {
  const std::string subject(scanner_subject(scanner.kind));
  ReadinessCheck c;
  if (scanner.kind == ScannerStatus::Kind::wedge) {
    c = check(subject, CheckLevel::ok, "scanner_wedge_ready", "scan_to_test");
  } else {
    switch (scanner.state) {
      case ScannerStatus::State::open:
        c = check(subject, CheckLevel::ok, "scanner_open", "scan_to_test");
        break;
      case ScannerStatus::State::starting:
        c = check(subject, CheckLevel::warning, "scanner_starting", "scanner_starting_do");
        break;
      case ScannerStatus::State::lost:
        c = check(subject, CheckLevel::problem, "scanner_lost", "scanner_lost_do", {{"detail", scanner.detail}});
        break;
    }
  }
  c.device = scanner.device;
  return c;
}

ReadinessCheck test_read_check(const DeviceInfo& device) {
  if (!device.last_test_read) return check("test_read", CheckLevel::warning, "test_read_none", "test_read_none_do");
  const TestRead& read = *device.last_test_read;
  return check("test_read", CheckLevel::ok, read.wedge ? "test_read_wedge" : "test_read_done", "test_read_done_do",
               {{"code", read.code_start}, {"source", read.source}, {"time", read.local_time}});
}

ReadinessCheck hub_check(const SyncStatus& sync) {
  const std::string unsent = std::to_string(sync.unsent);
  const std::string last = sync.last_sync_ms ? sync.last_sync_local : "-";
  switch (sync.link) {
    case SyncLink::not_enrolled:
      return check("hub", CheckLevel::warning, "hub_not_enrolled", "hub_not_enrolled_do");
    case SyncLink::connecting:
      return check("hub", CheckLevel::warning, "hub_connecting", "hub_connecting_do", {{"hub", sync.hub_url}});
    case SyncLink::online:
      return check("hub", CheckLevel::ok, "hub_online", "nothing_to_do", {{"time", last}, {"unsent", unsent}});
    case SyncLink::offline:
      return check("hub", CheckLevel::warning, "hub_offline", "hub_offline_do",
                   {{"error", sync.last_error}, {"time", last}, {"unsent", unsent}});
    case SyncLink::revoked:
    case SyncLink::unauthorised:
      return check("hub", CheckLevel::problem, "hub_revoked", "hub_revoked_do", {{"unsent", unsent}});
  }
  return check("hub", CheckLevel::warning, "hub_not_enrolled", "hub_not_enrolled_do");
}

// The clock against the hub's, then its own jumps (core/checkin/door_clock.h).
ReadinessCheck clock_check(const SyncStatus& sync, const ClockStatus& clock) {
  if (sync.clock_warning()) {
    const std::int64_t minutes = (std::abs(*sync.clock_offset_ms) + 30'000) / 60'000;
    // offset = hub - kiosk: positive means this kiosk's clock is behind.
    return check("clock", CheckLevel::warning, *sync.clock_offset_ms > 0 ? "clock_behind" : "clock_ahead",
                 "clock_off_do", {{"minutes", std::to_string(minutes)}});
  }
  if (clock.jumped)
    return check("clock", CheckLevel::warning, clock.jump_back ? "clock_went_back" : "clock_went_forward",
                 "clock_jumped_do", {{"minutes", std::to_string(clock.jump_minutes)}, {"time", clock.jump_at}});
  if (!sync.clock_offset_ms) return check("clock", CheckLevel::ok, "clock_not_compared", "nothing_to_do");
  return check("clock", CheckLevel::ok, "clock_in_step", "nothing_to_do");
}

// The date section's facts (staff_date.cpp), most pressing first.
ReadinessCheck date_check(const ClockStatus& clock, const RehearsalStatus& rehearsal) {
  const std::string days =
      clock.first_day == clock.last_day ? clock.first_day : clock.first_day + " – " + clock.last_day;
  const std::vector<std::pair<std::string, std::string>> values{{"day", clock.raw_day}, {"days", days}};
  if (!clock.known) return check("date", CheckLevel::warning, "date_unknown", "date_unknown_do");
  if ((clock.trusted && !clock.event_day) || !clock.date_plausible)
    return check("date", CheckLevel::problem, "date_not_event_day", "date_not_event_day_do", values);
  if (rehearsal.on) return check("date", CheckLevel::warning, "date_rehearsal", "date_rehearsal_do", values);
  if (!clock.trusted) return check("date", CheckLevel::warning, "date_unconfirmed", "date_unconfirmed_do", values);
  return check("date", CheckLevel::ok, "date_event_day", "nothing_to_do", values);
}

ReadinessCheck disk_check(const DeviceInfo& device) {
  if (!device.free_bytes) return check("disk", CheckLevel::warning, "disk_unknown", "disk_unknown_do");
  const std::vector<std::pair<std::string, std::string>> values{{"free", format_bytes(*device.free_bytes)}};
  if (*device.free_bytes < kDiskProblemBytes)
    return check("disk", CheckLevel::problem, "disk_full", "disk_full_do", values);
  if (*device.free_bytes < kDiskWarningBytes)
    return check("disk", CheckLevel::warning, "disk_low", "disk_low_do", values);
  return check("disk", CheckLevel::ok, "disk_ok", "nothing_to_do", values);
}

ReadinessCheck database_check(const KioskState& state, std::int64_t now_ms) {
  const DeviceInfo& device = state.device;
  const std::vector<std::pair<std::string, std::string>> values{
      {"entries", std::to_string(device.journal_entries)},
      {"participants", std::to_string(device.participants)},
      {"seconds", std::to_string(std::max<std::int64_t>(0, (now_ms - device.registry_read_ms) / 1000))}};
  // The check-in worker's failure is the one the door sees: it comes first.
  if (!state.fatal_reason.empty()) {
    ReadinessCheck c = check("database", CheckLevel::problem, "", "call_technician", values);
    c.finding = "out_of_order.reason." + state.fatal_reason;
    return c;
  }
  if (!device.registry_error.empty()) {
    ReadinessCheck c = check("database", CheckLevel::problem, "", "call_technician", values);
    c.finding = "out_of_order.reason." + device.registry_error;
    return c;
  }
  if (device.registry_read_ms < 0) return check("database", CheckLevel::warning, "database_unread", "disk_unknown_do");
  if (device.participants == 0)
    return check("database", CheckLevel::warning, "database_no_participants", "call_technician", values);
  return check("database", CheckLevel::ok, "database_ok", "nothing_to_do", values);
}

}  // namespace

std::vector<ReadinessCheck> readiness_checks(const KioskState& state, std::int64_t now_ms) {
  std::vector<ReadinessCheck> checks;
  checks.push_back(camera_check(state.device));
  for (const auto& scanner : state.device.scanners) checks.push_back(scanner_check(scanner));
  if (state.device.scanners.empty())
    checks.push_back(check("scanners", CheckLevel::warning, "scanners_none", "scanners_none_do"));
  checks.push_back(test_read_check(state.device));
  checks.push_back(hub_check(state.sync));
  checks.push_back(clock_check(state.sync, state.clock));
  checks.push_back(date_check(state.clock, state.rehearsal));
  checks.push_back(disk_check(state.device));
  checks.push_back(database_check(state, now_ms));
  return checks;
}

CheckLevel overall_level(const std::vector<ReadinessCheck>& checks) {
  CheckLevel worst = CheckLevel::ok;
  for (const auto& c : checks) worst = std::max(worst, c.level);
  return worst;
}

std::string format_bytes(std::uint64_t bytes) {
  constexpr double kMiB = 1024.0 * 1024.0;
  constexpr double kGiB = kMiB * 1024.0;
  char text[32];
  const double value = static_cast<double>(bytes);
  if (value >= 10 * kGiB)
    std::snprintf(text, sizeof text, "%.0f GiB", value / kGiB);
  else if (value >= kGiB)
    std::snprintf(text, sizeof text, "%.1f GiB", value / kGiB);
  else
    std::snprintf(text, sizeof text, "%.0f MiB", value / kMiB);
  return text;
}

std::string code_start(std::string_view code) {
  std::string start;
  for (const char c : code) {
    if (start.size() == kCodeStartChars) return start + "…";
    start.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  }
  return start;
}

}  // namespace passerelle::kiosk
