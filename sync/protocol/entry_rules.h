// The entry rules: what becomes of a journal entry written on another device when a store is
// offered it (a kiosk applying the hub's feed, a hub ingesting an upload). Written once, here, and
// run by every storage through EntryRows: the kiosk's SQLite file and the hub's SQLite event file
// (SqliteEntryRows) and the hub's PostgreSQL database (sync/hub/pg). A storage holds only its SQL.
//
// Thread safety: the rules are pure over the rows they are given; an EntryRows is used by one
// thread, inside one transaction its owner opened and will commit or roll back.
// Failure: Result/Status from the rows (the storage's errors). Refusals are statuses, not errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/model/checkpoint.h"
#include "core/util/result.h"
#include "sync/protocol/wire.h"

namespace passerelle::sync {

// What became of an entry written on another device when it was offered to a store.
enum class ForeignEntryStatus {
  stored,               // new, now held
  duplicate,            // the same UUID with the same content was held already
  uuid_conflict,        // this UUID is held with other content
  sequence_conflict,    // another entry holds this (device, seq): a cloned disk
  unknown_event,        // no such event here
  unknown_participant,  // the external id names no participant of the event
  unknown_checkpoint,   // the name names no checkpoint of the event
};
std::string_view to_string(ForeignEntryStatus status) noexcept;

struct ForeignEntryResult {
  ForeignEntryStatus status = ForeignEntryStatus::stored;
  // Set when the stored entry is a second accepted check-in its checkpoint's rule admits once
  // (admits_once): the UUID of the other one. The pair is also recorded (EntryRows::record_double).
  std::optional<std::string> doubles;
};

// Two accepted check-ins of one participant at one checkpoint that its rule allows once: made on
// two devices while apart. Both are kept; attendance counts the participant once.
struct DoubleCheckin {
  std::string first_uuid;  // the earlier by (wall time, uuid)
  std::string second_uuid;
  std::int64_t participant_id = 0;
  std::int64_t checkpoint_id = 0;
  std::int64_t detected_ms = 0;
};

// An entry's checkpoint as the rules need it.
struct CheckpointRef {
  std::int64_t id = 0;
  std::string name;  // as the store holds it (names match case-insensitively in ASCII)
  CheckpointRule rule = CheckpointRule::once_per_event;
};

// The store's row ids for what an entry names.
struct EntryRefs {
  std::optional<std::int64_t> participant_id;
  std::optional<std::int64_t> partner_id;  // a meeting entry's partner
  std::optional<CheckpointRef> checkpoint;
};

// An accepted check-in that the rule for a second one compares against.
struct PriorCheckin {
  std::string uuid;
  std::int64_t wall_ms = 0;
};

// Checkpoint names as every storage compares them: ASCII letters without case (SQLite's NOCASE,
// which kiosks have always used), every other byte as it is.
bool same_checkpoint_name(std::string_view a, std::string_view b) noexcept;

// The same entry, offered again: every field equal, the checkpoint's name as above (a store gives
// back the name it holds, which may differ in case from the one offered).
bool same_entry(const WireEntry& held, const WireEntry& offered) noexcept;

// True for an accepted check-in (scanned or manual) at a checkpoint whose rule admits one per
// event or per day: a second such entry, made on another device while apart, is a double check-in.
bool admits_once(const WireEntry& entry, CheckpointRule rule) noexcept;

// The rows the rules read and write, inside the owner's transaction. Row ids are the store's own.
class EntryRows {
 public:
  virtual ~EntryRows() = default;

  // The stored entry with this UUID, in wire form (its checkpoint under the stored name).
  virtual Result<std::optional<WireEntry>> entry(std::string_view uuid) = 0;
  virtual Result<bool> has_event(std::int64_t event_id) = 0;
  virtual Result<std::optional<std::int64_t>> participant(std::int64_t event_id, std::string_view external_id) = 0;
  // By name, as same_checkpoint_name compares them.
  virtual Result<std::optional<CheckpointRef>> checkpoint(std::int64_t event_id, std::string_view name) = 0;
  virtual Result<bool> sequence_taken(std::string_view device_id, std::int64_t seq) = 0;
  // Inserts the entry. False when nothing was inserted because a concurrent writer committed a
  // clashing row (same UUID, or same device and seq) after this transaction read: the rules then
  // call refresh() and decide again. A single-writer storage always inserts.
  virtual Result<bool> insert(const WireEntry& entry, const EntryRefs& refs) = 0;
  // Forgets what was read about this entry's UUID and (device, seq), for a storage that reads
  // ahead (see insert()).
  virtual Status refresh(const WireEntry& entry) = 0;
  // Holds back every other transaction that would look for this participant's check-ins until
  // this one ends, so that of two uploads checking one person in, the later sees the earlier's
  // entry. A single-writer storage has nothing to do.
  virtual Status lock_participant(std::int64_t participant_id) = 0;
  // The earliest, by (wall_ms, uuid in byte order), other accepted check-in (scanned or manual)
  // of the participant at the checkpoint; on `local_day` only, when given.
  virtual Result<std::optional<PriorCheckin>> earliest_other_checkin(std::int64_t participant_id,
                                                                     std::int64_t checkpoint_id, std::string_view uuid,
                                                                     std::optional<std::string_view> local_day) = 0;
  // Records the pair once (a pair already recorded is left as it is).
  virtual Status record_double(const DoubleCheckin& pair) = 0;
};

// Stores an entry written on another device exactly as given (its uuid, device, seq and times),
// or says why not, in this order: held already (duplicate when same_entry, else uuid_conflict), unknown event,
// unknown participant (or meeting partner), unknown checkpoint, sequence_conflict. A stored entry that admits_once
// and has an earlier-or-later twin is paired with the earliest other one (detected at `now_ms`).
Result<ForeignEntryResult> store_foreign_entry(EntryRows& rows, const WireEntry& entry, std::int64_t now_ms);

}  // namespace passerelle::sync
