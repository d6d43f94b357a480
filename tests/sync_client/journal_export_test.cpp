// --export-journal's function: every entry the kiosk wrote goes into a journal file the hub's
// reader accepts, signed with the kiosk's journal key; a mistyped database path is an error, not an empty file.
#include "sync/client/journal_export.h"

#include <gtest/gtest.h>

#include "core/checkin/checkin.h"
#include "core/store/store.h"
#include "sync/protocol/journal_file.h"
#include "sync/protocol/sync_store.h"
#include "tests/support/test_support.h"

namespace passerelle::kiosk {
namespace {

TEST(JournalExport, WritesEveryEntryOfTheKioskSentOrNot) {
  testing::TempDir dir;
  ManualClock clock(1796717520000);
  std::int64_t event = 0;
  DeviceJournalKey key{"", std::string(64, 'e')};
  {
    auto store = Store::open(dir.file("kiosk.db"), clock);
    ASSERT_TRUE(store);
    event = *store->create_event(default_event_config("Forum", "2026-12-08"));
    const auto checkpoint = store->checkpoints(event)->front().id;
    CheckinService service(*store);
    for (const char* code : {"NOBODY-1", "NOBODY-2"}) {
      CheckinRequest request;
      request.event_id = event;
      request.checkpoint_id = checkpoint;
      request.code = code;
      ASSERT_TRUE(service.scan(request));
    }
    // One entry acknowledged by a hub, one not: both belong in the file.
    ASSERT_TRUE(sync::SyncStore(*store).acknowledge(*store->device_id(), 1, 1));
    // The key an enrolment gives.
    ASSERT_TRUE(store->adopt_device_id(*store->device_id(), key.key_hex));
    key.device_id = *store->device_id();
  }
  auto written = export_journal(dir.file("kiosk.db"), std::nullopt, dir.file("journal.jsonl"), clock);
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_EQ(*written, 2);
  auto text = sync::read_journal_text(dir.file("journal.jsonl"));
  ASSERT_TRUE(text) << text.error().message;
  auto file = sync::parse_journal_file(*text, key);
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->header.event, event);
  EXPECT_EQ(file->entries.size(), 2u);
}

TEST(JournalExport, AMissingDatabaseIsNotCreated) {
  testing::TempDir dir;
  auto written = export_journal(dir.file("typo.db"), std::nullopt, dir.file("journal.jsonl"));
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, Errc::not_found);
  EXPECT_FALSE(std::filesystem::exists(dir.file("typo.db")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("journal.jsonl")));
}

}  // namespace
}  // namespace passerelle::kiosk
