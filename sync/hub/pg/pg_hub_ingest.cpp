// PgHubStore::ingest: one uploaded batch in one transaction (docs/sync.md "Upload"). The rules
// are the hub's (sync/hub/store/ingest_rules.h) and the entry rules every storage runs
// (sync/protocol/entry_rules.h); this file holds the rows they read and write on PostgreSQL.
// SQLite has one writer at a time; here concurrent uploads are kept apart by the locks named where
// they are taken.
//
// Round trips are what an upload costs on PostgreSQL, so what the checks read is read for the
// whole batch at once (BatchView) and kept current as the batch writes; per stored entry there is
// then one INSERT (plus the double check-in search for an accepted check-in).
#include <map>
#include <set>

#include "sync/hub/pg/pg_hub_internal.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/pg/pg_text_array.h"
#include "sync/hub/store/ingest_rules.h"
#include "sync/protocol/entry_rules.h"

namespace passerelle::hub::pg {
namespace {

// What the batch's checks read, loaded in a few queries when the batch starts (each statement sees
// what was committed when it ran: READ COMMITTED). A concurrent upload may commit a clashing row
// after that: the entry's INSERT then stores nothing (ON CONFLICT DO NOTHING, which waits for the
// other transaction), and the rules ask again after refresh().
struct BatchView {
  std::map<std::string, std::string> quarantined;  // raw_sha256 -> reason, for the batch's device id
  std::map<std::string, sync::WireEntry> held;     // uuid -> the stored entry
  std::set<std::int64_t> taken;                    // seqs the journal holds for the batch's device id
  std::set<std::int64_t> events;                   // the batch's events that exist
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> participants;  // (event, external id) -> row id
  std::map<std::int64_t, std::vector<sync::CheckpointRef>> checkpoints;       // by event, read once per batch
  std::set<std::string> recheck;  // raw_sha256 another upload quarantined after the view was read
};

// The rows of one batch's transaction: the entry rules' and the upload rules'.
class PgBatchRows final : public sync::EntryRows, public IngestRows {
 public:
  PgBatchRows(PgConnection& db, PendingFeed& feed) : db_(&db), feed_(&feed) {}

  // ---- IngestRows
  Result<std::optional<UploaderState>> uploader(std::string_view device_id) override {
    // Under the device's row lock: a revocation now waits for this upload.
    PSL_ASSIGN_OR_RETURN(const auto device, load_device(*db_, device_id, true));
    if (!device) return std::optional<UploaderState>();
    return std::optional<UploaderState>(UploaderState{device->principal, device->revoked});
  }

  Status prepare(const sync::IncomingBatch& batch, const std::vector<std::string>& raw_hashes) override;

  Result<std::optional<std::string>> quarantined_reason(std::string_view device_id,
                                                        std::string_view raw_sha256) override {
    if (auto known = view_.quarantined.find(std::string(raw_sha256)); known != view_.quarantined.end())
      return std::optional<std::string>(known->second);
    // prepare() read every hash of the batch: only one a concurrent upload quarantined first
    // since then (quarantine() found it taken) is worth a round trip.
    if (!view_.recheck.contains(std::string(raw_sha256))) return std::optional<std::string>();
    PSL_ASSIGN_OR_RETURN(const auto result,
                         db_->query("SELECT reason FROM hub_quarantine WHERE device_id = $1 AND raw_sha256 = $2",
                                    device_id, raw_sha256));
    if (result.rows() == 0) return std::optional<std::string>();
    return result.optional_text(0, 0);
  }

  Result<bool> quarantine(const QuarantineRow& row) override {
    // A PgParam rather than an optional: GCC 12 misreads a std::optional<int64_t> as maybe uninitialised.
    const PgParam seq = row.seq ? PgParam(*row.seq) : PgParam(std::nullopt);
    const PgParam event_id = row.event_id ? PgParam(*row.event_id) : PgParam(std::nullopt);
    PSL_ASSIGN_OR_RETURN(const auto inserted,
                         db_->query("INSERT INTO hub_quarantine (received_ms, uploader, device_id, uuid, reason, "
                                    "detail, raw_json, raw_sha256, event_id, seq) "
                                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                                    "ON CONFLICT (device_id, raw_sha256) DO NOTHING RETURNING id",
                                    row.received_ms, row.uploader, row.device_id, row.uuid, row.reason, row.detail,
                                    row.raw_json, row.raw_sha256, event_id, seq));
    if (inserted.rows() == 0) {
      view_.recheck.insert(row.raw_sha256);
      return false;
    }
    view_.quarantined.insert_or_assign(row.raw_sha256, row.reason);
    return true;
  }

