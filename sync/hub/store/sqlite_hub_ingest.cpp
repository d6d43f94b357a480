// SqliteHubStore::ingest: one uploaded batch in one transaction (docs/sync.md "Upload").
#include <future>

#include "sync/hub/store/ingest_rules.h"
#include "sync/hub/store/sqlite_hub_queries.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "sync/protocol/sqlite_entry_rows.h"

namespace passerelle::hub {
namespace {

// The upload rules' rows on the event file. SQLite has one writer at a time, so nothing is locked
// and nothing read ahead; the change feed is written by triggers.
class SqliteIngestRows final : public IngestRows {
 public:
  explicit SqliteIngestRows(db::Database& database) : database_(&database) {}

  Result<std::optional<UploaderState>> uploader(std::string_view device_id) override {
    PSL_ASSIGN_OR_RETURN(const auto device, sqlite_detail::load_device(*database_, device_id));
    if (!device) return std::optional<UploaderState>();
    return std::optional<UploaderState>(UploaderState{device->principal, device->revoked});
  }

  Status prepare(const sync::IncomingBatch&, const std::vector<std::string>&) override { return {}; }

  Result<std::optional<std::string>> quarantined_reason(std::string_view device_id,
                                                        std::string_view raw_sha256) override {
    PSL_ASSIGN_OR_RETURN(auto select, database_->query("SELECT reason FROM hub_quarantine WHERE device_id = ? "
                                                       "AND raw_sha256 = ?"));
    select.bind_all(device_id, raw_sha256);
    PSL_ASSIGN_OR_RETURN(const bool found, select.step());
    if (!found) return std::optional<std::string>();
    return std::optional<std::string>(select.column_text(0));
  }

