// PgHubStore: opening, events, enrolment, tokens and devices. Ingest, the feed and reports live in
// pg_hub_ingest.cpp, pg_hub_feed.cpp and pg_hub_reports.cpp.
#include "sync/hub/pg/pg_hub_store.h"

#include <algorithm>

#include "core/util/uuid.h"
#include "sync/hub/pg/pg_hub_internal.h"
#include "sync/hub/pg/pg_hub_schema.h"
#include "sync/hub/store/enrolment_rules.h"
#include "sync/hub/store/hub_tokens.h"
#include "sync/hub/store/sequence_ranges.h"
#include "sync/protocol/journal_key.h"

namespace passerelle::hub::pg {

namespace {

constexpr std::size_t kMaxDeviceIdLength = 64;

// A lock that stays taken turns into Errc::busy (55P03) instead of a request that never ends. The
// hub's own locks are held for milliseconds; with_retry tries a timed-out transaction again.
constexpr const char* kSessionSetup = "SET lock_timeout = '3s'";

Result<std::vector<std::string>> authored_ids(PgConnection& connection, std::string_view device_id) {
  PSL_ASSIGN_OR_RETURN(
      const auto result,
      connection.query("SELECT authored_id FROM hub_authored WHERE device_id = $1 ORDER BY position", device_id));
  std::vector<std::string> ids;
  for (int row = 0; row < result.rows(); ++row) ids.emplace_back(result.text(row, 0));
  return ids;
}

Result<DeviceInfo> device_info(PgConnection& connection, const std::string& device_id) {
  DeviceInfo info;
  {
    PSL_ASSIGN_OR_RETURN(const auto result,
                         connection.query("SELECT event_id, name, enrolled_ms, revoked_ms, last_sync_ms, "
                                          "clock_offset_ms FROM hub_device WHERE device_id = $1",
                                          device_id));
    if (result.rows() == 0) return make_error(Errc::not_found, "no device " + device_id);
    info.device_id = device_id;
    info.event_id = result.int64(0, 0);
    info.name = std::string(result.text(0, 1));
    info.enrolled_ms = result.int64(0, 2);
    info.revoked_ms = result.optional_int64(0, 3);
    info.last_sync_ms = result.optional_int64(0, 4);
    info.clock_offset_ms = result.optional_int64(0, 5);
  }
  PSL_ASSIGN_OR_RETURN(auto ids, authored_ids(connection, device_id));
  for (auto& id : ids) {
    PSL_ASSIGN_OR_RETURN(auto seqs, held_sequences(connection, id));
    const auto summary = summarise_sequences(std::move(seqs));
    info.authored.push_back({std::move(id), summary.contiguous, summary.highest, summary.missing_count});
  }
  return info;
}

// The device and its tokens refused from `now` on; false when there is no such device.
Result<bool> revoke_in_transaction(PgConnection& connection, std::string_view device_id, std::int64_t now) {
  PSL_ASSIGN_OR_RETURN(const auto updated, connection.query("UPDATE hub_device SET revoked_ms = coalesce(revoked_ms, "
                                                            "$1) WHERE device_id = $2",
                                                            now, device_id));
  if (updated.affected_rows() == 0) return false;
  PSL_TRY(connection.query("UPDATE hub_token SET revoked_ms = coalesce(revoked_ms, $1) WHERE device_id = $2", now,
                           device_id));
  return true;
}

// Previous ids a device declares, claimed as enrolment_rules.h says. The holder's rows are read
// under their locks (a sync of the holder, which sets last_sync_ms, waits or is waited for; READ
// COMMITTED re-reads a row changed meanwhile), and an id nobody held is inserted only if still
// absent: two enrolments racing for one new id cannot both take it, and the loser is refused
// rather than taking it from the winner as from a retried enrolment.
Status claim_previous_ids(PgConnection& connection, const std::string& device_id, const std::vector<std::string>& ids,
                          std::int64_t now) {
  std::vector<std::string> seen{device_id};
  int position = 1;
  for (const auto& id : ids) {
    if (id.empty() || id.size() > kMaxDeviceIdLength)
      return make_error(Errc::invalid_input, "previous device id empty or longer than 64");
    if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
    seen.push_back(id);
    PSL_ASSIGN_OR_RETURN(const auto owner,
                         connection.query("SELECT d.device_id, d.revoked_ms IS NOT NULL, d.last_sync_ms IS NOT NULL "
                                          "FROM hub_authored a JOIN hub_device d ON d.device_id = a.device_id "
                                          "WHERE a.authored_id = $1 FOR UPDATE OF a, d",
                                          id));
    std::optional<IdHolder> holder;
    if (owner.rows() > 0) holder = IdHolder{std::string(owner.text(0, 0)), owner.boolean(0, 1), owner.boolean(0, 2)};
    switch (claim_of(holder)) {
      case IdClaim::taken:
        return id_taken_error(id, *holder);
      case IdClaim::retried:
        PSL_TRY(revoke_in_transaction(connection, holder->device_id, now));
        PSL_TRY(connection.query("UPDATE hub_authored SET device_id = $2, position = $3 WHERE authored_id = $1", id,
                                 device_id, position++));
        continue;
      case IdClaim::free:
        break;
    }
    PSL_ASSIGN_OR_RETURN(const auto claimed,
                         connection.query("INSERT INTO hub_authored (authored_id, device_id, position) "
                                          "VALUES ($1, $2, $3) ON CONFLICT (authored_id) DO NOTHING RETURNING 1",
                                          id, device_id, position++));
    if (claimed.rows() == 0)
      return make_error(Errc::conflict, "device id " + id + " was claimed by another enrolment at the same moment");
  }
  return {};
}

Status insert_journal_key(PgConnection& connection, const DeviceJournalKey& key, std::int64_t event_id,
                          std::string_view origin, std::string_view name, std::int64_t now) {
  PSL_TRY(
      connection.query("INSERT INTO hub_journal_key (device_id, event_id, journal_key, origin, name, created_ms) "
                       "VALUES ($1, $2, $3, $4, $5, $6)",
                       key.device_id, event_id, key.key_hex, origin, name, now));
  return {};
}

}  // namespace

Result<std::optional<DeviceRow>> load_device(PgConnection& connection, std::string_view device_id, bool lock) {
  DeviceRow row;
  {
    PSL_ASSIGN_OR_RETURN(const auto result, lock ? connection.query("SELECT event_id, name, revoked_ms FROM hub_device "
                                                                    "WHERE device_id = $1 FOR UPDATE",
                                                                    device_id)
                                                 : connection.query("SELECT event_id, name, revoked_ms FROM hub_device "
                                                                    "WHERE device_id = $1",
                                                                    device_id));
    if (result.rows() == 0) return std::optional<DeviceRow>();
    row.principal.kind = Principal::Kind::device;
    row.principal.device_id = std::string(device_id);
    row.principal.event_id = result.int64(0, 0);
    row.principal.name = std::string(result.text(0, 1));
    row.revoked = !result.is_null(0, 2);
  }
  PSL_ASSIGN_OR_RETURN(row.principal.authored_ids, authored_ids(connection, device_id));
  return std::optional<DeviceRow>(std::move(row));
}

Result<std::vector<std::int64_t>> held_sequences(PgConnection& connection, std::string_view authored_id) {
  PSL_ASSIGN_OR_RETURN(const auto result,
                       connection.query("SELECT seq FROM journal WHERE device_id = $1 UNION "
                                        "SELECT seq FROM hub_quarantine WHERE device_id = $1 AND seq IS NOT NULL "
                                        "ORDER BY 1",
                                        authored_id));
  std::vector<std::int64_t> seqs;
  seqs.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) seqs.push_back(result.int64(row, 0));
  return seqs;
}

