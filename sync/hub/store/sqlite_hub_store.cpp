// SqliteHubStore: opening, events, enrolment, tokens and devices. Ingest, the feed and reports
// live in sqlite_hub_ingest.cpp, sqlite_hub_feed.cpp and sqlite_hub_reports.cpp.
#include "sync/hub/store/sqlite_hub_store.h"

#include <algorithm>

#include "core/util/uuid.h"
#include "sync/hub/store/enrolment_rules.h"
#include "sync/hub/store/hub_tokens.h"
#include "sync/hub/store/sequence_ranges.h"
#include "sync/hub/store/sqlite_hub_queries.h"
#include "sync/hub/store/sqlite_hub_schema.h"
#include "sync/protocol/journal_key.h"

namespace passerelle::hub {

using sqlite_detail::in_read_snapshot;
using sqlite_detail::in_write_transaction;

namespace sqlite_detail {

Result<std::optional<DeviceRow>> load_device(db::Database& database, std::string_view device_id) {
  DeviceRow row;
  {
    PSL_ASSIGN_OR_RETURN(auto select,
                         database.query("SELECT event_id, name, revoked_ms FROM hub_device WHERE device_id = ?"));
    select.bind_all(device_id);
    PSL_ASSIGN_OR_RETURN(const bool found, select.step());
    if (!found) return std::optional<DeviceRow>();
    row.principal.kind = Principal::Kind::device;
    row.principal.device_id = std::string(device_id);
    row.principal.event_id = select.column_int(0);
    row.principal.name = select.column_text(1);
    row.revoked = !select.column_is_null(2);
  }
  PSL_ASSIGN_OR_RETURN(auto ids,
                       database.query("SELECT authored_id FROM hub_authored WHERE device_id = ? ORDER BY position"));
  PSL_ASSIGN_OR_RETURN(row.principal.authored_ids, ids.bind_all(device_id).collect_texts());
  return std::optional<DeviceRow>(std::move(row));
}

Result<std::vector<std::int64_t>> held_sequences(db::Database& database, std::string_view authored_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT seq FROM journal WHERE device_id = ?1 UNION "
                                                   "SELECT seq FROM hub_quarantine WHERE device_id = ?1 AND seq "
                                                   "IS NOT NULL ORDER BY 1"));
  select.bind_all(authored_id);
  std::vector<std::int64_t> seqs;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return seqs;
    seqs.push_back(select.column_int(0));
  }
}

Result<std::vector<std::string>> held_uuids(db::Database& database, std::string_view authored_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT uuid FROM journal WHERE device_id = ?1 UNION "
                                                   "SELECT uuid FROM hub_quarantine WHERE device_id = ?1 AND seq IS "
                                                   "NOT NULL AND uuid <> ''"));
  return select.bind_all(authored_id).collect_texts();
}

}  // namespace sqlite_detail

namespace {

constexpr std::size_t kMaxDeviceIdLength = 64;

Result<DeviceInfo> device_info(db::Database& database, const std::string& device_id) {
  DeviceInfo info;
  {
    PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT event_id, name, enrolled_ms, revoked_ms, last_sync_ms, "
                                                     "clock_offset_ms FROM hub_device WHERE device_id = ?"));
    select.bind_all(device_id);
    PSL_ASSIGN_OR_RETURN(const bool found, select.step());
    if (!found) return make_error(Errc::not_found, "no device " + device_id);
    info.device_id = device_id;
    info.event_id = select.column_int(0);
    info.name = select.column_text(1);
    info.enrolled_ms = select.column_int(2);
    info.revoked_ms = select.column_optional_int(3);
    info.last_sync_ms = select.column_optional_int(4);
    info.clock_offset_ms = select.column_optional_int(5);
  }
  std::vector<std::string> authored;
  {
    PSL_ASSIGN_OR_RETURN(auto ids,
                         database.query("SELECT authored_id FROM hub_authored WHERE device_id = ? ORDER BY position"));
    PSL_ASSIGN_OR_RETURN(authored, ids.bind_all(device_id).collect_texts());
  }
  for (auto& id : authored) {
    PSL_ASSIGN_OR_RETURN(auto seqs, sqlite_detail::held_sequences(database, id));
    const auto summary = summarise_sequences(std::move(seqs));
    info.authored.push_back({std::move(id), summary.contiguous, summary.highest, summary.missing_count});
  }
  return info;
}

