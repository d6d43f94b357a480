// The door's clock: what the check-in decision takes "now" and "today" to be, and the clock faults
// it notices on the way (docs/CLOCKS.md says why these rules).
//
// A kiosk may boot with no real-time clock, with a date a year off, or have its clock stepped back
// an hour mid-day. The journal keeps every raw clock reading as it was (entries are immutable and
// reports correct them by the hub's measured offset), so the rules never trust a reading to order
// or to date a device's own entries:
//   - a device's own entries are ordered by their sequence number (Store::attendance_mark);
//   - the day a scan counts on never goes back behind the day of the device's newest entry;
//   - a clock is trusted when a time source set it since boot, or staff confirmed its date on the
//     staff screen this boot; a trusted clock's day outside the event's days is refused
//     (Outcome::not_event_day), unless the store is in rehearsal mode;
//   - on a clock not trusted, a date outside the event's days (with a day's margin) is
//     "implausible", and the staff screen says so; once the event is under way (the journal holds
//     an entry dated within its days), today is then unknown, and a once-per-day checkpoint
//     pauses rather than guess it. Before that nothing says the clock is wrong, and the door
//     admits on the day the clock gives: staff confirming the date makes it refuse.
//
// Thread safety: read_door_time uses its Store from the calling thread; a ClockWatch belongs to one
// thread (the check-in worker's). Failure: Result with the store's errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/store/store.h"
#include "core/util/result.h"

namespace passerelle {

// A jump of the wall clock against the monotonic clock (or behind the newest own entry) larger
// than this is a fault, as the sync offset warning (docs/sync.md, "Clock") uses.
inline constexpr std::int64_t kClockJumpThresholdMs = 2 * 60 * 1000;
// A date this many days before the event's first day or after its last is not believed.
inline constexpr int kPlausibleMarginDays = 1;

struct ClockJump {
  bool back = true;
  std::int64_t size_ms = 0;
  std::int64_t at_ms = 0;  // what the clock would have said without the jump, when it was noticed
};

// The last clock reading of this process: within one boot the monotonic clock is comparable, so a
// jump is measured, not guessed. Not thread-safe: one per check-in worker.
class ClockWatch {
 public:
  // The jump since the previous reading, if larger than kClockJumpThresholdMs.
  std::optional<ClockJump> observe(std::int64_t wall_ms, std::int64_t monotonic_ns);

 private:
  std::optional<std::int64_t> last_wall_ms_;
  std::int64_t last_monotonic_ns_ = 0;
};

struct DoorTime {
  std::int64_t wall_ms = 0;  // the raw reading: stored as it is
  std::int64_t monotonic_ns = 0;
  std::string raw_day;         // the event-local day of the raw reading
  std::string day;             // the day the rules count this scan on (see above)
  bool date_plausible = true;  // raw_day within the event's days, give or take the margin
  bool day_unknown = false;    // implausible while the event is under way, on a clock not trusted
  // A time source set the clock since boot, or staff confirmed its date this boot and it has not
  // jumped since (confirm_clock_date): only then is a day outside the event's refused as such.
  bool clock_trusted = false;
  bool event_day = true;          // `day` is one of the event's days (or the event names none)
  std::string first_day;          // the event's
  std::string last_day;           //
  std::optional<ClockJump> jump;  // noticed by this reading (recorded under kClockFaultKey)
};

// The local_state key of the last clock jump noticed: "back|forward <size_ms> <at_ms>".
inline constexpr const char* kClockFaultKey = "clock_fault";

// Reads the clock once for a decision on `event_id`, compares it with the event's days, the
// device's newest entry and `watch` (may be null), and records a jump it notices under
// kClockFaultKey (inside the caller's transaction, if one is open).
Result<DoorTime> read_door_time(Store& store, std::int64_t event_id, ClockWatch* watch);

// The local_state key of staff's confirmation of the date: "<boot id> <wall_ms> <monotonic_ns>".
inline constexpr const char* kDateConfirmedKey = "date_confirmed";

// Staff say the clock's date is right (the staff screen): until the next boot, or until the clock
// jumps by more than kClockJumpThresholdMs against the monotonic clock, the door trusts it as if a
// time source had set it. Fails with the store's errors, or Errc::unsupported when the boot
// cannot be named (nothing would end the confirmation).
Status confirm_clock_date(Store& store);
// Whether the clock is trusted now: synchronised, or confirmed for this boot and not stepped since.
Result<bool> clock_trusted(Store& store);

// The last jump recorded by read_door_time, if any.
Result<std::optional<ClockJump>> last_clock_jump(Store& store);

// "YYYY-MM-DD" moved by `days`; the text itself if it is no date.
std::string add_days(std::string_view day, int days);

}  // namespace passerelle
