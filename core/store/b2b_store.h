// The B2B side of an event file (issue #12): its session, the meeting requests, participants'
// unavailable slots and the meetings a schedule gave them (the `meeting` table, which kiosks
// receive through sync). Rows only: the scheduler (core/b2b) and the commands that join the two
// live above this layer.
//
// Each write is one transaction (all or nothing); reads see one snapshot of the file.
// Thread safety: as db::Database, one thread per connection. Failure: Result/Status;
// Errc::invalid_input for rows the schema's rules refuse.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/sqlite.h"
#include "core/model/b2b_session.h"
#include "core/util/result.h"

namespace passerelle {

// Inside the caller's transaction (Store::create_event).
Status insert_b2b_session(db::Database& database, std::int64_t event_id, const B2bSession& session);
Result<std::optional<B2bSession>> load_b2b_session(db::Database& database, std::int64_t event_id);

struct MeetingRequestRow {
  std::int64_t id = 0;
  std::int64_t participant_a = 0;  // participant ids, a < b
  std::int64_t participant_b = 0;
  std::string half_day = "any";  // any | morning | afternoon
};

struct RequestChanges {
  int added = 0;
  int changed = 0;  // the half-day wish changed
  int removed = 0;  // requests no longer in the file; their meetings are cancelled
  int unchanged = 0;
};

// Makes the event's requests exactly `requests` (ids ignored; pairs in either order; the same pair
// twice is Errc::invalid_input), touching only rows that differ. One transaction.
Result<RequestChanges> replace_meeting_requests(db::Database& database, std::int64_t event_id,
                                                std::vector<MeetingRequestRow> requests);
Result<std::vector<MeetingRequestRow>> meeting_requests(db::Database& database, std::int64_t event_id);

// (participant id, slot) pairs in which a participant of the event cannot meet.
Result<std::vector<std::pair<std::int64_t, std::int64_t>>> b2b_unavailable(db::Database& database,
                                                                           std::int64_t event_id);

// Makes the event's unavailable slots exactly `rows` ((participant id, slot); duplicates merged).
// One transaction. Returns how many rows are held.
Result<int> replace_b2b_unavailable(db::Database& database, std::int64_t event_id,
                                    const std::vector<std::pair<std::int64_t, std::int64_t>>& rows);

// The meeting a request was given, as stored.
struct RequestMeeting {
  std::int64_t meeting_id = 0;
  std::int64_t request_id = 0;
  std::int64_t slot_start_ms = 0;
  std::int64_t slot_end_ms = 0;
  std::string table_label;
  std::string status;  // scheduled | held | no_show | cancelled
};
Result<std::vector<RequestMeeting>> request_meetings(db::Database& database, std::int64_t event_id);

// One request's place in a new schedule; empty `place` cancels the meeting it had.
struct MeetingPlacement {
  std::int64_t request_id = 0;
  struct Place {
    std::int64_t slot_start_ms = 0;
    std::int64_t slot_end_ms = 0;
    std::string table_label;
  };
  std::optional<Place> place;
};
// Writes a schedule in one transaction: inserts the meetings of newly placed requests (origin
// 'scheduled'), moves those whose place changed, cancels those left out. Returns how many rows
// changed.
Result<int> write_schedule(db::Database& database, std::int64_t event_id,
                           const std::vector<MeetingPlacement>& placements);

// One meeting of a participant's agenda, with the partner as the agenda shows them.
struct AgendaMeeting {
  std::int64_t meeting_id = 0;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::string table_label;
  std::string status;  // scheduled | held | no_show (cancelled meetings are not listed)
  std::int64_t partner_id = 0;
  // From a walk-in journal entry (meeting_id 0), not a meeting row: see walk_ins().
  bool walk_in = false;
  std::string partner_first_name;
  std::string partner_last_name;
  std::string partner_organisation;
  std::string partner_country;
};
// The participant's meetings that start in [from_ms, until_ms), cancelled ones left out, by start:
// the meeting rows, and the walk-ins (walk_ins()) that no meeting row of the pair at that start
// already holds. Works on the hub's event file and on a kiosk's copy alike.
Result<std::vector<AgendaMeeting>> participant_agenda(db::Database& database, std::int64_t participant_id,
                                                      std::int64_t from_ms, std::int64_t until_ms);

// A meeting without appointment, as the journal holds it (docs/B2B_AREA.md, "Walk-ins"): not a
// meeting row, which only the hub could number, but the walkin_meeting entries of any kiosk. The
// same pair at the same start recorded twice (two kiosks, a retry) is one walk-in. It lasts one
// slot of the event's [b2b] session (20 minutes without one).
struct WalkInRow {
  std::int64_t participant_a = 0;  // a < b
  std::int64_t participant_b = 0;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::string table_label;  // empty: no table was free
  std::string uuid;         // the journal entry it was read from (of several, the earliest)
};
// The event's walk-ins starting in [from_ms, until_ms), by start; only `participant`'s when set.
Result<std::vector<WalkInRow>> walk_ins(db::Database& database, std::int64_t event_id, std::int64_t from_ms,
                                        std::int64_t until_ms, std::optional<std::int64_t> participant = std::nullopt);

// Table labels holding a meeting (not cancelled) or a walk-in that overlaps [from_ms, until_ms).
Result<std::vector<std::string>> tables_in_use(db::Database& database, std::int64_t event_id, std::int64_t from_ms,
                                               std::int64_t until_ms);

// The times of the participant's accepted scans at B2B areas (journal entries of kind
// meeting_held, from this device or synced from others) within [from_ms, until_ms], ascending.
Result<std::vector<std::int64_t>> meeting_scans(db::Database& database, std::int64_t participant_id,
                                                std::int64_t from_ms, std::int64_t until_ms);

// Whether the participant has answered the question about their meeting with `partner_id` that
// started at `start_ms` (a feedback journal entry, from any device).
Result<bool> has_answered(db::Database& database, std::int64_t participant_id, std::int64_t partner_id,
                          std::int64_t start_ms);

// A ready schedule from a matchmaking platform: one meeting per pair, with its times and place.
struct ImportedMeeting {
  std::int64_t participant_a = 0;
  std::int64_t participant_b = 0;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::string location;
};
struct ScheduleImportChanges {
  RequestChanges requests;   // a request per pair; pairs gone from the file are removed, their meetings cancelled
  int meetings_changed = 0;  // meeting rows inserted (origin 'imported'), moved or restored
};
// Makes the event's requests and their meetings exactly `meetings`, in one transaction; rows that
// already match are not touched, so a re-import of the same file changes nothing. The pairs must
// be distinct (Errc::invalid_input otherwise).
Result<ScheduleImportChanges> replace_imported_schedule(db::Database& database, std::int64_t event_id,
                                                        const std::vector<ImportedMeeting>& meetings);

}  // namespace passerelle
