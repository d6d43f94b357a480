#include "core/store/bundle.h"

#include <system_error>

#include "core/util/files.h"

namespace passerelle {
namespace {

// Copies rows of one event from the attached hub. Columns are named so that a secret can never
// ride along by a `SELECT *`.
constexpr const char* kCopyStatements[] = {
    "INSERT INTO event(id, name, venue, timezone, language, created_ms) "
    "SELECT id, name, venue, timezone, language, created_ms FROM hub.event WHERE id = ?1",
    "INSERT INTO event_day(event_id, day) SELECT event_id, day FROM hub.event_day WHERE event_id = ?1",
    "INSERT INTO checkpoint(id, event_id, name, rule, position, kind, b2b_area) "
    "SELECT id, event_id, name, rule, position, kind, b2b_area FROM hub.checkpoint WHERE event_id = ?1",
    // The B2B session: a B2B area kiosk reads its slots, tables and tolerances.
    "INSERT INTO b2b_session(event_id, day, start_minute, afternoon_start_minute, slot_minutes, pause_minutes, "
    "morning_slots, afternoon_slots, tables, early_minutes, late_minutes, grace_minutes) "
    "SELECT event_id, day, start_minute, afternoon_start_minute, slot_minutes, pause_minutes, morning_slots, "
    "afternoon_slots, tables, early_minutes, late_minutes, grace_minutes FROM hub.b2b_session WHERE event_id = ?1",
    "INSERT INTO b2b_area(event_id, name, first_table, last_table) "
    "SELECT event_id, name, first_table, last_table FROM hub.b2b_area WHERE event_id = ?1",
    "INSERT INTO checkpoint_tag(checkpoint_id, tag) SELECT t.checkpoint_id, t.tag FROM hub.checkpoint_tag t "
    "JOIN hub.checkpoint c ON c.id = t.checkpoint_id WHERE c.event_id = ?1",
    // No email: the door needs names, not contact details, and a stolen kiosk must not hold them
    // (docs/THREAT_MODEL.md). The column stays, empty, because the schema is the hub's too.
    "INSERT INTO participant(id, event_id, external_id, first_name, last_name, email, organisation, country, region, "
    "sector, org_type, language, role, status, badge_serial, updated_ms, badge_issued_s, agenda_printed) "
    "SELECT id, event_id, external_id, first_name, last_name, '', organisation, country, region, sector, org_type, "
    "language, role, status, badge_serial, updated_ms, badge_issued_s, agenda_printed FROM hub.participant "
    "WHERE event_id = ?1",
    "INSERT INTO participant_tag(participant_id, tag) SELECT t.participant_id, t.tag FROM hub.participant_tag t "
    "JOIN hub.participant p ON p.id = t.participant_id WHERE p.event_id = ?1",
    "INSERT INTO ticket_code(event_id, code, participant_id) "
    "SELECT event_id, code, participant_id FROM hub.ticket_code WHERE event_id = ?1",
    "INSERT INTO participant_search(rowid, folded) SELECT s.rowid, s.folded FROM hub.participant_search s "
    "JOIN hub.participant p ON p.id = s.rowid WHERE p.event_id = ?1",
    "INSERT INTO meeting(id, event_id, participant_a, participant_b, slot_start_ms, slot_end_ms, table_label, status, "
    "origin, feedback_a, feedback_b) SELECT id, event_id, participant_a, participant_b, slot_start_ms, slot_end_ms, "
    "table_label, status, origin, feedback_a, feedback_b FROM hub.meeting WHERE event_id = ?1",
    "INSERT INTO badge_revocation(participant_id, badge_serial, reason, revoked_ms) "
    "SELECT r.participant_id, r.badge_serial, r.reason, r.revoked_ms FROM hub.badge_revocation r "
    "JOIN hub.participant p ON p.id = r.participant_id WHERE p.event_id = ?1",
    "INSERT INTO signing_key(key_id, event_id, public_key, secret_key, created_ms, retired_ms) "
    "SELECT key_id, event_id, public_key, NULL, created_ms, retired_ms FROM hub.signing_key WHERE ?1 IS NOT NULL",
    "INSERT INTO journal(uuid, device_id, seq, event_id, kind, outcome, participant_id, checkpoint_id, code, operator, "
    "wall_ms, monotonic_ns, local_day, partner_id, meeting_start_ms, table_label, answer) SELECT uuid, device_id, "
    "seq, event_id, kind, outcome, participant_id, checkpoint_id, code, operator, wall_ms, monotonic_ns, local_day, "
    "partner_id, meeting_start_ms, table_label, answer FROM hub.journal WHERE event_id = ?1",
};

Result<std::int64_t> count(db::Database& database, const char* sql) {
  PSL_ASSIGN_OR_RETURN(auto query, database.query(sql));
  PSL_ASSIGN_OR_RETURN(const bool has_row, query.step());
  return has_row ? query.column_int(0) : 0;
}

Result<BundleSummary> build(const std::filesystem::path& hub_path, std::int64_t event_id,
                            const std::optional<DeviceJournalKey>& device,
                            const std::optional<std::string>& staff_pin_hash, const std::filesystem::path& temporary) {
  PSL_ASSIGN_OR_RETURN(auto bundle, Store::open(temporary));
  db::Database& database = bundle.database();
  {
    PSL_ASSIGN_OR_RETURN(auto attach, database.query("ATTACH DATABASE ? AS hub"));
    PSL_TRY(attach.bind_all(hub_path.string()).run());
  }
  {
    PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database));
    for (const char* sql : kCopyStatements) {
      PSL_ASSIGN_OR_RETURN(auto copy, database.query(sql));
      PSL_TRY(copy.bind_all(event_id).run());
    }
    // A bundle without a device makes its own id on first start; a shared one would make clones.
    PSL_TRY(database.exec("DELETE FROM local_state WHERE key = 'device_id'"));
    PSL_TRY(transaction.commit());
  }
  if (device) PSL_TRY(bundle.adopt_device_id(device->device_id, device->key_hex));
  if (staff_pin_hash) PSL_TRY(bundle.set_staff_pin_hash(event_id, *staff_pin_hash));
  PSL_TRY(database.exec("DETACH DATABASE hub"));
  BundleSummary summary;
  PSL_ASSIGN_OR_RETURN(summary.participants, count(database, "SELECT count(*) FROM participant"));
  PSL_ASSIGN_OR_RETURN(summary.public_keys, count(database, "SELECT count(*) FROM signing_key"));
  PSL_ASSIGN_OR_RETURN(summary.journal_entries, count(database, "SELECT count(*) FROM journal"));
  // One self-contained file: fold the WAL back in before it is copied to a stick.
  PSL_TRY(database.exec("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;"));
  return summary;
}

