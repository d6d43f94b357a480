// The check-in decision: from a scanned text (or a staff member's pick) to exactly one outcome
// of DESIGN.md's list, journaled. The kiosk, the hub's `checkin` command and the tests all go
// through this one path.
//
// Thread safety: a CheckinService uses its Store from the calling thread only.
// Durability: scan() returns Ok only after the journal entry's COMMIT returned; the caller may
// then show the outcome. An error means nothing was stored and nothing may be shown as accepted.
// Clock: the decision reads the clock once through read_door_time (door_clock.h); with a date
// outside the event's days on a clock not trusted, a once-per-day checkpoint answers Errc::conflict
// and stores nothing; on a trusted clock a day that is not the event's is refused as not_event_day.
// Rehearsal: a Store in rehearsal mode decides against rehearsal scans and never refuses a day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/checkin/door_clock.h"
#include "core/model/checkpoint.h"
#include "core/model/outcome.h"
#include "core/model/participant.h"
#include "core/store/store.h"
#include "core/util/result.h"

namespace passerelle {

struct CheckinRequest {
  std::int64_t event_id = 0;
  std::int64_t checkpoint_id = 0;
  Direction direction = Direction::entry;             // meaningful at in/out checkpoints only
  std::string code;                                   // the scanned text; ignored for manual check-ins
  std::optional<std::int64_t> manual_participant_id;  // staff picked the person by search
  std::string operator_name;                          // required with manual_participant_id
};

struct CheckinResult {
  Outcome outcome = Outcome::unknown_code;
  std::optional<Participant> participant;  // known for every outcome after unknown_code
  JournalEntry entry;                      // as stored
  // For already_checked_in: the earlier entry that used the rule up (when, where, which device).
  std::optional<AttendanceMark> previous;
  std::string previous_checkpoint_name;
  std::string previous_local_time;  // "HH:MM" in the event's time zone
  std::string detail;               // the reason behind a badge refusal, for staff
  DoorTime door;                    // the clock reading the decision used, and a fault it noticed
};

// How a scanned text identifies a participant. Text with the signed-token prefix is verified
// offline with the public keys the store holds (malformed, unknown or retired key, bad
// signature, other event, revoked); any other text is a plain ticket code from the registry.
struct CodeResolution {
  std::optional<Outcome> refusal;  // set when the code itself decides the outcome
  std::optional<std::int64_t> participant_id;
  std::string detail;  // why, for staff and logs: "retired key 1234", "serial 1 < 2"
};

class CheckinService {
 public:
  // `watch` (may be null, else outlives the service) measures clock jumps within one process.
  explicit CheckinService(Store& store, ClockWatch* watch = nullptr) : store_(&store), watch_(watch) {}

  Result<CheckinResult> scan(const CheckinRequest& request);

 private:
  Result<CodeResolution> resolve_code(std::int64_t event_id, const std::string& code);
  Result<CodeResolution> resolve_token(std::int64_t event_id, std::string_view text);
  Store* store_;
  ClockWatch* watch_;
};

}  // namespace passerelle
