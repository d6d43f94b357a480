// The "before the doors open" checklist (docs/OPERATIONS.md), as the staff screen's Checks section
// shows it: one line per thing checked, with a level and the one thing to do about it, computed
// from what the kiosk already knows (KioskState) so that it is the same facts as the other sections.
//
// Thread safety: pure functions of their arguments. Failure: none; what is not known yet (a disk
// not measured, a clock not read) is a warning that says so.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/model/kiosk_state.h"

namespace passerelle::kiosk {

// Below these the disk check warns, then calls it a problem. The journal grows by about 300 bytes
// per check-in (a 5,000-person day is ~1.5 MB with its indexes), so the figures are not about the
// day's entries: they leave room for what else writes there (logs, a registry download of
// thousands of participants, exports to a USB stick are made from it) and for SQLite's WAL, which
// holds every page written since the last checkpoint and needs the room to copy them back; a disk
// that fills mid-checkpoint stops all writes, and the kiosk then shows "out of order".
inline constexpr std::uint64_t kDiskWarningBytes = 1ULL << 30;          // 1 GiB
inline constexpr std::uint64_t kDiskProblemBytes = 200ULL * (1 << 20);  // 200 MiB

enum class CheckLevel { ok, warning, problem };

struct ReadinessCheck {
  std::string subject;  // translation key: what was checked ("staff.checks.camera")
  std::string device;   // shown after the subject as is (a scanner's device path); may be empty
  CheckLevel level = CheckLevel::ok;
  std::string finding;  // translation key: what was found
  std::string action;   // translation key: the one thing to do
  // The {name} placeholders of `finding` and `action`: device names, counts, times. No personal data
  // (a test read's code is cut to its first characters).
  std::vector<std::pair<std::string, std::string>> values;
};

// In this order: camera, each scanner (or none configured), the test read, hub link, clock, date,
// disk space, database. `now_ms` is monotonic, as KioskState::now_ms.
std::vector<ReadinessCheck> readiness_checks(const KioskState& state, std::int64_t now_ms);

// The worst level among `checks` (ok for none).
CheckLevel overall_level(const std::vector<ReadinessCheck>& checks);

// "812 MiB", "1.4 GiB", "37 GiB": binary units, as the thresholds above.
std::string format_bytes(std::uint64_t bytes);

// The first characters of a scanned code, printable ASCII only, with "…" when cut: enough to tell
// two badges apart on the staff screen, not enough to rebuild one.
std::string code_start(std::string_view code);

}  // namespace passerelle::kiosk
