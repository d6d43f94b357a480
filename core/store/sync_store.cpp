// Store: what sync needs of a kiosk's or a hub's file (docs/sync.md). Entries written elsewhere
// are stored exactly as given; registry changes from the hub are applied as the hub's state wins.
#include <algorithm>

#include "core/store/store.h"

namespace passerelle {
namespace {

// The wire form of stored entries: participant by external id, checkpoint by name.
constexpr const char* kWireSelect =
    "SELECT j.uuid, j.device_id, j.seq, j.event_id, j.kind, j.outcome, p.external_id, c.name, j.code, j.operator, "
    "j.wall_ms, j.monotonic_ns, j.local_day FROM journal j LEFT JOIN participant p ON p.id = j.participant_id "
    "LEFT JOIN checkpoint c ON c.id = j.checkpoint_id ";

sync::WireEntry read_wire(db::Query& query) {
  sync::WireEntry entry;
  entry.uuid = query.column_text(0);
  entry.device = query.column_text(1);
  entry.seq = query.column_int(2);
  entry.event = query.column_int(3);
  entry.kind = parse_entry_kind(query.column_text(4)).value_or(EntryKind::checkin);
  entry.outcome = parse_outcome(query.column_text(5)).value_or(Outcome::accepted);
  if (!query.column_is_null(6)) entry.participant = query.column_text(6);
  if (!query.column_is_null(7)) entry.checkpoint = query.column_text(7);
  entry.code = query.column_text(8);
  entry.operator_name = query.column_text(9);
  entry.wall_ms = query.column_int(10);
  entry.monotonic_ns = query.column_int(11);
  entry.local_day = query.column_text(12);
  return entry;
}

Result<std::vector<sync::WireEntry>> collect_wire(db::Query& query) {
  std::vector<sync::WireEntry> entries;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, query.step());
    if (!has_row) return entries;
    entries.push_back(read_wire(query));
  }
}

bool is_once_only_checkin(const sync::WireEntry& entry) {
  return entry.outcome == Outcome::accepted &&
         (entry.kind == EntryKind::checkin || entry.kind == EntryKind::manual_checkin);
}

}  // namespace

std::string_view to_string(ForeignEntryStatus status) noexcept {
  switch (status) {
    case ForeignEntryStatus::stored:
      return "stored";
    case ForeignEntryStatus::duplicate:
      return "duplicate";
    case ForeignEntryStatus::uuid_conflict:
      return "uuid_conflict";
    case ForeignEntryStatus::sequence_conflict:
      return "sequence_conflict";
    case ForeignEntryStatus::unknown_event:
      return "unknown_event";
    case ForeignEntryStatus::unknown_participant:
      return "unknown_participant";
    case ForeignEntryStatus::unknown_checkpoint:
      return "unknown_checkpoint";
  }
  return "stored";
}

Result<std::vector<std::string>> Store::authored_device_ids() {
  PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT device_id FROM sync_former_id ORDER BY position"));
  PSL_ASSIGN_OR_RETURN(auto ids, select.collect_texts());
  PSL_ASSIGN_OR_RETURN(auto current, local_value("device_id"));
  if (current) ids.push_back(*current);
  return ids;
}

Status Store::adopt_device_id(std::string_view device_id) {
  if (device_id.empty()) return make_error(Errc::invalid_input, "empty device id");
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database_));
  PSL_ASSIGN_OR_RETURN(const auto current, local_value("device_id"));
  if (current && *current == device_id) return {};
  if (current) {
    PSL_ASSIGN_OR_RETURN(auto insert, database_.query("INSERT OR IGNORE INTO sync_former_id(device_id, position) "
                                                      "SELECT ?, coalesce(max(position), 0) + 1 FROM sync_former_id"));
    PSL_TRY(insert.bind_all(*current).run());
  }
  PSL_TRY(set_local_value("device_id", device_id));
  return transaction.commit();
}

Result<std::optional<std::string>> Store::local_value(std::string_view key) {
  PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT value FROM local_state WHERE key = ?"));
  select.bind_all(key);
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  if (!has_row) return std::optional<std::string>();
  return std::optional<std::string>(select.column_text(0));
}

