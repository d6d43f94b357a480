// SyncStore: the store's sync side (docs/sync.md), for a kiosk's file and a hub's event file alike.
// It reads and writes core's tables through the Store it borrows; core knows nothing of it, so the
// protocol's types never reach core.
//
// Ownership: borrows a Store, which must outlive it. Thread safety: the Store's (one thread at a
// time). Durability: methods not named *_in_transaction commit before they return Ok.
// Failure: Result/Status with the Store's error codes; refusals of a foreign entry are statuses
// (ForeignEntryStatus), not errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/store.h"
#include "core/util/result.h"
#include "sync/protocol/entry_rules.h"
#include "sync/protocol/wire.h"

namespace passerelle::sync {

struct UnsentBatch {
  std::string device_id;          // the authored id these entries carry
  std::vector<WireEntry> entries;  // after its acknowledged mark, in seq order
};

struct ApplySummary {
  std::int64_t participants = 0;
  std::int64_t revocations = 0;
  std::int64_t keys = 0;
  std::int64_t meetings = 0;
  std::int64_t entries_stored = 0;
  std::int64_t entries_skipped = 0;  // duplicates, own entries, or entries this store refused
  std::int64_t doubles = 0;
};

class SyncStore {
 public:
  explicit SyncStore(Store& store) : store_(&store) {}

  // The highest seq of `device_id` the hub acknowledged (0 before any).
  Result<std::int64_t> acked_seq(std::string_view device_id);
  // Records the hub's answer to an upload whose last entry was `last_sent`: the mark moves to
  // min(hub_acked, last_sent) and never back. Why the clamp: the hub answers for the device id as a
  // whole, and a cloned disk writing under the same id can make it hold more than this file sent;
  // an entry written here after the batch was read must not count as acknowledged.
  Status acknowledge(std::string_view device_id, std::int64_t last_sent, std::int64_t hub_acked);
  // The next upload: entries of the oldest authored id that has any after its mark, at most
  // `limit`; empty entries when everything is acknowledged.
  Result<UnsentBatch> unsent_batch(int limit);
  // Entries of authored ids not yet acknowledged.
  Result<std::int64_t> unsent_count();
  // The wire form of a stored entry (participant by external id, checkpoint by name).
  Result<WireEntry> to_wire(const JournalEntry& entry);
  // Stores an entry written on another device exactly as given (its uuid, device, seq and times),
  // inside the caller's transaction, under the entry rules (entry_rules.h).
  Result<ForeignEntryResult> insert_foreign_entry_in_transaction(const WireEntry& entry);
  // Applies a downloaded page and sets local value `cursor_key` to page.cursor, in one
  // transaction: after a crash either both or neither are there. Entries carrying one of this
  // file's authored ids are skipped (the hub never sends them; a clone might).
  Result<ApplySummary> apply_change_page(const ChangePage& page, std::string_view cursor_key = "sync.cursor");
  Result<std::vector<DoubleCheckin>> double_checkins(std::int64_t event_id);
  // The UUIDs of `device_id`'s entries, for reconciliation (uuid_set_digest).
  Result<std::vector<std::string>> entry_uuids(std::string_view device_id);
  // Every entry of the event in (device_id, seq) order, for export: in wire form.
  Result<std::vector<WireEntry>> wire_entries(std::int64_t event_id);

 private:
  Store* store_;
};

}  // namespace passerelle::sync
