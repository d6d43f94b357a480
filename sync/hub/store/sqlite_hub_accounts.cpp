// SqliteHubStore: organisers' accounts and web sessions (hub_store.h; the rules in
// account_rules.h), in the hub tables of the event file (hub schema 5).
#include <utility>

#include "core/auth/password.h"
#include "sync/hub/store/account_rules.h"
#include "sync/hub/store/hub_tokens.h"
#include "sync/hub/store/sqlite_hub_queries.h"
#include "sync/hub/store/sqlite_hub_store.h"

namespace passerelle::hub {

using sqlite_detail::in_read_snapshot;
using sqlite_detail::in_write_transaction;

namespace {

Result<std::optional<std::int64_t>> account_id_for_key(db::Database& database, const std::string& key) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT id FROM hub_account WHERE name_key = ?"));
  select.bind_all(key);
  PSL_ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(select.column_int(0));
}

// The account's id, or Errc::not_found naming `name`.
Result<std::int64_t> existing_account_id(db::Database& database, std::string_view name) {
  PSL_ASSIGN_OR_RETURN(const std::string key, account_name_key(name));
  PSL_ASSIGN_OR_RETURN(const auto id, account_id_for_key(database, key));
  if (!id) return no_account_error(name);
  return *id;
}

Status check_account_events_exist(Store& store, const std::vector<std::int64_t>& events) {
  for (const auto id : events) {
    PSL_ASSIGN_OR_RETURN(const auto event, store.find_event(id));
    if (!event) return make_error(Errc::not_found, "no event with id " + std::to_string(id));
  }
  return {};
}

Status replace_account_events(db::Database& database, std::int64_t account_id,
                              const std::vector<std::int64_t>& events) {
  {
    PSL_ASSIGN_OR_RETURN(auto clear, database.query("DELETE FROM hub_account_event WHERE account_id = ?"));
    PSL_TRY(clear.bind_all(account_id).run());
  }
  for (const auto event : events) {
    PSL_ASSIGN_OR_RETURN(auto insert,
                         database.query("INSERT INTO hub_account_event(account_id, event_id) VALUES (?, ?)"));
    PSL_TRY(insert.bind_all(account_id, event).run());
  }
  return {};
}

Result<std::vector<std::int64_t>> events_of_account(db::Database& database, std::int64_t account_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT event_id FROM hub_account_event WHERE account_id = ? "
                                                   "ORDER BY event_id"));
  select.bind_all(account_id);
  std::vector<std::int64_t> events;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool row, select.step());
    if (!row) return events;
    events.push_back(select.column_int(0));
  }
}

// Accounts whose key is `key`, or every account when `key` is empty.
Result<std::vector<OrganiserAccount>> read_accounts(db::Database& database, const std::string& key) {
  std::vector<std::pair<std::int64_t, OrganiserAccount>> rows;
  {
    PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT id, name, password_hash, created_ms FROM hub_account "
                                                     "WHERE ?1 = '' OR name_key = ?1 ORDER BY name_key, id"));
    select.bind_all(key);
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool row, select.step());
      if (!row) break;
      OrganiserAccount account;
      account.name = select.column_text(1);
      account.password_hash = select.column_text(2);
      account.created_ms = select.column_int(3);
      rows.emplace_back(select.column_int(0), std::move(account));
    }
  }
  std::vector<OrganiserAccount> accounts;
  for (auto& [id, account] : rows) {
    PSL_ASSIGN_OR_RETURN(account.events, events_of_account(database, id));
    accounts.push_back(std::move(account));
  }
  return accounts;
}

}  // namespace

Status SqliteHubStore::add_account(std::string_view name, std::string_view password_hash,
                                   const std::vector<std::int64_t>& events) {
  PSL_ASSIGN_OR_RETURN(const std::string key, account_name_key(name));
  PSL_TRY(check_password_hash(password_hash));
  PSL_ASSIGN_OR_RETURN(const auto event_ids, account_event_list(events));
  return in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Status {
    auto& database = store.database();
    PSL_TRY(check_account_events_exist(store, event_ids));
    PSL_ASSIGN_OR_RETURN(const auto taken, account_id_for_key(database, key));
    if (taken) return make_error(Errc::conflict, "an account named '" + std::string(name) + "' exists already");
    const std::int64_t now = clock_->wall_ms();
    {
      PSL_ASSIGN_OR_RETURN(auto insert, database.query("INSERT INTO hub_account(name, name_key, password_hash, "
                                                       "created_ms, password_ms) VALUES (?, ?, ?, ?, ?)"));
      PSL_TRY(insert.bind_all(name, key, password_hash, now, now).run());
    }
    return replace_account_events(database, database.last_insert_rowid(), event_ids);
  });
}

Result<std::vector<OrganiserAccount>> SqliteHubStore::accounts() {
  return in_read_snapshot(pool_, [&](Store& store) { return read_accounts(store.database(), ""); });
}

Result<std::optional<OrganiserAccount>> SqliteHubStore::account(std::string_view name) {
  auto key = account_name_key(name);
  if (!key) return std::optional<OrganiserAccount>();  // no account has a name the rule refuses
  return in_read_snapshot(pool_, [&](Store& store) -> Result<std::optional<OrganiserAccount>> {
    PSL_ASSIGN_OR_RETURN(auto found, read_accounts(store.database(), *key));
    if (found.empty()) return std::optional<OrganiserAccount>();
    return std::optional<OrganiserAccount>(std::move(found.front()));
  });
}