Status Store::set_local_value(std::string_view key, std::string_view value) {
  PSL_ASSIGN_OR_RETURN(auto upsert, database_.query("INSERT INTO local_state(key, value) VALUES (?, ?) "
                                                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  return upsert.bind_all(key, value).run();
}

Result<std::int64_t> Store::acked_seq(std::string_view device_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT acked_seq FROM sync_ack WHERE device_id = ?"));
  select.bind_all(device_id);
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  return has_row ? select.column_int(0) : 0;
}

Status Store::set_acked_seq(std::string_view device_id, std::int64_t seq) {
  // Clamped to what this file holds: a hub that holds more under this id (a cloned disk's
  // entries) must not make this kiosk skip entries it writes later under the same numbers.
  PSL_ASSIGN_OR_RETURN(
      auto upsert,
      database_.query(
          "INSERT INTO sync_ack(device_id, acked_seq) "
          "SELECT ?1, min(?2, coalesce((SELECT max(seq) FROM journal WHERE device_id = ?1), 0)) "
          "WHERE true ON CONFLICT(device_id) DO UPDATE SET acked_seq = max(acked_seq, excluded.acked_seq)"));
  return upsert.bind_all(device_id, seq).run();
}

Result<UnsentBatch> Store::unsent_batch(int limit) {
  PSL_ASSIGN_OR_RETURN(const auto ids, authored_device_ids());
  for (const auto& id : ids) {
    PSL_ASSIGN_OR_RETURN(const auto mark, acked_seq(id));
    PSL_ASSIGN_OR_RETURN(auto select, database_.query(std::string(kWireSelect) +
                                                      "WHERE j.device_id = ? AND j.seq > ? ORDER BY j.seq LIMIT ?"));
    select.bind_all(id, mark, limit);
    PSL_ASSIGN_OR_RETURN(auto entries, collect_wire(select));
    if (!entries.empty()) return UnsentBatch{id, std::move(entries)};
  }
  return UnsentBatch{};
}

Result<std::int64_t> Store::unsent_count() {
  PSL_ASSIGN_OR_RETURN(const auto ids, authored_device_ids());
  std::int64_t total = 0;
  for (const auto& id : ids) {
    PSL_ASSIGN_OR_RETURN(auto count,
                         database_.query("SELECT count(*) FROM journal WHERE device_id = ?1 AND seq > "
                                         "coalesce((SELECT acked_seq FROM sync_ack WHERE device_id = ?1), 0)"));
    count.bind_all(id);
    PSL_ASSIGN_OR_RETURN(const bool has_row, count.step());
    if (has_row) total += count.column_int(0);
  }
  return total;
}

Result<sync::WireEntry> Store::to_wire(const JournalEntry& entry) {
  PSL_ASSIGN_OR_RETURN(auto select, database_.query(std::string(kWireSelect) + "WHERE j.uuid = ?"));
  select.bind_all(entry.uuid);
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  if (!has_row) return make_error(Errc::not_found, "no journal entry " + entry.uuid);
  return read_wire(select);
}

Result<ForeignEntryResult> Store::insert_wire_entry_in_transaction(const sync::WireEntry& entry) {
  {
    PSL_ASSIGN_OR_RETURN(auto existing, database_.query(std::string(kWireSelect) + "WHERE j.uuid = ?"));
    existing.bind_all(entry.uuid);
    PSL_ASSIGN_OR_RETURN(const bool held, existing.step());
    if (held)
      return ForeignEntryResult{
          read_wire(existing) == entry ? ForeignEntryStatus::duplicate : ForeignEntryStatus::uuid_conflict, {}};
  }
  {
    PSL_ASSIGN_OR_RETURN(auto event, database_.query("SELECT 1 FROM event WHERE id = ?"));
    event.bind_all(entry.event);
    PSL_ASSIGN_OR_RETURN(const bool found, event.step());
    if (!found) return ForeignEntryResult{ForeignEntryStatus::unknown_event, {}};
  }
  std::optional<std::int64_t> participant_id;
  if (entry.participant) {
    PSL_ASSIGN_OR_RETURN(auto select,
                         database_.query("SELECT id FROM participant WHERE event_id = ? AND external_id = ?"));
    select.bind_all(entry.event, *entry.participant);
    PSL_ASSIGN_OR_RETURN(const bool found, select.step());
    if (!found) return ForeignEntryResult{ForeignEntryStatus::unknown_participant, {}};
    participant_id = select.column_int(0);
  }
  std::optional<std::int64_t> checkpoint_id;
  std::string rule;
  if (entry.checkpoint) {
    PSL_ASSIGN_OR_RETURN(
        auto select, database_.query("SELECT id, rule FROM checkpoint WHERE event_id = ? AND name = ? COLLATE NOCASE"));
    select.bind_all(entry.event, *entry.checkpoint);
    PSL_ASSIGN_OR_RETURN(const bool found, select.step());
    if (!found) return ForeignEntryResult{ForeignEntryStatus::unknown_checkpoint, {}};
    checkpoint_id = select.column_int(0);
    rule = select.column_text(1);
  }
  {
    PSL_ASSIGN_OR_RETURN(auto clash, database_.query("SELECT 1 FROM journal WHERE device_id = ? AND seq = ?"));
    clash.bind_all(entry.device, entry.seq);
    PSL_ASSIGN_OR_RETURN(const bool taken, clash.step());
    if (taken) return ForeignEntryResult{ForeignEntryStatus::sequence_conflict, {}};
  }
  {
    PSL_ASSIGN_OR_RETURN(
        auto insert,
        database_.query("INSERT INTO journal(uuid, device_id, seq, event_id, kind, outcome, participant_id, "
                        "checkpoint_id, code, operator, wall_ms, monotonic_ns, local_day) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    PSL_TRY(insert
                .bind_all(entry.uuid, entry.device, entry.seq, entry.event, to_string(entry.kind),
                          to_string(entry.outcome), participant_id, checkpoint_id, entry.code, entry.operator_name,
                          entry.wall_ms, entry.monotonic_ns, entry.local_day)
                .run());
  }
  ForeignEntryResult result;
  if (!participant_id || !checkpoint_id || !is_once_only_checkin(entry) || rule == "in_out") return result;

  // A second accepted check-in that the rule allows once: kept (it was shown green), paired with
  // the earliest other one, and counted once by attendance, which takes the first.
  PSL_ASSIGN_OR_RETURN(auto other,
                       database_.query("SELECT uuid, wall_ms FROM journal WHERE participant_id = ?1 AND "
                                       "checkpoint_id = ?2 AND uuid <> ?3 AND outcome = 'accepted' AND "
                                       "kind IN ('checkin', 'manual_checkin') AND (?4 = 0 OR local_day = ?5) "
                                       "ORDER BY wall_ms, uuid LIMIT 1"));
  other.bind_all(*participant_id, *checkpoint_id, entry.uuid, rule == "once_per_day" ? 1 : 0, entry.local_day);
  PSL_ASSIGN_OR_RETURN(const bool has_other, other.step());
  if (!has_other) return result;
  std::string other_uuid = other.column_text(0);
  const bool other_first = std::pair(other.column_int(1), other_uuid) < std::pair(entry.wall_ms, entry.uuid);
  PSL_ASSIGN_OR_RETURN(auto record,
                       database_.query("INSERT OR IGNORE INTO sync_conflict(first_uuid, second_uuid, "
                                       "participant_id, checkpoint_id, detected_ms) VALUES (?, ?, ?, ?, ?)"));
  PSL_TRY(record
              .bind_all(other_first ? other_uuid : entry.uuid, other_first ? entry.uuid : other_uuid, *participant_id,
                        *checkpoint_id, clock_->wall_ms())
              .run());
  result.doubles = std::move(other_uuid);
  return result;
}

Result<std::vector<DoubleCheckin>> Store::double_checkins(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select,
                       database_.query("SELECT s.first_uuid, s.second_uuid, s.participant_id, s.checkpoint_id, "
                                       "s.detected_ms FROM sync_conflict s JOIN checkpoint c ON c.id = s.checkpoint_id "
                                       "WHERE c.event_id = ? ORDER BY s.detected_ms, s.first_uuid"));
  select.bind_all(event_id);
  std::vector<DoubleCheckin> doubles;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return doubles;
    doubles.push_back({select.column_text(0), select.column_text(1), select.column_int(2), select.column_int(3),
                       select.column_int(4)});
  }
}

Result<std::vector<std::string>> Store::entry_uuids(std::string_view device_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT uuid FROM journal WHERE device_id = ?"));
  select.bind_all(device_id);
  return select.collect_texts();
}

Result<std::vector<sync::WireEntry>> Store::wire_entries(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select,
                       database_.query(std::string(kWireSelect) + "WHERE j.event_id = ? ORDER BY j.device_id, j.seq"));
  select.bind_all(event_id);
  return collect_wire(select);
}

}  // namespace passerelle