  Status alert(const AlertRow& row) override {
    const PgParam event_id = row.event_id ? PgParam(*row.event_id) : PgParam(std::nullopt);
    PSL_TRY(
        db_->query("INSERT INTO hub_alert (created_ms, kind, event_id, device_id, uuid, other_uuid, detail) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                   row.created_ms, row.kind, event_id, row.device_id, row.uuid, row.other_uuid, row.detail));
    return {};
  }

  Result<bool> has_alert(std::string_view kind, std::string_view device_id, std::string_view detail) override {
    PSL_ASSIGN_OR_RETURN(const auto result, db_->query("SELECT 1 FROM hub_alert WHERE kind = $1 AND device_id = $2 "
                                                       "AND detail = $3 LIMIT 1",
                                                       kind, device_id, detail));
    return result.rows() > 0;
  }

  Result<std::int64_t> quarantined_by(std::string_view uploader) override {
    // The uploader's row is locked (uploader()): its other uploads wait, so the count holds.
    PSL_ASSIGN_OR_RETURN(const auto result,
                         db_->query("SELECT count(*) FROM hub_quarantine WHERE uploader = $1", uploader));
    return result.int64(0, 0);
  }

  Status received(const sync::WireEntry& entry, std::string_view uploader, std::int64_t now_ms,
                  std::int64_t clock_offset_ms) override {
    // Gathered, and written in one statement by finish_batch().
    received_.push_back(entry.uuid);
    uploader_ = std::string(uploader);
    received_ms_ = now_ms;
    clock_offset_ms_ = clock_offset_ms;
    feed_->add(entry.event, "entry", entry.uuid, entry.device);
    return {};
  }

  Status finish_batch() override {
    if (received_.empty()) return {};
    PSL_TRY(
        db_->query("INSERT INTO hub_received (uuid, uploader, received_ms, clock_offset_ms) "
                   "SELECT uuid, $2, $3, $4 FROM unnest($1::text[]) AS received (uuid) "
                   "ON CONFLICT DO NOTHING",
                   text_array(received_), uploader_, received_ms_, clock_offset_ms_));
    received_.clear();
    return {};
  }

  Status device_synced(std::string_view device_id, std::int64_t now_ms, std::int64_t clock_offset_ms) override {
    PSL_TRY(db_->query("UPDATE hub_device SET last_sync_ms = $1, clock_offset_ms = $2 WHERE device_id = $3", now_ms,
                       clock_offset_ms, device_id));
    return {};
  }

  Result<std::int64_t> lock_acked(std::string_view authored_id) override {
    // The row lock makes two uploads under one id (a retry racing the original) count one after
    // the other.
    PSL_ASSIGN_OR_RETURN(const auto mark, db_->query("SELECT acked_seq FROM hub_authored WHERE authored_id = $1 "
                                                     "FOR UPDATE",
                                                     authored_id));
    return mark.rows() > 0 ? mark.int64(0, 0) : 0;
  }

  Result<std::vector<std::int64_t>> held_after(std::string_view authored_id, std::int64_t after, int limit) override {
    PSL_ASSIGN_OR_RETURN(const auto result,
                         db_->query("SELECT seq FROM journal WHERE device_id = $1 AND seq > $2 UNION "
                                    "SELECT seq FROM hub_quarantine WHERE device_id = $1 AND seq > $2 "
                                    "ORDER BY seq LIMIT $3",
                                    authored_id, after, limit));
    std::vector<std::int64_t> seqs;
    seqs.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) seqs.push_back(result.int64(row, 0));
    return seqs;
  }

  Status set_acked(std::string_view authored_id, std::int64_t acked) override {
    PSL_TRY(db_->query("UPDATE hub_authored SET acked_seq = $1 WHERE authored_id = $2", acked, authored_id));
    return {};
  }

  // ---- sync::EntryRows, on the view
  Result<std::optional<sync::WireEntry>> entry(std::string_view uuid) override {
    const auto held = view_.held.find(std::string(uuid));
    if (held == view_.held.end()) return std::optional<sync::WireEntry>();
    return std::optional<sync::WireEntry>(held->second);
  }

  Result<bool> has_event(std::int64_t event_id) override { return view_.events.contains(event_id); }

  Result<std::optional<std::int64_t>> participant(std::int64_t event_id, std::string_view external_id) override {
    const auto found = view_.participants.find({event_id, std::string(external_id)});
    if (found == view_.participants.end()) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(found->second);
  }

  Result<std::optional<sync::CheckpointRef>> checkpoint(std::int64_t event_id, std::string_view name) override;

  Result<bool> sequence_taken(std::string_view, std::int64_t seq) override { return view_.taken.contains(seq); }

  Result<bool> insert(const sync::WireEntry& entry, const sync::EntryRefs& refs) override {
    const auto& checkpoint = refs.checkpoint;
    const PgParam participant = refs.participant_id ? PgParam(*refs.participant_id) : PgParam(std::nullopt);
    const PgParam partner = refs.partner_id ? PgParam(*refs.partner_id) : PgParam(std::nullopt);
    const PgParam checkpoint_id = checkpoint ? PgParam(checkpoint->id) : PgParam(std::nullopt);
    PSL_ASSIGN_OR_RETURN(
        const auto inserted,
        db_->query("INSERT INTO journal (uuid, device_id, seq, event_id, kind, outcome, participant_id, "
                   "checkpoint_id, code, operator, wall_ms, monotonic_ns, local_day, partner_id, meeting_start_ms, "
                   "table_label, answer) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
                   "ON CONFLICT DO NOTHING RETURNING uuid",
                   entry.uuid, entry.device, entry.seq, entry.event, to_string(entry.kind), to_string(entry.outcome),
                   participant, checkpoint_id, entry.code, entry.operator_name, entry.wall_ms, entry.monotonic_ns,
                   entry.local_day, partner, entry.meeting_start_ms, entry.table, entry.answer));
    if (inserted.rows() == 0) return false;
    // As the table gives it back to a later entry of the batch: the checkpoint under its own name.
    sync::WireEntry stored = entry;
    if (checkpoint) stored.checkpoint = checkpoint->name;
    view_.held.insert_or_assign(entry.uuid, std::move(stored));
    view_.taken.insert(entry.seq);
    return true;
  }

  Status refresh(const sync::WireEntry& entry) override {
    PSL_ASSIGN_OR_RETURN(const auto clash, db_->query("SELECT 1 FROM journal WHERE device_id = $1 AND seq = $2",
                                                      entry.device, entry.seq));
    if (clash.rows() > 0) view_.taken.insert(entry.seq);
    PSL_ASSIGN_OR_RETURN(auto held, entries_by_uuid(*db_, {entry.uuid}));
    for (auto& [uuid, stored] : held) view_.held.insert_or_assign(uuid, std::move(stored));
    return {};
  }

  Status lock_participant(std::int64_t participant_id) override {
    // Serialises the uploads that check one person in: the later one then sees the earlier one's
    // entry, committed, as SQLite's single writer would.
    PSL_TRY(db_->query("SELECT 1 FROM participant WHERE id = $1 FOR NO KEY UPDATE", participant_id));
    return {};
  }

  Result<std::optional<sync::PriorCheckin>> earliest_other_checkin(std::int64_t participant_id,
                                                                   std::int64_t checkpoint_id, std::string_view uuid,
                                                                   std::optional<std::string_view> local_day) override {
    PSL_ASSIGN_OR_RETURN(
        const auto other,
        db_->query("SELECT uuid, wall_ms FROM journal WHERE participant_id = $1 AND "
                   "checkpoint_id = $2 AND uuid <> $3 AND outcome = 'accepted' AND "
                   "kind IN ('checkin', 'manual_checkin') AND (NOT $4::boolean OR local_day = $5) "
                   "ORDER BY wall_ms, uuid COLLATE \"C\" LIMIT 1",
                   participant_id, checkpoint_id, uuid, local_day.has_value(), local_day.value_or("")));
    if (other.rows() == 0) return std::optional<sync::PriorCheckin>();
    return std::optional<sync::PriorCheckin>(sync::PriorCheckin{std::string(other.text(0, 0)), other.int64(0, 1)});
  }

  Status record_double(const sync::DoubleCheckin& pair) override {
    PSL_TRY(
        db_->query("INSERT INTO double_checkin (first_uuid, second_uuid, participant_id, checkpoint_id, "
                   "detected_ms) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                   pair.first_uuid, pair.second_uuid, pair.participant_id, pair.checkpoint_id, pair.detected_ms));
    return {};
  }

 private:
  PgConnection* db_;
  PendingFeed* feed_;
  BatchView view_;
  std::vector<std::string> received_;
  std::string uploader_;
  std::int64_t received_ms_ = 0;
  std::int64_t clock_offset_ms_ = 0;
};

Result<std::optional<sync::CheckpointRef>> PgBatchRows::checkpoint(std::int64_t event_id, std::string_view name) {
  auto cached = view_.checkpoints.find(event_id);
  if (cached == view_.checkpoints.end()) {
    PSL_ASSIGN_OR_RETURN(const auto result,
                         db_->query("SELECT id, name, rule FROM checkpoint WHERE event_id = $1 ORDER BY id", event_id));
    std::vector<sync::CheckpointRef> rows;
    for (int row = 0; row < result.rows(); ++row) {
      const auto rule = parse_checkpoint_rule(result.text(row, 2));
      if (!rule) return make_error(Errc::database, "checkpoint " + std::string(result.text(row, 1)) + ": unknown rule");
      rows.push_back({result.int64(row, 0), std::string(result.text(row, 1)), *rule});
    }
    cached = view_.checkpoints.emplace(event_id, std::move(rows)).first;
  }
  for (const auto& checkpoint : cached->second)
    if (sync::same_checkpoint_name(checkpoint.name, name)) return std::optional<sync::CheckpointRef>(checkpoint);
  return std::optional<sync::CheckpointRef>();
}

Status PgBatchRows::prepare(const sync::IncomingBatch& batch, const std::vector<std::string>& raw_hashes) {
  PgConnection& db = *db_;
  const std::string& device_id = batch.device_id;
  {
    PSL_ASSIGN_OR_RETURN(const auto rows, db.query("SELECT raw_sha256, reason FROM hub_quarantine "
                                                   "WHERE device_id = $1 AND raw_sha256 = ANY($2::text[])",
                                                   device_id, text_array(raw_hashes)));
    for (int row = 0; row < rows.rows(); ++row) view_.quarantined.emplace(rows.text(row, 0), rows.text(row, 1));
  }
  std::vector<std::string> uuids;
  std::vector<std::int64_t> seqs;
  std::set<std::int64_t> events;
  std::vector<std::int64_t> participant_events;
  std::vector<std::string> participant_ids;
  for (const auto& incoming : batch.entries) {
    if (!incoming.entry) continue;
    const auto& entry = *incoming.entry;
    uuids.push_back(entry.uuid);
    seqs.push_back(entry.seq);
    events.insert(entry.event);
    // A meeting entry's partner is looked up like its participant: read both ahead.
    for (const auto* named : {&entry.participant, &entry.partner}) {
      if (!*named) continue;
      participant_events.push_back(entry.event);
      participant_ids.push_back(**named);
    }
  }
  {
    PSL_ASSIGN_OR_RETURN(const auto rows, db.query("SELECT seq FROM journal WHERE device_id = $1 "
                                                   "AND seq = ANY($2::bigint[])",
                                                   device_id, int_array(seqs)));
    for (int row = 0; row < rows.rows(); ++row) view_.taken.insert(rows.int64(row, 0));
  }
  // After the seqs: rows are never deleted, so an entry a concurrent upload committed in between
  // shows in both, and reads as held (a duplicate) rather than as a sequence conflict.
  PSL_ASSIGN_OR_RETURN(view_.held, entries_by_uuid(db, uuids));
  {
    PSL_ASSIGN_OR_RETURN(const auto rows, db.query("SELECT id FROM event WHERE id = ANY($1::bigint[])",
                                                   int_array({events.begin(), events.end()})));
    for (int row = 0; row < rows.rows(); ++row) view_.events.insert(rows.int64(row, 0));
  }
  PSL_ASSIGN_OR_RETURN(const auto rows,
                       db.query("SELECT p.event_id, p.external_id, p.id FROM participant p "
                                "JOIN unnest($1::bigint[], $2::text[]) AS wanted (event_id, external_id) "
                                "ON wanted.event_id = p.event_id AND wanted.external_id = p.external_id",
                                int_array(participant_events), text_array(participant_ids)));
  for (int row = 0; row < rows.rows(); ++row)
    view_.participants.emplace(std::pair(rows.int64(row, 0), std::string(rows.text(row, 1))), rows.int64(row, 2));
  return {};
}

}  // namespace

Result<sync::UploadAnswer> ingest_in_transaction(PgConnection& connection, const Principal& uploader,
                                                 const sync::IncomingBatch& batch, std::int64_t now_ms,
                                                 PendingFeed& feed, const HubLimits& limits) {
  PgBatchRows rows(connection, feed);
  return ingest_batch(rows, rows, uploader, batch, now_ms, limits);
}

Result<sync::UploadAnswer> PgHubStore::ingest(const Principal& uploader, const sync::IncomingBatch& batch) {
  auto result = pool_.write([&](PgConnection& connection) -> Result<sync::UploadAnswer> {
    PendingFeed feed;
    PSL_ASSIGN_OR_RETURN(auto answer,
                         ingest_in_transaction(connection, uploader, batch, clock_->wall_ms(), feed, limits()));
    PSL_TRY(feed.flush(connection));
    answer.hub_time_ms = clock_->wall_ms();
    return answer;
  });
  if (!result && result.error().code == Errc::exhausted) {
    // The batch was rolled back, alert included: recorded in a transaction of its own.
    auto alerted = pool_.write([&](PgConnection& connection) -> Status {
      PendingFeed feed;
      PgBatchRows rows(connection, feed);
      return record_quarantine_full(rows, uploader, batch, clock_->wall_ms(), limits());
    });
    if (!alerted) return alerted.error();
  }
  return result;
}

}  // namespace passerelle::hub::pg
