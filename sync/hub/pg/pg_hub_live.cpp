// PgHubStore's rows for the organisers' live view: the rows figure_rows.h gathers from an event
// file, read here in SQL from the registry copy (pg_publish.h) and the journal, in one REPEATABLE
// READ snapshot, then handed to figure_rows.h's C++ rules (report_person, add_walk_ins, add_answer).
// Where the event file's rule is SQL, the SQL here mirrors it and names what it mirrors: change
// both together. tests/hub/hub_store_live_test.cpp holds both storages to equal LiveRows.
//
// Ids: checkpoints carry the event file's ids (checkpoint.source_id), as on SQLite, so that a
// page's checkpoint ids do not depend on the storage. Participants carry this database's row ids:
// the registry copy keeps no other, and the live view uses them only to join its rows.
// Text order: COLLATE "C" (bytes), as SQLite's BINARY.
#include <algorithm>
#include <string>
#include <vector>

#include "sync/hub/pg/pg_hub_internal.h"
#include "sync/hub/pg/pg_hub_rows.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/pg/pg_text_array.h"
#include "sync/hub/store/figure_rows.h"

namespace passerelle::hub::pg {
namespace {

// The people in Store::participants's order (its ORDER BY, mirrored), as the report reads them.
Status read_people(PgConnection& db, std::int64_t event_id, report::ReportInput& input) {
  PSL_ASSIGN_OR_RETURN(const auto rows,
                       db.query("SELECT id, external_id, first_name, last_name, email, organisation, country, region, "
                                "sector, org_type, status FROM participant WHERE event_id = $1 ORDER BY " +
                                    nocase_order("last_name") + ", " + nocase_order("first_name") + ", id",
                                event_id));
  input.people.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    ParticipantRecord record;
    record.external_id = std::string(rows.text(row, 1));
    record.first_name = std::string(rows.text(row, 2));
    record.last_name = std::string(rows.text(row, 3));
    record.email = std::string(rows.text(row, 4));
    record.organisation = std::string(rows.text(row, 5));
    record.country = std::string(rows.text(row, 6));
    record.region = std::string(rows.text(row, 7));
    record.sector = std::string(rows.text(row, 8));
    record.org_type = parse_org_type(rows.text(row, 9)).value_or(OrgType::unspecified);
    record.status = parse_participant_status(rows.text(row, 10)).value_or(ParticipantStatus::registered);
    input.people.push_back(report_person(rows.int64(row, 0), record));
  }
  return {};
}

// The presences the report counts. Mirrors gather_report_rows's query (figure_rows.cpp): check-ins
// at doors (scanned or manual) and accepted scans at B2B areas; check-outs are not arrivals.
Status read_presences(PgConnection& db, std::int64_t event_id, report::ReportInput& input) {
  PSL_ASSIGN_OR_RETURN(
      const auto rows,
      db.query(std::string("SELECT j.participant_id, c.source_id, ") + kCorrectedWallMs +
                   " FROM journal j JOIN checkpoint c ON c.id = j.checkpoint_id "
                   "LEFT JOIN hub_received r ON r.uuid = j.uuid WHERE j.event_id = $1 AND "
                   "j.participant_id IS NOT NULL AND (j.kind IN ('checkin', 'manual_checkin') OR "
                   "(j.kind = 'meeting_held' AND j.outcome = 'accepted')) ORDER BY j.uuid COLLATE \"C\"",
               event_id));
  input.checkins.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row)
    input.checkins.push_back(report::ReportCheckin{rows.int64(row, 0), rows.int64(row, 1), rows.int64(row, 2)});
  return {};
}

