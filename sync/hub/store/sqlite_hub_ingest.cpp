// SqliteHubStore::ingest: one uploaded batch in one transaction (docs/sync.md "Upload").
#include "sync/hub/store/backend_support.h"
#include "sync/hub/store/hub_tokens.h"
#include "sync/hub/store/sqlite_hub_queries.h"
#include "sync/hub/store/sqlite_hub_store.h"

namespace passerelle::hub {
namespace {

constexpr std::string_view kOrganiserUploader = "organiser";

struct BatchContext {
  db::Database* database;
  std::string uploader;                  // device id, or "organiser"
  std::optional<std::int64_t> event_id;  // the device's event; empty for an organiser import
  const sync::IncomingBatch* batch;
  std::int64_t now = 0;
};

Status raise_alert(const BatchContext& context, std::string_view kind, std::optional<std::int64_t> event_id,
                   std::string_view uuid, std::string_view other_uuid, std::string_view detail) {
  PSL_ASSIGN_OR_RETURN(auto insert,
                       context.database->query("INSERT INTO hub_alert(created_ms, kind, event_id, device_id, uuid, "
                                               "other_uuid, detail) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  return insert.bind_all(context.now, kind, event_id, context.batch->device_id, uuid, other_uuid, detail).run();
}

// The reason an identical entry was quarantined with before: a retried batch gets the same answer
// and raises no second alert.
Result<std::optional<std::string>> earlier_quarantine(const BatchContext& context, const std::string& raw_sha256) {
  PSL_ASSIGN_OR_RETURN(auto select, context.database->query("SELECT reason FROM hub_quarantine WHERE device_id = ? "
                                                            "AND raw_sha256 = ?"));
  select.bind_all(context.batch->device_id, raw_sha256);
  PSL_ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return std::optional<std::string>();
  return std::optional<std::string>(select.column_text(0));
}

// `counted`: the entry's seq belongs to the batch's device id and counts toward acked_seq.
Status quarantine(const BatchContext& context, const sync::IncomingEntry& incoming, const std::string& raw_sha256,
                  std::string_view why, std::string_view detail, bool counted) {
  const std::optional<std::int64_t> event_id =
      incoming.entry ? std::optional<std::int64_t>(incoming.entry->event) : context.event_id;
  {
    PSL_ASSIGN_OR_RETURN(auto insert, context.database->query(
                                          "INSERT INTO hub_quarantine(received_ms, uploader, device_id, uuid, reason, "
                                          "detail, raw_json, raw_sha256, event_id, seq) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.bind_all(context.now, context.uploader, context.batch->device_id, incoming.uuid, why, detail,
                    incoming.raw_json, raw_sha256);
    // Bound one by one: GCC 12 misreads bind_all's std::optional<int64_t> as maybe uninitialised.
    if (event_id) {
      insert.bind(9, *event_id);
    } else {
      insert.bind(9, nullptr);
    }
    if (counted && incoming.seq > 0) {
      insert.bind(10, incoming.seq);
    } else {
      insert.bind(10, nullptr);
    }
    PSL_TRY(insert.run());
  }
  return raise_alert(context, why, event_id, incoming.uuid, "", detail);
}

Result<sync::EntryResult> ingest_entry(Store& store, const BatchContext& context, const sync::IncomingEntry& incoming) {
  sync::EntryResult result{incoming.entry ? incoming.entry->uuid : incoming.uuid, sync::EntryStatus::stored, ""};
  const std::string raw_sha256 = sha256_hex(incoming.raw_json);
  PSL_ASSIGN_OR_RETURN(const auto earlier, earlier_quarantine(context, raw_sha256));
  if (earlier) {
    result.status = sync::EntryStatus::quarantined;
    result.reason = *earlier;
    return result;
  }
  auto refuse = [&](std::string_view why, std::string_view detail, bool counted) -> Result<sync::EntryResult> {
    PSL_TRY(quarantine(context, incoming, raw_sha256, why, detail, counted));
    result.status = sync::EntryStatus::quarantined;
    result.reason = std::string(why);
    return result;
  };

  if (!incoming.entry) return refuse(reason::kMalformed, incoming.error, true);
  const sync::WireEntry& entry = *incoming.entry;
  // Its seq is another id's: counting it would acknowledge an entry of this id never received.
  if (entry.device != context.batch->device_id)
    return refuse(reason::kWrongDevice,
                  "entry of device " + entry.device + " in a batch of " + context.batch->device_id, false);
  if (context.event_id && entry.event != *context.event_id)
    return refuse(reason::kOtherEvent,
                  "entry of event " + std::to_string(entry.event) + " from a device of event " +
                      std::to_string(*context.event_id),
                  true);

  PSL_ASSIGN_OR_RETURN(const auto stored, store.insert_wire_entry_in_transaction(entry));
  switch (stored.status) {
    case ForeignEntryStatus::stored: {
      PSL_ASSIGN_OR_RETURN(auto received,
                           context.database->query("INSERT OR IGNORE INTO hub_received(uuid, uploader, received_ms, "
                                                   "clock_offset_ms) VALUES (?, ?, ?, ?)"));
      PSL_TRY(received.bind_all(entry.uuid, context.uploader, context.now, context.batch->clock_offset_ms).run());
      if (stored.doubles)
        PSL_TRY(raise_alert(context, kDoubleCheckinAlert, entry.event, entry.uuid, *stored.doubles,
                            "a second accepted check-in at a checkpoint that admits once"));
      return result;
    }
    case ForeignEntryStatus::duplicate:
      result.status = sync::EntryStatus::duplicate;
      return result;
    default:
      return refuse(quarantine_reason(stored.status), std::string(to_string(stored.status)), true);
  }
}

// Moves the id's mark over every seq now held right above it. The mark only grows, and what
// another path stored (an imported journal file) is picked up on the next batch.
Result<std::int64_t> advance_acked(db::Database& database, const std::string& authored_id) {
  std::int64_t acked = 0;
  {
    PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT acked_seq FROM hub_authored WHERE authored_id = ?"));
    select.bind_all(authored_id);
    PSL_ASSIGN_OR_RETURN(const bool found, select.step());
    if (found) acked = select.column_int(0);
  }
  const std::int64_t start = acked;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(auto held, database.query("SELECT EXISTS (SELECT 1 FROM journal WHERE device_id = ?1 AND "
                                                   "seq = ?2) OR EXISTS (SELECT 1 FROM hub_quarantine WHERE "
                                                   "device_id = ?1 AND seq = ?2)"));
    held.bind_all(authored_id, acked + 1);
    PSL_ASSIGN_OR_RETURN(const bool has_row, held.step());
    if (!has_row || held.column_int(0) == 0) break;
    ++acked;
  }
  if (acked != start) {
    PSL_ASSIGN_OR_RETURN(auto update, database.query("UPDATE hub_authored SET acked_seq = ? WHERE authored_id = ?"));
    PSL_TRY(update.bind_all(acked, authored_id).run());
  }
  return acked;
}

// One batch inside the group's transaction (see ingest()).
Result<sync::UploadAnswer> ingest_batch(Store& store, const Clock& clock, const Principal& uploader,
                                        const sync::IncomingBatch& batch) {
  auto& database = store.database();
  BatchContext context{&database, std::string(kOrganiserUploader), std::nullopt, &batch, clock.wall_ms()};
  if (!uploader.is_organiser()) {
    // Checked again here: the device may have been revoked since its token was read.
    PSL_ASSIGN_OR_RETURN(const auto device, sqlite_detail::load_device(database, uploader.device_id));
    if (!device) return make_error(Errc::not_found, "no device " + uploader.device_id);
    if (device->revoked) return make_error(Errc::conflict, "device " + uploader.device_id + " is revoked");
    if (!device->principal.may_act_as(batch.device_id))
      return make_error(Errc::conflict,
                        "device " + uploader.device_id + " may not upload entries of device " + batch.device_id);
    context.uploader = uploader.device_id;
    context.event_id = device->principal.event_id;
  }
  if (batch.device_id.empty()) return make_error(Errc::invalid_input, "upload: empty device_id");

  sync::UploadAnswer answer;
  answer.statuses.reserve(batch.entries.size());
  for (const auto& incoming : batch.entries) {
    PSL_ASSIGN_OR_RETURN(auto result, ingest_entry(store, context, incoming));
    answer.statuses.push_back(std::move(result));
  }
  if (!uploader.is_organiser()) {
    PSL_ASSIGN_OR_RETURN(auto seen, database.query("UPDATE hub_device SET last_sync_ms = ?, clock_offset_ms = ? "
                                                   "WHERE device_id = ?"));
    PSL_TRY(seen.bind_all(context.now, batch.clock_offset_ms, uploader.device_id).run());
  }
  PSL_ASSIGN_OR_RETURN(answer.acked_seq, advance_acked(database, batch.device_id));
  answer.hub_time_ms = clock.wall_ms();
  return answer;
}

}  // namespace

// Group commit: batches arriving while a transaction is being written wait, then all of them go
// into the next transaction, each under its own savepoint (one batch's error undoes that batch
// only). Every answer leaves after the COMMIT that holds it. Why: on SQLite each COMMIT writes the
// touched index pages to the WAL again and syncs; ten kiosks uploading at once would otherwise pay
// that ten times for what one transaction can carry.
Result<sync::UploadAnswer> SqliteHubStore::ingest(const Principal& uploader, const sync::IncomingBatch& batch) {
  PendingIngest mine{&uploader, &batch, std::nullopt};
  std::unique_lock lock(ingest_mutex_);
  ingest_queue_.push_back(&mine);
  while (!mine.result) {
    if (ingest_leader_) {
      ingest_done_.wait(lock);
      continue;
    }
    ingest_leader_ = true;
    std::vector<PendingIngest*> group;
    group.swap(ingest_queue_);
    lock.unlock();
    ingest_group(group);
    lock.lock();
    ingest_leader_ = false;
    ingest_done_.notify_all();
  }
  return std::move(*mine.result);
}

void SqliteHubStore::ingest_group(const std::vector<PendingIngest*>& group) {
  auto committed = sqlite_detail::in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Status {
    auto& database = store.database();
    for (PendingIngest* item : group) {
      PSL_TRY(database.exec("SAVEPOINT batch"));
      auto answer = ingest_batch(store, *clock_, *item->uploader, *item->batch);
      PSL_TRY(database.exec(answer ? "RELEASE batch" : "ROLLBACK TO batch; RELEASE batch"));
      item->result = std::move(answer);
    }
    return {};
  });
  // Not committed: nothing of the group is stored, whatever each batch's answer said.
  if (!committed)
    for (PendingIngest* item : group) item->result = committed.error();
}

}  // namespace passerelle::hub
