// PgHubStore::ingest: one uploaded batch in one transaction (docs/sync.md "Upload"), with the
// checks core's Store::insert_wire_entry_in_transaction makes on SQLite, made here on the
// registry copy. SQLite has one writer at a time; here concurrent uploads are kept apart by the
// locks named where they are taken.
//
// Round trips are what an upload costs on PostgreSQL, so what the checks read is read for the
// whole batch at once (BatchView) and kept current as the batch writes; per stored entry there is
// then one INSERT (plus the double check-in search for an accepted check-in).
#include <cassert>
#include <map>
#include <set>

#include "core/store/store.h"
#include "sync/hub/pg/pg_hub_internal.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/pg/pg_text_array.h"
#include "sync/hub/store/backend_support.h"
#include "sync/hub/store/hub_tokens.h"

namespace passerelle::hub::pg {
namespace {

constexpr std::string_view kOrganiserUploader = "organiser";

struct CheckpointRow {
  std::int64_t id = 0;
  std::string name;
  std::string rule;
};

// What the batch's checks read, loaded in a few queries when the batch starts (each statement sees
// what was committed when it ran: READ COMMITTED). A concurrent upload may commit a clashing row
// after that: the entry's INSERT then stores nothing (ON CONFLICT DO NOTHING, which waits for the
// other transaction), and the entry is checked again from the table.
struct BatchView {
  std::map<std::string, std::string> quarantined;  // raw_sha256 -> reason, for the batch's device id
  std::map<std::string, sync::WireEntry> held;     // uuid -> the stored entry
  std::set<std::int64_t> taken;                    // seqs the journal holds for the batch's device id
  std::set<std::int64_t> events;                   // the batch's events that exist
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> participants;  // (event, external id) -> row id
};

struct BatchContext {
  PgConnection* db;
  std::string uploader;                  // device id, or "organiser"
  std::optional<std::int64_t> event_id;  // the device's event; empty for an organiser import
  const sync::IncomingBatch* batch;
  std::int64_t now = 0;
  PendingFeed* feed;
  std::map<std::int64_t, std::vector<CheckpointRow>> checkpoints;  // by event, read once per batch
  BatchView view;
  std::vector<std::string> received;  // stored entries' uuids, for hub_received
};

// SQLite's NOCASE, which core's checkpoint lookup uses: ASCII letters only.
bool same_name_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

Result<std::optional<CheckpointRow>> find_checkpoint(BatchContext& context, std::int64_t event_id,
                                                     std::string_view name) {
  auto cached = context.checkpoints.find(event_id);
  if (cached == context.checkpoints.end()) {
    PSL_ASSIGN_OR_RETURN(
        const auto result,
        context.db->query("SELECT id, name, rule FROM checkpoint WHERE event_id = $1 ORDER BY id", event_id));
    std::vector<CheckpointRow> rows;
    for (int row = 0; row < result.rows(); ++row)
      rows.push_back({result.int64(row, 0), std::string(result.text(row, 1)), std::string(result.text(row, 2))});
    cached = context.checkpoints.emplace(event_id, std::move(rows)).first;
  }
  for (const auto& checkpoint : cached->second)
    if (same_name_nocase(checkpoint.name, name)) return std::optional<CheckpointRow>(checkpoint);
  return std::optional<CheckpointRow>();
}

Status raise_alert(const BatchContext& context, std::string_view kind, std::optional<std::int64_t> event_id,
                   std::string_view uuid, std::string_view other_uuid, std::string_view detail) {
  PSL_TRY(
      context.db->query("INSERT INTO hub_alert (created_ms, kind, event_id, device_id, uuid, other_uuid, detail) "
                        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        context.now, kind, event_id, context.batch->device_id, uuid, other_uuid, detail));
  return {};
}

// The reason an identical entry was quarantined with, read from the table: after a concurrent
// upload quarantined it first (the batch's view had not seen it).
Result<std::optional<std::string>> earlier_quarantine(const BatchContext& context, const std::string& raw_sha256) {
  PSL_ASSIGN_OR_RETURN(const auto result,
                       context.db->query("SELECT reason FROM hub_quarantine WHERE device_id = $1 AND raw_sha256 = $2",
                                         context.batch->device_id, raw_sha256));
  return result.rows() == 0 ? std::optional<std::string>() : result.optional_text(0, 0);
}

// Returns the reason the entry is held with: `why`, or, when a concurrent upload quarantined the
// same JSON first, that upload's reason (and no second alert).
// `counted`: the entry's seq belongs to the batch's device id and counts toward acked_seq.
Result<std::string> quarantine(BatchContext& context, const sync::IncomingEntry& incoming,
                               const std::string& raw_sha256, std::string_view why, std::string_view detail,
                               bool counted) {
  const std::optional<std::int64_t> event_id =
      incoming.entry ? std::optional<std::int64_t>(incoming.entry->event) : context.event_id;
  // A PgParam rather than an optional: GCC 12 misreads a std::optional<int64_t> as maybe uninitialised.
  const PgParam seq = counted && incoming.seq > 0 ? PgParam(incoming.seq) : PgParam(std::nullopt);
  PSL_ASSIGN_OR_RETURN(const auto inserted,
                       context.db->query("INSERT INTO hub_quarantine (received_ms, uploader, device_id, uuid, reason, "
                                         "detail, raw_json, raw_sha256, event_id, seq) "
                                         "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                                         "ON CONFLICT (device_id, raw_sha256) DO NOTHING RETURNING id",
                                         context.now, context.uploader, context.batch->device_id, incoming.uuid, why,
                                         detail, incoming.raw_json, raw_sha256, event_id, seq));
  std::string reason(why);
  if (inserted.rows() == 0) {
    PSL_ASSIGN_OR_RETURN(const auto earlier, earlier_quarantine(context, raw_sha256));
    reason = earlier.value_or(reason);
  } else {
    PSL_TRY(raise_alert(context, why, event_id, incoming.uuid, "", detail));
  }
  context.view.quarantined[raw_sha256] = reason;
  return reason;
}

bool is_once_only_checkin(const sync::WireEntry& entry) {
  return entry.outcome == Outcome::accepted &&
         (entry.kind == EntryKind::checkin || entry.kind == EntryKind::manual_checkin);
}

// A second accepted check-in that the rule allows once: kept, paired with the earliest other one.
// The participant's row lock serialises the uploads that check-in one person: the later one then
// sees the earlier one's entry, committed, as SQLite's single writer would.
Result<std::optional<std::string>> find_double(const BatchContext& context, const sync::WireEntry& entry,
                                               std::int64_t participant_id, const CheckpointRow& checkpoint) {
  PSL_TRY(context.db->query("SELECT 1 FROM participant WHERE id = $1 FOR NO KEY UPDATE", participant_id));
  PSL_ASSIGN_OR_RETURN(
      const auto other,
      context.db->query("SELECT uuid, wall_ms FROM journal WHERE participant_id = $1 AND "
                        "checkpoint_id = $2 AND uuid <> $3 AND outcome = 'accepted' AND "
                        "kind IN ('checkin', 'manual_checkin') AND "
                        "(NOT $4::boolean OR local_day = $5) "
                        "ORDER BY wall_ms, uuid COLLATE \"C\" LIMIT 1",
                        participant_id, checkpoint.id, entry.uuid, checkpoint.rule == "once_per_day", entry.local_day));
  if (other.rows() == 0) return std::optional<std::string>();
  std::string other_uuid(other.text(0, 0));
  const bool other_first = std::pair(other.int64(0, 1), other_uuid) < std::pair(entry.wall_ms, entry.uuid);
  PSL_TRY(
      context.db->query("INSERT INTO double_checkin (first_uuid, second_uuid, participant_id, checkpoint_id, "
                        "detected_ms) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                        other_first ? other_uuid : entry.uuid, other_first ? entry.uuid : other_uuid, participant_id,
                        checkpoint.id, context.now));
  return std::optional<std::string>(std::move(other_uuid));
}

Status load_view(BatchContext& context, const std::vector<std::string>& raw_hashes) {
  PgConnection& db = *context.db;
  BatchView& view = context.view;
  const std::string& device_id = context.batch->device_id;
  {
    PSL_ASSIGN_OR_RETURN(const auto rows, db.query("SELECT raw_sha256, reason FROM hub_quarantine "
                                                   "WHERE device_id = $1 AND raw_sha256 = ANY($2::text[])",
                                                   device_id, text_array(raw_hashes)));
    for (int row = 0; row < rows.rows(); ++row) view.quarantined.emplace(rows.text(row, 0), rows.text(row, 1));
  }
  std::vector<std::string> uuids;
  std::vector<std::int64_t> seqs;
  std::set<std::int64_t> events;
  std::vector<std::int64_t> participant_events;
  std::vector<std::string> participant_ids;
  for (const auto& incoming : context.batch->entries) {
    if (!incoming.entry) continue;
    const auto& entry = *incoming.entry;
    uuids.push_back(entry.uuid);
    seqs.push_back(entry.seq);
    events.insert(entry.event);
    if (entry.participant) {
      participant_events.push_back(entry.event);
      participant_ids.push_back(*entry.participant);
    }
  }
  {
    PSL_ASSIGN_OR_RETURN(const auto rows, db.query("SELECT seq FROM journal WHERE device_id = $1 "
                                                   "AND seq = ANY($2::bigint[])",
                                                   device_id, int_array(seqs)));
    for (int row = 0; row < rows.rows(); ++row) view.taken.insert(rows.int64(row, 0));
  }
  // After the seqs: rows are never deleted, so an entry a concurrent upload committed in between
  // shows in both, and reads as held (a duplicate) rather than as a sequence conflict.
  PSL_ASSIGN_OR_RETURN(view.held, entries_by_uuid(db, uuids));
  {
    PSL_ASSIGN_OR_RETURN(const auto rows, db.query("SELECT id FROM event WHERE id = ANY($1::bigint[])",
                                                   int_array({events.begin(), events.end()})));
    for (int row = 0; row < rows.rows(); ++row) view.events.insert(rows.int64(row, 0));
  }
  PSL_ASSIGN_OR_RETURN(const auto rows,
                       db.query("SELECT p.event_id, p.external_id, p.id FROM participant p "
                                "JOIN unnest($1::bigint[], $2::text[]) AS wanted (event_id, external_id) "
                                "ON wanted.event_id = p.event_id AND wanted.external_id = p.external_id",
                                int_array(participant_events), text_array(participant_ids)));
  for (int row = 0; row < rows.rows(); ++row)
    view.participants.emplace(std::pair(rows.int64(row, 0), std::string(rows.text(row, 1))), rows.int64(row, 2));
  return {};
}

// The view missed a row that a concurrent upload committed meanwhile: what the table holds now
// for this entry's UUID and (device, seq).
Status refresh_view(BatchContext& context, const sync::WireEntry& entry) {
  PSL_ASSIGN_OR_RETURN(const auto clash, context.db->query("SELECT 1 FROM journal WHERE device_id = $1 AND seq = $2",
                                                           entry.device, entry.seq));
  if (clash.rows() > 0) context.view.taken.insert(entry.seq);
  PSL_ASSIGN_OR_RETURN(auto held, entries_by_uuid(*context.db, {entry.uuid}));
  for (auto& [uuid, stored] : held) context.view.held.insert_or_assign(uuid, std::move(stored));
  return {};
}

// Core's insert_wire_entry_in_transaction on the registry copy: the same checks in the same order.
Result<ForeignEntryResult> insert_entry(BatchContext& context, const sync::WireEntry& entry) {
  assert(entry.device == context.batch->device_id && "entries of other device ids are refused before");
  BatchView& view = context.view;
  for (int attempt = 1;; ++attempt) {
    if (const auto held = view.held.find(entry.uuid); held != view.held.end())
      return ForeignEntryResult{
          held->second == entry ? ForeignEntryStatus::duplicate : ForeignEntryStatus::uuid_conflict, {}};
    if (!view.events.contains(entry.event)) return ForeignEntryResult{ForeignEntryStatus::unknown_event, {}};
    std::optional<std::int64_t> participant_id;
    if (entry.participant) {
      const auto found = view.participants.find({entry.event, *entry.participant});
      if (found == view.participants.end()) return ForeignEntryResult{ForeignEntryStatus::unknown_participant, {}};
      participant_id = found->second;
    }
    std::optional<CheckpointRow> checkpoint;
    if (entry.checkpoint) {
      PSL_ASSIGN_OR_RETURN(checkpoint, find_checkpoint(context, entry.event, *entry.checkpoint));
      if (!checkpoint) return ForeignEntryResult{ForeignEntryStatus::unknown_checkpoint, {}};
    }
    if (view.taken.contains(entry.seq)) return ForeignEntryResult{ForeignEntryStatus::sequence_conflict, {}};
    const std::optional<std::int64_t> checkpoint_id =
        checkpoint ? std::optional<std::int64_t>(checkpoint->id) : std::nullopt;
    PSL_ASSIGN_OR_RETURN(
        const auto inserted,
        context.db->query("INSERT INTO journal (uuid, device_id, seq, event_id, kind, outcome, participant_id, "
                          "checkpoint_id, code, operator, wall_ms, monotonic_ns, local_day) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
                          "ON CONFLICT DO NOTHING RETURNING uuid",
                          entry.uuid, entry.device, entry.seq, entry.event, to_string(entry.kind),
                          to_string(entry.outcome), participant_id, checkpoint_id, entry.code, entry.operator_name,
                          entry.wall_ms, entry.monotonic_ns, entry.local_day));
    if (inserted.rows() == 0) {
      if (attempt >= 2) return make_error(Errc::database, "journal entry " + entry.uuid + " neither stored nor found");
      PSL_TRY(refresh_view(context, entry));
      continue;
    }
    // As the table gives it back to a later entry of the batch: the checkpoint under its own name.
    sync::WireEntry stored = entry;
    if (checkpoint) stored.checkpoint = checkpoint->name;
    view.held.insert_or_assign(entry.uuid, std::move(stored));
    view.taken.insert(entry.seq);
    ForeignEntryResult result;
    if (!participant_id || !checkpoint || !is_once_only_checkin(entry) || checkpoint->rule == "in_out") return result;
    PSL_ASSIGN_OR_RETURN(result.doubles, find_double(context, entry, *participant_id, *checkpoint));
    return result;
  }
}

Result<sync::EntryResult> ingest_entry(BatchContext& context, const sync::IncomingEntry& incoming,
                                       const std::string& raw_sha256) {
  sync::EntryResult result{incoming.entry ? incoming.entry->uuid : incoming.uuid, sync::EntryStatus::stored, ""};
  // An identical entry quarantined before: a retried batch gets the same answer, no second alert.
  if (const auto earlier = context.view.quarantined.find(raw_sha256); earlier != context.view.quarantined.end()) {
    result.status = sync::EntryStatus::quarantined;
    result.reason = earlier->second;
    return result;
  }
  auto refuse = [&](std::string_view why, std::string_view detail, bool counted) -> Result<sync::EntryResult> {
    PSL_ASSIGN_OR_RETURN(result.reason, quarantine(context, incoming, raw_sha256, why, detail, counted));
    result.status = sync::EntryStatus::quarantined;
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

  PSL_ASSIGN_OR_RETURN(const auto stored, insert_entry(context, entry));
  switch (stored.status) {
    case ForeignEntryStatus::stored:
      context.received.push_back(entry.uuid);
      context.feed->add(entry.event, "entry", entry.uuid, entry.device);
      if (stored.doubles)
        PSL_TRY(raise_alert(context, kDoubleCheckinAlert, entry.event, entry.uuid, *stored.doubles,
                            "a second accepted check-in at a checkpoint that admits once"));
      return result;
    case ForeignEntryStatus::duplicate:
      result.status = sync::EntryStatus::duplicate;
      return result;
    default:
      return refuse(quarantine_reason(stored.status), std::string(to_string(stored.status)), true);
  }
}

// Moves the id's mark over every seq now held right above it. The mark only grows. Its row lock
// makes two uploads under one id (a retry racing the original) count one after the other.
Result<std::int64_t> advance_acked(PgConnection& db, const std::string& authored_id) {
  PSL_ASSIGN_OR_RETURN(const auto mark,
                       db.query("SELECT acked_seq FROM hub_authored WHERE authored_id = $1 FOR UPDATE", authored_id));
  const std::int64_t acked = mark.rows() > 0 ? mark.int64(0, 0) : 0;
  // Held seqs above the mark, numbered 1, 2, ... in order: they run on without a gap exactly as
  // long as seq = mark + number.
  PSL_ASSIGN_OR_RETURN(
      const auto run, db.query("SELECT count(*) FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM ("
                               "SELECT seq FROM journal WHERE device_id = $1 AND seq > $2 UNION "
                               "SELECT seq FROM hub_quarantine WHERE device_id = $1 AND seq > $2) AS held) AS numbered "
                               "WHERE seq = $2 + n",
                               authored_id, acked));
  const std::int64_t advanced = acked + run.int64(0, 0);
  if (advanced != acked && mark.rows() > 0)
    PSL_TRY(db.query("UPDATE hub_authored SET acked_seq = $1 WHERE authored_id = $2", advanced, authored_id));
  return advanced;
}

}  // namespace

Result<sync::UploadAnswer> ingest_in_transaction(PgConnection& connection, const Principal& uploader,
                                                 const sync::IncomingBatch& batch, std::int64_t now_ms,
                                                 PendingFeed& feed) {
  BatchContext context{&connection, std::string(kOrganiserUploader), std::nullopt, &batch, now_ms, &feed, {}, {}, {}};
  if (!uploader.is_organiser()) {
    // Checked again here, under the device's row lock: it may have been revoked since its token
    // was read, and a revocation now waits for this upload.
    PSL_ASSIGN_OR_RETURN(const auto device, load_device(connection, uploader.device_id, true));
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
  PSL_TRY(load_view(context, raw_hashes));

  sync::UploadAnswer answer;
  answer.statuses.reserve(batch.entries.size());
  for (std::size_t i = 0; i < batch.entries.size(); ++i) {
    PSL_ASSIGN_OR_RETURN(auto result, ingest_entry(context, batch.entries[i], raw_hashes[i]));
    answer.statuses.push_back(std::move(result));
  }
  if (!context.received.empty()) {
    PSL_TRY(
        connection.query("INSERT INTO hub_received (uuid, uploader, received_ms, clock_offset_ms) "
                         "SELECT uuid, $2, $3, $4 FROM unnest($1::text[]) AS received (uuid) "
                         "ON CONFLICT DO NOTHING",
                         text_array(context.received), context.uploader, now_ms, batch.clock_offset_ms));
  }
  if (!uploader.is_organiser()) {
    PSL_TRY(connection.query("UPDATE hub_device SET last_sync_ms = $1, clock_offset_ms = $2 WHERE device_id = $3",
                             now_ms, batch.clock_offset_ms, uploader.device_id));
  }
  PSL_ASSIGN_OR_RETURN(answer.acked_seq, advance_acked(connection, batch.device_id));
  return answer;
}

Result<sync::UploadAnswer> PgHubStore::ingest(const Principal& uploader, const sync::IncomingBatch& batch) {
  return pool_.write([&](PgConnection& connection) -> Result<sync::UploadAnswer> {
    PendingFeed feed;
    PSL_ASSIGN_OR_RETURN(auto answer, ingest_in_transaction(connection, uploader, batch, clock_->wall_ms(), feed));
    PSL_TRY(feed.flush(connection));
    answer.hub_time_ms = clock_->wall_ms();
    return answer;
  });
}

}  // namespace passerelle::hub::pg