Result<std::vector<std::string>> held_uuids(PgConnection& connection, std::string_view authored_id) {
  PSL_ASSIGN_OR_RETURN(const auto result,
                       connection.query("SELECT uuid FROM journal WHERE device_id = $1 UNION "
                                        "SELECT uuid FROM hub_quarantine WHERE device_id = $1 AND seq IS NOT NULL "
                                        "AND uuid <> ''",
                                        authored_id));
  std::vector<std::string> uuids;
  uuids.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) uuids.emplace_back(result.text(row, 0));
  return uuids;
}

std::string nocase_order(std::string_view column) {
  const std::string name(column);
  return "translate(" + name + ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE \"C\"";
}

PgHubStore::PgHubStore(std::string url, PgConnection first, const Clock& clock, PgPool::Options options)
    : clock_(&clock), url_(url), pool_(std::move(url), std::move(first), std::move(options)) {}

Result<std::unique_ptr<PgHubStore>> PgHubStore::open(std::string_view url, const Clock& clock,
                                                     PgPool::Options options) {
  PSL_ASSIGN_OR_RETURN(auto connection, PgConnection::connect(url));
  PSL_TRY(migrate_hub_schema(connection));
  if (options.session_setup.empty()) options.session_setup = kSessionSetup;
  PSL_TRY(connection.exec_script(options.session_setup));
  return std::unique_ptr<PgHubStore>(
      new PgHubStore(std::string(url), std::move(connection), clock, std::move(options)));
}