// Who is inside each in/out checkpoint, parallel to `checkpoints` (0 for the other rules). Mirrors
// Store::inside_count (core/store/journal.cpp) for every in/out checkpoint at once: each
// participant's latest entry or exit there, per device the highest sequence number, then between
// devices the later (uncorrected) wall time, then the greater device id; inside unless a check-out.
Result<std::vector<std::int64_t>> read_inside(PgConnection& db, std::int64_t event_id,
                                              const std::vector<Checkpoint>& checkpoints) {
  PSL_ASSIGN_OR_RETURN(
      const auto rows,
      db.query("SELECT c.source_id, count(*) FROM (SELECT checkpoint_id, kind, row_number() OVER (PARTITION BY "
               "checkpoint_id, participant_id ORDER BY wall_ms DESC, device_id COLLATE \"C\" DESC) AS newest "
               "FROM (SELECT checkpoint_id, participant_id, device_id, kind, wall_ms, row_number() OVER (PARTITION "
               "BY checkpoint_id, participant_id, device_id ORDER BY seq DESC) AS own FROM journal "
               "WHERE checkpoint_id IN (SELECT id FROM checkpoint WHERE event_id = $1 AND rule = 'in_out') AND "
               "participant_id IS NOT NULL AND kind IN ('checkin', 'manual_checkin', 'checkout')) AS per_device "
               "WHERE own = 1) AS latest JOIN checkpoint c ON c.id = latest.checkpoint_id "
               "WHERE latest.newest = 1 AND latest.kind <> 'checkout' GROUP BY c.source_id",
               event_id));
  std::vector<std::int64_t> inside(checkpoints.size(), 0);
  for (int row = 0; row < rows.rows(); ++row) {
    for (std::size_t k = 0; k < checkpoints.size(); ++k) {
      if (checkpoints[k].id == rows.int64(row, 0) && checkpoints[k].rule == CheckpointRule::in_out)
        inside[k] = rows.int64(row, 1);
    }
  }
  return inside;
}

// Meeting rows not cancelled (by the event file's id, as SQLite's row order) and the walk-ins that
// none of them holds. The walk-in query mirrors kWalkInSelect (core/store/b2b_store.cpp, walk_ins()):
// one walk-in per pair and start, the table of its earliest entry (least UUID), lasting one slot.
Status read_meetings(PgConnection& db, std::int64_t event_id, const B2bSession& session, meetings::FigureInput& input) {
  {
    PSL_ASSIGN_OR_RETURN(const auto rows, db.query("SELECT participant_a, participant_b, slot_start_ms, slot_end_ms, "
                                                   "origin, table_label FROM meeting WHERE event_id = $1 AND "
                                                   "status <> 'cancelled' ORDER BY source_id",
                                                   event_id));
    for (int row = 0; row < rows.rows(); ++row) {
      input.meetings.push_back(meetings::FigureMeeting{rows.int64(row, 0), rows.int64(row, 1), rows.int64(row, 2),
                                                       rows.int64(row, 3), rows.text(row, 4) == "walk_in",
                                                       std::string(rows.text(row, 5))});
    }
  }
  // A walk-in entry always names its participant (the entry rules); SQLite's min() of a NULL would
  // be NULL where PostgreSQL's least() ignores it, hence the test for it.
  PSL_ASSIGN_OR_RETURN(
      const auto rows,
      db.query("SELECT w.a, w.b, w.meeting_start_ms, w.meeting_start_ms + 60000 * $2::bigint, w.table_label, w.uuid, "
               "coalesce(r.clock_offset_ms, 0) FROM (SELECT DISTINCT ON (least(j.participant_id, j.partner_id), "
               "greatest(j.participant_id, j.partner_id), j.meeting_start_ms) "
               "least(j.participant_id, j.partner_id) AS a, greatest(j.participant_id, j.partner_id) AS b, "
               "j.meeting_start_ms, j.table_label, j.uuid FROM journal j WHERE j.event_id = $1 AND "
               "j.kind = 'walkin_meeting' AND j.outcome = 'accepted' AND j.participant_id IS NOT NULL AND "
               "j.partner_id IS NOT NULL AND j.meeting_start_ms >= 0 "
               "ORDER BY least(j.participant_id, j.partner_id), greatest(j.participant_id, j.partner_id), "
               "j.meeting_start_ms, j.uuid COLLATE \"C\") AS w "
               "LEFT JOIN hub_received r ON r.uuid = w.uuid ORDER BY w.meeting_start_ms, w.a, w.b",
               event_id, session.slot_minutes));
  std::vector<ReceivedWalkIn> walk_ins;
  walk_ins.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    walk_ins.push_back(
        ReceivedWalkIn{WalkInRow{rows.int64(row, 0), rows.int64(row, 1), rows.int64(row, 2), rows.int64(row, 3),
                                 std::string(rows.text(row, 4)), std::string(rows.text(row, 5))},
                       rows.int64(row, 6)});
  }
  add_walk_ins(input, walk_ins);
  return {};
}

