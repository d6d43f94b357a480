// The hub's upload rules (docs/sync.md "Upload"), written once and run by both storages: which
// entries are stored, which quarantined and why, the alerts, and how far a device id is
// acknowledged. Entries themselves go through the entry rules (sync/protocol/entry_rules.h); each
// storage supplies the rows (IngestRows) and the transaction around ingest_batch.
//
// Thread safety: one batch, one thread, one transaction the storage opened and will commit or roll
// back. Failure: Result/Status from the rows; Errc::conflict when the uploader is revoked or does
// not own the batch's device id, Errc::not_found for an unknown device, Errc::invalid_input for an
// empty device id, Errc::exhausted when the batch would quarantine more of the uploading device's
// entries than its quota (the storage rolls the batch back in each case). Refusals of entries are
// statuses in the answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/store/hub_store.h"
#include "sync/protocol/entry_rules.h"
#include "sync/protocol/wire.h"

namespace passerelle::hub {

// The quarantine reason (hub_store.h, `reason`) for what the entry rules refused.
std::string_view quarantine_reason(sync::ForeignEntryStatus status) noexcept;

struct QuarantineRow {
  std::int64_t received_ms = 0;
  std::string uploader;   // the uploading device id, or "organiser"
  std::string device_id;  // the batch's
  std::string uuid;
  std::string reason;
  std::string detail;
  std::string raw_json;
  std::string raw_sha256;
  std::optional<std::int64_t> event_id;
  std::optional<std::int64_t> seq;  // set when it counts toward the batch device id's acked_seq
};

struct AlertRow {
  std::int64_t created_ms = 0;
  std::string kind;
  std::optional<std::int64_t> event_id;
  std::string device_id;
  std::string uuid;
  std::string other_uuid;
  std::string detail;
};

// The uploading device as the batch's transaction sees it.
struct UploaderState {
  Principal principal;
  bool revoked = false;
};

// The hub's rows an upload reads and writes, inside the storage's transaction.
class IngestRows {
 public:
  virtual ~IngestRows() = default;

  // The device, locked where the storage has concurrent writers, so that its revocation waits for
  // this upload. Empty when unknown.
  virtual Result<std::optional<UploaderState>> uploader(std::string_view device_id) = 0;
  // Reads ahead, for the whole batch, what its checks will read, where that saves round trips.
  virtual Status prepare(const sync::IncomingBatch& batch, const std::vector<std::string>& raw_hashes) = 0;
  // The reason an entry with this exact JSON was quarantined with under the device id, if any.
  virtual Result<std::optional<std::string>> quarantined_reason(std::string_view device_id,
                                                                std::string_view raw_sha256) = 0;
  // False when nothing was inserted: the same JSON is held for the device id already (a
  // concurrent upload quarantined it first).
  virtual Result<bool> quarantine(const QuarantineRow& row) = 0;
  virtual Status alert(const AlertRow& row) = 0;
  // Whether an alert of `kind` about `device_id` with exactly this detail is held.
  virtual Result<bool> has_alert(std::string_view kind, std::string_view device_id, std::string_view detail) = 0;
  // Quarantined entries `uploader` (a device id) sent, all device ids and events together.
  virtual Result<std::int64_t> quarantined_by(std::string_view uploader) = 0;
  // A stored entry: when and from whom it arrived, and what the change feed must show of it.
  virtual Status received(const sync::WireEntry& entry, std::string_view uploader, std::int64_t now_ms,
                          std::int64_t clock_offset_ms) = 0;
  virtual Status device_synced(std::string_view device_id, std::int64_t now_ms, std::int64_t clock_offset_ms) = 0;
  // The id's acknowledged mark (0 if the hub has no row for it), locked against another upload
  // under the same id until the transaction ends.
  virtual Result<std::int64_t> lock_acked(std::string_view authored_id) = 0;
  // Seqs held for the id above `after` (stored, or quarantined with a seq), ascending, distinct,
  // at most `limit`.
  virtual Result<std::vector<std::int64_t>> held_after(std::string_view authored_id, std::int64_t after, int limit) = 0;
  // Sets the id's mark where the hub has a row for it.
  virtual Status set_acked(std::string_view authored_id, std::int64_t acked) = 0;
  // Writes what the rows gathered during the batch; called once, after the last entry.
  virtual Status finish_batch() = 0;
};

// One upload: a status per entry, in order; acked_seq for the batch's device id. hub_time_ms is
// left for the caller, who knows when the transaction committed.
Result<sync::UploadAnswer> ingest_batch(sync::EntryRows& entries, IngestRows& rows, const Principal& uploader,
                                        const sync::IncomingBatch& batch, std::int64_t now_ms, const HubLimits& limits);

// After ingest_batch failed with Errc::exhausted and its batch was rolled back, in a transaction
// of its own (or the group's, after the batch's savepoint): the quarantine_full alert, once per
// device and quota. Why not inside the batch: the batch is rolled back whole, alert included.
Status record_quarantine_full(IngestRows& rows, const Principal& uploader, const sync::IncomingBatch& batch,
                              std::int64_t now_ms, const HubLimits& limits);

}  // namespace passerelle::hub