  Result<bool> quarantine(const QuarantineRow& row) override {
    PSL_ASSIGN_OR_RETURN(auto insert,
                         database_->query("INSERT INTO hub_quarantine(received_ms, uploader, device_id, uuid, reason, "
                                          "detail, raw_json, raw_sha256, event_id, seq) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                          "ON CONFLICT(device_id, raw_sha256) DO NOTHING"));
    insert.bind_all(row.received_ms, row.uploader, row.device_id, row.uuid, row.reason, row.detail, row.raw_json,
                    row.raw_sha256);
    // Bound one by one: GCC 12 misreads bind_all's std::optional<int64_t> as maybe uninitialised.
    if (row.event_id) {
      insert.bind(9, *row.event_id);
    } else {
      insert.bind(9, nullptr);
    }
    if (row.seq) {
      insert.bind(10, *row.seq);
    } else {
      insert.bind(10, nullptr);
    }
    PSL_TRY(insert.run());
    return database_->changes() > 0;
  }

  Status alert(const AlertRow& row) override {
    PSL_ASSIGN_OR_RETURN(auto insert,
                         database_->query("INSERT INTO hub_alert(created_ms, kind, event_id, device_id, uuid, "
                                          "other_uuid, detail) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    return insert.bind_all(row.created_ms, row.kind, row.event_id, row.device_id, row.uuid, row.other_uuid, row.detail)
        .run();
  }

  Result<bool> has_alert(std::string_view kind, std::string_view device_id, std::string_view detail) override {
    PSL_ASSIGN_OR_RETURN(auto select, database_->query("SELECT 1 FROM hub_alert WHERE kind = ? AND device_id = ? "
                                                       "AND detail = ? LIMIT 1"));
    select.bind_all(kind, device_id, detail);
    return select.step();
  }

  Result<std::int64_t> quarantined_by(std::string_view uploader) override {
    PSL_ASSIGN_OR_RETURN(auto select, database_->query("SELECT count(*) FROM hub_quarantine WHERE uploader = ?"));
    select.bind_all(uploader);
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    return has_row ? select.column_int(0) : 0;
  }

  Status received(const sync::WireEntry& entry, std::string_view uploader, std::int64_t now_ms,
                  std::int64_t clock_offset_ms) override {
    PSL_ASSIGN_OR_RETURN(auto insert, database_->query("INSERT OR IGNORE INTO hub_received(uuid, uploader, "
                                                       "received_ms, clock_offset_ms) VALUES (?, ?, ?, ?)"));
    return insert.bind_all(entry.uuid, uploader, now_ms, clock_offset_ms).run();
  }

  Status device_synced(std::string_view device_id, std::int64_t now_ms, std::int64_t clock_offset_ms) override {
    PSL_ASSIGN_OR_RETURN(auto update, database_->query("UPDATE hub_device SET last_sync_ms = ?, clock_offset_ms = ? "
                                                       "WHERE device_id = ?"));
    return update.bind_all(now_ms, clock_offset_ms, device_id).run();
  }

  Result<std::int64_t> lock_acked(std::string_view authored_id) override {
    PSL_ASSIGN_OR_RETURN(auto select, database_->query("SELECT acked_seq FROM hub_authored WHERE authored_id = ?"));
    select.bind_all(authored_id);
    PSL_ASSIGN_OR_RETURN(const bool found, select.step());
    return found ? select.column_int(0) : 0;
  }

  Result<std::vector<std::int64_t>> held_after(std::string_view authored_id, std::int64_t after, int limit) override {
    PSL_ASSIGN_OR_RETURN(auto select, database_->query("SELECT seq FROM journal WHERE device_id = ?1 AND seq > ?2 "
                                                       "UNION SELECT seq FROM hub_quarantine WHERE device_id = ?1 "
                                                       "AND seq > ?2 ORDER BY seq LIMIT ?3"));
    select.bind_all(authored_id, after, limit);
    std::vector<std::int64_t> seqs;
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) return seqs;
      seqs.push_back(select.column_int(0));
    }
  }

  Status set_acked(std::string_view authored_id, std::int64_t acked) override {
    PSL_ASSIGN_OR_RETURN(auto update, database_->query("UPDATE hub_authored SET acked_seq = ? WHERE authored_id = ?"));
    return update.bind_all(acked, authored_id).run();
  }

  Status finish_batch() override { return {}; }

 private:
  db::Database* database_;
};

// One batch inside the group's transaction (see ingest()).
Result<sync::UploadAnswer> ingest_batch_on(Store& store, const Clock& clock, const Principal& uploader,
                                           const sync::IncomingBatch& batch, const HubLimits& limits) {
  sync::SqliteEntryRows entries(store.database());
  SqliteIngestRows rows(store.database());
  PSL_ASSIGN_OR_RETURN(auto answer, ingest_batch(entries, rows, uploader, batch, clock.wall_ms(), limits));
  answer.hub_time_ms = clock.wall_ms();
  return answer;
}

// The rules' refusals of a whole batch, as opposed to the storage failing (hub/store/ingest_rules.h).
bool refuses_whole_batch(Errc code) {
  return code == Errc::conflict || code == Errc::not_found || code == Errc::invalid_input || code == Errc::exhausted;
}

}  // namespace

// Group commit: batches arriving while a transaction is being written wait in a queue, then all
// of them go into the next transaction, each under its own savepoint (one batch's error undoes
// that batch only). Every answer leaves after the COMMIT that holds it. Why: on SQLite each COMMIT
// writes the touched index pages to the WAL again and syncs; ten kiosks uploading at once would
// otherwise pay that ten times for what one transaction can carry. A waiting batch holds no
// thread: the server's few workers go on parsing the next uploads while one of them writes.
void SqliteHubStore::ingest_async(Principal uploader, sync::IncomingBatch batch, IngestDone done) {
  {
    std::lock_guard lock(ingest_mutex_);
    ingest_queue_.push_back(std::make_unique<PendingIngest>(
        PendingIngest{std::move(uploader), std::move(batch), std::move(done), std::nullopt}));
    if (ingest_writing_) return;
    ingest_writing_ = true;
  }
  write_queued_groups();
}

Result<sync::UploadAnswer> SqliteHubStore::ingest(const Principal& uploader, const sync::IncomingBatch& batch) {
  std::promise<Result<sync::UploadAnswer>> answer;
  auto future = answer.get_future();
  ingest_async(uploader, batch, [&answer](Result<sync::UploadAnswer> result) { answer.set_value(std::move(result)); });
  return future.get();
}

void SqliteHubStore::write_queued_groups() {
  for (;;) {
    IngestGroup group;
    {
      std::lock_guard lock(ingest_mutex_);
      group = next_group();
      if (group.empty()) {
        ingest_writing_ = false;
        return;
      }
    }
    try {
      ingest_group(group);
    } catch (const std::exception& exception) {
      // Caught here, or the queue would wait forever for a writer (docs/ERROR_POLICY.md).
      for (auto& item : group)
        if (!item->result) item->result = make_error(Errc::database, std::string("ingest failed: ") + exception.what());
    }
    for (auto& item : group) item->done(std::move(*item->result));
  }
}

// The queue's oldest batches, up to a transaction's worth: a crowd of uploads is written in
// several commits, so that the first answers do not wait for the last batch.
SqliteHubStore::IngestGroup SqliteHubStore::next_group() {
  constexpr std::size_t kGroupEntries = 16 * 1024;
  IngestGroup group;
  std::size_t entries = 0;
  while (!ingest_queue_.empty() &&
         (group.empty() || entries + ingest_queue_.front()->batch.entries.size() <= kGroupEntries)) {
    entries += ingest_queue_.front()->batch.entries.size();
    group.push_back(std::move(ingest_queue_.front()));
    ingest_queue_.pop_front();
  }
  return group;
}

// The group in one transaction, without a savepoint per batch: in a transaction this large a
// savepoint makes SQLite copy every page a batch touches again into a sub-journal (measured: 40 KB
// written per entry, half the writer's time). A batch the rules refuse whole (a revoked device,
// a full quarantine) instead rolls the group back, and the group is written again without it; a
// refusal is rare, so a group is almost always written once. A storage failure fails the group:
// nothing of it is stored, and each kiosk retries.
void SqliteHubStore::ingest_group(IngestGroup& group) {
  std::vector<PendingIngest*> left;
  for (auto& item : group) left.push_back(item.get());
  while (!left.empty()) {
    std::vector<sync::UploadAnswer> answers;
    std::optional<std::size_t> refused;
    std::optional<Error> refusal;
    auto committed = sqlite_detail::in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Status {
      for (std::size_t i = 0; i < left.size(); ++i) {
        auto answer = ingest_batch_on(store, *clock_, left[i]->uploader, left[i]->batch, limits());
        if (!answer) {
          if (!refuses_whole_batch(answer.error().code)) return answer.error();
          refused = i;
          refusal = answer.error();
          return answer.error();
        }
        answers.push_back(std::move(*answer));
      }
      return {};
    });
    if (committed) {
      for (std::size_t i = 0; i < left.size(); ++i) left[i]->result = std::move(answers[i]);
      return;
    }
    if (!refused) {
      // Not committed: nothing of the group is stored.
      for (PendingIngest* item : left) item->result = committed.error();
      return;
    }
    PendingIngest* item = left[*refused];
    if (refusal->code == Errc::exhausted) {
      auto recorded = sqlite_detail::in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Status {
        SqliteIngestRows rows(store.database());
        return record_quarantine_full(rows, item->uploader, item->batch, clock_->wall_ms(), limits());
      });
      if (!recorded) refusal = recorded.error();
    }
    item->result = std::move(*refusal);
    left.erase(left.begin() + static_cast<std::ptrdiff_t>(*refused));
  }
}

}  // namespace passerelle::hub