// Accepted scans at B2B areas and answers about meetings. Mirror gather_meeting_rows's queries
// (figure_rows.cpp).
Status read_scans_and_answers(PgConnection& db, std::int64_t event_id, meetings::FigureInput& input) {
  {
    PSL_ASSIGN_OR_RETURN(
        const auto rows,
        db.query(std::string("SELECT j.participant_id, ") + kCorrectedWallMs +
                     " FROM journal j LEFT JOIN hub_received r ON r.uuid = j.uuid "
                     "WHERE j.event_id = $1 AND j.kind = 'meeting_held' AND j.outcome = 'accepted' AND "
                     "j.participant_id IS NOT NULL ORDER BY j.uuid COLLATE \"C\"",
                 event_id));
    for (int row = 0; row < rows.rows(); ++row) input.scans[rows.int64(row, 0)].push_back(rows.int64(row, 1));
  }
  PSL_ASSIGN_OR_RETURN(
      const auto rows,
      db.query(std::string("SELECT j.participant_id, j.partner_id, j.meeting_start_ms, j.answer, ") + kCorrectedWallMs +
                   " FROM journal j LEFT JOIN hub_received r ON r.uuid = j.uuid "
                   "WHERE j.event_id = $1 AND j.kind = 'feedback' AND j.participant_id IS NOT NULL AND "
                   "j.partner_id IS NOT NULL ORDER BY j.uuid COLLATE \"C\"",
               event_id));
  for (int row = 0; row < rows.rows(); ++row)
    add_answer(input, rows.int64(row, 0), rows.int64(row, 1), rows.int64(row, 2), rows.text(row, 3),
               rows.int64(row, 4));
  return {};
}

}  // namespace

Result<LiveRows> PgHubStore::live_rows(std::int64_t event_id, std::int64_t now_ms) {
  return pool_.read([&](PgConnection& db) -> Result<LiveRows> {
    PSL_ASSIGN_OR_RETURN(auto event, event_by_id(db, event_id));
    if (!event) return make_error(Errc::not_found, "no event " + std::to_string(event_id));
    LiveRows rows;
    report::ReportInput& input = rows.input;
    input.event = std::move(*event);
    input.now_ms = now_ms;
    PSL_ASSIGN_OR_RETURN(input.checkpoints, read_checkpoints(db, event_id));
    PSL_TRY(read_people(db, event_id, input));
    PSL_TRY(read_presences(db, event_id, input));
    PSL_ASSIGN_OR_RETURN(input.session, session_of_event(db, event_id));
    if (input.session) {  // as on the event file: no B2B rows without a session
      PSL_ASSIGN_OR_RETURN(const auto requested,
                           db.query("SELECT meeting_requests FROM event WHERE id = $1", event_id));
      input.meetings.requested = requested.int64(0, 0);
      PSL_TRY(read_meetings(db, event_id, *input.session, input.meetings));
      for (const auto& person : input.people)
        input.meetings.people.emplace(person.id, meetings::FigurePerson{person.country, person.sector});
      PSL_TRY(read_scans_and_answers(db, event_id, input.meetings));
    }
    PSL_ASSIGN_OR_RETURN(rows.inside, read_inside(db, event_id, input.checkpoints));
    PSL_ASSIGN_OR_RETURN(const auto feed, db.query("SELECT coalesce(max(seq), 0) FROM hub_feed WHERE event_id = $1 "
                                                   "AND type = 'entry'",
                                                   event_id));
    rows.feed_seq = feed.int64(0, 0);
    return rows;
  });
}

}  // namespace passerelle::hub::pg
