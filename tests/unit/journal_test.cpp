#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "core/store/store.h"
#include "core/util/uuid.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

Result<JournalEntry> append_one(Store& store, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(store.database()));
  JournalEntry entry;
  entry.event_id = event_id;
  entry.kind = EntryKind::rejected_scan;
  entry.outcome = Outcome::unknown_code;
  entry.code = "X";
  PSL_ASSIGN_OR_RETURN(auto stored, store.append_in_transaction(entry));
  PSL_TRY(transaction.commit());
  return stored;
}

TEST(Journal, EntriesGetUuidSequenceAndLocalDay) {
  testing::TempDir dir;
  ManualClock clock(1796684400000);  // 2026-12-08 00:00 in Brussels
  auto store = Store::open(dir.file("j.db"), clock);
  ASSERT_TRUE(store);
  auto event = store->create_event(default_event_config("J", "2026-12-08"));
  auto first = append_one(*store, *event);
  clock.advance_ms(-1);
  auto second = append_one(*store, *event);
  ASSERT_TRUE(first && second);
  EXPECT_TRUE(is_uuid(first->uuid));
  EXPECT_NE(first->uuid, second->uuid);
  EXPECT_EQ(first->seq, 1);
  EXPECT_EQ(second->seq, 2);
  EXPECT_EQ(first->device_id, second->device_id);
  EXPECT_EQ(first->local_day, "2026-12-08");
  EXPECT_EQ(second->local_day, "2026-12-07");
  auto entries = store->journal_entries(*event);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0], *first);
}

TEST(Journal, RolledBackEntryLeavesNothingAndNoGap) {
  testing::TempDir dir;
  auto store = Store::open(dir.file("j.db"));
  auto event = store->create_event(default_event_config("J", "2026-12-08"));
  ASSERT_TRUE(append_one(*store, *event));
  {
    auto transaction = db::Transaction::begin(store->database());
    JournalEntry entry;
    entry.event_id = *event;
    ASSERT_TRUE(store->append_in_transaction(entry));
  }  // not committed
  auto third = append_one(*store, *event);
  ASSERT_TRUE(third);
  EXPECT_EQ(third->seq, 2);
  EXPECT_EQ(store->journal_entries(*event)->size(), 2u);
}

TEST(Journal, EntriesAreImmutable) {
  testing::TempDir dir;
  auto store = Store::open(dir.file("j.db"));
  auto event = store->create_event(default_event_config("J", "2026-12-08"));
  ASSERT_TRUE(append_one(*store, *event));
  EXPECT_FALSE(store->database().exec("UPDATE journal SET outcome = 'accepted'"));
  EXPECT_FALSE(store->database().exec("DELETE FROM journal"));
}

// Two processes append to one file at once: every sequence number appears exactly once.
TEST(Journal, TwoProcessesNeverProduceAGapOrADuplicate) {
  testing::TempDir dir;
  const auto path = dir.file("shared.db");
  std::int64_t event_id = 0;
  {
    auto store = Store::open(path);
    ASSERT_TRUE(store);
    event_id = *store->create_event(default_event_config("J", "2026-12-08"));
    ASSERT_TRUE(store->device_id());
  }
  constexpr int kPerProcess = 150;
  std::vector<pid_t> children;
  for (int child = 0; child < 2; ++child) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto store = Store::open(path);
      int failures = store ? 0 : 1;
      for (int i = 0; store && i < kPerProcess; ++i)
        if (!append_one(*store, event_id)) ++failures;
      ::_exit(failures == 0 ? 0 : 1);
    }
    children.push_back(pid);
  }
  for (const pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  auto store = Store::open(path);
  auto entries = store->journal_entries(event_id);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u * kPerProcess);
  std::set<std::string> uuids;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    EXPECT_EQ((*entries)[i].seq, static_cast<std::int64_t>(i + 1));
    uuids.insert((*entries)[i].uuid);
  }
  EXPECT_EQ(uuids.size(), entries->size());
}

TEST(Journal, DeviceIdIsStableAcrossOpens) {
  testing::TempDir dir;
  std::string first;
  {
    auto store = Store::open(dir.file("d.db"));
    first = *store->device_id();
  }
  auto store = Store::open(dir.file("d.db"));
  EXPECT_EQ(*store->device_id(), first);
  EXPECT_TRUE(is_uuid(first));
}

}  // namespace
}  // namespace passerelle
