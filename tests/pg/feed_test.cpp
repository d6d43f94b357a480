// The change-feed cursor (sync/hub/pg/feed.h): a reader paging by cursor never skips a committed
// row when seqs come from the counter, and can when they come from a plain BIGSERIAL.
#include "sync/hub/pg/feed.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "sync/hub/pg/migrate.h"
#include "tests/support/pg_cluster.h"

namespace passerelle::hub::pg {
namespace {

using namespace std::chrono_literals;
using testing::PgTest;

constexpr std::int64_t kFeed = 7;

const PgMigration kSchema[] = {
    {1, "feed counter", kFeedCounterSchema},
    {2, "feeds",
     "CREATE TABLE feed_row (feed_id bigint NOT NULL, seq bigint NOT NULL DEFAULT feed_next_seq(7),"
     "  writer integer NOT NULL,"
     "  n integer NOT NULL, PRIMARY KEY (feed_id, seq));"
     "CREATE TABLE naive_row (seq bigserial PRIMARY KEY, writer integer NOT NULL, n integer NOT NULL);"},
};

struct Row {
  std::int64_t seq = 0;
  int writer = 0;
  int n = 0;
};

class FeedTest : public PgTest {
 protected:
  void SetUp() override {
    PgTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto db = connect();
    ASSERT_TRUE(db);
    const Status migrated = migrate(*db, kSchema);
    ASSERT_TRUE(migrated) << migrated.error().message;
  }

