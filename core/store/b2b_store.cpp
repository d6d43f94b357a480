#include "core/store/b2b_store.h"

#include <algorithm>
#include <map>

namespace passerelle {

Status insert_b2b_session(db::Database& database, std::int64_t event_id, const B2bSession& session) {
  PSL_ASSIGN_OR_RETURN(auto insert, database.query("INSERT INTO b2b_session(event_id, day, start_minute, "
                                                   "afternoon_start_minute, slot_minutes, pause_minutes, "
                                                   "morning_slots, afternoon_slots, tables, early_minutes, "
                                                   "late_minutes, grace_minutes) "
                                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  PSL_TRY(insert
              .bind_all(event_id, session.day, session.start_minute, session.afternoon_start_minute,
                        session.slot_minutes, session.pause_minutes, session.morning_slots, session.afternoon_slots,
                        session.tables, session.early_minutes, session.late_minutes, session.grace_minutes)
              .run());
  for (const auto& area : session.areas) {
    PSL_ASSIGN_OR_RETURN(auto area_insert, database.query("INSERT INTO b2b_area(event_id, name, first_table, "
                                                          "last_table) VALUES (?, ?, ?, ?)"));
    PSL_TRY(area_insert.bind_all(event_id, area.name, area.first_table, area.last_table).run());
  }
  return {};
}

Result<std::optional<B2bSession>> load_b2b_session(db::Database& database, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT day, start_minute, afternoon_start_minute, slot_minutes, "
                                                   "pause_minutes, morning_slots, afternoon_slots, tables, "
                                                   "early_minutes, late_minutes, grace_minutes "
                                                   "FROM b2b_session WHERE event_id = ?"));
  select.bind_all(event_id);
  PSL_ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return std::optional<B2bSession>();
  B2bSession session;
  session.day = select.column_text(0);
  session.start_minute = static_cast<int>(select.column_int(1));
  session.afternoon_start_minute = static_cast<int>(select.column_int(2));
  session.slot_minutes = static_cast<int>(select.column_int(3));
  session.pause_minutes = static_cast<int>(select.column_int(4));
  session.morning_slots = static_cast<int>(select.column_int(5));
  session.afternoon_slots = static_cast<int>(select.column_int(6));
  session.tables = static_cast<int>(select.column_int(7));
  session.early_minutes = static_cast<int>(select.column_int(8));
  session.late_minutes = static_cast<int>(select.column_int(9));
  session.grace_minutes = static_cast<int>(select.column_int(10));
  PSL_ASSIGN_OR_RETURN(auto areas, database.query("SELECT name, first_table, last_table FROM b2b_area "
                                                  "WHERE event_id = ? ORDER BY first_table"));
  areas.bind_all(event_id);
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, areas.step());
    if (!has_row) break;
    session.areas.push_back(
        B2bArea{areas.column_text(0), static_cast<int>(areas.column_int(1)), static_cast<int>(areas.column_int(2))});
  }
  return std::optional<B2bSession>(std::move(session));
}

Result<std::vector<MeetingRequestRow>> meeting_requests(db::Database& database, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT id, participant_a, participant_b, half_day "
                                                   "FROM meeting_request WHERE event_id = ? ORDER BY id"));
  select.bind_all(event_id);
  std::vector<MeetingRequestRow> rows;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return rows;
    rows.push_back(
        MeetingRequestRow{select.column_int(0), select.column_int(1), select.column_int(2), select.column_text(3)});
  }
}

