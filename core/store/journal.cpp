// Store: the append-only journal and what is derived from it.
#include "core/store/store.h"
#include "core/util/uuid.h"

namespace passerelle {

Result<JournalEntry> Store::append_in_transaction(JournalEntry entry) {
  // Read inside the transaction rather than cached: an enrolment (adopt_device_id) through
  // another connection to this file changes it for every later entry.
  PSL_ASSIGN_OR_RETURN(const auto current_id, local_value("device_id"));
  if (!current_id) return make_error(Errc::database, "this file has no device id");
  entry.device_id = *current_id;
  PSL_ASSIGN_OR_RETURN(const TimeZone* zone, event_timezone(entry.event_id));
  // A caller that decided on a clock reading (the check-in decision, core/checkin/door_clock.h)
  // passes it, so that the entry says the time and day the rules used.
  if (entry.wall_ms == 0) {
    entry.wall_ms = clock_->wall_ms();
    entry.monotonic_ns = clock_->monotonic_ns();
  }
  if (entry.local_day.empty()) entry.local_day = zone->local_day(entry.wall_ms);
  entry.uuid = make_uuid_v7(entry.wall_ms);
  // The sequence number is computed inside the same statement and transaction as the insert,
  // under the write lock that BEGIN IMMEDIATE took: no other writer can see the same MAX.
  const std::string table = rehearsal_ ? "rehearsal_entry" : "journal";
  PSL_ASSIGN_OR_RETURN(
      auto insert,
      database_.query("INSERT INTO " + table +
                      "(uuid, device_id, seq, event_id, kind, outcome, participant_id, checkpoint_id, code, "
                      "operator, wall_ms, monotonic_ns, local_day, partner_id, meeting_start_ms, table_label, answer) "
                      "VALUES (?1, ?2, (SELECT coalesce(max(seq), 0) + 1 FROM " +
                      table +
                      " WHERE device_id = ?2), "
                      "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING seq"));
  insert.bind_all(entry.uuid, entry.device_id, entry.event_id, to_string(entry.kind), to_string(entry.outcome),
                  entry.participant_id, entry.checkpoint_id, entry.code, entry.operator_name, entry.wall_ms,
                  entry.monotonic_ns, entry.local_day, entry.partner_id, entry.meeting_start_ms, entry.table_label,
                  entry.answer);
  PSL_ASSIGN_OR_RETURN(const bool has_row, insert.step());
  if (!has_row) return make_error(Errc::database, "journal insert returned no sequence number");
  entry.seq = insert.column_int(0);
  PSL_ASSIGN_OR_RETURN(const bool extra, insert.step());
  (void)extra;
  return entry;
}

Result<std::optional<AttendanceMark>> Store::attendance_mark(const Checkpoint& checkpoint, std::int64_t participant_id,
                                                             std::string_view local_day) {
  const std::string table = rehearsal_ ? "rehearsal_entry" : "journal";
  std::string sql = "SELECT kind, wall_ms, device_id, checkpoint_id FROM " + table +
                    " AS j WHERE participant_id = ?1 AND checkpoint_id = ?2 AND ";
  switch (checkpoint.rule) {
    case CheckpointRule::once_per_event:
      sql += "kind IN ('checkin', 'manual_checkin') ORDER BY wall_ms, seq LIMIT 1";
      break;
    case CheckpointRule::once_per_day:
      sql += "kind IN ('checkin', 'manual_checkin') AND local_day = ?3 ORDER BY wall_ms, seq LIMIT 1";
      break;
    case CheckpointRule::in_out:
      // The latest in or out: of one device's entries the one with the highest sequence number,
      // whatever its clock said (a clock stepped back an hour must not put an exit before the
      // entry it follows); between devices, the later wall time (docs/CLOCKS.md).
      sql += "kind IN ('checkin', 'manual_checkin', 'checkout') AND seq = (SELECT max(k.seq) FROM " + table +
             " k WHERE k.device_id = j.device_id AND k.participant_id = ?1 AND k.checkpoint_id = ?2 AND "
             "k.kind IN ('checkin', 'manual_checkin', 'checkout')) ORDER BY wall_ms DESC, device_id DESC LIMIT 1";
      break;
  }
  PSL_ASSIGN_OR_RETURN(auto select, database_.query(sql));
  select.bind_all(participant_id, checkpoint.id);
  if (checkpoint.rule == CheckpointRule::once_per_day) select.bind(3, local_day);
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  if (!has_row) return std::optional<AttendanceMark>();
  AttendanceMark mark;
  mark.kind = parse_entry_kind(select.column_text(0)).value_or(EntryKind::checkin);
  mark.wall_ms = select.column_int(1);
  mark.device_id = select.column_text(2);
  mark.checkpoint_id = select.column_int(3);
  return std::optional<AttendanceMark>(mark);
}

Result<std::int64_t> Store::inside_count(std::int64_t checkpoint_id) {
  // Each participant's latest entry or exit, as attendance_mark picks it: per device the highest
  // sequence number, then between devices the later wall time. The hub's PostgreSQL storage
  // mirrors this query (read_inside, sync/hub/pg/pg_hub_live.cpp): change both together.
  PSL_ASSIGN_OR_RETURN(
      auto select,
      database_.query("SELECT count(*) FROM (SELECT kind, row_number() OVER (PARTITION BY participant_id "
                      "ORDER BY wall_ms DESC, device_id DESC) AS newest FROM (SELECT participant_id, device_id, kind, "
                      "wall_ms, row_number() OVER (PARTITION BY participant_id, device_id ORDER BY seq DESC) AS own "
                      "FROM journal WHERE checkpoint_id = ? AND participant_id IS NOT NULL "
                      "AND kind IN ('checkin', 'manual_checkin', 'checkout')) WHERE own = 1) "
                      "WHERE newest = 1 AND kind <> 'checkout'"));
  select.bind_all(checkpoint_id);
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  return has_row ? select.column_int(0) : 0;
}

Result<std::vector<JournalEntry>> Store::journal_entries(std::int64_t event_id) {
  std::vector<JournalEntry> entries;
  PSL_ASSIGN_OR_RETURN(
      auto select,
      database_.query(
          "SELECT uuid, device_id, seq, event_id, kind, outcome, participant_id, checkpoint_id, code, operator, "
          "wall_ms, monotonic_ns, local_day, partner_id, meeting_start_ms, table_label, answer FROM journal "
          "WHERE event_id = ? ORDER BY device_id, seq"));
  select.bind_all(event_id);
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return entries;
    JournalEntry entry;
    entry.uuid = select.column_text(0);
    entry.device_id = select.column_text(1);
    entry.seq = select.column_int(2);
    entry.event_id = select.column_int(3);
    entry.kind = parse_entry_kind(select.column_text(4)).value_or(EntryKind::checkin);
    entry.outcome = parse_outcome(select.column_text(5)).value_or(Outcome::accepted);
    entry.participant_id = select.column_optional_int(6);
    entry.checkpoint_id = select.column_optional_int(7);
    entry.code = select.column_text(8);
    entry.operator_name = select.column_text(9);
    entry.wall_ms = select.column_int(10);
    entry.monotonic_ns = select.column_int(11);
    entry.local_day = select.column_text(12);
    entry.partner_id = select.column_optional_int(13);
    entry.meeting_start_ms = select.column_int(14);
    entry.table_label = select.column_text(15);
    entry.answer = select.column_text(16);
    entries.push_back(std::move(entry));
  }
}