// The device and its tokens refused from `now` on; false when there is no such device.
Result<bool> revoke_in_transaction(db::Database& database, std::string_view device_id, std::int64_t now) {
  {
    PSL_ASSIGN_OR_RETURN(auto update, database.query("UPDATE hub_device SET revoked_ms = coalesce(revoked_ms, ?) "
                                                     "WHERE device_id = ?"));
    PSL_TRY(update.bind_all(now, device_id).run());
  }
  if (database.changes() == 0) return false;
  PSL_ASSIGN_OR_RETURN(auto tokens, database.query("UPDATE hub_token SET revoked_ms = coalesce(revoked_ms, ?) "
                                                   "WHERE device_id = ?"));
  PSL_TRY(tokens.bind_all(now, device_id).run());
  return true;
}

// Previous ids a device declares, claimed as enrolment_rules.h says. SQLite has one writer, so
// what is read here cannot change before the transaction ends.
Status claim_previous_ids(db::Database& database, const std::string& device_id, const std::vector<std::string>& ids,
                          std::int64_t now) {
  std::vector<std::string> seen{device_id};
  int position = 1;
  for (const auto& id : ids) {
    if (id.empty() || id.size() > kMaxDeviceIdLength)
      return make_error(Errc::invalid_input, "previous device id empty or longer than 64");
    if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
    seen.push_back(id);
    std::optional<IdHolder> holder;
    {
      PSL_ASSIGN_OR_RETURN(auto owner, database.query("SELECT d.device_id, d.revoked_ms IS NOT NULL, "
                                                      "d.last_sync_ms IS NOT NULL FROM hub_authored a JOIN "
                                                      "hub_device d ON d.device_id = a.device_id "
                                                      "WHERE a.authored_id = ?"));
      owner.bind_all(id);
      PSL_ASSIGN_OR_RETURN(const bool owned, owner.step());
      if (owned) holder = IdHolder{owner.column_text(0), owner.column_int(1) != 0, owner.column_int(2) != 0};
    }
    switch (claim_of(holder)) {
      case IdClaim::taken:
        return id_taken_error(id, *holder);
      case IdClaim::retried:
        PSL_TRY(revoke_in_transaction(database, holder->device_id, now));
        break;
      case IdClaim::free:
        break;
    }
    PSL_ASSIGN_OR_RETURN(auto claim,
                         database.query("INSERT INTO hub_authored(authored_id, device_id, position) VALUES (?, ?, ?) "
                                        "ON CONFLICT(authored_id) DO UPDATE SET device_id = excluded.device_id, "
                                        "position = excluded.position"));
    PSL_TRY(claim.bind_all(id, device_id, position++).run());
  }
  return {};
}

Status insert_journal_key(db::Database& database, const DeviceJournalKey& key, std::int64_t event_id,
                          std::string_view origin, std::string_view name, std::int64_t now) {
  PSL_ASSIGN_OR_RETURN(auto insert, database.query("INSERT INTO hub_journal_key(device_id, event_id, journal_key, "
                                                   "origin, name, created_ms) VALUES (?, ?, ?, ?, ?, ?)"));
  return insert.bind_all(key.device_id, event_id, key.key_hex, origin, name, now).run();
}

}  // namespace

SqliteHubStore::SqliteHubStore(const std::filesystem::path& path, const Clock& clock, Store first)
    : clock_(&clock), pool_(path, clock, std::move(first)) {}

Result<std::unique_ptr<SqliteHubStore>> SqliteHubStore::open(const std::filesystem::path& path, const Clock& clock) {
  PSL_ASSIGN_OR_RETURN(auto store, Store::open(path, clock));
  PSL_TRY(migrate_hub_schema(store.database()));
  return std::unique_ptr<SqliteHubStore>(new SqliteHubStore(path, clock, std::move(store)));
}

Result<std::int64_t> SqliteHubStore::resolve_event(std::optional<std::int64_t> requested) {
  PSL_ASSIGN_OR_RETURN(auto lease, pool_.acquire());
  PSL_ASSIGN_OR_RETURN(const auto event, lease->resolve_event(requested));
  return event.id;
}

