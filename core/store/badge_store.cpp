// Store: signing keys, badge serials and revocations.
#include <sodium.h>

#include <cstring>

#include "core/store/store.h"

namespace passerelle {
namespace {

template <std::size_t N>
std::array<std::uint8_t, N> blob_to_array(const std::string& blob) {
  std::array<std::uint8_t, N> bytes{};
  if (blob.size() == N) std::memcpy(bytes.data(), blob.data(), N);
  return bytes;
}

template <std::size_t N>
std::string_view as_blob(const std::array<std::uint8_t, N>& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), N};
}

constexpr const char* kKeyColumns =
    "SELECT key_id, event_id, public_key, secret_key IS NOT NULL, created_ms, retired_ms FROM signing_key ";

SigningKeyInfo read_key(const db::Query& query) {
  SigningKeyInfo info;
  info.key_id = static_cast<std::uint32_t>(query.column_int(0));
  info.event_id = query.column_int(1);
  info.public_key = blob_to_array<32>(query.column_blob(2));
  info.has_secret = query.column_int(3) != 0;
  info.created_ms = query.column_int(4);
  info.retired_ms = query.column_optional_int(5);
  return info;
}

}  // namespace

Status Store::add_signing_key(std::int64_t event_id, const badge::KeyPair& key) {
  PSL_ASSIGN_OR_RETURN(auto insert,
                       database_.query("INSERT INTO signing_key(key_id, event_id, public_key, secret_key, created_ms) "
                                       "VALUES (?, ?, ?, ?, ?)"));
  insert.bind(1, static_cast<std::int64_t>(key.key_id)).bind(2, event_id);
  insert.bind_blob(3, as_blob(key.public_key)).bind_blob(4, as_blob(key.secret_key.bytes()));
  insert.bind(5, clock_->wall_ms());
  return insert.run();
}

Result<std::vector<SigningKeyInfo>> Store::signing_keys(std::optional<std::int64_t> event_id) {
  std::vector<SigningKeyInfo> keys;
  PSL_ASSIGN_OR_RETURN(auto select, database_.query(std::string(kKeyColumns) +
                                                    "WHERE ?1 IS NULL OR event_id = ?1 ORDER BY created_ms, key_id"));
  select.bind(1, event_id);
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return keys;
    keys.push_back(read_key(select));
  }
}

Result<std::optional<SigningKeyInfo>> Store::find_signing_key(std::uint32_t key_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database_.query(std::string(kKeyColumns) + "WHERE key_id = ?"));
  select.bind(1, static_cast<std::int64_t>(key_id));
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  if (!has_row) return std::optional<SigningKeyInfo>();
  return std::optional<SigningKeyInfo>(read_key(select));
}

Status Store::retire_signing_key(std::uint32_t key_id) {
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database_));
  PSL_ASSIGN_OR_RETURN(const auto key, find_signing_key(key_id));
  if (!key) return make_error(Errc::not_found, "no signing key " + std::to_string(key_id));
  if (key->retired_ms) return make_error(Errc::conflict, "key " + std::to_string(key_id) + " is already retired");
  {
    PSL_ASSIGN_OR_RETURN(auto others, database_.query("SELECT count(*) FROM signing_key WHERE event_id = ? AND "
                                                      "key_id <> ? AND retired_ms IS NULL AND secret_key IS NOT NULL"));
    others.bind_all(key->event_id, static_cast<std::int64_t>(key_id));
    PSL_ASSIGN_OR_RETURN(const bool has_row, others.step());
    if (!has_row || others.column_int(0) == 0)
      return make_error(Errc::conflict, "key " + std::to_string(key_id) +
                                            " is the event's last active key: add a new key first (keys add)");
  }
  {
    PSL_ASSIGN_OR_RETURN(auto update, database_.query("UPDATE signing_key SET retired_ms = ? WHERE key_id = ?"));
    PSL_TRY(update.bind_all(clock_->wall_ms(), static_cast<std::int64_t>(key_id)).run());
  }
  return transaction.commit();
}

Result<std::optional<badge::KeyPair>> Store::active_signing_key(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select,
                       database_.query("SELECT key_id, public_key, secret_key FROM signing_key WHERE event_id = ? "
                                       "AND retired_ms IS NULL AND secret_key IS NOT NULL "
                                       "ORDER BY created_ms DESC, key_id DESC LIMIT 1"));
  select.bind_all(event_id);
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  if (!has_row) return std::optional<badge::KeyPair>();
  badge::KeyPair key;
  key.key_id = static_cast<std::uint32_t>(select.column_int(0));
  key.public_key = blob_to_array<32>(select.column_blob(1));
  std::string blob = select.column_blob(2);
  auto secret = blob_to_array<64>(blob);
  key.secret_key = badge::SecretKey(secret);
  sodium_memzero(secret.data(), secret.size());
  sodium_memzero(blob.data(), blob.size());
  return std::optional<badge::KeyPair>(std::move(key));
}

Result<std::int64_t> Store::reissue_badge(std::int64_t participant_id) {
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database_));
  std::int64_t serial = 0;
  {
    PSL_ASSIGN_OR_RETURN(auto update,
                         database_.query("UPDATE participant SET badge_serial = badge_serial + 1, badge_issued_s = ?, "
                                         "updated_ms = ? WHERE id = ? RETURNING badge_serial"));
    update.bind_all(clock_->wall_ms() / 1000, clock_->wall_ms(), participant_id);
    PSL_ASSIGN_OR_RETURN(const bool has_row, update.step());
    if (!has_row) return make_error(Errc::not_found, "no participant " + std::to_string(participant_id));
    serial = update.column_int(0);
    PSL_ASSIGN_OR_RETURN(const bool more, update.step());
    (void)more;
  }
  PSL_TRY(transaction.commit());
  return serial;
}

Status Store::revoke_badge(std::int64_t participant_id, std::int64_t badge_serial, std::string_view reason) {
  if (reason.size() > kMaxRevocationReason)
    return make_error(Errc::invalid_input,
                      "a revocation's reason is at most " + std::to_string(kMaxRevocationReason) + " bytes");
  PSL_ASSIGN_OR_RETURN(const auto person, participant(participant_id));
  if (!person) return make_error(Errc::not_found, "no participant " + std::to_string(participant_id));
  if (badge_serial < 1 || badge_serial > person->badge_serial)
    return make_error(Errc::invalid_input,
                      "the serial must be between 1 and the current serial " + std::to_string(person->badge_serial));
  PSL_ASSIGN_OR_RETURN(auto insert,
                       database_.query("INSERT INTO badge_revocation(participant_id, badge_serial, reason, revoked_ms) "
                                       "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
  return insert.bind_all(participant_id, badge_serial, reason, clock_->wall_ms()).run();
}

Result<bool> Store::is_badge_revoked(std::int64_t participant_id, std::int64_t badge_serial) {
  PSL_ASSIGN_OR_RETURN(auto select,
                       database_.query("SELECT 1 FROM badge_revocation WHERE participant_id = ? AND badge_serial = ?"));
  select.bind_all(participant_id, badge_serial);
  return select.step();
}

}  // namespace passerelle
