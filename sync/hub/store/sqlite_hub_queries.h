// Internal to SqliteHubStore: transaction scaffolding and the queries several of its files share.
// Every function runs on the connection it is given, inside the caller's transaction if any.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/store/store.h"
#include "sync/hub/store/hub_store.h"
#include "sync/hub/store/store_pool.h"

namespace passerelle::hub::sqlite_detail {

// Runs `body(Store&)` (returning a Result or Status) in one IMMEDIATE transaction, committed when
// the body succeeded. `write_mutex` keeps this process's writers in a queue.
template <class Body>
auto in_write_transaction(std::mutex& write_mutex, StorePool& pool, Body&& body)
    -> decltype(body(std::declval<Store&>())) {
  std::lock_guard lock(write_mutex);
  PSL_ASSIGN_OR_RETURN(Store * writer, pool.writer());
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(writer->database()));
  auto result = body(*writer);
  if (!result) return result;
  PSL_TRY(transaction.commit());
  return result;
}

// Runs `body(Store&)` on one consistent snapshot (a deferred read transaction, rolled back).
template <class Body>
auto in_read_snapshot(StorePool& pool, Body&& body) -> decltype(body(std::declval<Store&>())) {
  PSL_ASSIGN_OR_RETURN(auto lease, pool.acquire());
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(lease->database(), db::Transaction::Kind::deferred));
  return body(*lease);
}

// The device's principal (its authored ids, own first) and whether it is revoked; empty if unknown.
struct DeviceRow {
  Principal principal;
  bool revoked = false;
};
Result<std::optional<DeviceRow>> load_device(db::Database& database, std::string_view device_id);

// Every seq held for an authored id: stored in the journal, or quarantined with a seq.
Result<std::vector<std::int64_t>> held_sequences(db::Database& database, std::string_view authored_id);
// The UUIDs held for an authored id, as reconciliation counts them (stored and quarantined).
Result<std::vector<std::string>> held_uuids(db::Database& database, std::string_view authored_id);

}  // namespace passerelle::hub::sqlite_detail