void remove_with_sidecars(const std::filesystem::path& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix, ignored);
}

}  // namespace

Result<BundleSummary> write_kiosk_bundle(Store& hub, std::int64_t event_id, const std::filesystem::path& out,
                                         const std::optional<DeviceJournalKey>& device) {
  PSL_ASSIGN_OR_RETURN(const auto event, hub.find_event(event_id));
  if (!event) return make_error(Errc::not_found, "no event with id " + std::to_string(event_id));
  // The registry's personal data: created for its owner only, before SQLite fills it, so that the
  // file is never readable by others, not even while it is built (core/util/files.h).
  remove_with_sidecars(temporary_path_for(out));
  PSL_ASSIGN_OR_RETURN(const auto temporary, create_temporary_for(out, FileAccess::owner_only));
  PSL_ASSIGN_OR_RETURN(const auto staff_pin_hash, hub.staff_pin_hash(event_id));
  auto summary = build(hub.database().path(), event_id, device, staff_pin_hash, temporary);
  if (!summary) {
    remove_with_sidecars(temporary);
    return summary;
  }
  std::error_code error;
  std::filesystem::rename(temporary, out, error);
  if (error) {
    remove_with_sidecars(temporary);
    return make_error(Errc::io, "cannot write " + out.string() + ": " + error.message());
  }
  sync_parent_folder(out);
  return summary;
}

}  // namespace passerelle
