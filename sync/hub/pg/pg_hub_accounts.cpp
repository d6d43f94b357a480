// PgHubStore: organisers' accounts and web sessions (hub_store.h; the rules in account_rules.h),
// in PostgreSQL (migration 8). Each write runs in one READ COMMITTED transaction that first locks
// the account's row (FOR UPDATE), so that a session opened, a password changed and a removal of
// one account take turns: two logins at once cannot both find room under the session cap, and
// no session is opened for an account a concurrent removal deleted.
#include <utility>

#include "core/auth/password.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/store/account_rules.h"
#include "sync/hub/store/hub_tokens.h"

namespace passerelle::hub::pg {
namespace {

// The account's id, its row locked to the end of the transaction; Errc::not_found naming `name`.
Result<std::int64_t> lock_account(PgConnection& connection, std::string_view name) {
  PSL_ASSIGN_OR_RETURN(const std::string key, account_name_key(name));
  PSL_ASSIGN_OR_RETURN(const auto found,
                       connection.query("SELECT id FROM hub_account WHERE name_key = $1 FOR UPDATE", key));
  if (found.rows() == 0) return no_account_error(name);
  return found.int64(0, 0);
}

Status check_account_events_exist(PgConnection& connection, const std::vector<std::int64_t>& events) {
  for (const auto id : events) {
    // FOR KEY SHARE: the event cannot vanish before the account's rows that name it commit.
    PSL_ASSIGN_OR_RETURN(const auto found, connection.query("SELECT 1 FROM event WHERE id = $1 FOR KEY SHARE", id));
    if (found.rows() == 0) return make_error(Errc::not_found, "no event with id " + std::to_string(id));
  }
  return {};
}

Status replace_account_events(PgConnection& connection, std::int64_t account_id,
                              const std::vector<std::int64_t>& events) {
  PSL_TRY(connection.query("DELETE FROM hub_account_event WHERE account_id = $1", account_id));
  for (const auto event : events)
    PSL_TRY(
        connection.query("INSERT INTO hub_account_event (account_id, event_id) VALUES ($1, $2)", account_id, event));
  return {};
}

Result<std::vector<std::int64_t>> events_of_account(PgConnection& connection, std::int64_t account_id) {
  PSL_ASSIGN_OR_RETURN(const auto result, connection.query("SELECT event_id FROM hub_account_event "
                                                           "WHERE account_id = $1 ORDER BY event_id",
                                                           account_id));
  std::vector<std::int64_t> events;
  for (int row = 0; row < result.rows(); ++row) events.push_back(result.int64(row, 0));
  return events;
}

// Accounts whose key is `key`, or every account when `key` is empty.
Result<std::vector<OrganiserAccount>> read_accounts(PgConnection& connection, const std::string& key) {
  PSL_ASSIGN_OR_RETURN(const auto result,
                       connection.query("SELECT id, name, password_hash, created_ms FROM hub_account "
                                        "WHERE $1::text = '' OR name_key = $1 ORDER BY name_key COLLATE \"C\", id",
                                        key));
  std::vector<OrganiserAccount> accounts;
  for (int row = 0; row < result.rows(); ++row) {
    OrganiserAccount account;
    account.name = std::string(result.text(row, 1));
    account.password_hash = std::string(result.text(row, 2));
    account.created_ms = result.int64(row, 3);
    PSL_ASSIGN_OR_RETURN(account.events, events_of_account(connection, result.int64(row, 0)));
    accounts.push_back(std::move(account));
  }
  return accounts;
}

}  // namespace

Status PgHubStore::add_account(std::string_view name, std::string_view password_hash,
                               const std::vector<std::int64_t>& events) {
  PSL_ASSIGN_OR_RETURN(const std::string key, account_name_key(name));
  PSL_TRY(check_password_hash(password_hash));
  PSL_ASSIGN_OR_RETURN(const auto event_ids, account_event_list(events));
  return pool_.write([&](PgConnection& connection) -> Status {
    PSL_TRY(check_account_events_exist(connection, event_ids));
    const std::int64_t now = clock_->wall_ms();
    // Checked by the insert itself: of two adds of one name at once, one finds it taken.
    PSL_ASSIGN_OR_RETURN(const auto inserted,
                         connection.query("INSERT INTO hub_account (name, name_key, password_hash, created_ms, "
                                          "password_ms) VALUES ($1, $2, $3, $4, $4) "
                                          "ON CONFLICT (name_key) DO NOTHING RETURNING id",
                                          name, key, password_hash, now));
    if (inserted.rows() == 0)
      return make_error(Errc::conflict, "an account named '" + std::string(name) + "' exists already");
    return replace_account_events(connection, inserted.int64(0, 0), event_ids);
  });
}

Result<std::vector<OrganiserAccount>> PgHubStore::accounts() {
  return pool_.read([&](PgConnection& connection) { return read_accounts(connection, ""); });
}

Result<std::optional<OrganiserAccount>> PgHubStore::account(std::string_view name) {
  auto key = account_name_key(name);
  if (!key) return std::optional<OrganiserAccount>();  // no account has a name the rule refuses
  return pool_.read([&](PgConnection& connection) -> Result<std::optional<OrganiserAccount>> {
    PSL_ASSIGN_OR_RETURN(auto found, read_accounts(connection, *key));
    if (found.empty()) return std::optional<OrganiserAccount>();
    return std::optional<OrganiserAccount>(std::move(found.front()));
  });
}

Status PgHubStore::remove_account(std::string_view name) {
  return pool_.write([&](PgConnection& connection) -> Status {
    PSL_ASSIGN_OR_RETURN(const std::int64_t id, lock_account(connection, name));
    PSL_TRY(connection.query("DELETE FROM hub_web_session WHERE account_id = $1", id));
    PSL_TRY(connection.query("DELETE FROM hub_account_event WHERE account_id = $1", id));
    PSL_TRY(connection.query("DELETE FROM hub_account WHERE id = $1", id));
    return {};
  });
}

Status PgHubStore::set_account_password(std::string_view name, std::string_view password_hash,
                                        std::string_view keep_session) {
  PSL_TRY(check_password_hash(password_hash));
  // An empty keep_session matches no stored hash: every session closes.
  const std::string kept = keep_session.empty() ? std::string() : sha256_hex(keep_session);
  return pool_.write([&](PgConnection& connection) -> Status {
    PSL_ASSIGN_OR_RETURN(const std::int64_t id, lock_account(connection, name));
    PSL_TRY(connection.query("UPDATE hub_account SET password_hash = $1, password_ms = $2 WHERE id = $3", password_hash,
                             clock_->wall_ms(), id));
    PSL_TRY(connection.query("DELETE FROM hub_web_session WHERE account_id = $1 AND token_sha256 <> $2", id, kept));
    return {};
  });
}

Status PgHubStore::set_account_events(std::string_view name, const std::vector<std::int64_t>& events) {
  PSL_ASSIGN_OR_RETURN(const auto event_ids, account_event_list(events));
  return pool_.write([&](PgConnection& connection) -> Status {
    PSL_ASSIGN_OR_RETURN(const std::int64_t id, lock_account(connection, name));
    PSL_TRY(check_account_events_exist(connection, event_ids));
    return replace_account_events(connection, id, event_ids);
  });
}

Result<NewWebSession> PgHubStore::open_web_session(std::string_view account, std::int64_t ttl_ms) {
  PSL_TRY(check_web_session_ttl(ttl_ms));
  return pool_.write([&](PgConnection& connection) -> Result<NewWebSession> {
    PSL_ASSIGN_OR_RETURN(const std::int64_t id, lock_account(connection, account));
    const std::int64_t now = clock_->wall_ms();
    PSL_TRY(connection.query("DELETE FROM hub_web_session WHERE expires_ms <= $1", now));
    // Room for the new one: the account keeps its newest kMax - 1.
    PSL_TRY(
        connection.query("DELETE FROM hub_web_session WHERE account_id = $1 AND id NOT IN "
                         "(SELECT id FROM hub_web_session WHERE account_id = $1 ORDER BY id DESC LIMIT $2)",
                         id, static_cast<std::int64_t>(kMaxWebSessionsPerAccount - 1)));
    NewWebSession session{new_token(TokenKind::web_session), new_csrf_token(), now + ttl_ms};
    PSL_TRY(
        connection.query("INSERT INTO hub_web_session (token_sha256, account_id, csrf_token, created_ms, expires_ms) "
                         "VALUES ($1, $2, $3, $4, $5)",
                         sha256_hex(session.token), id, session.csrf_token, now, session.expires_ms));
    return session;
  });
}

Result<std::optional<WebSession>> PgHubStore::web_session(std::string_view token) {
  const std::string token_hash = sha256_hex(token);
  return pool_.read([&](PgConnection& connection) -> Result<std::optional<WebSession>> {
    PSL_ASSIGN_OR_RETURN(const auto found,
                         connection.query("SELECT a.id, a.name, s.expires_ms, s.csrf_token FROM hub_web_session s "
                                          "JOIN hub_account a ON a.id = s.account_id "
                                          "WHERE s.token_sha256 = $1 AND s.expires_ms > $2",
                                          token_hash, clock_->wall_ms()));
    if (found.rows() == 0) return std::optional<WebSession>();
    WebSession session;
    session.account = std::string(found.text(0, 1));
    session.expires_ms = found.int64(0, 2);
    session.csrf_token = std::string(found.text(0, 3));
    PSL_ASSIGN_OR_RETURN(session.events, events_of_account(connection, found.int64(0, 0)));
    return std::optional<WebSession>(std::move(session));
  });
}

Status PgHubStore::close_web_session(std::string_view token) {
  const std::string token_hash = sha256_hex(token);
  return pool_.write([&](PgConnection& connection) -> Status {
    PSL_TRY(connection.query("DELETE FROM hub_web_session WHERE token_sha256 = $1", token_hash));
    return {};
  });
}

}  // namespace passerelle::hub::pg
