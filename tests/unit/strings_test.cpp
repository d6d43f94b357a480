// core/util/strings.h: parse_integer takes the whole text or nothing, so "12abc", " 12" and a
// number one past its type's range are each refused rather than read as something else.
#include "core/util/strings.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace passerelle {
namespace {

TEST(ParseInteger, TakesTheWholeTextOrNothing) {
  EXPECT_EQ(parse_integer<std::int64_t>("0"), 0);
  EXPECT_EQ(parse_integer<std::int64_t>("42"), 42);
  EXPECT_EQ(parse_integer<std::int64_t>("-7"), -7);
  for (const char* bad : {"", " 1", "1 ", "12abc", "+1", "0x10", "1.5", "-", "١٢"})
    EXPECT_EQ(parse_integer<std::int64_t>(bad), std::nullopt) << '"' << bad << '"';
}

TEST(ParseInteger, RefusesOnePastTheTypesRange) {
  EXPECT_EQ(parse_integer<std::int64_t>("9223372036854775807"), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(parse_integer<std::int64_t>("9223372036854775808"), std::nullopt);
  EXPECT_EQ(parse_integer<std::int64_t>("-9223372036854775808"), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(parse_integer<std::int64_t>("-9223372036854775809"), std::nullopt);
  EXPECT_EQ(parse_integer<int>("2147483648"), std::nullopt);
  EXPECT_EQ(parse_integer<std::uint16_t>("65535"), 65535);
  EXPECT_EQ(parse_integer<std::uint16_t>("65536"), std::nullopt);
  EXPECT_EQ(parse_integer<unsigned>("-1"), std::nullopt);
}

}  // namespace
}  // namespace passerelle
