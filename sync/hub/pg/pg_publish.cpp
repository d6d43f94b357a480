// publish: an event file's registry into the PostgreSQL registry copy, in one transaction, writing
// only what changed (and a feed row for each such participant, key, revocation and meeting).
#include "sync/hub/pg/pg_publish.h"

#include <map>
#include <set>

#include "core/store/participant_search.h"
#include "sync/hub/pg/pg_hub_internal.h"
#include "sync/hub/pg/pg_hub_schema.h"
#include "sync/hub/pg/pg_publish_source.h"
#include "sync/hub/pg/pg_text_array.h"

namespace passerelle::hub::pg {
namespace {

// Serialises publishes of one event (added to the event id); apart from migrate.h's key.
constexpr std::int64_t kPublishLockBase = 0x50534c5f50554200;  // "PSL_PUB\0"

Error foreign_event(std::int64_t event_id) {
  return make_error(Errc::conflict, "event " + std::to_string(event_id) +
                                        " of this database was published from another event file; publish each "
                                        "event from one file (or use another database)");
}

// Inserts or updates the event row; true when it changed. Refuses another file's event.
Result<bool> publish_event_row(PgConnection& db, const SourceEvent& source, std::int64_t now) {
  const Event& event = source.event;
  PSL_ASSIGN_OR_RETURN(const auto held, db.query("SELECT origin, name, venue, timezone, days, created_ms, language, "
                                                 "meeting_requests, staff_pin_hash FROM event WHERE id = $1 FOR UPDATE",
                                                 event.id));
  if (held.rows() > 0) {
    if (held.text(0, 0) != source.origin) return foreign_event(event.id);
    PSL_ASSIGN_OR_RETURN(const auto days, parse_text_array(held.text(0, 4)));
    if (held.text(0, 1) == event.name && held.text(0, 2) == event.venue && held.text(0, 3) == event.timezone &&
        days == event.days && held.int64(0, 5) == source.created_ms && held.text(0, 6) == to_string(event.language) &&
        held.int64(0, 7) == source.meeting_requests && held.text(0, 8) == source.staff_pin_hash)
      return false;
  }
  PSL_TRY(
      db.query("INSERT INTO event (id, origin, name, venue, timezone, days, created_ms, published_ms, language, "
               "meeting_requests, staff_pin_hash) VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11) "
               "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, venue = EXCLUDED.venue, "
               "timezone = EXCLUDED.timezone, days = EXCLUDED.days, created_ms = EXCLUDED.created_ms, "
               "language = EXCLUDED.language, meeting_requests = EXCLUDED.meeting_requests, "
               "staff_pin_hash = EXCLUDED.staff_pin_hash",
               event.id, source.origin, event.name, event.venue, event.timezone, text_array(event.days),
               source.created_ms, now, to_string(event.language), source.meeting_requests, source.staff_pin_hash));
  return true;
}

// The event's [b2b] session and its areas, replaced whole when they differ in any way (added,
// changed or gone from the file); true when they did. A kiosk has its session from its bundle
// (core/store/bundle.cpp), never from the feed: no feed row.
Result<bool> publish_session(PgConnection& db, const SourceEvent& source) {
  PSL_ASSIGN_OR_RETURN(const auto held, session_of_event(db, source.event.id));
  if (held == source.session) return false;
  PSL_TRY(db.query("DELETE FROM b2b_session WHERE event_id = $1", source.event.id));  // its areas too (cascade)
  if (!source.session) return true;
  const B2bSession& session = *source.session;
  PSL_TRY(
      db.query("INSERT INTO b2b_session (event_id, day, start_minute, afternoon_start_minute, slot_minutes, "
               "pause_minutes, morning_slots, afternoon_slots, tables, early_minutes, late_minutes, grace_minutes) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
               source.event.id, session.day, session.start_minute, session.afternoon_start_minute, session.slot_minutes,
               session.pause_minutes, session.morning_slots, session.afternoon_slots, session.tables,
               session.early_minutes, session.late_minutes, session.grace_minutes));
  for (const auto& area : session.areas) {
    PSL_TRY(db.query("INSERT INTO b2b_area (event_id, name, first_table, last_table) VALUES ($1, $2, $3, $4)",
                     source.event.id, area.name, area.first_table, area.last_table));
  }
  return true;
}

Result<bool> publish_checkpoints(PgConnection& db, const SourceEvent& source) {
  PSL_ASSIGN_OR_RETURN(const auto held, db.query("SELECT source_id, name, rule, position, admits, kind, b2b_area "
                                                 "FROM checkpoint WHERE event_id = $1",
                                                 source.event.id));
  std::map<std::int64_t, Checkpoint> current;
  for (int row = 0; row < held.rows(); ++row) {
    Checkpoint checkpoint;
    checkpoint.name = std::string(held.text(row, 1));
    checkpoint.rule = parse_checkpoint_rule(held.text(row, 2)).value_or(CheckpointRule::once_per_event);
    checkpoint.position = static_cast<int>(held.int64(row, 3));
    PSL_ASSIGN_OR_RETURN(checkpoint.admits, parse_text_array(held.text(row, 4)));
    checkpoint.kind = parse_checkpoint_kind(held.text(row, 5)).value_or(CheckpointKind::door);
    checkpoint.b2b_area = std::string(held.text(row, 6));
    current.emplace(held.int64(row, 0), std::move(checkpoint));
  }
  bool changed = false;
  for (const auto& checkpoint : source.checkpoints) {
    const auto found = current.find(checkpoint.id);
    if (found != current.end() && found->second.name == checkpoint.name && found->second.rule == checkpoint.rule &&
        found->second.position == checkpoint.position && found->second.admits == checkpoint.admits &&
        found->second.kind == checkpoint.kind && found->second.b2b_area == checkpoint.b2b_area)
      continue;
    PSL_TRY(
        db.query("INSERT INTO checkpoint (event_id, source_id, name, rule, position, admits, kind, b2b_area) "
                 "VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8) ON CONFLICT (event_id, source_id) DO UPDATE SET "
                 "name = EXCLUDED.name, rule = EXCLUDED.rule, position = EXCLUDED.position, "
                 "admits = EXCLUDED.admits, kind = EXCLUDED.kind, b2b_area = EXCLUDED.b2b_area",
                 source.event.id, checkpoint.id, checkpoint.name, to_string(checkpoint.rule), checkpoint.position,
                 text_array(checkpoint.admits), to_string(checkpoint.kind), checkpoint.b2b_area));
    changed = true;
  }
  return changed;
}

// Returns every participant's row id here, by external id, for revocations and meetings. With each
// row go the columns kiosks never download (migration 10): the search's folded text, made here by
// core's participant_search_text as the file's index holds it, and the file's erasure.
Result<std::map<std::string, std::int64_t>> publish_participants(PgConnection& db, const SourceEvent& source,
                                                                 PendingFeed& feed, PublishSummary& summary) {
  PSL_ASSIGN_OR_RETURN(const auto held, participants_of_event(db, source.event.id));
  std::map<std::string, std::int64_t> ids;
  for (const auto& [external_id, stored] : held) ids.emplace(external_id, stored.id);
  for (const auto& person : source.participants) {
    const auto& record = person.record;
    const std::string folded = participant_search_text(record);
    const bool erased = source.erased.contains(record.external_id);
    if (const auto found = held.find(record.external_id); found != held.end() && found->second.change == person) {
      if (found->second.search_folded == folded && found->second.erased == erased) continue;
      // Only what kiosks never see differs (a row published before migration 10): no feed row, and
      // not counted among the participants a publish sends to kiosks.
      PSL_TRY(db.query("UPDATE participant SET search_folded = $2, erased = $3 WHERE id = $1", found->second.id, folded,
                       erased));
      continue;
    }
    PSL_ASSIGN_OR_RETURN(
        const auto upserted,
        db.query("INSERT INTO participant (event_id, external_id, first_name, last_name, email, organisation, country, "
                 "region, sector, org_type, language, role, status, tags, ticket_codes, badge_serial, badge_issued_s, "
                 "agenda_printed, search_folded, erased) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
                 "$13, $14::text[], $15::text[], $16, $17, $18, $19, $20) "
                 "ON CONFLICT (event_id, external_id) DO UPDATE SET first_name = EXCLUDED.first_name, "
                 "last_name = EXCLUDED.last_name, email = EXCLUDED.email, organisation = EXCLUDED.organisation, "
                 "country = EXCLUDED.country, region = EXCLUDED.region, sector = EXCLUDED.sector, "
                 "org_type = EXCLUDED.org_type, language = EXCLUDED.language, role = EXCLUDED.role, "
                 "status = EXCLUDED.status, tags = EXCLUDED.tags, ticket_codes = EXCLUDED.ticket_codes, "
                 "badge_serial = EXCLUDED.badge_serial, badge_issued_s = EXCLUDED.badge_issued_s, "
                 "agenda_printed = EXCLUDED.agenda_printed, search_folded = EXCLUDED.search_folded, "
                 "erased = EXCLUDED.erased RETURNING id",
                 person.event, record.external_id, record.first_name, record.last_name, record.email,
                 record.organisation, record.country, record.region, record.sector, to_string(record.org_type),
                 to_string(record.language), record.role, to_string(record.status), text_array(record.tags),
                 text_array(record.ticket_codes), person.badge_serial, person.badge_issued_s, person.agenda_printed,
                 folded, erased));
    const std::int64_t id = upserted.int64(0, 0);
    ids[record.external_id] = id;
    feed.add(person.event, "participant", std::to_string(id));
    ++summary.participants;
  }
  return ids;
}

Status publish_keys(PgConnection& db, const SourceEvent& source, PendingFeed& feed, PublishSummary& summary) {
  std::vector<std::int64_t> key_ids;
  for (const auto& key : source.keys) key_ids.push_back(key.key_id);
  PSL_ASSIGN_OR_RETURN(const auto held, keys_by_id(db, key_ids));
  for (const auto& key : source.keys) {
    if (const auto found = held.find(key.key_id); found != held.end()) {
      if (found->second == key) continue;
      if (found->second.event != key.event)
        return make_error(Errc::conflict, "signing key " + std::to_string(key.key_id) + " belongs to event " +
                                              std::to_string(found->second.event) + " in this database");
    }
    const std::string public_key(reinterpret_cast<const char*>(key.public_key.data()), key.public_key.size());
    PSL_TRY(db.query(
        "INSERT INTO signing_key (key_id, event_id, public_key, created_ms, retired_ms) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key_id) DO UPDATE SET public_key = EXCLUDED.public_key, "
        "created_ms = EXCLUDED.created_ms, retired_ms = EXCLUDED.retired_ms",
        static_cast<std::int64_t>(key.key_id), key.event, PgParam::bytea(public_key), key.created_ms, key.retired_ms));
    feed.add(key.event, "key", std::to_string(key.key_id));
    ++summary.keys;
  }
  return {};
}

Status publish_revocations(PgConnection& db, const SourceEvent& source, const std::map<std::string, std::int64_t>& ids,
                           PendingFeed& feed, PublishSummary& summary) {
  PSL_ASSIGN_OR_RETURN(const auto held, db.query("SELECT r.participant_id, r.badge_serial, r.reason, r.revoked_ms "
                                                 "FROM badge_revocation r JOIN participant p ON p.id = "
                                                 "r.participant_id WHERE p.event_id = $1",
                                                 source.event.id));
  std::map<RevocationRef, std::pair<std::string, std::int64_t>> current;
  for (int row = 0; row < held.rows(); ++row) {
    current.emplace(RevocationRef{held.int64(row, 0), held.int64(row, 1)},
                    std::pair(std::string(held.text(row, 2)), held.int64(row, 3)));
  }
  for (const auto& revocation : source.revocations) {
    const auto participant = ids.find(revocation.participant);
    if (participant == ids.end()) return make_error(Errc::database, "revocation of unknown " + revocation.participant);
    const RevocationRef ref{participant->second, revocation.badge_serial};
    if (const auto found = current.find(ref);
        found != current.end() && found->second == std::pair(revocation.reason, revocation.revoked_ms))
      continue;
    PSL_TRY(
        db.query("INSERT INTO badge_revocation (participant_id, badge_serial, reason, revoked_ms) "
                 "VALUES ($1, $2, $3, $4) ON CONFLICT (participant_id, badge_serial) DO UPDATE SET "
                 "reason = EXCLUDED.reason, revoked_ms = EXCLUDED.revoked_ms",
                 ref.first, ref.second, revocation.reason, revocation.revoked_ms));
    feed.add(revocation.event, "revocation", std::to_string(ref.first) + "/" + std::to_string(ref.second));
    ++summary.revocations;
  }
  return {};
}

Status publish_meetings(PgConnection& db, const SourceEvent& source, const std::map<std::string, std::int64_t>& ids,
                        PendingFeed& feed, PublishSummary& summary) {
  PSL_ASSIGN_OR_RETURN(const auto held_ids,
                       db.query("SELECT id, source_id FROM meeting WHERE event_id = $1", source.event.id));
  std::vector<std::int64_t> rows;
  std::map<std::int64_t, std::int64_t> row_of_source;
  for (int row = 0; row < held_ids.rows(); ++row) {
    rows.push_back(held_ids.int64(row, 0));
    row_of_source.emplace(held_ids.int64(row, 1), held_ids.int64(row, 0));
  }
  PSL_ASSIGN_OR_RETURN(const auto held, meetings_by_id(db, rows));
  for (const auto& meeting : source.meetings) {
    if (const auto row = row_of_source.find(meeting.hub_id); row != row_of_source.end()) {
      if (const auto found = held.find(row->second); found != held.end() && found->second == meeting) continue;
    }
    const auto a = ids.find(meeting.participant_a);
    const auto b = ids.find(meeting.participant_b);
    if (a == ids.end() || b == ids.end())
      return make_error(Errc::database, "meeting " + std::to_string(meeting.hub_id) + " of unknown participants");
    PSL_ASSIGN_OR_RETURN(const auto upserted,
                         db.query("INSERT INTO meeting (event_id, source_id, participant_a, participant_b, "
                                  "slot_start_ms, slot_end_ms, table_label, status, origin) "
                                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id, source_id) "
                                  "DO UPDATE SET participant_a = EXCLUDED.participant_a, "
                                  "participant_b = EXCLUDED.participant_b, slot_start_ms = EXCLUDED.slot_start_ms, "
                                  "slot_end_ms = EXCLUDED.slot_end_ms, table_label = EXCLUDED.table_label, "
                                  "status = EXCLUDED.status, origin = EXCLUDED.origin RETURNING id",
                                  meeting.event, meeting.hub_id, a->second, b->second, meeting.slot_start_ms,
                                  meeting.slot_end_ms, meeting.table_label, meeting.status, meeting.origin));
    feed.add(meeting.event, "meeting", std::to_string(upserted.int64(0, 0)));
    ++summary.meetings;
  }
  return {};
}

// Entries the database lacks (made on the file: the hub desk's check-ins), stored as an
// organiser's import of a journal file: checked, quarantined if refused, alerted if double.
Status publish_entries(PgConnection& db, const SourceEvent& source, std::int64_t now, PendingFeed& feed,
                       PublishSummary& summary) {
  PSL_ASSIGN_OR_RETURN(const auto held, db.query("SELECT uuid FROM journal WHERE event_id = $1", source.event.id));
  std::set<std::string, std::less<>> held_uuids;
  for (int row = 0; row < held.rows(); ++row) held_uuids.emplace(held.text(row, 0));
  Principal organiser;
  organiser.kind = Principal::Kind::organiser;
  std::map<std::string, sync::IncomingBatch> batches;  // by device id; entries stay in seq order
  for (const auto& entry : source.entries) {
    if (held_uuids.contains(entry.uuid)) continue;
    auto& batch = batches[entry.device];
    batch.device_id = entry.device;
    batch.entries.push_back({entry, sync::to_json(entry), "", entry.uuid, entry.seq});
  }
  for (const auto& [device_id, batch] : batches) {
    PSL_ASSIGN_OR_RETURN(const auto answer, ingest_in_transaction(db, organiser, batch, now, feed, HubLimits{}));
    for (const auto& status : answer.statuses) {
      if (status.status == sync::EntryStatus::stored) ++summary.entries_stored;
      if (status.status == sync::EntryStatus::quarantined) ++summary.entries_quarantined;
    }
  }
  return {};
}

}  // namespace

