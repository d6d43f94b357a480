// The hub's upload rules (ingest_rules.h), for both storages.
#include "sync/hub/store/ingest_rules.h"

#include "sync/hub/store/hub_tokens.h"

namespace passerelle::hub {

std::string_view quarantine_reason(sync::ForeignEntryStatus status) noexcept {
  using sync::ForeignEntryStatus;
  switch (status) {
    case ForeignEntryStatus::uuid_conflict:
      return reason::kUuidConflict;
    case ForeignEntryStatus::sequence_conflict:
      return reason::kSequenceConflict;
    case ForeignEntryStatus::unknown_event:
      return reason::kOtherEvent;
    case ForeignEntryStatus::unknown_participant:
      return reason::kUnknownParticipant;
    case ForeignEntryStatus::unknown_checkpoint:
      return reason::kUnknownCheckpoint;
    case ForeignEntryStatus::stored:
    case ForeignEntryStatus::duplicate:
      break;
  }
  return reason::kMalformed;
}

namespace {

constexpr std::string_view kOrganiserUploader = "organiser";
constexpr int kHeldReadChunk = 1000;

struct Batch {
  sync::EntryRows* entries;
  IngestRows* rows;
  const sync::IncomingBatch* incoming;
  std::string uploader;                  // device id, or "organiser"
  std::optional<std::int64_t> event_id;  // the device's event; empty for an organiser import
  std::int64_t now = 0;
  std::int64_t quota = 0;                   // of the uploading device; unused for an organiser
  std::optional<std::int64_t> quarantined;  // the device's count, read at its first refusal
};

AlertRow alert_row(const Batch& batch, std::string_view kind, std::optional<std::int64_t> event_id,
                   std::string_view uuid, std::string_view other_uuid, std::string_view detail) {
  return AlertRow{batch.now,         std::string(kind),       event_id,           batch.incoming->device_id,
                  std::string(uuid), std::string(other_uuid), std::string(detail)};
}

// Returns the reason the entry is held with: `why`, or, when a concurrent upload quarantined the
// same JSON first, that upload's reason (and no second alert).
// `counted`: the entry's seq belongs to the batch's device id and counts toward acked_seq.
Result<std::string> quarantine(Batch& batch, const sync::IncomingEntry& incoming, const std::string& raw_sha256,
                               std::string_view why, std::string_view detail, bool counted) {
  QuarantineRow row;
  row.received_ms = batch.now;
  row.uploader = batch.uploader;
  row.device_id = batch.incoming->device_id;
  row.uuid = incoming.uuid;
  row.reason = std::string(why);
  row.detail = std::string(detail);
  row.raw_json = incoming.raw_json;
  row.raw_sha256 = raw_sha256;
  row.event_id = incoming.entry ? std::optional<std::int64_t>(incoming.entry->event) : batch.event_id;
  if (counted && incoming.seq > 0) row.seq = incoming.seq;
  const bool device = batch.uploader != kOrganiserUploader;
  if (device) {
    if (!batch.quarantined) {
      PSL_ASSIGN_OR_RETURN(batch.quarantined, batch.rows->quarantined_by(batch.uploader));
    }
    if (*batch.quarantined >= batch.quota)
      return make_error(Errc::exhausted, "device " + batch.uploader + " has " + std::to_string(*batch.quarantined) +
                                             " entries in quarantine, its quota; the upload waits on the kiosk");
  }
  PSL_ASSIGN_OR_RETURN(const bool inserted, batch.rows->quarantine(row));
  if (!inserted) {
    PSL_ASSIGN_OR_RETURN(const auto earlier, batch.rows->quarantined_reason(row.device_id, raw_sha256));
    return earlier.value_or(row.reason);
  }
  PSL_TRY(batch.rows->alert(alert_row(batch, why, row.event_id, incoming.uuid, "", detail)));
  if (device) ++*batch.quarantined;
  return row.reason;
}

Result<sync::EntryResult> ingest_entry(Batch& batch, const sync::IncomingEntry& incoming,
                                       const std::string& raw_sha256) {
  sync::EntryResult result{incoming.entry ? incoming.entry->uuid : incoming.uuid, sync::EntryStatus::stored, ""};
  // An identical entry quarantined before: a retried batch gets the same answer, no second alert.
  PSL_ASSIGN_OR_RETURN(const auto earlier, batch.rows->quarantined_reason(batch.incoming->device_id, raw_sha256));
  if (earlier) {
    result.status = sync::EntryStatus::quarantined;
    result.reason = *earlier;
    return result;
  }
  auto refuse = [&](std::string_view why, std::string_view detail, bool counted) -> Result<sync::EntryResult> {
    PSL_ASSIGN_OR_RETURN(result.reason, quarantine(batch, incoming, raw_sha256, why, detail, counted));
    result.status = sync::EntryStatus::quarantined;
    return result;
  };

  if (!incoming.entry) return refuse(reason::kMalformed, incoming.error, true);
  const sync::WireEntry& entry = *incoming.entry;
  // Its seq is another id's: counting it would acknowledge an entry of this id never received.
  if (entry.device != batch.incoming->device_id)
    return refuse(reason::kWrongDevice,
                  "entry of device " + entry.device + " in a batch of " + batch.incoming->device_id, false);
  if (batch.event_id && entry.event != *batch.event_id)
    return refuse(
        reason::kOtherEvent,
        "entry of event " + std::to_string(entry.event) + " from a device of event " + std::to_string(*batch.event_id),
        true);

  PSL_ASSIGN_OR_RETURN(const auto stored, sync::store_foreign_entry(*batch.entries, entry, batch.now));
  switch (stored.status) {
    case sync::ForeignEntryStatus::stored:
      PSL_TRY(batch.rows->received(entry, batch.uploader, batch.now, batch.incoming->clock_offset_ms));
      if (stored.doubles)
        PSL_TRY(batch.rows->alert(alert_row(batch, kDoubleCheckinAlert, entry.event, entry.uuid, *stored.doubles,
                                            "a second accepted check-in at a checkpoint that admits once")));
      return result;
    case sync::ForeignEntryStatus::duplicate:
      result.status = sync::EntryStatus::duplicate;
      return result;
    default:
      return refuse(quarantine_reason(stored.status), std::string(sync::to_string(stored.status)), true);
  }
}

// Moves the id's mark over every seq now held right above it. The mark only grows, and what
// another path stored (an imported journal file) is picked up on the next batch.
Result<std::int64_t> advance_acked(IngestRows& rows, const std::string& authored_id) {
  PSL_ASSIGN_OR_RETURN(const std::int64_t start, rows.lock_acked(authored_id));
  std::int64_t acked = start;
  for (bool gap = false; !gap;) {
    PSL_ASSIGN_OR_RETURN(const auto held, rows.held_after(authored_id, acked, kHeldReadChunk));
    for (const std::int64_t seq : held) {
      if (seq != acked + 1) {
        gap = true;
        break;
      }
      acked = seq;
    }
    if (static_cast<int>(held.size()) < kHeldReadChunk) break;
  }
  if (acked != start) PSL_TRY(rows.set_acked(authored_id, acked));
  return acked;
}

}  // namespace

Result<sync::UploadAnswer> ingest_batch(sync::EntryRows& entries, IngestRows& rows, const Principal& uploader,
                                        const sync::IncomingBatch& batch, std::int64_t now_ms,
                                        const HubLimits& limits) {
  Batch context{
      &entries,    &rows, &batch, std::string(kOrganiserUploader), std::nullopt, now_ms, limits.quarantine_quota,
      std::nullopt};
  if (!uploader.is_organiser()) {
    // Checked again here: the device may have been revoked since its token was read.
    PSL_ASSIGN_OR_RETURN(const auto device, rows.uploader(uploader.device_id));
    if (!device) return make_error(Errc::not_found, "no device " + uploader.device_id);
    if (device->revoked) return make_error(Errc::conflict, "device " + uploader.device_id + " is revoked");
    if (!device->principal.may_act_as(batch.device_id))
      return make_error(Errc::conflict,
                        "device " + uploader.device_id + " may not upload entries of device " + batch.device_id);
    context.uploader = uploader.device_id;
    context.event_id = device->principal.event_id;
  }
  if (batch.device_id.empty()) return make_error(Errc::invalid_input, "upload: empty device_id");

  std::vector<std::string> raw_hashes;
  raw_hashes.reserve(batch.entries.size());
  for (const auto& incoming : batch.entries) raw_hashes.push_back(sha256_hex(incoming.raw_json));
  PSL_TRY(rows.prepare(batch, raw_hashes));

  sync::UploadAnswer answer;
  answer.statuses.reserve(batch.entries.size());
  for (std::size_t i = 0; i < batch.entries.size(); ++i) {
    PSL_ASSIGN_OR_RETURN(auto result, ingest_entry(context, batch.entries[i], raw_hashes[i]));
    answer.statuses.push_back(std::move(result));
  }
  PSL_TRY(rows.finish_batch());
  if (!uploader.is_organiser()) PSL_TRY(rows.device_synced(uploader.device_id, now_ms, batch.clock_offset_ms));
  PSL_ASSIGN_OR_RETURN(answer.acked_seq, advance_acked(rows, batch.device_id));
  return answer;
}

Status record_quarantine_full(IngestRows& rows, const Principal& uploader, const sync::IncomingBatch& batch,
                              std::int64_t now_ms, const HubLimits& limits) {
  // The quota is in the text, so that raising it and filling it again alerts again.
  const std::string detail = "device " + uploader.device_id + " reached its quarantine quota of " +
                             std::to_string(limits.quarantine_quota) +
                             " entries; its uploads are refused (429) and wait on the kiosk until the quota is raised";
  // Under the device's row lock where the storage has one: two refused uploads alert once.
  PSL_TRY(rows.uploader(uploader.device_id));
  PSL_ASSIGN_OR_RETURN(const bool raised, rows.has_alert(kQuarantineFullAlert, uploader.device_id, detail));
  if (raised) return {};
  const std::string first_uuid = batch.entries.empty() ? std::string() : batch.entries.front().uuid;
  return rows.alert(AlertRow{now_ms, std::string(kQuarantineFullAlert), uploader.event_id, uploader.device_id,
                             first_uuid, "", detail});
}

}  // namespace passerelle::hub
