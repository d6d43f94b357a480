// Issue #16: upgrades never lose the journal. tests/data/schema/core-vN.db is a database as the
// release with schema version N left it (written once by schema_fixture_tool, then never again):
// today's Store opens a copy of each, migrates it, and must find the registry and every journal
// entry as they were, and go on deciding from them: the person already checked in is refused, the
// device keeps its id and its sequence.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/checkin/checkin.h"
#include "core/db/migrations.h"
#include "core/store/schema.h"
#include "core/store/store.h"
#include "core/util/clock.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

std::filesystem::path fixture(int version) {
  return std::filesystem::path(PASSERELLE_TEST_DATA_DIR) / "schema" / ("core-v" + std::to_string(version) + ".db");
}

TEST(SchemaFixtures, EveryVersionHasOne) {
  // The newest one too: it is the next migration's starting point.
  for (const auto& migration : schema_migrations())
    EXPECT_TRUE(std::filesystem::is_regular_file(fixture(migration.version)))
        << fixture(migration.version) << " is missing: write it with schema_fixture_tool " << migration.version
        << " (tests/data/schema/README.md)";
}

TEST(SchemaFixtures, EachMigratesWithItsRegistryAndJournalWhole) {
  for (const auto& migration : schema_migrations()) {
    const int version = migration.version;
    if (!std::filesystem::is_regular_file(fixture(version))) continue;  // EveryVersionHasOne says so
    SCOPED_TRACE("from the fixture of version " + std::to_string(version));
    testing::TempDir dir;
    std::filesystem::copy_file(fixture(version), dir.file("old.db"));
    {
      auto old = db::Database::open(dir.file("old.db"), db::OpenMode::read_write);
      ASSERT_TRUE(old) << old.error().message;
      ASSERT_EQ(*db::schema_version(*old), version) << "the fixture is not of its version";
    }
    // 2026-05-04 10:00 in Paris, the event's day, an hour after the fixture's scans.
    ManualClock clock(1777881600000);
    auto store = Store::open(dir.file("old.db"), clock);
    ASSERT_TRUE(store) << store.error().message;
    EXPECT_EQ(*db::schema_version(store->database()), schema_migrations().back().version);

    const auto zoe = store->find_by_external_id(1, "R-1");
    ASSERT_TRUE(zoe && *zoe);
    EXPECT_EQ((*zoe)->record.first_name, "Zoë");
    EXPECT_EQ((*zoe)->record.last_name, "Brontë");
    EXPECT_EQ((*zoe)->record.organisation, "Acmé");
    const auto checkpoints = store->checkpoints(1);
    ASSERT_TRUE(checkpoints);
    ASSERT_EQ(checkpoints->size(), 1u);

    const auto before = store->journal_entries(1);
    ASSERT_TRUE(before) << before.error().message;
    const bool has_journal = version >= 3;
    ASSERT_EQ(before->size(), has_journal ? 3u : 0u);
    if (has_journal) {
      EXPECT_EQ((*before)[0].uuid, "0196979a-1c00-7000-8000-000000000001");
      EXPECT_EQ((*before)[0].outcome, Outcome::accepted);
      EXPECT_EQ((*before)[0].code, "TKT-ZOE");
      EXPECT_EQ((*before)[1].outcome, Outcome::already_checked_in);
      EXPECT_EQ((*before)[2].outcome, Outcome::unknown_code);
      EXPECT_EQ((*before)[2].kind, EntryKind::rejected_scan);
      for (std::size_t i = 0; i < before->size(); ++i) {
        EXPECT_EQ((*before)[i].device_id, "door-old");
        EXPECT_EQ((*before)[i].seq, static_cast<std::int64_t>(i) + 1);
        EXPECT_EQ((*before)[i].local_day, "2026-05-04");
      }
    }

    // Today's rules on the old journal: Zoë was in at 09:00, so a scan now is refused; Jan is new.
    CheckinService door(*store);
    const auto again = door.scan(CheckinRequest{1, (*checkpoints)[0].id, Direction::entry, "TKT-ZOE", {}, ""});
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->outcome, has_journal ? Outcome::already_checked_in : Outcome::accepted);
    const auto jan = door.scan(CheckinRequest{1, (*checkpoints)[0].id, Direction::entry, "TKT-JAN", {}, ""});
    ASSERT_TRUE(jan) << jan.error().message;
    EXPECT_EQ(jan->outcome, Outcome::accepted);
    if (has_journal) {
      EXPECT_EQ(again->entry.device_id, "door-old") << "the device keeps its id";
      EXPECT_EQ(again->entry.seq, 4);
      EXPECT_EQ(jan->entry.seq, 5);
    }
    const auto after = store->journal_entries(1);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->size(), before->size() + 2);
  }
}

}  // namespace
}  // namespace passerelle
