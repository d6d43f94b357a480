// A hub's storage made by every earlier version of the hub schema, holding an organiser token,
// opens with this program: migrated to the current schema, the token still authenticates, and
// organisers' accounts (SQLite hub schema 5, PostgreSQL migration 8) work on it. Rows published
// before PostgreSQL migration 10 read as that migration says.
#include <gtest/gtest.h>

#include "core/store/store.h"
#include "sync/hub/pg/pg_hub_schema.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/store/hub_tokens.h"
#include "sync/hub/store/sqlite_hub_schema.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "tests/hub/hub_store_suite.h"
#include "tests/hub/pg_backend.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

constexpr const char* kToken = "pso_made-by-an-older-hub";

// The store of the current program on an upgraded storage: the old token, then a new account.
void expect_current(hub::HubStore& store, std::int64_t event_id) {
  const auto auth = store.authenticate(kToken);
  ASSERT_TRUE(auth) << auth.error().message;
  EXPECT_EQ(auth->status, hub::AuthStatus::ok);
  ASSERT_TRUE(store.add_account("alice", kArgon2idHash, {event_id}));
  const auto session = store.open_web_session("alice", 60'000);
  ASSERT_TRUE(session) << session.error().message;
  EXPECT_TRUE(store.web_session(session->token)->has_value());
}

TEST(HubSchemaUpgrade, EveryEarlierSqliteHubSchemaMigratesAndKeepsItsTokens) {
  for (int version = 1; version < hub::kHubSchemaVersion; ++version) {
    SCOPED_TRACE("from hub schema " + std::to_string(version));
    TempDir dir;
    std::int64_t event_id = 0;
    {
      auto store = Store::open(dir.file("hub.db"));
      ASSERT_TRUE(store) << store.error().message;
      auto event = store->create_event(default_event_config("Old hub", "2026-01-01"));
      ASSERT_TRUE(event);
      event_id = *event;
      ASSERT_TRUE(hub::migrate_hub_schema(store->database(), version));
      ASSERT_EQ(*hub::hub_schema_version(store->database()), version);
      ASSERT_TRUE(store->database().exec("INSERT INTO hub_token(token_sha256, kind, label, created_ms) VALUES ('" +
                                         hub::sha256_hex(kToken) + "', 'organiser', 'old', 0)"));
    }
    auto hub = hub::SqliteHubStore::open(dir.file("hub.db"));
    ASSERT_TRUE(hub) << hub.error().message;
    expect_current(**hub, event_id);
  }
}

TEST(HubSchemaUpgrade, EveryEarlierPostgresqlMigrationMigratesAndKeepsItsTokens) {
  const auto migrations = hub::pg::hub_migrations();
  // From 2 on: the tables a token and an event need exist from migration 2.
  for (std::size_t version = 2; version < migrations.size(); ++version) {
    SCOPED_TRACE("from migration " + std::to_string(version));
    const auto url = fresh_pg_database();
    if (!url) return;  // skipped, or failed under CI=true, by fresh_pg_database
    {
      auto connection = hub::pg::PgConnection::connect(*url);
      ASSERT_TRUE(connection) << connection.error().message;
      ASSERT_TRUE(hub::pg::migrate(*connection, migrations.first(version)));
      ASSERT_TRUE(
          connection->query("INSERT INTO event (id, origin, name, venue, timezone, days, created_ms, "
                            "published_ms) VALUES (1, 'file', 'Old hub', '', 'Europe/Brussels', "
                            "'{2026-01-01}', 0, 0)"));
      ASSERT_TRUE(
          connection->query("INSERT INTO hub_token (token_sha256, kind, label, created_ms) "
                            "VALUES ($1, 'organiser', 'old', 0)",
                            hub::sha256_hex(kToken)));
    }
    auto hub = hub::pg::PgHubStore::open(*url);
    ASSERT_TRUE(hub) << hub.error().message;
    expect_current(**hub, 1);
  }
}

// Migration 10 (the live view's search and participant page): rows published before it have no
// folded search text until the next publish, so the search finds no one; a row already blank was
// erased, and the page says so.
TEST(HubSchemaUpgrade, PostgresqlMigration10MarksBlankRowsErased) {
  const auto url = fresh_pg_database();
  if (!url) return;  // skipped, or failed under CI=true, by fresh_pg_database
  {
    auto connection = hub::pg::PgConnection::connect(*url);
    ASSERT_TRUE(connection) << connection.error().message;
    ASSERT_TRUE(hub::pg::migrate(*connection, hub::pg::hub_migrations().first(9)));
    ASSERT_TRUE(connection->exec_script(
        "INSERT INTO event (id, origin, name, venue, timezone, days, created_ms, published_ms) VALUES "
        "(1, 'file', 'Old hub', '', 'Europe/Brussels', '{2026-01-01}', 0, 0);"
        "INSERT INTO participant (event_id, external_id, first_name, last_name, email, organisation, country, "
        "region, sector, org_type, language, role, status, tags, ticket_codes, badge_serial, badge_issued_s) VALUES "
        "(1, 'P-1', 'Renée', 'Dupont', 'r@example.org', 'Acme', '', '', '', 'sme', 'en', '', 'registered', '{}', "
        "'{}', 1, 0), (1, 'P-2', '', '', '', '', '', '', '', 'sme', 'en', '', 'registered', '{}', '{}', 1, 0)"));
  }
  auto hub = hub::pg::PgHubStore::open(*url);
  ASSERT_TRUE(hub) << hub.error().message;
  EXPECT_TRUE((*hub)->search_participants(1, "renee", 5)->empty()) << "until published again";
  const auto rows = (*hub)->live_rows(1, 0);
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->input.people.size(), 2u);
  for (const auto& person : rows->input.people) {
    const auto card = (*hub)->participant_card(1, person.id);
    ASSERT_TRUE(card && *card) << person.external_id;
    EXPECT_EQ((*card)->erased, person.external_id == "P-2") << person.external_id;
  }
}

}  // namespace
}  // namespace passerelle::testing
