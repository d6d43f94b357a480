// The staff PIN kept as an argon2id hash (core/auth/staff_pin.h): the right PIN verifies, any other
// does not, and only a PIN of 4 to 12 digits is hashed.
#include "core/auth/staff_pin.h"

#include <gtest/gtest.h>

namespace passerelle {
namespace {

TEST(StaffPin, TheHashVerifiesThePinAndNoOther) {
  auto hash = hash_staff_pin("482913");
  ASSERT_TRUE(hash) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_EQ(hash->find("482913"), std::string::npos);
  EXPECT_TRUE(check_staff_pin_hash(*hash));
  EXPECT_TRUE(staff_pin_matches(*hash, "482913"));
  EXPECT_FALSE(staff_pin_matches(*hash, "482914"));
  EXPECT_FALSE(staff_pin_matches(*hash, "48291"));
  EXPECT_FALSE(staff_pin_matches(*hash, ""));
  auto again = hash_staff_pin("482913");
  ASSERT_TRUE(again);
  EXPECT_NE(*again, *hash) << "salted";
}

TEST(StaffPin, OnlyFourToTwelveDigitsAreHashed) {
  for (const char* bad : {"", "123", "1234567890123", "12a4", "12 34", "١٢٣٤"}) {
    auto refused = hash_staff_pin(bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, Errc::invalid_input);
  }
  EXPECT_TRUE(check_staff_pin("1234"));
  EXPECT_TRUE(check_staff_pin("123456789012"));
}

TEST(StaffPin, AMalformedHashMatchesNothing) {
  for (const char* bad : {"", "1234", "$2y$10$abcdefghijklmnopqrstuv", "$argon2id$v=19$garbage"}) {
    EXPECT_FALSE(check_staff_pin_hash(bad)) << bad;
    EXPECT_FALSE(staff_pin_matches(bad, "1234")) << bad;
  }
}

}  // namespace
}  // namespace passerelle
