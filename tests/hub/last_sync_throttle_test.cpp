// The rule for when a download writes a device's last sync time (last_sync_throttle.h).
#include "sync/hub/store/last_sync_throttle.h"

#include <gtest/gtest.h>

#include <string>

namespace passerelle::hub {
namespace {

TEST(LastSyncThrottle, FirstPollWritesThenAtMostOnceAnInterval) {
  LastSyncThrottle throttle;
  EXPECT_TRUE(throttle.due("a", 1'000));
  EXPECT_FALSE(throttle.due("a", 1'000 + LastSyncThrottle::kWriteIntervalMs - 1));
  EXPECT_TRUE(throttle.due("b", 2'000));  // each device on its own
  EXPECT_TRUE(throttle.due("a", 1'000 + LastSyncThrottle::kWriteIntervalMs));
  EXPECT_FALSE(throttle.due("a", 1'000 + LastSyncThrottle::kWriteIntervalMs + 1));
}

TEST(LastSyncThrottle, AClockSetBackWritesAtOnce) {
  LastSyncThrottle throttle;
  EXPECT_TRUE(throttle.due("a", 100'000));
  EXPECT_TRUE(throttle.due("a", 50'000));
  EXPECT_FALSE(throttle.due("a", 50'001));
}

TEST(LastSyncThrottle, PastItsBoundItForgetsTheOldestHalfAndStillAnswers) {
  LastSyncThrottle throttle;
  const auto devices = static_cast<std::int64_t>(LastSyncThrottle::kMaxDevices);
  for (std::int64_t i = 0; i < devices; ++i) ASSERT_TRUE(throttle.due("d" + std::to_string(i), i));
  EXPECT_TRUE(throttle.due("newcomer", devices));
  EXPECT_TRUE(throttle.due("d0", devices + 1));                                // forgotten: one more write
  EXPECT_FALSE(throttle.due("d" + std::to_string(devices - 1), devices + 2));  // recent: still known
}

}  // namespace
}  // namespace passerelle::hub
