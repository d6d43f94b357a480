// SqliteEntryRows: the entry rules' rows (entry_rules.h) on core's SQLite schema, shared by the
// kiosk's file and the hub's SQLite event file. And the wire form of a journal row, which every
// SQLite reader of entries shares.
//
// Ownership: borrows the database, which must outlive it. Thread safety: the database's (one
// thread). Every method runs inside the caller's transaction. SQLite has one writer at a time, so
// insert() always inserts and lock_participant() has nothing to do.
#pragma once

#include <string>

#include "core/db/sqlite.h"
#include "sync/protocol/entry_rules.h"
#include "sync/protocol/wire.h"

namespace passerelle::sync {

// "SELECT <the wire entry's 13 columns> FROM journal j LEFT JOIN ... ": append WHERE / ORDER BY.
extern const char* const kSqliteWireSelect;
// The entry on the query's current row, selected by kSqliteWireSelect.
WireEntry read_wire_row(const db::Query& query);
// Every row the query yields, selected by kSqliteWireSelect.
Result<std::vector<WireEntry>> collect_wire_rows(db::Query& query);

class SqliteEntryRows final : public EntryRows {
 public:
  explicit SqliteEntryRows(db::Database& database) : database_(&database) {}

  Result<std::optional<WireEntry>> entry(std::string_view uuid) override;
  Result<bool> has_event(std::int64_t event_id) override;
  Result<std::optional<std::int64_t>> participant(std::int64_t event_id, std::string_view external_id) override;
  Result<std::optional<CheckpointRef>> checkpoint(std::int64_t event_id, std::string_view name) override;
  Result<bool> sequence_taken(std::string_view device_id, std::int64_t seq) override;
  Result<bool> insert(const WireEntry& entry, const EntryRefs& refs) override;
  Status refresh(const WireEntry&) override { return {}; }
  Status lock_participant(std::int64_t) override { return {}; }
  Result<std::optional<PriorCheckin>> earliest_other_checkin(std::int64_t participant_id, std::int64_t checkpoint_id,
                                                             std::string_view uuid,
                                                             std::optional<std::string_view> local_day) override;
  Status record_double(const DoubleCheckin& pair) override;

 private:
  db::Database* database_;
};

}  // namespace passerelle::sync