Result<std::int64_t> PgHubStore::resolve_event(std::optional<std::int64_t> requested) {
  return pool_.read([&](PgConnection& connection) -> Result<std::int64_t> {
    PSL_ASSIGN_OR_RETURN(const auto events, connection.query("SELECT id, name FROM event ORDER BY id"));
    if (requested) {
      for (int row = 0; row < events.rows(); ++row)
        if (events.int64(row, 0) == *requested) return *requested;
      return make_error(Errc::not_found, "no event with id " + std::to_string(*requested));
    }
    if (events.rows() == 0)
      return make_error(Errc::not_found,
                        "the database holds no event yet: publish one from its event file first "
                        "(passerelle-hub --db EVENT.db publish --to URL)");
    if (events.rows() > 1) {
      std::string list;
      for (int row = 0; row < events.rows(); ++row)
        list += "\n  " + std::to_string(events.int64(row, 0)) + "  " + std::string(events.text(row, 1));
      return make_error(Errc::invalid_input, "the database holds several events; choose one with --event ID:" + list);
    }
    return events.int64(0, 0);
  });
}

Result<EnrolmentCode> PgHubStore::create_enrolment_code(std::int64_t event_id, std::int64_t ttl_ms,
                                                        std::string_view label) {
  if (ttl_ms <= 0) return make_error(Errc::invalid_input, "an enrolment code needs a positive lifetime");
  return pool_.write([&](PgConnection& connection) -> Result<EnrolmentCode> {
    PSL_ASSIGN_OR_RETURN(const auto event, connection.query("SELECT 1 FROM event WHERE id = $1", event_id));
    if (event.rows() == 0) return make_error(Errc::not_found, "no event with id " + std::to_string(event_id));
    const std::int64_t now = clock_->wall_ms();
    EnrolmentCode code{new_enrolment_code(), event_id, now + ttl_ms};
    PSL_TRY(
        connection.query("INSERT INTO hub_enrolment (code_sha256, event_id, label, created_ms, expires_ms) "
                         "VALUES ($1, $2, $3, $4, $5)",
                         sha256_hex(code.code), event_id, label, now, code.expires_ms));
    return code;
  });
}

Result<sync::EnrolAnswer> PgHubStore::enrol(const sync::EnrolRequest& request) {
  return pool_.write([&](PgConnection& connection) -> Result<sync::EnrolAnswer> {
    const std::int64_t now = clock_->wall_ms();
    sync::EnrolAnswer answer{make_uuid_v7(now), new_token(TokenKind::device), 0, now, sync::new_journal_key()};
    // Redeemed by the statement that checks it, so two kiosks presenting one code cannot both
    // pass; a failure below rolls the redemption back with everything else.
    PSL_ASSIGN_OR_RETURN(const auto redeemed,
                         connection.query("UPDATE hub_enrolment SET redeemed_ms = $1, device_id = $2 "
                                          "WHERE code_sha256 = $3 AND redeemed_ms IS NULL AND expires_ms > $1 "
                                          "RETURNING event_id, label",
                                          now, answer.device_id, sha256_hex(request.code)));
    if (redeemed.rows() == 0) return make_error(Errc::not_found, "unknown, used or expired enrolment code");
    answer.event_id = redeemed.int64(0, 0);
    const std::string name = enrolled_device_name(redeemed.text(0, 1), request.name);
    PSL_TRY(
        // last_sync_ms stays NULL until the first upload or download: enrolment_rules.h tells a
        // retried enrolment by it.
        connection.query("INSERT INTO hub_device (device_id, event_id, name, enrolled_ms, clock_offset_ms) "
                         "VALUES ($1, $2, $3, $4, $5)",
                         answer.device_id, answer.event_id, name, now, now - request.kiosk_time_ms));
    PSL_TRY(connection.query("INSERT INTO hub_authored (authored_id, device_id, position) VALUES ($1, $1, 0)",
                             answer.device_id));
    PSL_TRY(claim_previous_ids(connection, answer.device_id, request.previous_device_ids, now));
    PSL_TRY(insert_journal_key(connection, {answer.device_id, answer.journal_key}, answer.event_id, "enrolment", name,
                               now));
    PSL_TRY(
        connection.query("INSERT INTO hub_token (token_sha256, kind, device_id, label, created_ms) "
                         "VALUES ($1, 'device', $2, $3, $4)",
                         sha256_hex(answer.token), answer.device_id, name, now));
    return answer;
  });
}

