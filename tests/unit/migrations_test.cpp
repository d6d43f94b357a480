#include "core/db/migrations.h"

#include <gtest/gtest.h>

#include "core/store/schema.h"
#include "core/store/store.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

TEST(Migrations, EmptyFileReachesTheLatestVersion) {
  testing::TempDir dir;
  auto store = Store::open(dir.file("fresh.db"));
  ASSERT_TRUE(store) << store.error().message;
  auto version = db::schema_version(store->database());
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, schema_migrations().back().version);
}

TEST(Migrations, VersionsAreNumberedWithoutGaps) {
  int expected = 1;
  for (const auto& migration : schema_migrations()) EXPECT_EQ(migration.version, expected++);
}

// Every earlier version, holding data written at that version, migrates to the latest and
// keeps its data.
TEST(Migrations, EveryEarlierVersionMigratesAndKeepsItsData) {
  for (const auto& stop : schema_migrations()) {
    if (stop.version == schema_migrations().back().version) continue;
    SCOPED_TRACE("from version " + std::to_string(stop.version));
    testing::TempDir dir;
    {
      auto database = db::Database::open(dir.file("old.db"));
      ASSERT_TRUE(database);
      ASSERT_TRUE(db::migrate(*database, schema_migrations(), stop.version));
      ASSERT_EQ(*db::schema_version(*database), stop.version);
      ASSERT_TRUE(database->exec(
          "INSERT INTO event(id, name, timezone, created_ms) VALUES (1, 'Old', 'Europe/Paris', 0);"
          "INSERT INTO event_day VALUES (1, '2026-05-04');"
          "INSERT INTO checkpoint(event_id, name, rule, position) VALUES (1, 'Door', 'once_per_event', 0);"
          "INSERT INTO participant(event_id, external_id, first_name, last_name, updated_ms) "
          "VALUES (1, 'X1', 'Zoë', 'Brontë', 0);"));
    }
    auto store = Store::open(dir.file("old.db"));
    ASSERT_TRUE(store) << store.error().message;
    auto person = store->find_by_external_id(1, "X1");
    ASSERT_TRUE(person && *person);
    EXPECT_EQ((*person)->record.last_name, "Brontë");
    EXPECT_EQ((*person)->agenda_printed, "") << "printed for nobody yet";
    const auto event = store->find_event(1);
    ASSERT_TRUE(event && *event);
    EXPECT_EQ((*event)->language, Language::en) << "an event made before [event] language";
    auto checkpoints = store->checkpoints(1);
    ASSERT_TRUE(checkpoints);
    EXPECT_EQ(checkpoints->size(), 1u);
  }
}

TEST(Migrations, NewerDatabaseIsRefusedAndLeftUntouched) {
  testing::TempDir dir;
  {
    auto database = db::Database::open(dir.file("new.db"));
    ASSERT_TRUE(database->exec("PRAGMA user_version=999"));
  }
  auto store = Store::open(dir.file("new.db"));
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Errc::unsupported);
  auto database = db::Database::open(dir.file("new.db"));
  EXPECT_EQ(*db::schema_version(*database), 999);
}

TEST(Migrations, AFailingMigrationLeavesThePreviousVersion) {
  const db::Migration broken[] = {
      {1, "good", "CREATE TABLE a(x);"},
      {2, "bad", "CREATE TABLE b(x); THIS IS NOT SQL;"},
  };
  auto database = db::Database::open(":memory:");
  auto status = db::migrate(*database, broken);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("migration 2"), std::string::npos);
  EXPECT_EQ(*db::schema_version(*database), 1);
  auto table_b = database->query("SELECT count(*) FROM sqlite_schema WHERE name = 'b'");
  ASSERT_TRUE(*table_b->step());
  EXPECT_EQ(table_b->column_int(0), 0);
}

}  // namespace
}  // namespace passerelle