  std::optional<PgConnection> connect() {
    auto connection = PgConnection::connect(database_url());
    EXPECT_TRUE(connection) << connection.error().message;
    if (!connection) return std::nullopt;
    return std::move(connection).value();
  }
};

// One page after `cursor`, the way a kiosk's download reads.
Result<std::vector<Row>> counter_page(PgConnection& db, std::int64_t cursor, int limit) {
  PSL_ASSIGN_OR_RETURN(const auto result,
                       db.query("SELECT seq, writer, n FROM feed_row WHERE feed_id = $1 AND seq > $2 "
                                "ORDER BY seq LIMIT $3",
                                kFeed, cursor, limit));
  std::vector<Row> rows;
  for (int i = 0; i < result.rows(); ++i) {
    rows.push_back({result.int64(i, 0), static_cast<int>(result.int64(i, 1)), static_cast<int>(result.int64(i, 2))});
  }
  return rows;
}

Result<std::vector<Row>> naive_page(PgConnection& db, std::int64_t cursor, int limit) {
  PSL_ASSIGN_OR_RETURN(
      const auto result,
      db.query("SELECT seq, writer, n FROM naive_row WHERE seq > $1 ORDER BY seq LIMIT $2", cursor, limit));
  std::vector<Row> rows;
  for (int i = 0; i < result.rows(); ++i) {
    rows.push_back({result.int64(i, 0), static_cast<int>(result.int64(i, 1)), static_cast<int>(result.int64(i, 2))});
  }
  return rows;
}

std::vector<std::int64_t> seqs_of(const std::vector<Row>& rows) {
  std::vector<std::int64_t> seqs;
  for (const Row& row : rows) seqs.push_back(row.seq);
  return seqs;
}

// The skip, step by step: A takes 1, B takes 2 and commits, a reader moves its cursor to 2, A commits.
TEST_F(FeedTest, ANaiveBigserialCursorSkipsARowForGood) {
  auto a = connect();
  auto b = connect();
  auto reader = connect();
  ASSERT_TRUE(a && b && reader);

  auto a_transaction = PgTransaction::begin(*a);
  ASSERT_TRUE(a_transaction);
  ASSERT_TRUE(a->query("INSERT INTO naive_row (writer, n) VALUES ($1, $2)", 1, 1));
  auto b_transaction = PgTransaction::begin(*b);
  ASSERT_TRUE(b_transaction);
  ASSERT_TRUE(b->query("INSERT INTO naive_row (writer, n) VALUES ($1, $2)", 2, 1));
  ASSERT_TRUE(b_transaction->commit());

  auto first = naive_page(*reader, 0, 100);
  ASSERT_TRUE(first);
  ASSERT_EQ(seqs_of(*first), std::vector<std::int64_t>{2});
  const std::int64_t cursor = first->back().seq;

  ASSERT_TRUE(a_transaction->commit());
  auto second = naive_page(*reader, cursor, 100);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->empty());
  const auto all = naive_page(*reader, 0, 100);
  ASSERT_TRUE(all);
  EXPECT_EQ(seqs_of(*all), (std::vector<std::int64_t>{1, 2})) << "row 1 is committed, and the reader never saw it";
}

// The same interleaving with the counter: B cannot take a seq until A has committed.
TEST_F(FeedTest, CounterSeqsBecomeVisibleInSeqOrder) {
  auto a = connect();
  auto b = connect();
  auto reader = connect();
  ASSERT_TRUE(a && b && reader);

  auto a_transaction = PgTransaction::begin(*a);
  ASSERT_TRUE(a_transaction);
  const auto a_seq = reserve_feed_seqs(*a, kFeed);
  ASSERT_TRUE(a_seq) << a_seq.error().message;
  EXPECT_EQ(a_seq->first, 1);
  ASSERT_TRUE(a->query("INSERT INTO feed_row VALUES ($1, $2, $3, $4)", kFeed, a_seq->first, 1, 1));

  const int b_pid = b->backend_pid();
  Result<FeedSeqRange> b_seq = make_error(Errc::database, "not run");
  Status b_commit = make_error(Errc::database, "not run");
  std::thread b_thread([&] {
    auto transaction = PgTransaction::begin(*b);
    if (!transaction) return;
    b_seq = reserve_feed_seqs(*b, kFeed, 2);  // waits for A's transaction to end
    if (!b_seq) return;
    for (std::int64_t seq = b_seq->first; seq <= b_seq->last; ++seq) {
      if (!b->query("INSERT INTO feed_row VALUES ($1, $2, $3, $4)", kFeed, seq, 2, static_cast<int>(seq))) return;
    }
    b_commit = transaction->commit();
  });

  // Wait (generously) until B is blocked on A's lock, then look as a reader would.
  bool b_waits = false;
  for (const auto deadline = std::chrono::steady_clock::now() + 60s;
       !b_waits && std::chrono::steady_clock::now() < deadline;) {
    const auto activity = reader->query("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = $1", b_pid);
    ASSERT_TRUE(activity) << activity.error().message;
    b_waits = activity->rows() == 1 && !activity->is_null(0, 0) && activity->boolean(0, 0);
    if (!b_waits) std::this_thread::sleep_for(5ms);
  }
  EXPECT_TRUE(b_waits) << "B never waited for A's counter lock";
  const auto while_open = counter_page(*reader, 0, 100);
  ASSERT_TRUE(while_open);
  EXPECT_TRUE(while_open->empty());
  const auto head = feed_head(*reader, kFeed);
  ASSERT_TRUE(head);
  EXPECT_EQ(*head, 0);

  ASSERT_TRUE(a_transaction->commit());
  b_thread.join();
  ASSERT_TRUE(b_seq) << b_seq.error().message;
  EXPECT_EQ(b_seq->first, 2);
  EXPECT_EQ(b_seq->last, 3);
  ASSERT_TRUE(b_commit) << b_commit.error().message;
  const auto after = counter_page(*reader, 0, 100);
  ASSERT_TRUE(after);
  EXPECT_EQ(seqs_of(*after), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(*feed_head(*reader, kFeed), 3);
}

TEST_F(FeedTest, ARolledBackReservationLeavesNoGap) {
  auto db = connect();
  ASSERT_TRUE(db);
  {
    auto transaction = PgTransaction::begin(*db);
    ASSERT_TRUE(transaction);
    ASSERT_EQ(reserve_feed_seqs(*db, kFeed, 5)->last, 5);
  }
  auto transaction = PgTransaction::begin(*db);
  ASSERT_TRUE(transaction);
  const auto range = reserve_feed_seqs(*db, kFeed);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->first, 1);
  ASSERT_TRUE(transaction->commit());
  EXPECT_EQ(*feed_head(*db, kFeed), 1);
  EXPECT_EQ(*feed_head(*db, kFeed + 1), 0);
}

// Writers commit in random order and at random moments while a reader pages by cursor; they draw
// seqs by reserve_feed_seqs() and by the column default in turn. Each transaction also takes a
// BIGSERIAL number early, as a naive feed would, for comparison.
TEST_F(FeedTest, ConcurrentWritersNeverMakeTheReaderSkipOrRepeat) {
  constexpr int kWriters = 4;
  constexpr int kTransactionsPerWriter = 40;
  constexpr int kPageSize = 3;

  std::mutex mutex;
  std::vector<std::string> failures;
  std::set<std::pair<int, int>> committed;  // (writer, n)
  auto fail = [&](std::string message) {
    const std::lock_guard lock(mutex);
    failures.push_back(std::move(message));
  };

  std::vector<PgConnection> writer_connections;
  for (int i = 0; i < kWriters; ++i) {
    auto connection = connect();
    ASSERT_TRUE(connection);
    writer_connections.push_back(std::move(*connection));
  }
  auto reader = connect();
  ASSERT_TRUE(reader);

  std::atomic<int> writers_running{kWriters};
  std::vector<std::thread> writers;
  for (int writer = 0; writer < kWriters; ++writer) {
    writers.emplace_back([&, writer] {
      PgConnection& db = writer_connections[static_cast<std::size_t>(writer)];
      std::mt19937 random(static_cast<unsigned>(writer) + 1);
      int next_n = 0;
      for (int t = 0; t < kTransactionsPerWriter; ++t) {
        const int rows = 1 + static_cast<int>(random() % 3);
        const bool roll_back = random() % 10 == 0;
        const Status outcome = [&]() -> Status {
          PSL_ASSIGN_OR_RETURN(auto transaction, PgTransaction::begin(db));
          for (int i = 0; i < rows; ++i) {
            PSL_TRY(db.query("INSERT INTO naive_row (writer, n) VALUES ($1, $2)", writer, next_n + i));
          }
          std::this_thread::sleep_for(std::chrono::microseconds(random() % 2000));
          if (t % 2 == 0) {
            PSL_ASSIGN_OR_RETURN(const FeedSeqRange range, reserve_feed_seqs(db, kFeed, rows));
            for (int i = 0; i < rows; ++i) {
              PSL_TRY(
                  db.query("INSERT INTO feed_row VALUES ($1, $2, $3, $4)", kFeed, range.first + i, writer, next_n + i));
            }
          } else {
            for (int i = 0; i < rows; ++i) {  // seq from the column default, feed_next_seq()
              PSL_TRY(
                  db.query("INSERT INTO feed_row (feed_id, writer, n) VALUES ($1, $2, $3)", kFeed, writer, next_n + i));
            }
          }
          std::this_thread::sleep_for(std::chrono::microseconds(random() % 2000));
          if (roll_back) return {};  // the destructor rolls back
          return transaction.commit();
        }();
        if (!outcome) {
          fail("writer " + std::to_string(writer) + ": " + outcome.error().message);
          break;
        }
        if (!roll_back) {
          const std::lock_guard lock(mutex);
          for (int i = 0; i < rows; ++i) committed.emplace(writer, next_n + i);
        }
        next_n += rows;
      }
      --writers_running;
    });
  }

  // The reader pages as long as writers run, then drains what is left.
  std::vector<Row> seen;
  std::vector<Row> naive_seen;
  std::int64_t cursor = 0;
  std::int64_t naive_cursor = 0;
  bool drained = false;
  while (!drained) {
    const bool writers_done = writers_running.load() == 0;
    const auto page = counter_page(*reader, cursor, kPageSize);
    const auto naive = naive_page(*reader, naive_cursor, kPageSize);
    if (!page || !naive) {
      fail("reader: " + (page ? naive.error().message : page.error().message));
      break;
    }
    for (const Row& row : *page) seen.push_back(row);
    for (const Row& row : *naive) naive_seen.push_back(row);
    if (!page->empty()) cursor = page->back().seq;
    if (!naive->empty()) naive_cursor = naive->back().seq;
    drained = writers_done && page->empty() && naive->empty();
    if (static_cast<int>(page->size()) < kPageSize)
      std::this_thread::sleep_for(200us);  // leave the cores to the writers
  }
  for (auto& thread : writers) thread.join();
  ASSERT_TRUE(failures.empty()) << failures.front();

  // Every committed row exactly once, in seq order, with seqs 1..N and no gap.
  std::set<std::pair<int, int>> seen_rows;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].seq, static_cast<std::int64_t>(i) + 1) << "seq order or gap at page position " << i;
    EXPECT_TRUE(seen_rows.emplace(seen[i].writer, seen[i].n).second) << "seen twice: " << seen[i].seq;
  }
  EXPECT_EQ(seen_rows, committed);
  EXPECT_GT(committed.size(), 100u);

  std::set<std::pair<int, int>> naive_rows;
  for (const Row& row : naive_seen) naive_rows.emplace(row.writer, row.n);
  std::size_t naive_skipped = 0;
  for (const auto& row : committed) naive_skipped += naive_rows.count(row) == 0 ? 1 : 0;
  // Not asserted: the naive skip depends on timing (ANaiveBigserialCursorSkipsARowForGood shows it
  // deterministically). Recorded to show what the counter prevents.
  RecordProperty("naive_rows_skipped", static_cast<int>(naive_skipped));
  std::printf("naive BIGSERIAL cursor skipped %zu of %zu committed rows; the counter skipped none\n", naive_skipped,
              committed.size());
}

}  // namespace
}  // namespace passerelle::hub::pg