Result<PublishSummary> publish_event(Store& file, PgConnection& database, std::optional<std::int64_t> event_id,
                                     const Clock& clock) {
  PSL_ASSIGN_OR_RETURN(const auto source, read_source_event(file, event_id));
  PSL_TRY(migrate_hub_schema(database));
  // Before the database: an erasure must then reach the database too (published_key()).
  PSL_TRY(file.set_local_value(published_key(source.event.id), "1"));
  return with_retry([&]() -> Result<PublishSummary> {
    PSL_ASSIGN_OR_RETURN(auto transaction, PgTransaction::begin(database, PgIsolation::read_committed));
    PSL_TRY(database.query("SELECT pg_advisory_xact_lock($1::bigint)", kPublishLockBase + source.event.id));
    const std::int64_t now = clock.wall_ms();
    PublishSummary summary;
    summary.event_id = source.event.id;
    PendingFeed feed;
    PSL_ASSIGN_OR_RETURN(summary.event_changed, publish_event_row(database, source, now));
    PSL_ASSIGN_OR_RETURN(const bool checkpoints_changed, publish_checkpoints(database, source));
    PSL_ASSIGN_OR_RETURN(const bool session_changed, publish_session(database, source));
    summary.event_changed = summary.event_changed || checkpoints_changed || session_changed;
    // Keys first, then participants, then what names them: the order a kiosk can apply.
    PSL_TRY(publish_keys(database, source, feed, summary));
    PSL_ASSIGN_OR_RETURN(const auto participant_ids, publish_participants(database, source, feed, summary));
    PSL_TRY(publish_revocations(database, source, participant_ids, feed, summary));
    PSL_TRY(publish_meetings(database, source, participant_ids, feed, summary));
    PSL_TRY(publish_entries(database, source, now, feed, summary));
    summary.feed_rows = static_cast<std::int64_t>(feed.size());
    PSL_TRY(feed.flush(database));
    PSL_TRY(transaction.commit());
    return summary;
  });
}

Result<PublishSummary> publish_event(const std::filesystem::path& file, std::string_view url,
                                     std::optional<std::int64_t> event_id, const Clock& clock) {
  PSL_ASSIGN_OR_RETURN(auto store, Store::open(file, clock));
  PSL_ASSIGN_OR_RETURN(auto database, PgConnection::connect(url));
  return publish_event(store, database, event_id, clock);
}

}  // namespace passerelle::hub::pg
