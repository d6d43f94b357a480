// Scan outcomes and journal entries (DESIGN.md, "Scan outcomes" and "Journal").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle {

// Exactly one per scan, decided in this order: the first that applies wins.
enum class Outcome {
  malformed,           // has our token prefix but does not parse
  unknown_key,         // signed with a key this device does not hold
  bad_signature,       // signature does not verify
  other_event,         // a valid badge of another event
  revoked,             // an older badge serial, or on the revocation list
  unknown_code,        // no such ticket code or participant
  cancelled,           // the participant's registration is cancelled
  blocked,             // the participant is blocked
  not_admitted,        // this checkpoint admits tags the participant does not have
  not_event_day,       // the door's trusted clock says a day that is not one of the event's
  already_checked_in,  // the checkpoint's rule has been used up (or already inside)
  accepted,
};

std::string_view to_string(Outcome outcome) noexcept;
std::optional<Outcome> parse_outcome(std::string_view text) noexcept;

// What an entry records. Accepted scans are check-ins (or check-outs at an exit); refusals are
// rejected scans; staff actions carry an operator.
enum class EntryKind {
  checkin,
  checkout,
  rejected_scan,
  manual_checkin,
  meeting_held,
  walkin_meeting,
  feedback,
  badge_reprint,
};

std::string_view to_string(EntryKind kind) noexcept;
std::optional<EntryKind> parse_entry_kind(std::string_view text) noexcept;

// The one question after a B2B meeting (docs/B2B_AREA.md): could it lead to a cooperation?
enum class MeetingAnswer { no_interest, informative, cooperation };
std::string_view to_string(MeetingAnswer answer) noexcept;
std::optional<MeetingAnswer> parse_meeting_answer(std::string_view text) noexcept;

// One immutable journal record. Never edited; a correction is a new entry.
struct JournalEntry {
  std::string uuid;  // UUIDv7, unique across all devices
  std::string device_id;
  std::int64_t seq = 0;  // per device, from 1, without gaps
  std::int64_t event_id = 0;
  EntryKind kind = EntryKind::checkin;
  Outcome outcome = Outcome::accepted;
  std::optional<std::int64_t> participant_id;
  std::optional<std::int64_t> checkpoint_id;
  std::string code;  // the scanned text, empty for manual actions
  std::string operator_name;
  std::int64_t wall_ms = 0;
  std::int64_t monotonic_ns = 0;
  // Event-local "YYYY-MM-DD" the rules counted the entry on: that of wall_ms, except that a
  // device's day never goes back behind its newest entry's (core/checkin/door_clock.h).
  std::string local_day;
  // A walk-in meeting or an answer about a meeting (docs/B2B_AREA.md): the other participant and
  // the meeting's start name the meeting without the hub's id, which an offline kiosk lacks; a
  // walk-in has its table, an answer its MeetingAnswer name. Empty for other kinds.
  std::optional<std::int64_t> partner_id;
  std::int64_t meeting_start_ms = 0;
  std::string table_label;
  std::string answer;

  bool operator==(const JournalEntry&) const = default;
};

}  // namespace passerelle