namespace {

// replace_meeting_requests inside the caller's transaction.
Result<RequestChanges> replace_requests_in(db::Database& database, std::int64_t event_id,
                                           const std::vector<MeetingRequestRow>& requests) {
  std::map<std::pair<std::int64_t, std::int64_t>, std::string> wanted;
  for (const auto& request : requests) {
    if (request.participant_a == request.participant_b)
      return make_error(Errc::invalid_input, "a participant cannot meet themselves");
    const auto pair = std::minmax(request.participant_a, request.participant_b);
    if (!wanted.emplace(std::make_pair(pair.first, pair.second), request.half_day).second)
      return make_error(Errc::invalid_input, "the same two participants are asked to meet twice");
  }
  PSL_ASSIGN_OR_RETURN(const auto current, meeting_requests(database, event_id));
  RequestChanges changes;
  for (const auto& row : current) {
    const auto found = wanted.find({row.participant_a, row.participant_b});
    if (found == wanted.end()) {
      // Gone from the file: its meeting is cancelled (kiosks learn it through sync), then the
      // request itself goes.
      PSL_ASSIGN_OR_RETURN(auto cancel, database.query("UPDATE meeting SET status = 'cancelled', request_id = NULL "
                                                       "WHERE request_id = ?"));
      PSL_TRY(cancel.bind_all(row.id).run());
      PSL_ASSIGN_OR_RETURN(auto remove, database.query("DELETE FROM meeting_request WHERE id = ?"));
      PSL_TRY(remove.bind_all(row.id).run());
      ++changes.removed;
      continue;
    }
    if (found->second != row.half_day) {
      PSL_ASSIGN_OR_RETURN(auto update, database.query("UPDATE meeting_request SET half_day = ? WHERE id = ?"));
      PSL_TRY(update.bind_all(found->second, row.id).run());
      ++changes.changed;
    } else {
      ++changes.unchanged;
    }
    wanted.erase(found);
  }
  for (const auto& [pair, half_day] : wanted) {
    PSL_ASSIGN_OR_RETURN(auto insert, database.query("INSERT INTO meeting_request(event_id, participant_a, "
                                                     "participant_b, half_day) VALUES (?, ?, ?, ?)"));
    PSL_TRY(insert.bind_all(event_id, pair.first, pair.second, half_day).run());
    ++changes.added;
  }
  return changes;
}

}  // namespace

Result<RequestChanges> replace_meeting_requests(db::Database& database, std::int64_t event_id,
                                                std::vector<MeetingRequestRow> requests) {
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database));
  PSL_ASSIGN_OR_RETURN(const auto changes, replace_requests_in(database, event_id, requests));
  PSL_TRY(transaction.commit());
  return changes;
}

Result<std::vector<std::pair<std::int64_t, std::int64_t>>> b2b_unavailable(db::Database& database,
                                                                           std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT u.participant_id, u.slot FROM b2b_unavailable u "
                                                   "JOIN participant p ON p.id = u.participant_id "
                                                   "WHERE p.event_id = ? ORDER BY 1, 2"));
  select.bind_all(event_id);
  std::vector<std::pair<std::int64_t, std::int64_t>> rows;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return rows;
    rows.emplace_back(select.column_int(0), select.column_int(1));
  }
}

Result<int> replace_b2b_unavailable(db::Database& database, std::int64_t event_id,
                                    const std::vector<std::pair<std::int64_t, std::int64_t>>& rows) {
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database));
  PSL_ASSIGN_OR_RETURN(auto clear, database.query("DELETE FROM b2b_unavailable WHERE participant_id IN "
                                                  "(SELECT id FROM participant WHERE event_id = ?)"));
  PSL_TRY(clear.bind_all(event_id).run());
  int held = 0;
  for (const auto& [participant, slot] : rows) {
    PSL_ASSIGN_OR_RETURN(auto insert, database.query("INSERT OR IGNORE INTO b2b_unavailable(participant_id, slot) "
                                                     "SELECT id, ? FROM participant WHERE id = ? AND event_id = ?"));
    PSL_TRY(insert.bind_all(slot, participant, event_id).run());
    held += database.changes() > 0 ? 1 : 0;
  }
  PSL_TRY(transaction.commit());
  return held;
}

Result<std::vector<RequestMeeting>> request_meetings(db::Database& database, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT id, request_id, slot_start_ms, slot_end_ms, table_label, "
                                                   "status FROM meeting WHERE event_id = ? AND request_id IS NOT "
                                                   "NULL ORDER BY request_id"));
  select.bind_all(event_id);
  std::vector<RequestMeeting> rows;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return rows;
    rows.push_back(RequestMeeting{select.column_int(0), select.column_int(1), select.column_int(2),
                                  select.column_int(3), select.column_text(4), select.column_text(5)});
  }
}

