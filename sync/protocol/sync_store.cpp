// SyncStore (sync_store.h): what sync needs of a kiosk's or a hub's file. Entries written
// elsewhere go through the entry rules; registry changes are applied in sync_apply.cpp.
#include "sync/protocol/sync_store.h"

#include "sync/protocol/sqlite_entry_rows.h"

namespace passerelle::sync {

Result<std::int64_t> SyncStore::acked_seq(std::string_view device_id) {
  PSL_ASSIGN_OR_RETURN(auto select, store_->database().query("SELECT acked_seq FROM sync_ack WHERE device_id = ?"));
  select.bind_all(device_id);
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  return has_row ? select.column_int(0) : 0;
}

Status SyncStore::acknowledge(std::string_view device_id, std::int64_t last_sent, std::int64_t hub_acked) {
  // Also clamped to what this file holds, for a caller that passes more than it sent.
  PSL_ASSIGN_OR_RETURN(
      auto upsert,
      store_->database().query(
          "INSERT INTO sync_ack(device_id, acked_seq) "
          "SELECT ?1, min(?2, coalesce((SELECT max(seq) FROM journal WHERE device_id = ?1), 0)) "
          "WHERE true ON CONFLICT(device_id) DO UPDATE SET acked_seq = max(acked_seq, excluded.acked_seq)"));
  return upsert.bind_all(device_id, std::min(last_sent, hub_acked)).run();
}

Result<UnsentBatch> SyncStore::unsent_batch(int limit) {
  PSL_ASSIGN_OR_RETURN(const auto ids, store_->authored_device_ids());
  for (const auto& id : ids) {
    PSL_ASSIGN_OR_RETURN(const auto mark, acked_seq(id));
    PSL_ASSIGN_OR_RETURN(auto select, store_->database().query(std::string(kSqliteWireSelect) +
                                                               "WHERE j.device_id = ? AND j.seq > ? "
                                                               "ORDER BY j.seq LIMIT ?"));
    select.bind_all(id, mark, limit);
    PSL_ASSIGN_OR_RETURN(auto entries, collect_wire_rows(select));
    if (!entries.empty()) return UnsentBatch{id, std::move(entries)};
  }
  return UnsentBatch{};
}

Result<std::int64_t> SyncStore::unsent_count() {
  PSL_ASSIGN_OR_RETURN(const auto ids, store_->authored_device_ids());
  std::int64_t total = 0;
  for (const auto& id : ids) {
    PSL_ASSIGN_OR_RETURN(auto count,
                         store_->database().query("SELECT count(*) FROM journal WHERE device_id = ?1 AND seq > "
                                                  "coalesce((SELECT acked_seq FROM sync_ack WHERE device_id = ?1), 0)"));
    count.bind_all(id);
    PSL_ASSIGN_OR_RETURN(const bool has_row, count.step());
    if (has_row) total += count.column_int(0);
  }
  return total;
}

Result<WireEntry> SyncStore::to_wire(const JournalEntry& entry) {
  SqliteEntryRows rows(store_->database());
  PSL_ASSIGN_OR_RETURN(auto held, rows.entry(entry.uuid));
  if (!held) return make_error(Errc::not_found, "no journal entry " + entry.uuid);
  return std::move(*held);
}

Result<ForeignEntryResult> SyncStore::insert_foreign_entry_in_transaction(const WireEntry& entry) {
  SqliteEntryRows rows(store_->database());
  return store_foreign_entry(rows, entry, store_->clock().wall_ms());
}

Result<std::vector<DoubleCheckin>> SyncStore::double_checkins(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, store_->database().query(
                                        "SELECT s.first_uuid, s.second_uuid, s.participant_id, s.checkpoint_id, "
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

Result<std::vector<std::string>> SyncStore::entry_uuids(std::string_view device_id) {
  PSL_ASSIGN_OR_RETURN(auto select, store_->database().query("SELECT uuid FROM journal WHERE device_id = ?"));
  select.bind_all(device_id);
  return select.collect_texts();
}

Result<std::vector<WireEntry>> SyncStore::wire_entries(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, store_->database().query(std::string(kSqliteWireSelect) +
                                                             "WHERE j.event_id = ? ORDER BY j.device_id, j.seq"));
  select.bind_all(event_id);
  return collect_wire_rows(select);
}

}  // namespace passerelle::sync