Result<std::string> PgHubStore::create_organiser_token(std::string_view label) {
  return pool_.write([&](PgConnection& connection) -> Result<std::string> {
    std::string token = new_token(TokenKind::organiser);
    PSL_TRY(
        connection.query("INSERT INTO hub_token (token_sha256, kind, label, created_ms) "
                         "VALUES ($1, 'organiser', $2, $3)",
                         sha256_hex(token), label, clock_->wall_ms()));
    return token;
  });
}

Result<Authentication> PgHubStore::authenticate(std::string_view bearer_token) {
  const std::string token_hash = sha256_hex(bearer_token);
  return pool_.read([&](PgConnection& connection) -> Result<Authentication> {
    Authentication auth;
    PSL_ASSIGN_OR_RETURN(const auto token, connection.query("SELECT kind, device_id, label, revoked_ms FROM hub_token "
                                                            "WHERE token_sha256 = $1",
                                                            token_hash));
    if (token.rows() == 0) return auth;
    const bool token_revoked = !token.is_null(0, 3);
    if (token.text(0, 0) == "organiser") {
      auth.principal.kind = Principal::Kind::organiser;
      auth.principal.name = std::string(token.text(0, 2));
      auth.status = token_revoked ? AuthStatus::revoked : AuthStatus::ok;
      return auth;
    }
    PSL_ASSIGN_OR_RETURN(auto device, load_device(connection, token.text(0, 1), false));
    if (!device) return auth;
    auth.principal = std::move(device->principal);
    auth.status = device->revoked || token_revoked ? AuthStatus::revoked : AuthStatus::ok;
    return auth;
  });
}

Result<std::vector<DeviceInfo>> PgHubStore::devices(std::optional<std::int64_t> event_id) {
  return pool_.read([&](PgConnection& connection) -> Result<std::vector<DeviceInfo>> {
    PSL_ASSIGN_OR_RETURN(const auto ids,
                         connection.query("SELECT device_id FROM hub_device WHERE $1::bigint IS NULL OR event_id = $1 "
                                          "ORDER BY enrolled_ms, device_id COLLATE \"C\"",
                                          event_id));
    std::vector<DeviceInfo> list;
    for (int row = 0; row < ids.rows(); ++row) {
      PSL_ASSIGN_OR_RETURN(auto info, device_info(connection, std::string(ids.text(row, 0))));
      list.push_back(std::move(info));
    }
    return list;
  });
}

Status PgHubStore::revoke_device(std::string_view device_id) {
  return pool_.write([&](PgConnection& connection) -> Status {
    PSL_ASSIGN_OR_RETURN(const bool found, revoke_in_transaction(connection, device_id, clock_->wall_ms()));
    if (!found) return make_error(Errc::not_found, "no device " + std::string(device_id));
    return {};
  });
}

Result<DeviceJournalKey> PgHubStore::create_offline_device(std::int64_t event_id, std::string_view name) {
  return pool_.write([&](PgConnection& connection) -> Result<DeviceJournalKey> {
    PSL_ASSIGN_OR_RETURN(const auto event, connection.query("SELECT 1 FROM event WHERE id = $1", event_id));
    if (event.rows() == 0) return make_error(Errc::not_found, "no event with id " + std::to_string(event_id));
    const std::int64_t now = clock_->wall_ms();
    DeviceJournalKey key{make_uuid_v7(now), sync::new_journal_key()};
    PSL_TRY(insert_journal_key(connection, key, event_id, "offline", name, now));
    return key;
  });
}

Result<std::optional<JournalSigner>> PgHubStore::journal_signer(std::string_view device_id) {
  return pool_.read([&](PgConnection& connection) -> Result<std::optional<JournalSigner>> {
    PSL_ASSIGN_OR_RETURN(const auto found, connection.query("SELECT event_id, journal_key FROM hub_journal_key "
                                                            "WHERE device_id = $1",
                                                            device_id));
    if (found.rows() == 0) return std::optional<JournalSigner>();
    JournalSigner signer;
    signer.device_id = std::string(device_id);
    signer.event_id = found.int64(0, 0);
    signer.journal_key = std::string(found.text(0, 1));
    signer.authored_ids.push_back(signer.device_id);
    PSL_ASSIGN_OR_RETURN(const auto ids, authored_ids(connection, device_id));
    for (const auto& id : ids)
      if (id != signer.device_id) signer.authored_ids.push_back(id);
    return std::optional<JournalSigner>(std::move(signer));
  });
}

}  // namespace passerelle::hub::pg