Result<EnrolmentCode> SqliteHubStore::create_enrolment_code(std::int64_t event_id, std::int64_t ttl_ms,
                                                            std::string_view label) {
  if (ttl_ms <= 0) return make_error(Errc::invalid_input, "an enrolment code needs a positive lifetime");
  return in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Result<EnrolmentCode> {
    PSL_ASSIGN_OR_RETURN(const auto event, store.find_event(event_id));
    if (!event) return make_error(Errc::not_found, "no event with id " + std::to_string(event_id));
    const std::int64_t now = clock_->wall_ms();
    EnrolmentCode code{new_enrolment_code(), event_id, now + ttl_ms};
    PSL_ASSIGN_OR_RETURN(auto insert, store.database().query("INSERT INTO hub_enrolment(code_sha256, event_id, label, "
                                                             "created_ms, expires_ms) VALUES (?, ?, ?, ?, ?)"));
    PSL_TRY(insert.bind_all(sha256_hex(code.code), event_id, label, now, code.expires_ms).run());
    return code;
  });
}

Result<sync::EnrolAnswer> SqliteHubStore::enrol(const sync::EnrolRequest& request) {
  return in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Result<sync::EnrolAnswer> {
    auto& database = store.database();
    const std::int64_t now = clock_->wall_ms();
    std::int64_t event_id = 0;
    std::string label;
    {
      PSL_ASSIGN_OR_RETURN(auto select,
                           database.query("SELECT event_id, label FROM hub_enrolment WHERE code_sha256 = ? "
                                          "AND redeemed_ms IS NULL AND expires_ms > ?"));
      select.bind_all(sha256_hex(request.code), now);
      PSL_ASSIGN_OR_RETURN(const bool found, select.step());
      if (!found) return make_error(Errc::not_found, "unknown, used or expired enrolment code");
      event_id = select.column_int(0);
      label = select.column_text(1);
    }
    sync::EnrolAnswer answer{make_uuid_v7(now), new_token(TokenKind::device), event_id, now, sync::new_journal_key()};
    const std::string name = enrolled_device_name(label, request.name);
    {
      // last_sync_ms stays NULL until the first upload or download: enrolment_rules.h tells a
      // retried enrolment by it.
      PSL_ASSIGN_OR_RETURN(auto insert, database.query("INSERT INTO hub_device(device_id, event_id, name, enrolled_ms, "
                                                       "clock_offset_ms) VALUES (?, ?, ?, ?, ?)"));
      PSL_TRY(insert.bind_all(answer.device_id, event_id, name, now, now - request.kiosk_time_ms).run());
    }
    {
      PSL_ASSIGN_OR_RETURN(
          auto own, database.query("INSERT INTO hub_authored(authored_id, device_id, position) VALUES (?1, ?1, 0)"));
      PSL_TRY(own.bind_all(answer.device_id).run());
    }
    PSL_TRY(claim_previous_ids(database, answer.device_id, request.previous_device_ids, now));
    PSL_TRY(insert_journal_key(database, {answer.device_id, answer.journal_key}, event_id, "enrolment", name, now));
    {
      PSL_ASSIGN_OR_RETURN(auto token, database.query("INSERT INTO hub_token(token_sha256, kind, device_id, label, "
                                                      "created_ms) VALUES (?, 'device', ?, ?, ?)"));
      PSL_TRY(token.bind_all(sha256_hex(answer.token), answer.device_id, name, now).run());
    }
    PSL_ASSIGN_OR_RETURN(auto redeem, database.query("UPDATE hub_enrolment SET redeemed_ms = ?, device_id = ? "
                                                     "WHERE code_sha256 = ?"));
    PSL_TRY(redeem.bind_all(now, answer.device_id, sha256_hex(request.code)).run());
    return answer;
  });
}

Result<std::string> SqliteHubStore::create_organiser_token(std::string_view label) {
  return in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Result<std::string> {
    std::string token = new_token(TokenKind::organiser);
    PSL_ASSIGN_OR_RETURN(auto insert, store.database().query("INSERT INTO hub_token(token_sha256, kind, label, "
                                                             "created_ms) VALUES (?, 'organiser', ?, ?)"));
    PSL_TRY(insert.bind_all(sha256_hex(token), label, clock_->wall_ms()).run());
    return token;
  });
}