namespace {

// write_schedule inside the caller's transaction; new meeting rows carry `origin`.
Result<int> write_placements_in(db::Database& database, std::int64_t event_id,
                                const std::vector<MeetingPlacement>& placements, std::string_view origin) {
  PSL_ASSIGN_OR_RETURN(const auto stored, request_meetings(database, event_id));
  std::map<std::int64_t, RequestMeeting> by_request;
  for (const auto& meeting : stored) by_request.emplace(meeting.request_id, meeting);
  int changed = 0;
  for (const auto& placement : placements) {
    const auto found = by_request.find(placement.request_id);
    if (!placement.place) {
      if (found == by_request.end() || found->second.status == "cancelled") continue;
      PSL_ASSIGN_OR_RETURN(auto cancel, database.query("UPDATE meeting SET status = 'cancelled' WHERE id = ?"));
      PSL_TRY(cancel.bind_all(found->second.meeting_id).run());
      ++changed;
      continue;
    }
    const auto& place = *placement.place;
    if (found != by_request.end()) {
      const auto& meeting = found->second;
      if (meeting.slot_start_ms == place.slot_start_ms && meeting.slot_end_ms == place.slot_end_ms &&
          meeting.table_label == place.table_label && meeting.status != "cancelled")
        continue;
      PSL_ASSIGN_OR_RETURN(auto move, database.query("UPDATE meeting SET slot_start_ms = ?, slot_end_ms = ?, "
                                                     "table_label = ?, status = 'scheduled' WHERE id = ?"));
      PSL_TRY(move.bind_all(place.slot_start_ms, place.slot_end_ms, place.table_label, meeting.meeting_id).run());
      ++changed;
      continue;
    }
    PSL_ASSIGN_OR_RETURN(auto insert,
                         database.query("INSERT INTO meeting(event_id, participant_a, participant_b, slot_start_ms, "
                                        "slot_end_ms, table_label, status, origin, request_id) "
                                        "SELECT event_id, participant_a, participant_b, ?, ?, ?, 'scheduled', "
                                        "?, id FROM meeting_request WHERE id = ? AND event_id = ?"));
    PSL_TRY(insert
                .bind_all(place.slot_start_ms, place.slot_end_ms, place.table_label, std::string(origin),
                          placement.request_id, event_id)
                .run());
    if (database.changes() == 0)
      return make_error(Errc::not_found, "no meeting request " + std::to_string(placement.request_id));
    ++changed;
  }
  return changed;
}

}  // namespace

Result<int> write_schedule(db::Database& database, std::int64_t event_id,
                           const std::vector<MeetingPlacement>& placements) {
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database));
  PSL_ASSIGN_OR_RETURN(const int changed, write_placements_in(database, event_id, placements, "scheduled"));
  PSL_TRY(transaction.commit());
  return changed;
}

Result<ScheduleImportChanges> replace_imported_schedule(db::Database& database, std::int64_t event_id,
                                                        const std::vector<ImportedMeeting>& meetings) {
  std::vector<MeetingRequestRow> requests;
  for (const auto& meeting : meetings)
    requests.push_back(MeetingRequestRow{0, std::min(meeting.participant_a, meeting.participant_b),
                                         std::max(meeting.participant_a, meeting.participant_b), "any"});
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database));
  ScheduleImportChanges changes;
  PSL_ASSIGN_OR_RETURN(changes.requests, replace_requests_in(database, event_id, requests));
  PSL_ASSIGN_OR_RETURN(const auto stored, meeting_requests(database, event_id));
  std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> request_of;
  for (const auto& request : stored)
    request_of.emplace(std::pair{request.participant_a, request.participant_b}, request.id);
  std::vector<MeetingPlacement> placements;
  for (std::size_t i = 0; i < meetings.size(); ++i) {
    const auto& meeting = meetings[i];
    placements.push_back(MeetingPlacement{request_of.at({requests[i].participant_a, requests[i].participant_b}),
                                          MeetingPlacement::Place{meeting.start_ms, meeting.end_ms, meeting.location}});
  }
  PSL_ASSIGN_OR_RETURN(changes.meetings_changed, write_placements_in(database, event_id, placements, "imported"));
  PSL_TRY(transaction.commit());
  return changes;
}