Status SqliteHubStore::remove_account(std::string_view name) {
  return in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Status {
    auto& database = store.database();
    PSL_ASSIGN_OR_RETURN(const std::int64_t id, existing_account_id(database, name));
    for (const char* sql :
         {"DELETE FROM hub_web_session WHERE account_id = ?", "DELETE FROM hub_account_event WHERE account_id = ?",
          "DELETE FROM hub_account WHERE id = ?"}) {
      PSL_ASSIGN_OR_RETURN(auto remove, database.query(sql));
      PSL_TRY(remove.bind_all(id).run());
    }
    return {};
  });
}

Status SqliteHubStore::set_account_password(std::string_view name, std::string_view password_hash,
                                            std::string_view keep_session) {
  PSL_TRY(check_password_hash(password_hash));
  // An empty keep_session matches no stored hash: every session closes.
  const std::string kept = keep_session.empty() ? std::string() : sha256_hex(keep_session);
  return in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Status {
    auto& database = store.database();
    PSL_ASSIGN_OR_RETURN(const std::int64_t id, existing_account_id(database, name));
    {
      PSL_ASSIGN_OR_RETURN(auto update,
                           database.query("UPDATE hub_account SET password_hash = ?, password_ms = ? WHERE id = ?"));
      PSL_TRY(update.bind_all(password_hash, clock_->wall_ms(), id).run());
    }
    PSL_ASSIGN_OR_RETURN(auto close,
                         database.query("DELETE FROM hub_web_session WHERE account_id = ? AND token_sha256 <> ?"));
    return close.bind_all(id, kept).run();
  });
}

Status SqliteHubStore::set_account_events(std::string_view name, const std::vector<std::int64_t>& events) {
  PSL_ASSIGN_OR_RETURN(const auto event_ids, account_event_list(events));
  return in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Status {
    auto& database = store.database();
    PSL_ASSIGN_OR_RETURN(const std::int64_t id, existing_account_id(database, name));
    PSL_TRY(check_account_events_exist(store, event_ids));
    return replace_account_events(database, id, event_ids);
  });
}

Result<NewWebSession> SqliteHubStore::open_web_session(std::string_view account, std::int64_t ttl_ms) {
  PSL_TRY(check_web_session_ttl(ttl_ms));
  return in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Result<NewWebSession> {
    auto& database = store.database();
    PSL_ASSIGN_OR_RETURN(const std::int64_t id, existing_account_id(database, account));
    const std::int64_t now = clock_->wall_ms();
    {
      PSL_ASSIGN_OR_RETURN(auto expired, database.query("DELETE FROM hub_web_session WHERE expires_ms <= ?"));
      PSL_TRY(expired.bind_all(now).run());
    }
    {
      // Room for the new one: the account keeps its newest kMax - 1.
      PSL_ASSIGN_OR_RETURN(auto oldest,
                           database.query("DELETE FROM hub_web_session WHERE account_id = ?1 AND id NOT IN "
                                          "(SELECT id FROM hub_web_session WHERE account_id = ?1 "
                                          "ORDER BY id DESC LIMIT ?2)"));
      PSL_TRY(oldest.bind_all(id, static_cast<std::int64_t>(kMaxWebSessionsPerAccount - 1)).run());
    }
    NewWebSession session{new_token(TokenKind::web_session), new_csrf_token(), now + ttl_ms};
    PSL_ASSIGN_OR_RETURN(auto insert, database.query("INSERT INTO hub_web_session(token_sha256, account_id, "
                                                     "csrf_token, created_ms, expires_ms) VALUES (?, ?, ?, ?, ?)"));
    PSL_TRY(insert.bind_all(sha256_hex(session.token), id, session.csrf_token, now, session.expires_ms).run());
    return session;
  });
}

Result<std::optional<WebSession>> SqliteHubStore::web_session(std::string_view token) {
  const std::string token_hash = sha256_hex(token);
  return in_read_snapshot(pool_, [&](Store& store) -> Result<std::optional<WebSession>> {
    auto& database = store.database();
    WebSession session;
    std::int64_t account_id = 0;
    {
      PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT a.id, a.name, s.expires_ms, s.csrf_token "
                                                       "FROM hub_web_session s JOIN hub_account a ON a.id = "
                                                       "s.account_id WHERE s.token_sha256 = ? AND s.expires_ms > ?"));
      select.bind_all(token_hash, clock_->wall_ms());
      PSL_ASSIGN_OR_RETURN(const bool found, select.step());
      if (!found) return std::optional<WebSession>();
      account_id = select.column_int(0);
      session.account = select.column_text(1);
      session.expires_ms = select.column_int(2);
      session.csrf_token = select.column_text(3);
    }
    PSL_ASSIGN_OR_RETURN(session.events, events_of_account(database, account_id));
    return std::optional<WebSession>(std::move(session));
  });
}

Status SqliteHubStore::close_web_session(std::string_view token) {
  const std::string token_hash = sha256_hex(token);
  return in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Status {
    PSL_ASSIGN_OR_RETURN(auto remove, store.database().query("DELETE FROM hub_web_session WHERE token_sha256 = ?"));
    return remove.bind_all(token_hash).run();
  });
}

}  // namespace passerelle::hub
