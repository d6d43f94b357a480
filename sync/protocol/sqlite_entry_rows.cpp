// SqliteEntryRows (sqlite_entry_rows.h): the entry rules' rows on core's SQLite schema.
#include "sync/protocol/sqlite_entry_rows.h"

namespace passerelle::sync {

const char* const kSqliteWireSelect =
    "SELECT j.uuid, j.device_id, j.seq, j.event_id, j.kind, j.outcome, p.external_id, c.name, j.code, j.operator, "
    "j.wall_ms, j.monotonic_ns, j.local_day, q.external_id, j.meeting_start_ms, j.table_label, j.answer "
    "FROM journal j LEFT JOIN participant p ON p.id = j.participant_id "
    "LEFT JOIN checkpoint c ON c.id = j.checkpoint_id LEFT JOIN participant q ON q.id = j.partner_id ";

WireEntry read_wire_row(const db::Query& query) {
  WireEntry entry;
  entry.uuid = query.column_text(0);
  entry.device = query.column_text(1);
  entry.seq = query.column_int(2);
  entry.event = query.column_int(3);
  entry.kind = parse_entry_kind(query.column_text(4)).value_or(EntryKind::checkin);
  entry.outcome = parse_outcome(query.column_text(5)).value_or(Outcome::accepted);
  entry.participant = query.column_optional_text(6);
  entry.checkpoint = query.column_optional_text(7);
  entry.code = query.column_text(8);
  entry.operator_name = query.column_text(9);
  entry.wall_ms = query.column_int(10);
  entry.monotonic_ns = query.column_int(11);
  entry.local_day = query.column_text(12);
  entry.partner = query.column_optional_text(13);
  entry.meeting_start_ms = query.column_int(14);
  entry.table = query.column_text(15);
  entry.answer = query.column_text(16);
  return entry;
}

Result<std::vector<WireEntry>> collect_wire_rows(db::Query& query) {
  std::vector<WireEntry> entries;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, query.step());
    if (!has_row) return entries;
    entries.push_back(read_wire_row(query));
  }
}

Result<std::optional<WireEntry>> SqliteEntryRows::entry(std::string_view uuid) {
  PSL_ASSIGN_OR_RETURN(auto select, database_->query(std::string(kSqliteWireSelect) + "WHERE j.uuid = ?"));
  select.bind_all(uuid);
  PSL_ASSIGN_OR_RETURN(const bool held, select.step());
  if (!held) return std::optional<WireEntry>();
  return std::optional<WireEntry>(read_wire_row(select));
}

Result<bool> SqliteEntryRows::has_event(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database_->query("SELECT 1 FROM event WHERE id = ?"));
  select.bind_all(event_id);
  return select.step();
}

Result<std::optional<std::int64_t>> SqliteEntryRows::participant(std::int64_t event_id, std::string_view external_id) {
  PSL_ASSIGN_OR_RETURN(auto select,
                       database_->query("SELECT id FROM participant WHERE event_id = ? AND external_id = ?"));
  select.bind_all(event_id, external_id);
  PSL_ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(select.column_int(0));
}

Result<std::optional<CheckpointRef>> SqliteEntryRows::checkpoint(std::int64_t event_id, std::string_view name) {
  PSL_ASSIGN_OR_RETURN(auto select, database_->query("SELECT id, name, rule FROM checkpoint "
                                                     "WHERE event_id = ? AND name = ? COLLATE NOCASE"));
  select.bind_all(event_id, name);
  PSL_ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return std::optional<CheckpointRef>();
  const auto rule = parse_checkpoint_rule(select.column_text(2));
  if (!rule) return make_error(Errc::database, "checkpoint " + select.column_text(1) + ": unknown rule");
  return std::optional<CheckpointRef>(CheckpointRef{select.column_int(0), select.column_text(1), *rule});
}

Result<bool> SqliteEntryRows::sequence_taken(std::string_view device_id, std::int64_t seq) {
  PSL_ASSIGN_OR_RETURN(auto select, database_->query("SELECT 1 FROM journal WHERE device_id = ? AND seq = ?"));
  select.bind_all(device_id, seq);
  return select.step();
}

Result<bool> SqliteEntryRows::insert(const WireEntry& entry, const EntryRefs& refs) {
  const auto& participant_id = refs.participant_id;
  const auto& checkpoint = refs.checkpoint;
  PSL_ASSIGN_OR_RETURN(auto insert,
                       database_->query("INSERT INTO journal(uuid, device_id, seq, event_id, kind, outcome, "
                                        "participant_id, checkpoint_id, code, operator, wall_ms, monotonic_ns, "
                                        "local_day, partner_id, meeting_start_ms, table_label, answer) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  insert.bind_all(entry.uuid, entry.device, entry.seq, entry.event, to_string(entry.kind), to_string(entry.outcome));
  // Bound one by one: GCC 12 misreads bind_all's std::optional<int64_t> as maybe uninitialised.
  if (participant_id) {
    insert.bind(7, *participant_id);
  } else {
    insert.bind(7, nullptr);
  }
  if (checkpoint) {
    insert.bind(8, checkpoint->id);
  } else {
    insert.bind(8, nullptr);
  }
  insert.bind(9, entry.code).bind(10, entry.operator_name).bind(11, entry.wall_ms).bind(12, entry.monotonic_ns);
  insert.bind(13, entry.local_day);
  if (refs.partner_id) {
    insert.bind(14, *refs.partner_id);
  } else {
    insert.bind(14, nullptr);
  }
  PSL_TRY(insert.bind(15, entry.meeting_start_ms).bind(16, entry.table).bind(17, entry.answer).run());
  return true;
}

Result<std::optional<PriorCheckin>> SqliteEntryRows::earliest_other_checkin(std::int64_t participant_id,
                                                                            std::int64_t checkpoint_id,
                                                                            std::string_view uuid,
                                                                            std::optional<std::string_view> local_day) {
  PSL_ASSIGN_OR_RETURN(auto select,
                       database_->query("SELECT uuid, wall_ms FROM journal WHERE participant_id = ?1 AND "
                                        "checkpoint_id = ?2 AND uuid <> ?3 AND outcome = 'accepted' AND "
                                        "kind IN ('checkin', 'manual_checkin') AND (?4 = 0 OR local_day = ?5) "
                                        "ORDER BY wall_ms, uuid LIMIT 1"));
  select.bind_all(participant_id, checkpoint_id, uuid, local_day ? 1 : 0, local_day.value_or(""));
  PSL_ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return std::optional<PriorCheckin>();
  return std::optional<PriorCheckin>(PriorCheckin{select.column_text(0), select.column_int(1)});
}

Status SqliteEntryRows::record_double(const DoubleCheckin& pair) {
  PSL_ASSIGN_OR_RETURN(auto insert, database_->query("INSERT OR IGNORE INTO sync_conflict(first_uuid, second_uuid, "
                                                     "participant_id, checkpoint_id, detected_ms) "
                                                     "VALUES (?, ?, ?, ?, ?)"));
  return insert.bind_all(pair.first_uuid, pair.second_uuid, pair.participant_id, pair.checkpoint_id, pair.detected_ms)
      .run();
}

}  // namespace passerelle::sync