namespace {

// A walk-in lasts one slot of the session; 20 minutes when the event has none.
constexpr std::int64_t kWalkInDefaultMinutes = 20;

// Walk-in entries of the event, one row per pair and start (the table of the entry with the least
// UUID, the earliest: UUIDv7), with their end; ?1 event, ?2 from, ?3 until, ?4 participant or NULL
// for all, ?5 the length without a session, in minutes. The hub's PostgreSQL storage mirrors it
// (read_meetings, sync/hub/pg/pg_hub_live.cpp): change both together.
constexpr const char* kWalkInSelect =
    "SELECT min(j.participant_id, j.partner_id) AS a, max(j.participant_id, j.partner_id) AS b, "
    "j.meeting_start_ms, j.meeting_start_ms + 60000 * coalesce((SELECT slot_minutes FROM b2b_session WHERE "
    "event_id = ?1), ?5), j.table_label, min(j.uuid) FROM journal j "
    "WHERE j.event_id = ?1 AND j.kind = 'walkin_meeting' AND j.outcome = 'accepted' AND j.partner_id IS NOT NULL "
    "AND j.meeting_start_ms >= ?2 AND j.meeting_start_ms < ?3 "
    "AND (?4 IS NULL OR j.participant_id = ?4 OR j.partner_id = ?4) "
    "GROUP BY a, b, j.meeting_start_ms ORDER BY j.meeting_start_ms, a, b";

Result<std::vector<AgendaMeeting>> walk_in_agenda(db::Database& database, std::int64_t participant_id,
                                                  std::int64_t from_ms, std::int64_t until_ms) {
  PSL_ASSIGN_OR_RETURN(auto event, database.query("SELECT event_id FROM participant WHERE id = ?"));
  event.bind_all(participant_id);
  PSL_ASSIGN_OR_RETURN(const bool known, event.step());
  if (!known) return std::vector<AgendaMeeting>();
  PSL_ASSIGN_OR_RETURN(auto rows, walk_ins(database, event.column_int(0), from_ms, until_ms, participant_id));
  std::vector<AgendaMeeting> agenda;
  for (const auto& row : rows) {
    AgendaMeeting meeting;
    meeting.start_ms = row.start_ms;
    meeting.end_ms = row.end_ms;
    meeting.table_label = row.table_label;
    meeting.status = "scheduled";
    meeting.walk_in = true;
    meeting.partner_id = row.participant_a == participant_id ? row.participant_b : row.participant_a;
    PSL_ASSIGN_OR_RETURN(auto partner, database.query("SELECT first_name, last_name, organisation, country FROM "
                                                      "participant WHERE id = ?"));
    partner.bind_all(meeting.partner_id);
    PSL_ASSIGN_OR_RETURN(const bool found, partner.step());
    if (found) {
      meeting.partner_first_name = partner.column_text(0);
      meeting.partner_last_name = partner.column_text(1);
      meeting.partner_organisation = partner.column_text(2);
      meeting.partner_country = partner.column_text(3);
    }
    agenda.push_back(std::move(meeting));
  }
  return agenda;
}

}  // namespace

