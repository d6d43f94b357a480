// Issue #16: upgrades never lose the journal, on the hub either. tests/data/schema/hub-vN.db is an
// event file as a hub with SQLite hub schema N left it after a day of sync (written once by
// hub_schema_fixture_tool, then never again): today's hub opens a copy of each, migrates it, and
// must go on exactly where it was: the kiosk's token and the organiser's still work, the three
// entries it held are there and acknowledged, the kiosk's next entry follows them, the change feed
// gives the registry but never the kiosk's own entries back, and the quarantine is kept.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>

#include "core/store/store.h"
#include "sync/hub/pg/pg_hub_schema.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/pg/pq.h"
#include "sync/hub/store/sqlite_hub_schema.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "tests/hub/pg_backend.h"
#include "tests/hub/wire_entries.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

std::filesystem::path fixture(int version) {
  return std::filesystem::path(PASSERELLE_TEST_DATA_DIR) / "schema" / ("hub-v" + std::to_string(version) + ".db");
}

TEST(HubSchemaFixtures, EveryVersionHasOne) {
  for (int version = 1; version <= hub::kHubSchemaVersion; ++version)
    EXPECT_TRUE(std::filesystem::is_regular_file(fixture(version)))
        << fixture(version) << " is missing: write it with hub_schema_fixture_tool " << version
        << " (tests/data/schema/README.md)";
}

// What sync must find on any upgraded storage of the fixtures' day (hub_schema_fixture_tool.cpp).
void expect_sync_goes_on(hub::HubStore& store) {
  const auto organiser = store.authenticate("pso_fixture-organiser");
  ASSERT_TRUE(organiser) << organiser.error().message;
  EXPECT_EQ(organiser->status, hub::AuthStatus::ok);
  const auto device = store.authenticate("psd_fixture-kiosk-1");
  ASSERT_TRUE(device) << device.error().message;
  ASSERT_EQ(device->status, hub::AuthStatus::ok);
  const hub::Principal& kiosk = device->principal;
  EXPECT_EQ(kiosk.device_id, "kiosk-1");
  EXPECT_EQ(kiosk.event_id, 1);

  // The registry comes down; the kiosk's own entries never do.
  const auto page = store.changes(kiosk, 0, 1000);
  ASSERT_TRUE(page) << page.error().message;
  std::size_t people = 0;
  for (const auto& change : page->changes) {
    if (std::holds_alternative<sync::ParticipantChange>(change.data)) ++people;
    if (const auto* entry = std::get_if<sync::WireEntry>(&change.data)) ADD_FAILURE() << "own entry " << entry->uuid;
  }
  EXPECT_EQ(people, 2u);

  // Its next entry follows the three the hub held: acknowledged up to 4, nothing missing.
  auto batch = sync::parse_upload_batch(
      sync::to_json(sync::UploadBatch{"kiosk-1", 1777878200000, 0, {make_rejected_entry("kiosk-1", 4, 1)}}));
  ASSERT_TRUE(batch) << batch.error().message;
  const auto answer = store.ingest(kiosk, *batch);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->acked_seq, 4);
  const auto rows = store.reconciliation(1);
  ASSERT_TRUE(rows) << rows.error().message;
  const auto row = std::find_if(rows->begin(), rows->end(), [](const auto& r) { return r.device_id == "kiosk-1"; });
  ASSERT_NE(row, rows->end());
  EXPECT_EQ(row->count, 4);
  EXPECT_EQ(row->contiguous, 4);
  EXPECT_TRUE(row->missing.empty());

  const auto quarantined = store.quarantined(std::nullopt);
  ASSERT_TRUE(quarantined) << quarantined.error().message;
  ASSERT_EQ(quarantined->size(), 1u);
  EXPECT_EQ(quarantined->front().reason, "malformed");
}

TEST(HubSchemaFixtures, EachMigratesAndSyncGoesOn) {
  for (int version = 1; version <= hub::kHubSchemaVersion; ++version) {
    if (!std::filesystem::is_regular_file(fixture(version))) continue;  // EveryVersionHasOne says so
    SCOPED_TRACE("from the fixture of hub schema " + std::to_string(version));
    TempDir dir;
    std::filesystem::copy_file(fixture(version), dir.file("hub.db"));
    ManualClock clock(1777878200000);
    {
      auto opened = hub::SqliteHubStore::open(dir.file("hub.db"), clock);
      ASSERT_TRUE(opened) << opened.error().message;
      expect_sync_goes_on(**opened);
    }
    auto file = Store::open(dir.file("hub.db"));
    ASSERT_TRUE(file);
    EXPECT_EQ(*hub::hub_schema_version(file->database()), hub::kHubSchemaVersion);
    EXPECT_EQ(file->journal_entries(1)->size(), 4u);
  }
}

// PostgreSQL storage: pg-hub-vN.sql, pg_dump's text of a database at migration N (from 2: the
// first holds only the feed counter), loaded into a fresh database of the test cluster.
std::filesystem::path pg_fixture(std::size_t version) {
  return std::filesystem::path(PASSERELLE_TEST_DATA_DIR) / "schema" / ("pg-hub-v" + std::to_string(version) + ".sql");
}

TEST(HubSchemaFixtures, EveryPostgresqlMigrationHasOne) {
  for (std::size_t version = 2; version <= hub::pg::hub_migrations().size(); ++version)
    EXPECT_TRUE(std::filesystem::is_regular_file(pg_fixture(version)))
        << pg_fixture(version) << " is missing: write it with pg_hub_schema_fixture_tool " << version
        << " (tests/data/schema/README.md)";
}

TEST(HubSchemaFixtures, EachPostgresqlDumpMigratesAndSyncGoesOn) {
  for (std::size_t version = 2; version <= hub::pg::hub_migrations().size(); ++version) {
    if (!std::filesystem::is_regular_file(pg_fixture(version))) continue;  // EveryPostgresqlMigrationHasOne
    SCOPED_TRACE("from the dump of migration " + std::to_string(version));
    const auto url = fresh_pg_database();
    if (!url) return;  // skipped, or failed under CI=true, by fresh_pg_database
    {
      // Its own connection: a dump sets the session's search_path to nothing.
      auto loader = hub::pg::PgConnection::connect(*url);
      ASSERT_TRUE(loader) << loader.error().message;
      // Without psql's meta-commands: pg_dump 15.14 and later fence a dump with \restrict and
      // \unrestrict lines, which are psql's, not SQL.
      std::string sql;
      std::istringstream lines(read_file(pg_fixture(version)));
      for (std::string line; std::getline(lines, line);)
        if (!line.starts_with("\\")) sql += line + "\n";
      const auto loaded = loader->exec_script(sql);
      ASSERT_TRUE(loaded) << loaded.error().message;
    }
    ManualClock clock(1777878200000);
    auto opened = hub::pg::PgHubStore::open(*url, clock);
    ASSERT_TRUE(opened) << opened.error().message;
    expect_sync_goes_on(**opened);
  }
}

}  // namespace
}  // namespace passerelle::testing
