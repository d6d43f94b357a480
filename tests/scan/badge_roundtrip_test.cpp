// Round trip of real badges through a camera's eyes: signed token -> libqrencode -> a frame with
// scaling, rotation, perspective, blur and noise at 640x480 and 1280x720 -> the production
// decoder (ZXing-C++) -> parse and Ed25519 verification. Many seeded cases; a decoded text is
// never wrong, and every fair scene verifies.
#include <gtest/gtest.h>

#include <random>

#include "core/badge/token.h"
#include "kiosk/scan/qr_decoder.h"
#include "tests/scan/scenes.h"
#include "tests/support/test_support.h"

namespace passerelle::scan {
namespace {

TEST(BadgeRoundTrip, SignedBadgesSurviveTheCameraAndVerify) {
  const auto key = badge::key_pair_from_seed({42});
  const auto other_key = badge::key_pair_from_seed({43});
  const QrDecoder decoder;
  std::mt19937 random(2026);
  auto draw = [&random](std::uint32_t below) { return static_cast<std::uint32_t>(random() % below); };
  int fair = 0, fair_verified = 0, decoded = 0;
  constexpr std::uint32_t kCases = passerelle::testing::kSanitizerBuild ? 100 : 300;  // test_support.h says why
  for (std::uint32_t i = 0; i < kCases; ++i) {
    // The sweep's scene geometry, with a real signed token in place of its fake text.
    auto scene = testing::sweep_scene(i);
    badge::TokenClaims claims;
    claims.event_id = 1 + draw(1000);
    claims.participant_id = 1 + draw(100000);
    claims.badge_serial = static_cast<std::uint16_t>(1 + draw(5));
    claims.issued_at_s = 1796112000 + draw(100000);
    const auto token = badge::issue_token(claims, key);
    const auto code = testing::encode_or_die(token);
    const auto frame = render_scene(code, scene.params);
    scene.code = code;
    scene.text = token;
    scene.fully_visible = testing::code_inside_frame(code.size(), scene.params, 4.0, 1.0);
    const bool is_fair = testing::reasonable(scene);
    fair += is_fair ? 1 : 0;

    const auto text = decoder.decode(frame.view());
    if (!text) continue;
    ++decoded;
    ASSERT_EQ(*text, token) << "case " << i << " misread";
    auto parsed = badge::parse_token(*text);
    ASSERT_TRUE(parsed) << parsed.error().message;
    ASSERT_TRUE(badge::verify_signature(*parsed, key.public_key));
    ASSERT_FALSE(badge::verify_signature(*parsed, other_key.public_key));
    claims.key_id = key.key_id;
    ASSERT_EQ(parsed->claims, claims);
    fair_verified += is_fair ? 1 : 0;
  }
  std::printf("round trip: %d of %u decoded; %d of %d fair scenes verified\n", decoded, kCases, fair_verified, fair);
  ASSERT_GT(fair, passerelle::testing::kSanitizerBuild ? 15 : 50);
  EXPECT_GE(fair_verified * 100, fair * 97) << "fair scenes must read at least 97% of the time";
}

}  // namespace
}  // namespace passerelle::scan
