// WorkerThread: stopping wakes every kind of wait and joins, and nothing the body throws leaves
// the thread unreported. RetryBackoff without jitter, as the camera and scanner workers use it.
#include "core/worker/worker_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/worker/retry_backoff.h"

namespace passerelle {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

// Far longer than any test may take: a wait that returns did so because it was woken.
constexpr auto kForever = std::chrono::hours(1);
// How long a test waits for the worker's thread before it fails rather than hangs.
constexpr auto kPatience = std::chrono::seconds(30);

// Collects reports from the worker's thread.
class Reports {
 public:
  WorkerThread::Report callback() {
    return [this](std::string_view what) {
      std::lock_guard lock(mutex_);
      whats_.emplace_back(what);
      if (!first_set_) {
        first_set_ = true;
        first_.set_value(std::string(what));
      }
    };
  }
  std::optional<std::string> wait_first() {
    if (first_future_.wait_for(kPatience) != std::future_status::ready) return std::nullopt;
    return first_future_.get();
  }
  std::vector<std::string> all() {
    std::lock_guard lock(mutex_);
    return whats_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> whats_;
  bool first_set_ = false;
  std::promise<std::string> first_;
  std::future<std::string> first_future_ = first_.get_future();
};

TEST(WorkerThread, DestructionStopsASleepingBodyAndJoinsIt) {
  Reports reports;
  std::atomic<bool> body_returned{false};
  std::atomic<bool> slept_out{true};
  const auto began = SteadyClock::now();
  {
    WorkerThread thread;
    thread.start(
        [&](std::stop_token stop) {
          slept_out = WorkerThread::sleep_for(stop, std::chrono::duration_cast<std::chrono::milliseconds>(kForever));
          body_returned = true;
        },
        reports.callback());
  }
  EXPECT_TRUE(body_returned) << "joined before the destructor returned";
  EXPECT_FALSE(slept_out) << "sleep_for says it was stopped";
  EXPECT_LT(SteadyClock::now() - began, kPatience);
  EXPECT_TRUE(reports.all().empty());
}

TEST(WorkerThread, AWaitOnAConditionIsWokenByStop) {
  Reports reports;
  std::mutex mutex;
  std::promise<void> waiting;
  std::optional<bool> wait_result;  // written by the body, read after the join
  WorkerThread thread;
  thread.start(
      [&](std::stop_token stop) {
        std::unique_lock lock(mutex);
        waiting.set_value();
        wait_result = thread.wait(lock, stop, [] { return false; });
      },
      reports.callback());
  ASSERT_EQ(waiting.get_future().wait_for(kPatience), std::future_status::ready);
  // The body holds the mutex until its wait releases it: once we hold it, the body is asleep.
  { std::lock_guard lock(mutex); }
  thread.stop();
  ASSERT_TRUE(wait_result.has_value());
  EXPECT_FALSE(*wait_result);
  EXPECT_TRUE(reports.all().empty());
}

TEST(WorkerThread, StopWinsOverAConditionThatAlsoHolds) {
  // A loop drops its queued work when stopped (the check-in worker's destructor relies on it).
  Reports reports;
  std::mutex mutex;
  std::optional<bool> wait_result;
  WorkerThread thread;
  std::promise<void> stop_requested;
  auto stop_seen = stop_requested.get_future();
  thread.start(
      [&](std::stop_token stop) {
        stop_seen.wait();
        std::unique_lock lock(mutex);
        wait_result = thread.wait(lock, stop, [] { return true; });
      },
      reports.callback());
  thread.request_stop();
  stop_requested.set_value();
  thread.stop();
  ASSERT_TRUE(wait_result.has_value());
  EXPECT_FALSE(*wait_result);
}

TEST(WorkerThread, NotifyWakesAWaitWhoseConditionNowHolds) {
  Reports reports;
  std::mutex mutex;
  bool work = false;  // under mutex
  std::promise<bool> woken;
  WorkerThread thread;
  thread.start(
      [&](std::stop_token stop) {
        std::unique_lock lock(mutex);
        woken.set_value(thread.wait_until(lock, stop, SteadyClock::now() + kForever, [&] { return work; }) && work);
      },
      reports.callback());
  {
    std::lock_guard lock(mutex);
    work = true;
  }
  thread.notify();
  auto result = woken.get_future();
  ASSERT_EQ(result.wait_for(kPatience), std::future_status::ready);
  EXPECT_TRUE(result.get());
}

TEST(WorkerThread, WaitUntilReturnsAtItsDeadline) {
  Reports reports;
  std::mutex mutex;
  std::promise<bool> returned;
  WorkerThread thread;
  thread.start(
      [&](std::stop_token stop) {
        std::unique_lock lock(mutex);
        returned.set_value(thread.wait_until(lock, stop, SteadyClock::now() + 10ms, [] { return false; }));
      },
      reports.callback());
  auto result = returned.get_future();
  ASSERT_EQ(result.wait_for(kPatience), std::future_status::ready);
  EXPECT_TRUE(result.get()) << "not stopping: the deadline passed";
}

TEST(WorkerThread, AStandardExceptionEscapingTheBodyIsReported) {
  Reports reports;
  WorkerThread thread;
  thread.start([](std::stop_token) { throw std::runtime_error("the camera caught fire"); }, reports.callback());
  EXPECT_EQ(reports.wait_first(), "the camera caught fire");
  thread.stop();
  EXPECT_EQ(reports.all().size(), 1u);
}

TEST(WorkerThread, AnythingElseThrownIsReportedToo) {
  Reports reports;
  WorkerThread thread;
  thread.start([](std::stop_token) { throw 42; }, reports.callback());
  EXPECT_EQ(reports.wait_first(), "unknown error");
  thread.stop();
  EXPECT_EQ(reports.all().size(), 1u);
}

TEST(WorkerThread, AReportThatThrowsEndsTheThreadQuietly) {
  std::atomic<bool> reported{false};
  WorkerThread thread;
  thread.start([](std::stop_token) { throw std::runtime_error("first"); },
               [&](std::string_view) {
                 reported = true;
                 throw std::runtime_error("second");
               });
  thread.stop();  // the process is still here: nothing escaped
  EXPECT_TRUE(reported);
}

TEST(WorkerThread, ACleanExitIsNotReported) {
  Reports reports;
  std::atomic<bool> ran{false};
  WorkerThread thread;
  thread.start([&](std::stop_token) { ran = true; }, reports.callback());
  thread.stop();
  EXPECT_TRUE(ran);
  EXPECT_TRUE(reports.all().empty());
}

TEST(WorkerThread, StartsAgainAfterStopWithAFreshStopToken) {
  Reports reports;
  WorkerThread thread;
  std::atomic<int> runs{0};
  const auto body = [&](std::stop_token stop) {
    ++runs;
    WorkerThread::sleep_for(stop, std::chrono::duration_cast<std::chrono::milliseconds>(kForever));
  };
  thread.start(body, reports.callback());
  thread.stop();
  std::promise<bool> stopped_at_start;
  thread.start([&](std::stop_token stop) { stopped_at_start.set_value(stop.stop_requested()); }, reports.callback());
  auto result = stopped_at_start.get_future();
  ASSERT_EQ(result.wait_for(kPatience), std::future_status::ready);
  EXPECT_FALSE(result.get());
  thread.stop();
  EXPECT_EQ(runs, 1);
  EXPECT_TRUE(reports.all().empty());
}

TEST(WorkerThread, StopWithoutStartIsHarmless) {
  WorkerThread thread;
  thread.request_stop();
  thread.stop();
  thread.stop();
}

TEST(RetryBackoff, WithoutJitterWaitsExactlyAndDoublesUpToItsCap) {
  RetryBackoff backoff(1000ms, 10000ms);
  std::vector<std::int64_t> delays;
  for (int i = 0; i < 6; ++i) delays.push_back(backoff.next().count());
  EXPECT_EQ(delays, (std::vector<std::int64_t>{1000, 2000, 4000, 8000, 10000, 10000}));
  backoff.reset();
  EXPECT_EQ(backoff.next(), 1000ms);
}

}  // namespace
}  // namespace passerelle
