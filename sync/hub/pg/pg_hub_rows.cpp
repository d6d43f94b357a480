#include "sync/hub/pg/pg_hub_rows.h"

#include <algorithm>
#include <cstring>

#include "sync/hub/pg/feed.h"
#include "sync/hub/pg/pg_hub_schema.h"
#include "sync/hub/pg/pg_text_array.h"

namespace passerelle::hub::pg {

void PendingFeed::add(std::int64_t event_id, std::string_view type, std::string ref,
                      std::optional<std::string> device_id) {
  event_ids_.push_back(event_id);
  types_.emplace_back(type);
  refs_.push_back(std::move(ref));
  device_ids_.push_back(std::move(device_id));
}

Status PendingFeed::flush(PgConnection& connection) {
  if (event_ids_.empty()) return {};
  PSL_ASSIGN_OR_RETURN(const auto range,
                       reserve_feed_seqs(connection, kHubFeedId, static_cast<std::int64_t>(event_ids_.size())));
  // One round trip for the rows and their notifications.
  PSL_TRY(connection.query(
      "WITH added AS (INSERT INTO hub_feed (seq, event_id, type, ref, device_id) "
      "SELECT $1::bigint + draft.n - 1, draft.event_id, draft.type, draft.ref, draft.device_id "
      "FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY "
      "AS draft (event_id, type, ref, device_id, n) RETURNING event_id) "
      "SELECT pg_notify($6, changed.event_id::text) FROM (SELECT DISTINCT event_id FROM added) AS changed",
      range.first, int_array(event_ids_), text_array(types_), text_array(refs_), text_array(device_ids_),
      kFeedChannel));
  *this = PendingFeed();
  return {};
}

const char* const kWireEntrySelect =
    "SELECT j.uuid, j.device_id, j.seq, j.event_id, j.kind, j.outcome, p.external_id, c.name, j.code, j.operator, "
    "j.wall_ms, j.monotonic_ns, j.local_day, q.external_id, j.meeting_start_ms, j.table_label, j.answer "
    "FROM journal j LEFT JOIN participant p ON p.id = j.participant_id "
    "LEFT JOIN checkpoint c ON c.id = j.checkpoint_id LEFT JOIN participant q ON q.id = j.partner_id ";

sync::WireEntry read_wire_entry(const PgResult& result, int row, int first) {
  sync::WireEntry entry;
  entry.uuid = std::string(result.text(row, first));
  entry.device = std::string(result.text(row, first + 1));
  entry.seq = result.int64(row, first + 2);
  entry.event = result.int64(row, first + 3);
  entry.kind = parse_entry_kind(result.text(row, first + 4)).value_or(EntryKind::checkin);
  entry.outcome = parse_outcome(result.text(row, first + 5)).value_or(Outcome::accepted);
  entry.participant = result.optional_text(row, first + 6);
  entry.checkpoint = result.optional_text(row, first + 7);
  entry.code = std::string(result.text(row, first + 8));
  entry.operator_name = std::string(result.text(row, first + 9));
  entry.wall_ms = result.int64(row, first + 10);
  entry.monotonic_ns = result.int64(row, first + 11);
  entry.local_day = std::string(result.text(row, first + 12));
  entry.partner = result.optional_text(row, first + 13);
  entry.meeting_start_ms = result.int64(row, first + 14);
  entry.table = std::string(result.text(row, first + 15));
  entry.answer = std::string(result.text(row, first + 16));
  return entry;
}

namespace {

constexpr const char* kParticipantSelect =
    "SELECT id, event_id, external_id, first_name, last_name, email, organisation, country, region, sector, "
    "org_type, language, role, status, tags, ticket_codes, badge_serial, badge_issued_s, agenda_printed, "
    "search_folded, erased FROM participant ";

Result<StoredParticipant> read_participant(const PgResult& result, int row) {
  StoredParticipant stored;
  stored.id = result.int64(row, 0);
  auto& change = stored.change;
  change.event = result.int64(row, 1);
  auto& record = change.record;
  record.external_id = std::string(result.text(row, 2));
  record.first_name = std::string(result.text(row, 3));
  record.last_name = std::string(result.text(row, 4));
  record.email = std::string(result.text(row, 5));
  record.organisation = std::string(result.text(row, 6));
  record.country = std::string(result.text(row, 7));
  record.region = std::string(result.text(row, 8));
  record.sector = std::string(result.text(row, 9));
  record.org_type = parse_org_type(result.text(row, 10)).value_or(OrgType::unspecified);
  record.language = parse_language(result.text(row, 11)).value_or(Language::en);
  record.role = std::string(result.text(row, 12));
  record.status = parse_participant_status(result.text(row, 13)).value_or(ParticipantStatus::registered);
  PSL_ASSIGN_OR_RETURN(record.tags, parse_text_array(result.text(row, 14)));
  PSL_ASSIGN_OR_RETURN(record.ticket_codes, parse_text_array(result.text(row, 15)));
  change.badge_serial = result.int64(row, 16);
  change.badge_issued_s = result.int64(row, 17);
  change.agenda_printed = std::string(result.text(row, 18));
  stored.search_folded = std::string(result.text(row, 19));
  stored.erased = result.boolean(row, 20);
  return stored;
}

}  // namespace

Result<std::map<std::int64_t, StoredParticipant>> participants_by_id(PgConnection& connection,
                                                                     const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, StoredParticipant> found;
  if (ids.empty()) return found;
  PSL_ASSIGN_OR_RETURN(
      const auto result,
      connection.query(std::string(kParticipantSelect) + "WHERE id = ANY($1::bigint[])", int_array(ids)));
  for (int row = 0; row < result.rows(); ++row) {
    PSL_ASSIGN_OR_RETURN(auto participant, read_participant(result, row));
    found.emplace(participant.id, std::move(participant));
  }
  return found;
}

Result<std::map<std::string, StoredParticipant>> participants_of_event(PgConnection& connection,
                                                                       std::int64_t event_id) {
  std::map<std::string, StoredParticipant> found;
  PSL_ASSIGN_OR_RETURN(const auto result,
                       connection.query(std::string(kParticipantSelect) + "WHERE event_id = $1", event_id));
  for (int row = 0; row < result.rows(); ++row) {
    PSL_ASSIGN_OR_RETURN(auto participant, read_participant(result, row));
    std::string key = participant.change.record.external_id;
    found.emplace(std::move(key), std::move(participant));
  }
  return found;
}

Result<std::map<std::int64_t, sync::KeyChange>> keys_by_id(PgConnection& connection,
                                                           const std::vector<std::int64_t>& key_ids) {
  std::map<std::int64_t, sync::KeyChange> found;
  if (key_ids.empty()) return found;
  PSL_ASSIGN_OR_RETURN(const auto result,
                       connection.query("SELECT key_id, event_id, public_key, created_ms, retired_ms FROM signing_key "
                                        "WHERE key_id = ANY($1::bigint[])",
                                        int_array(key_ids)));
  for (int row = 0; row < result.rows(); ++row) {
    const std::int64_t key_id = result.int64(row, 0);
    const std::string public_key = result.bytea(row, 2);
    if (key_id < 0 || key_id > 0xffffffffLL || public_key.size() != badge::PublicKey{}.size())
      return make_error(Errc::database, "signing_key " + std::to_string(key_id) + " is malformed");
    sync::KeyChange key;
    key.key_id = static_cast<std::uint32_t>(key_id);
    key.event = result.int64(row, 1);
    std::memcpy(key.public_key.data(), public_key.data(), key.public_key.size());
    key.created_ms = result.int64(row, 3);
    key.retired_ms = result.optional_int64(row, 4);
    found.emplace(key_id, key);
  }
  return found;
}

Result<std::map<std::int64_t, sync::MeetingChange>> meetings_by_id(PgConnection& connection,
                                                                   const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, sync::MeetingChange> found;
  if (ids.empty()) return found;
  PSL_ASSIGN_OR_RETURN(const auto result,
                       connection.query("SELECT m.id, m.source_id, m.event_id, a.external_id, b.external_id, "
                                        "m.slot_start_ms, m.slot_end_ms, m.table_label, m.status, m.origin "
                                        "FROM meeting m JOIN participant a ON a.id = m.participant_a "
                                        "JOIN participant b ON b.id = m.participant_b WHERE m.id = ANY($1::bigint[])",
                                        int_array(ids)));
  for (int row = 0; row < result.rows(); ++row) {
    found.emplace(result.int64(row, 0),
                  sync::MeetingChange{result.int64(row, 1), result.int64(row, 2), std::string(result.text(row, 3)),
                                      std::string(result.text(row, 4)), result.int64(row, 5), result.int64(row, 6),
                                      std::string(result.text(row, 7)), std::string(result.text(row, 8)),
                                      std::string(result.text(row, 9))});
  }
  return found;
}

Result<std::map<RevocationRef, sync::RevocationChange>> revocations_by_ref(PgConnection& connection,
                                                                           const std::vector<RevocationRef>& refs) {
  std::map<RevocationRef, sync::RevocationChange> found;
  if (refs.empty()) return found;
  std::vector<std::int64_t> participants;
  std::vector<std::int64_t> serials;
  for (const auto& [participant, serial] : refs) {
    participants.push_back(participant);
    serials.push_back(serial);
  }
  PSL_ASSIGN_OR_RETURN(const auto result,
                       connection.query("SELECT r.participant_id, r.badge_serial, p.event_id, p.external_id, "
                                        "r.reason, r.revoked_ms FROM badge_revocation r "
                                        "JOIN participant p ON p.id = r.participant_id "
                                        "JOIN unnest($1::bigint[], $2::bigint[]) AS wanted (participant_id, serial) "
                                        "ON wanted.participant_id = r.participant_id "
                                        "AND wanted.serial = r.badge_serial",
                                        int_array(participants), int_array(serials)));
  for (int row = 0; row < result.rows(); ++row) {
    found.emplace(RevocationRef{result.int64(row, 0), result.int64(row, 1)},
                  sync::RevocationChange{result.int64(row, 2), std::string(result.text(row, 3)), result.int64(row, 1),
                                         std::string(result.text(row, 4)), result.int64(row, 5)});
  }
  return found;
}

Result<std::map<std::string, sync::WireEntry>> entries_by_uuid(PgConnection& connection,
                                                               const std::vector<std::string>& uuids) {
  std::map<std::string, sync::WireEntry> found;
  if (uuids.empty()) return found;
  PSL_ASSIGN_OR_RETURN(
      const auto result,
      connection.query(std::string(kWireEntrySelect) + "WHERE j.uuid = ANY($1::text[])", text_array(uuids)));
  for (int row = 0; row < result.rows(); ++row) {
    auto entry = read_wire_entry(result, row);
    std::string key = entry.uuid;
    found.emplace(std::move(key), std::move(entry));
  }
  return found;
}

Result<std::optional<Event>> event_by_id(PgConnection& connection, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(const auto row, connection.query("SELECT name, venue, timezone, days, language FROM event "
                                                        "WHERE id = $1",
                                                        event_id));
  if (row.rows() == 0) return std::optional<Event>();
  Event event;
  event.id = event_id;
  event.name = std::string(row.text(0, 0));
  event.venue = std::string(row.text(0, 1));
  event.timezone = std::string(row.text(0, 2));
  PSL_ASSIGN_OR_RETURN(event.days, parse_text_array(row.text(0, 3)));
  std::sort(event.days.begin(), event.days.end());
  event.language = parse_language(row.text(0, 4)).value_or(Language::en);
  return std::optional<Event>(std::move(event));
}

Result<std::optional<B2bSession>> session_of_event(PgConnection& connection, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(
      const auto held,
      connection.query("SELECT day, start_minute, afternoon_start_minute, slot_minutes, pause_minutes, "
                       "morning_slots, afternoon_slots, tables, early_minutes, late_minutes, "
                       "grace_minutes FROM b2b_session WHERE event_id = $1",
                       event_id));
  if (held.rows() == 0) return std::optional<B2bSession>();
  const auto number = [&](int column) { return static_cast<int>(held.int64(0, column)); };
  B2bSession session;
  session.day = std::string(held.text(0, 0));
  session.start_minute = number(1);
  session.afternoon_start_minute = number(2);
  session.slot_minutes = number(3);
  session.pause_minutes = number(4);
  session.morning_slots = number(5);
  session.afternoon_slots = number(6);
  session.tables = number(7);
  session.early_minutes = number(8);
  session.late_minutes = number(9);
  session.grace_minutes = number(10);
  PSL_ASSIGN_OR_RETURN(const auto areas, connection.query("SELECT name, first_table, last_table FROM b2b_area "
                                                          "WHERE event_id = $1 ORDER BY first_table",
                                                          event_id));
  for (int row = 0; row < areas.rows(); ++row)
    session.areas.push_back(B2bArea{std::string(areas.text(row, 0)), static_cast<int>(areas.int64(row, 1)),
                                    static_cast<int>(areas.int64(row, 2))});
  return std::optional<B2bSession>(std::move(session));
}

// As Store::checkpoints: by position (then id, SQLite's row order), admitted tags by their bytes.
Result<std::vector<Checkpoint>> read_checkpoints(PgConnection& db, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(const auto rows, db.query("SELECT source_id, name, rule, position, kind, b2b_area, admits "
                                                 "FROM checkpoint WHERE event_id = $1 ORDER BY position, source_id",
                                                 event_id));
  std::vector<Checkpoint> list;
  list.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    Checkpoint checkpoint;
    checkpoint.id = rows.int64(row, 0);
    checkpoint.event_id = event_id;
    checkpoint.name = std::string(rows.text(row, 1));
    checkpoint.rule = parse_checkpoint_rule(rows.text(row, 2)).value_or(CheckpointRule::once_per_event);
    checkpoint.position = static_cast<int>(rows.int64(row, 3));
    checkpoint.kind = parse_checkpoint_kind(rows.text(row, 4)).value_or(CheckpointKind::door);
    checkpoint.b2b_area = std::string(rows.text(row, 5));
    PSL_ASSIGN_OR_RETURN(checkpoint.admits, parse_text_array(rows.text(row, 6)));
    std::sort(checkpoint.admits.begin(), checkpoint.admits.end());
    list.push_back(std::move(checkpoint));
  }
  return list;
}

}  // namespace passerelle::hub::pg