Result<std::vector<AttendanceRow>> Store::attendance(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(const auto points, checkpoints(event_id));
  // One pass over the event's check-ins rather than a query per participant and checkpoint.
  std::map<std::pair<std::int64_t, std::int64_t>, std::map<std::string, std::int64_t>> firsts;
  {
    PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT participant_id, checkpoint_id, local_day, min(wall_ms) "
                                                      "FROM journal WHERE event_id = ? AND participant_id IS NOT NULL "
                                                      "AND checkpoint_id IS NOT NULL AND kind IN ('checkin', "
                                                      "'manual_checkin') GROUP BY participant_id, checkpoint_id, "
                                                      "local_day"));
    select.bind_all(event_id);
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) break;
      firsts[{select.column_int(0), select.column_int(1)}][select.column_text(2)] = select.column_int(3);
    }
  }
  PSL_ASSIGN_OR_RETURN(auto people, participants(event_id));
  std::vector<AttendanceRow> rows;
  rows.reserve(people.size());
  for (auto& person : people) {
    AttendanceRow row{std::move(person), {}};
    for (const auto& point : points) {
      std::map<std::string, std::int64_t> by_day;
      if (const auto found = firsts.find({row.participant.id, point.id}); found != firsts.end())
        by_day = std::move(found->second);
      row.first_checkin_by_day.push_back(std::move(by_day));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::int64_t> Store::rehearsal_count(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto count, database_.query("SELECT count(*) FROM rehearsal_entry WHERE event_id = ?"));
  count.bind_all(event_id);
  PSL_ASSIGN_OR_RETURN(const bool has_row, count.step());
  return has_row ? count.column_int(0) : 0;
}

Result<std::int64_t> Store::clear_rehearsal(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto remove, database_.query("DELETE FROM rehearsal_entry WHERE event_id = ?"));
  remove.bind_all(event_id);
  PSL_ASSIGN_OR_RETURN(const bool has_row, remove.step());
  (void)has_row;
  return database_.changes();
}

}  // namespace passerelle
