// Organisers' passwords kept as argon2id hashes (core/auth/password.h): the right password
// verifies and no other, the bounds are checked before anything is hashed, and the decoy that
// answers for an unknown account matches nothing. One hash and three verifications in all:
// argon2id costs tens of milliseconds each, by design.
#include "core/auth/password.h"

#include <gtest/gtest.h>

#include "core/auth/staff_pin.h"

namespace passerelle {
namespace {

TEST(Password, TheHashVerifiesThePasswordAndNoOther) {
  const std::string password = "correct horse battery";
  auto hash = hash_password(password);
  ASSERT_TRUE(hash) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *hash << ": the staff PIN's limits";
  EXPECT_EQ(hash->find(password), std::string::npos);
  EXPECT_TRUE(check_password_hash(*hash));
  EXPECT_TRUE(password_matches(*hash, password));
  EXPECT_FALSE(password_matches(*hash, "correct horse batterY"));
  // Out of bounds: false at once, nothing hashed.
  EXPECT_FALSE(password_matches(*hash, "short"));
  EXPECT_FALSE(password_matches(*hash, std::string(kMaxPasswordBytes + 1, 'x')));
  // One home for argon2id: a staff PIN hash is the same kind of string.
  EXPECT_TRUE(check_staff_pin_hash(*hash));
}

TEST(Password, ShortAndOverlongPasswordsAreRefusedBeforeHashing) {
  const auto too_short = hash_password("eleven char");
  ASSERT_FALSE(too_short);
  EXPECT_EQ(too_short.error().code, Errc::invalid_input);
  EXPECT_NE(too_short.error().message.find("at least 12 characters"), std::string::npos) << too_short.error().message;
  // Characters, not bytes: eleven accented letters are 22 bytes and still too short.
  EXPECT_FALSE(check_password("ééééééééééé"));
  EXPECT_TRUE(check_password("éééééééééééé"));
  EXPECT_TRUE(check_password("twelve chars"));
  EXPECT_TRUE(check_password(std::string(kMaxPasswordBytes, 'x')));
  // A megabyte is refused by its length alone: hashing it per request would be a denial of service.
  const auto huge = hash_password(std::string(1'000'000, 'x'));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code, Errc::invalid_input);
  EXPECT_NE(huge.error().message.find("at most 1024 bytes"), std::string::npos) << huge.error().message;
  EXPECT_FALSE(check_password(std::string(kMaxPasswordBytes + 1, 'x')));
}

TEST(Password, MalformedHashesAndTheDecoyMatchNothing) {
  for (const char* bad : {"", "correct horse battery", "$2y$10$abcdefghijklmnopqrstuv", "$argon2id$v=19$garbage",
                          "$argon2i$v=19$m=65536,t=2,p=1$cGFzc2VyZWxsZS1kZWNveQ$AAAA"}) {
    EXPECT_FALSE(check_password_hash(bad)) << bad;
    EXPECT_FALSE(password_matches(bad, "correct horse battery")) << bad;
  }
  // The decoy's form (password.cpp): a string libsodium reads, so that verifying against it costs
  // a real verification rather than failing at once.
  EXPECT_TRUE(check_password_hash("$argon2id$v=19$m=65536,t=2,p=1$cGFzc2VyZWxsZS1kZWNveQ$" + std::string(43, 'A')));
  EXPECT_FALSE(password_matches_no_account("correct horse battery"));
  EXPECT_FALSE(password_matches_no_account(std::string(1'000'000, 'x')));
}

}  // namespace
}  // namespace passerelle
