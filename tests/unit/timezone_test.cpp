#include "core/time/timezone.h"

#include <gtest/gtest.h>

namespace passerelle {
namespace {

// 2026-03-29 01:00 UTC: Brussels moves from UTC+1 to UTC+2.
constexpr std::int64_t kDstStartUtcMs = 1774746000000;

TEST(TimeZone, UnknownNamesAreRejected) {
  EXPECT_FALSE(TimeZone::create("Europe/Atlantis"));
  EXPECT_FALSE(TimeZone::create(""));
  EXPECT_TRUE(TimeZone::create("Europe/Brussels"));
}

TEST(TimeZone, LocalDayFollowsTheZoneAcrossMidnight) {
  auto brussels = *TimeZone::create("Europe/Brussels");
  const auto midnight = *brussels.start_of_day("2026-12-08");
  EXPECT_EQ(brussels.local_day(midnight - 1), "2026-12-07");
  EXPECT_EQ(brussels.local_day(midnight), "2026-12-08");
  EXPECT_EQ(brussels.local_time_of_day(midnight + 9 * 3600000 + 12 * 60000), "09:12");
  // 23:30 UTC on the 7th is already the 8th in Brussels (UTC+1 in winter).
  EXPECT_EQ(midnight, 1796684400000);
}

TEST(TimeZone, DaylightSavingChangesTheOffset) {
  auto brussels = *TimeZone::create("Europe/Brussels");
  EXPECT_EQ(brussels.utc_offset_ms(kDstStartUtcMs - 1), 3600000);
  EXPECT_EQ(brussels.utc_offset_ms(kDstStartUtcMs), 7200000);
  EXPECT_EQ(*brussels.start_of_day("2026-03-30"), 1774821600000);  // 22:00 UTC the day before
}

TEST(TimeZone, DateValidation) {
  EXPECT_TRUE(is_iso_date("2024-02-29"));
  EXPECT_FALSE(is_iso_date("2026-02-29"));
  EXPECT_FALSE(is_iso_date("2026-13-01"));
  EXPECT_FALSE(is_iso_date("2026-1-01"));
  EXPECT_FALSE(is_iso_date("26-01-01xx"));
  EXPECT_EQ(format_day(0), "1970-01-01");
}

}  // namespace
}  // namespace passerelle
