// PgHubStore::watch_feed (sync/hub/pg/pg_feed_watch.h): two stores on one database stand for two
// hub processes; what one commits to the feed wakes the other's watch, through NOTIFY at COMMIT.
// Every wait is for a condition, bounded; no test asserts how long anything took.
#include "sync/hub/pg/pg_feed_watch.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "sync/hub/pg/pg_hub_store.h"
#include "tests/hub/live_scenario.h"
#include "tests/hub/pg_backend.h"

namespace passerelle::testing {
namespace {

using hub::pg::PgConnection;
using hub::pg::PgFeedWatch;
using hub::pg::PgHubStore;

// Long enough for a loaded CI machine; a passing test never waits it out.
constexpr auto kPatience = std::chrono::seconds(20);

// Counts the watch's calls, from the watch's thread.
class Calls {
 public:
  void add() {
    {
      std::lock_guard lock(mutex_);
      ++count_;
    }
    changed_.notify_all();
  }
  int count() {
    std::lock_guard lock(mutex_);
    return count_;
  }
  // Whether the count reached `at_least` in time.
  bool reach(int at_least) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kPatience, [&] { return count_ >= at_least; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int count_ = 0;
};

class PgFeedWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = fresh_pg_database();
    if (!url) return;  // skipped, or failed under CI=true, by fresh_pg_database
    url_ = *url;
    backend_ = postgresql_backend_at(clock_, url_);
    writer_ = open_store();
    watcher_ = open_store();
    ASSERT_TRUE(writer_ && watcher_);
    auto scenario = build_live_scenario(*backend_, *writer_, clock_);
    ASSERT_TRUE(scenario) << scenario.error().message;
    live_ = *scenario;
  }

  std::unique_ptr<hub::HubStore> open_store() {
    auto store = PgHubStore::open(url_, clock_);
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::unique_ptr<hub::HubStore>(std::move(store).value()) : nullptr;
  }

  std::unique_ptr<hub::FeedWatch> watch(Calls& calls) {
    auto watch = watcher_->watch_feed([&calls] { calls.add(); });
    EXPECT_TRUE(watch) << watch.error().message;
    EXPECT_TRUE(watch && *watch) << "PostgreSQL storage can watch its feed";
    return watch ? std::move(watch).value() : nullptr;
  }

  Status upload_one(std::int64_t seq) {
    return upload_all(*writer_, live_.k1,
                      {live_entry(live_.k1, 1, seq, EntryKind::checkin, "P-5", "Hall", kLiveStartMs, live_.event_id)},
                      kK1OffsetMs, kLiveStartMs);
  }

  // The server processes holding a LISTEN of a feed watch on this database.
  std::vector<std::int64_t> listeners() {
    auto connection = PgConnection::connect(url_);
    EXPECT_TRUE(connection) << connection.error().message;
    if (!connection) return {};
    auto rows = connection->query(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 ORDER BY pid",
        PgFeedWatch::kApplicationName);
    EXPECT_TRUE(rows) << rows.error().message;
    std::vector<std::int64_t> pids;
    for (int row = 0; rows && row < rows->rows(); ++row) pids.push_back(rows->int64(row, 0));
    return pids;
  }

  // listeners() once `done` says yes, or when patience ran out: the server shows a connection's
  // end on its own time.
  template <class Done>
  std::vector<std::int64_t> listeners_once(Done done) {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    for (;;) {
      auto pids = listeners();
      if (done(pids) || std::chrono::steady_clock::now() >= deadline) return pids;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  ManualClock clock_{kLiveStartMs};
  std::string url_;
  std::unique_ptr<HubStoreBackend> backend_;
  std::unique_ptr<hub::HubStore> writer_;
  std::unique_ptr<hub::HubStore> watcher_;
  LiveScenario live_;
};

TEST_F(PgFeedWatchTest, AnUploadThroughOneStoreWakesTheOthersWatch) {
  Calls calls;
  auto watching = watch(calls);
  ASSERT_TRUE(watching);
  EXPECT_EQ(listeners().size(), 1u);

  ASSERT_TRUE(upload_one(11));
  ASSERT_TRUE(calls.reach(1)) << "the upload's commit was not heard";

  // Publishing the registry writes feed rows too, and is heard as well.
  const int before = calls.count();
  ParticipantRecord late;
  late.external_id = "P-8";
  late.first_name = "Late";
  late.last_name = "Comer";
  ASSERT_TRUE(backend_->upsert_participants(live_.event_id, {late}));
  EXPECT_TRUE(calls.reach(before + 1)) << "the publish's commit was not heard";
}

TEST_F(PgFeedWatchTest, TheWatchEndsWhenDestroyedAndLetsGoOfItsConnection) {
  Calls calls;
  auto watching = watch(calls);
  ASSERT_TRUE(watching);
  ASSERT_EQ(listeners().size(), 1u);
  // Destroyed on another thread, so that a destructor that hangs fails the test instead of
  // hanging it.
  auto destroyed = std::async(std::launch::async, [&] { watching.reset(); });
  ASSERT_EQ(destroyed.wait_for(kPatience), std::future_status::ready) << "the watch's destructor did not return";
  EXPECT_TRUE(listeners_once([](const auto& pids) { return pids.empty(); }).empty());
}

TEST_F(PgFeedWatchTest, ATerminatedListenerIsReplacedAndTheWatcherToldToReread) {
  Calls calls;
  auto watching = watch(calls);
  ASSERT_TRUE(watching);
  const auto first = listeners();
  ASSERT_EQ(first.size(), 1u);
  {
    auto admin = PgConnection::connect(url_);
    ASSERT_TRUE(admin) << admin.error().message;
    auto terminated = admin->query("SELECT pg_terminate_backend($1::integer)", first.front());
    ASSERT_TRUE(terminated) << terminated.error().message;
    ASSERT_TRUE(terminated->boolean(0, 0));
  }
  // Reconnected: one call, for whatever was committed while no one listened.
  ASSERT_TRUE(calls.reach(1)) << "the watch did not come back";
  const auto second =
      listeners_once([&](const auto& pids) { return pids.size() == 1 && pids.front() != first.front(); });
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NE(second.front(), first.front());
  // And it listens again.
  const int before = calls.count();
  ASSERT_TRUE(upload_one(11));
  EXPECT_TRUE(calls.reach(before + 1)) << "the new connection does not listen";
}

}  // namespace
}  // namespace passerelle::testing
