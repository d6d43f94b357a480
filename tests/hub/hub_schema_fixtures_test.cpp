// Issue #16: upgrades never lose the journal, on the hub either. tests/data/schema/hub-vN.db is an
// event file as a hub with SQLite hub schema N left it after a day of sync (written once by
// hub_schema_fixture_tool, then never again): today's hub opens a copy of each, migrates it, and
// must go on exactly where it was: the kiosk's token and the organiser's still work, the three
// entries it held are there and acknowledged, the kiosk's next entry follows them, the change feed
// gives the registry but never the kiosk's own entries back, and the quarantine is kept.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/store/store.h"
#include "sync/hub/store/sqlite_hub_schema.h"
#include "sync/hub/store/sqlite_hub_store.h"
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

TEST(HubSchemaFixtures, EachMigratesAndSyncGoesOn) {
  for (int version = 1; version <= hub::kHubSchemaVersion; ++version) {
    if (!std::filesystem::is_regular_file(fixture(version))) continue;  // EveryVersionHasOne says so
    SCOPED_TRACE("from the fixture of hub schema " + std::to_string(version));
    TempDir dir;
    std::filesystem::copy_file(fixture(version), dir.file("hub.db"));
    ManualClock clock(1777878200000);
    auto opened = hub::SqliteHubStore::open(dir.file("hub.db"), clock);
    ASSERT_TRUE(opened) << opened.error().message;
    auto& store = **opened;

    const auto organiser = store.authenticate("pso_fixture-organiser");
    ASSERT_TRUE(organiser);
    EXPECT_EQ(organiser->status, hub::AuthStatus::ok);
    const auto device = store.authenticate("psd_fixture-kiosk-1");
    ASSERT_TRUE(device);
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
    ASSERT_TRUE(quarantined);
    ASSERT_EQ(quarantined->size(), 1u);
    EXPECT_EQ(quarantined->front().reason, "malformed");

    EXPECT_EQ(*hub::hub_schema_version((*Store::open(dir.file("hub.db"))).database()), hub::kHubSchemaVersion);
    auto file = Store::open(dir.file("hub.db"));
    ASSERT_TRUE(file);
    EXPECT_EQ(file->journal_entries(1)->size(), 4u);
  }
}

}  // namespace
}  // namespace passerelle::testing