Result<Authentication> SqliteHubStore::authenticate(std::string_view bearer_token) {
  return in_read_snapshot(pool_, [&](Store& store) -> Result<Authentication> {
    auto& database = store.database();
    Authentication auth;
    std::string device_id;
    bool token_revoked = false;
    {
      PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT kind, device_id, label, revoked_ms FROM hub_token "
                                                       "WHERE token_sha256 = ?"));
      select.bind_all(sha256_hex(bearer_token));
      PSL_ASSIGN_OR_RETURN(const bool found, select.step());
      if (!found) return auth;
      token_revoked = !select.column_is_null(3);
      if (select.column_text(0) == "organiser") {
        auth.principal.kind = Principal::Kind::organiser;
        auth.principal.name = select.column_text(2);
        auth.status = token_revoked ? AuthStatus::revoked : AuthStatus::ok;
        return auth;
      }
      device_id = select.column_text(1);
    }
    PSL_ASSIGN_OR_RETURN(auto device, sqlite_detail::load_device(database, device_id));
    if (!device) return auth;
    auth.principal = std::move(device->principal);
    auth.status = device->revoked || token_revoked ? AuthStatus::revoked : AuthStatus::ok;
    return auth;
  });
}

Result<std::vector<DeviceInfo>> SqliteHubStore::devices(std::optional<std::int64_t> event_id) {
  return in_read_snapshot(pool_, [&](Store& store) -> Result<std::vector<DeviceInfo>> {
    std::vector<std::string> ids;
    {
      PSL_ASSIGN_OR_RETURN(auto select, store.database().query("SELECT device_id FROM hub_device WHERE ?1 IS NULL OR "
                                                               "event_id = ?1 ORDER BY enrolled_ms, device_id"));
      PSL_ASSIGN_OR_RETURN(ids, select.bind_all(event_id).collect_texts());
    }
    std::vector<DeviceInfo> list;
    for (const auto& id : ids) {
      PSL_ASSIGN_OR_RETURN(auto info, device_info(store.database(), id));
      list.push_back(std::move(info));
    }
    return list;
  });
}

Status SqliteHubStore::revoke_device(std::string_view device_id) {
  return in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Status {
    PSL_ASSIGN_OR_RETURN(const bool found, revoke_in_transaction(store.database(), device_id, clock_->wall_ms()));
    if (!found) return make_error(Errc::not_found, "no device " + std::string(device_id));
    return {};
  });
}

Result<DeviceJournalKey> SqliteHubStore::create_offline_device(std::int64_t event_id, std::string_view name) {
  return in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Result<DeviceJournalKey> {
    PSL_ASSIGN_OR_RETURN(const auto event, store.find_event(event_id));
    if (!event) return make_error(Errc::not_found, "no event with id " + std::to_string(event_id));
    const std::int64_t now = clock_->wall_ms();
    DeviceJournalKey key{make_uuid_v7(now), sync::new_journal_key()};
    PSL_TRY(insert_journal_key(store.database(), key, event_id, "offline", name, now));
    return key;
  });
}

Result<std::optional<JournalSigner>> SqliteHubStore::journal_signer(std::string_view device_id) {
  return in_read_snapshot(pool_, [&](Store& store) -> Result<std::optional<JournalSigner>> {
    auto& database = store.database();
    JournalSigner signer;
    {
      PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT event_id, journal_key FROM hub_journal_key "
                                                       "WHERE device_id = ?"));
      select.bind_all(device_id);
      PSL_ASSIGN_OR_RETURN(const bool found, select.step());
      if (!found) return std::optional<JournalSigner>();
      signer.device_id = std::string(device_id);
      signer.event_id = select.column_int(0);
      signer.journal_key = select.column_text(1);
    }
    PSL_ASSIGN_OR_RETURN(auto declared, database.query("SELECT authored_id FROM hub_authored WHERE device_id = ?1 "
                                                       "AND authored_id <> ?1 ORDER BY position"));
    declared.bind_all(device_id);
    PSL_ASSIGN_OR_RETURN(auto ids, declared.collect_texts());
    signer.authored_ids.push_back(signer.device_id);
    for (auto& id : ids) signer.authored_ids.push_back(std::move(id));
    return std::optional<JournalSigner>(std::move(signer));
  });
}

}  // namespace passerelle::hub