Result<std::vector<AgendaMeeting>> participant_agenda(db::Database& database, std::int64_t participant_id,
                                                      std::int64_t from_ms, std::int64_t until_ms) {
  PSL_ASSIGN_OR_RETURN(auto select,
                       database.query("SELECT m.id, m.slot_start_ms, m.slot_end_ms, m.table_label, m.status, p.id, "
                                      "p.first_name, p.last_name, p.organisation, p.country FROM meeting m "
                                      "JOIN participant p ON p.id = CASE WHEN m.participant_a = ?1 THEN "
                                      "m.participant_b ELSE m.participant_a END "
                                      "WHERE (m.participant_a = ?1 OR m.participant_b = ?1) AND m.status <> "
                                      "'cancelled' AND m.slot_start_ms >= ?2 AND m.slot_start_ms < ?3 "
                                      "ORDER BY m.slot_start_ms, m.id"));
  select.bind_all(participant_id, from_ms, until_ms);
  std::vector<AgendaMeeting> agenda;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) break;
    agenda.push_back(AgendaMeeting{select.column_int(0), select.column_int(1), select.column_int(2),
                                   select.column_text(3), select.column_text(4), select.column_int(5), false,
                                   select.column_text(6), select.column_text(7), select.column_text(8),
                                   select.column_text(9)});
  }
  PSL_ASSIGN_OR_RETURN(auto walk_ins, walk_in_agenda(database, participant_id, from_ms, until_ms));
  for (auto& walk_in : walk_ins) {
    const bool held_as_row = std::any_of(agenda.begin(), agenda.end(), [&](const AgendaMeeting& meeting) {
      return !meeting.walk_in && meeting.partner_id == walk_in.partner_id && meeting.start_ms == walk_in.start_ms;
    });
    if (!held_as_row) agenda.push_back(std::move(walk_in));
  }
  std::stable_sort(agenda.begin(), agenda.end(),
                   [](const AgendaMeeting& x, const AgendaMeeting& y) { return x.start_ms < y.start_ms; });
  return agenda;
}

Result<std::vector<WalkInRow>> walk_ins(db::Database& database, std::int64_t event_id, std::int64_t from_ms,
                                        std::int64_t until_ms, std::optional<std::int64_t> participant) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query(kWalkInSelect));
  select.bind_all(event_id, from_ms, until_ms, participant, kWalkInDefaultMinutes);
  std::vector<WalkInRow> rows;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return rows;
    rows.push_back(WalkInRow{select.column_int(0), select.column_int(1), select.column_int(2), select.column_int(3),
                             select.column_text(4), select.column_text(5)});
  }
}

Result<std::vector<std::string>> tables_in_use(db::Database& database, std::int64_t event_id, std::int64_t from_ms,
                                               std::int64_t until_ms) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT DISTINCT table_label FROM meeting WHERE event_id = ? AND "
                                                   "status <> 'cancelled' AND slot_start_ms < ? AND slot_end_ms > ? "
                                                   "AND table_label <> ''"));
  select.bind_all(event_id, until_ms, from_ms);
  PSL_ASSIGN_OR_RETURN(auto labels, select.collect_texts());
  // A walk-in starts at most one slot before `from_ms` and still overlaps it; a day covers any slot.
  constexpr std::int64_t kDayMs = 86'400'000;
  PSL_ASSIGN_OR_RETURN(const auto walk_in_rows, walk_ins(database, event_id, from_ms - kDayMs, until_ms));
  for (const auto& walk_in : walk_in_rows)
    if (walk_in.end_ms > from_ms && !walk_in.table_label.empty()) labels.push_back(walk_in.table_label);
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  return labels;
}

Result<std::vector<std::int64_t>> meeting_scans(db::Database& database, std::int64_t participant_id,
                                                std::int64_t from_ms, std::int64_t until_ms) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT wall_ms FROM journal WHERE participant_id = ? AND kind = "
                                                   "'meeting_held' AND outcome = 'accepted' AND wall_ms BETWEEN ? "
                                                   "AND ? ORDER BY wall_ms"));
  select.bind_all(participant_id, from_ms, until_ms);
  std::vector<std::int64_t> times;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return times;
    times.push_back(select.column_int(0));
  }
}

Result<bool> has_answered(db::Database& database, std::int64_t participant_id, std::int64_t partner_id,
                          std::int64_t start_ms) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT 1 FROM journal WHERE participant_id = ? AND kind = "
                                                   "'feedback' AND partner_id = ? AND meeting_start_ms = ? LIMIT 1"));
  select.bind_all(participant_id, partner_id, start_ms);
  return select.step();
}

}  // namespace passerelle
