#include "core/store/bundle.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <fstream>
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

Status copy_file_synced(const std::filesystem::path& source, const std::filesystem::path& target,
                        std::int64_t expected_bytes) {
  std::ifstream in(source, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot read " + source.string());
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  if (!out) return make_error(Errc::io, "cannot write " + target.string());
  std::array<char, 1 << 16> buffer{};
  std::int64_t copied = 0;
  while (in) {
    in.read(buffer.data(), buffer.size());
    const std::streamsize got = in.gcount();
    if (got <= 0) break;
    copied += got;
    // A file growing while it is copied (a stick being written) is not the file that was checked.
    if (copied > expected_bytes) return make_error(Errc::invalid_input, source.string() + " grew while it was copied");
    if (!out.write(buffer.data(), got))
      return make_error(Errc::io, "cannot write " + target.string() + " (disk full?)");
  }
  if (in.bad()) return make_error(Errc::io, "cannot read " + source.string() + " to its end");
  out.close();
  if (!out) return make_error(Errc::io, "cannot write " + target.string() + " (disk full?)");
  const int fd = ::open(target.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return make_error(Errc::io, "cannot flush " + target.string() + " to disk");
  }
  ::close(fd);
  return {};
}

Result<InstalledBundle> check_installed(const std::filesystem::path& path, const std::string& shown) {
  const auto not_a_bundle = [&](const std::string& why) {
    return make_error(Errc::invalid_input, shown + " is not a kiosk bundle: " + why);
  };
  auto opened = Store::open(path);
  if (!opened) return not_a_bundle(opened.error().message);
  Store& store = *opened;
  {
    PSL_ASSIGN_OR_RETURN(auto check, store.database().query("PRAGMA quick_check"));
    PSL_ASSIGN_OR_RETURN(const bool has_row, check.step());
    if (!has_row || check.column_text(0) != "ok") return not_a_bundle("the file is damaged (SQLite's quick_check)");
  }
  PSL_ASSIGN_OR_RETURN(const auto events, store.list_events());
  if (events.size() != 1)
    return not_a_bundle("it holds " + std::to_string(events.size()) + " events, a bundle holds one");
  PSL_ASSIGN_OR_RETURN(const auto checkpoints, store.checkpoints(events.front().id));
  if (checkpoints.empty()) return not_a_bundle("its event has no checkpoint");
  InstalledBundle installed;
  installed.event_name = events.front().name;
  PSL_ASSIGN_OR_RETURN(installed.participants, store.participant_count(events.front().id));
  PSL_TRY(store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  return installed;
}

}  // namespace

Result<InstalledBundle> install_kiosk_bundle(const std::filesystem::path& source, const std::filesystem::path& database,
                                             std::int64_t max_bytes) {
  const std::string shown = source.filename().string();
  std::error_code error;
  const auto status = std::filesystem::status(source, error);
  if (error || !std::filesystem::is_regular_file(status))
    return make_error(Errc::io, "cannot read " + source.string() + (error ? ": " + error.message() : ""));
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(source, error));
  if (error) return make_error(Errc::io, "cannot read " + source.string() + ": " + error.message());
  if (bytes > max_bytes)
    return make_error(Errc::invalid_input,
                      shown + " is larger than a kiosk bundle may be (" + std::to_string(max_bytes >> 20) + " MiB)");
  {
    // SQLite's own header: a stick's other files are refused before anything is copied.
    std::ifstream in(source, std::ios::binary);
    std::array<char, 16> header{};
    if (!in.read(header.data(), header.size()) ||
        std::string_view(header.data(), header.size()) != std::string_view("SQLite format 3\0", 16))
      return make_error(Errc::invalid_input, shown + " is not a kiosk bundle (not an SQLite database)");
  }
  if (std::filesystem::exists(database, error))
    return make_error(Errc::conflict, "a kiosk database exists already at " + database.string());
  remove_database_files(temporary_path_for(database));
  PSL_ASSIGN_OR_RETURN(const auto temporary, create_temporary_for(database, FileAccess::owner_only));
  auto copied = copy_file_synced(source, temporary, bytes);
  auto installed = copied ? check_installed(temporary, shown) : Result<InstalledBundle>(copied.error());
  if (!installed) {
    remove_database_files(temporary);
    return installed;
  }
  std::filesystem::rename(temporary, database, error);
  if (error) {
    remove_database_files(temporary);
    return make_error(Errc::io, "cannot write " + database.string() + ": " + error.message());
  }
  sync_parent_folder(database);
  return installed;
}

Result<BundleSummary> write_kiosk_bundle(Store& hub, std::int64_t event_id, const std::filesystem::path& out,
                                         const std::optional<DeviceJournalKey>& device) {
  PSL_ASSIGN_OR_RETURN(const auto event, hub.find_event(event_id));
  if (!event) return make_error(Errc::not_found, "no event with id " + std::to_string(event_id));
  // The registry's personal data: created for its owner only, before SQLite fills it, so that the
  // file is never readable by others, not even while it is built (core/util/files.h).
  remove_database_files(temporary_path_for(out));
  PSL_ASSIGN_OR_RETURN(const auto temporary, create_temporary_for(out, FileAccess::owner_only));
  PSL_ASSIGN_OR_RETURN(const auto staff_pin_hash, hub.staff_pin_hash(event_id));
  auto summary = build(hub.database().path(), event_id, device, staff_pin_hash, temporary);
  if (!summary) {
    remove_database_files(temporary);
    return summary;
  }
  std::error_code error;
  std::filesystem::rename(temporary, out, error);
  if (error) {
    remove_database_files(temporary);
    return make_error(Errc::io, "cannot write " + out.string() + ": " + error.message());
  }
  sync_parent_folder(out);
  return summary;
}

}  // namespace passerelle
