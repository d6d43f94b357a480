// The demo camera: badges come into view, are held, leave; empty frames cost nothing; all of it
// decided by the frame number and the seed.
#include "kiosk/scan/synthetic_source.h"

#include <gtest/gtest.h>

#include "kiosk/scan/qr_decoder.h"

namespace passerelle::scan {
namespace {

using namespace std::chrono_literals;

const std::vector<std::string> kTexts = {
    "PSL-TESTTOKENAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "EIF-TKT-7F3K9Q", "EIF-TKT-2M8XQ4"};

SyntheticCameraConfig small_camera() {
  SyntheticCameraConfig config;
  config.width = 640;
  config.height = 480;
  config.texts = kTexts;
  config.seed = 11;
  config.gap = 200ms;
  config.enter = 300ms;
  config.hold = 500ms;
  config.leave = 200ms;
  config.real_time = false;
  return config;
}

LumaFrame next_copy(SyntheticSource& source) {
  Result<std::optional<CapturedFrame>> frame = source.next_frame(1s);
  if (!frame || !frame->has_value()) {
    ADD_FAILURE() << "no frame";
    return LumaFrame(1, 1);
  }
  return copy_to_luma((*frame)->view);
}

TEST(SyntheticSource, TimelineOfGapEnterHoldLeave) {
  SyntheticSource source(small_camera());
  // 6 + 9 + 15 + 6 frames at 30 fps.
  ASSERT_EQ(source.cycle_frames(), 36u);
  for (std::uint64_t frame = 0; frame < 6; ++frame) EXPECT_FALSE(source.appearance_at(frame).has_value());
  for (std::uint64_t frame = 6; frame < 36; ++frame) EXPECT_EQ(source.appearance_at(frame), 0u);
  EXPECT_FALSE(source.appearance_at(36).has_value());
  EXPECT_EQ(source.appearance_at(42), 1u);
  EXPECT_EQ(source.appearance_at(36 * 4 + 20), 4u);  // texts[4 % 3]: the second text again
}

TEST(SyntheticSource, BadgeSlidesAndGrowsIntoViewThenLeaves) {
  SyntheticSource source(small_camera());
  ASSERT_TRUE(source.start().has_value());
  for (std::uint64_t appearance = 0; appearance < 8; ++appearance) {
    const std::uint64_t first = appearance * 36 + 6;
    const SceneParams entering = *source.scene_at(first);
    const SceneParams held = *source.scene_at(first + 9 + 7);
    const SceneParams gone = *source.scene_at(first + 29);
    const auto outside = [](const SceneParams& p) {
      return p.center_x < 0 || p.center_x > 1 || p.center_y < 0 || p.center_y > 1;
    };
    EXPECT_TRUE(outside(entering)) << appearance;
    EXPECT_FALSE(outside(held)) << appearance;
    EXPECT_LT(entering.module_px, held.module_px) << appearance;
    EXPECT_NE(entering.rotation_deg, held.rotation_deg) << appearance;
    EXPECT_GT(std::abs(held.rotation_deg), 0.0);
    EXPECT_GT(entering.blur_sigma_px, held.blur_sigma_px) << "moving badges are blurred more";
    EXPECT_GT(std::abs(gone.center_x - held.center_x) + std::abs(gone.center_y - held.center_y), 0.3) << appearance;
  }
}

TEST(SyntheticSource, HeldBadgesDecodeToTheirText) {
  SyntheticCameraConfig config = small_camera();
  config.width = 1280;
  config.height = 720;
  SyntheticSource source(config);
  ASSERT_TRUE(source.start().has_value());
  const QrDecoder decoder;
  int held = 0, read = 0;
  for (std::uint64_t frame = 0; frame < 3 * source.cycle_frames(); ++frame) {
    Result<std::optional<CapturedFrame>> captured = source.next_frame(1s);
    ASSERT_TRUE(captured.has_value() && captured->has_value());
    EXPECT_EQ((*captured)->sequence, frame);
    const std::optional<std::string> text = decoder.decode((*captured)->view);
    const std::optional<std::uint64_t> appearance = source.appearance_at(frame);
    if (!appearance) {
      EXPECT_FALSE(text.has_value()) << frame;
      continue;
    }
    if (text) {
      EXPECT_EQ(*text, kTexts[*appearance % kTexts.size()]) << frame;
    }
    const std::uint64_t position = frame % source.cycle_frames();
    if (position >= 6 + 9 && position < 6 + 9 + 15) {
      ++held;
      read += text.has_value();
    }
  }
  EXPECT_EQ(held, 45);
  EXPECT_GE(read, 40) << "a held badge reads in nearly every frame";
}

TEST(SyntheticSource, SameConfigSameFrames) {
  SyntheticSource first(small_camera()), second(small_camera());
  ASSERT_TRUE(first.start().has_value());
  ASSERT_TRUE(second.start().has_value());
  for (int frame = 0; frame < 40; ++frame) ASSERT_EQ(next_copy(first), next_copy(second)) << frame;
}

TEST(SyntheticSource, EmptyFramesAreTheCachedBackground) {
  SyntheticCameraConfig config = small_camera();
  SyntheticSource source(config);
  ASSERT_TRUE(source.start().has_value());
  SceneParams empty;
  empty.frame_width = 640;
  empty.frame_height = 480;
  empty.blur_sigma_px = config.blur_sigma_px;
  empty.noise_stddev = config.noise_stddev;
  empty.seed = config.seed;
  const LumaFrame background = render_empty_scene(empty);
  for (int frame = 0; frame < 6; ++frame) EXPECT_EQ(next_copy(source), background) << frame;
  EXPECT_NE(next_copy(source), background);  // frames with a badge are rendered afresh
}

TEST(SyntheticSource, NobodyEverComesWithoutTexts) {
  SyntheticCameraConfig config = small_camera();
  config.texts.clear();
  SyntheticSource source(config);
  ASSERT_TRUE(source.start().has_value());
  const LumaFrame first = next_copy(source);
  for (int frame = 1; frame < 100; ++frame) {
    EXPECT_FALSE(source.appearance_at(static_cast<std::uint64_t>(frame)).has_value());
    ASSERT_EQ(next_copy(source), first);
  }
}

TEST(SyntheticSource, StopsAtTheFrameLimitAndRestarts) {
  SyntheticCameraConfig config = small_camera();
  config.frame_limit = 3;
  SyntheticSource source(config);
  ASSERT_TRUE(source.start().has_value());
  for (int frame = 0; frame < 3; ++frame) ASSERT_TRUE(source.next_frame(1s)->has_value());
  EXPECT_FALSE(source.next_frame(1ms)->has_value());
  source.stop();
  ASSERT_TRUE(source.start().has_value());
  const Result<std::optional<CapturedFrame>> again = source.next_frame(1s);
  ASSERT_TRUE(again->has_value());
  EXPECT_EQ((*again)->sequence, 0u);
}

TEST(SyntheticSource, VirtualTimeFollowsTheFrameRate) {
  SyntheticSource source(small_camera());
  ASSERT_TRUE(source.start().has_value());
  const auto first = (*source.next_frame(1s))->captured_at;
  static_cast<void>(source.next_frame(1s));
  const auto third = (*source.next_frame(1s))->captured_at;
  const double elapsed_ms = std::chrono::duration<double, std::milli>(third - first).count();
  EXPECT_NEAR(elapsed_ms, 66.67, 0.01);
}

TEST(SyntheticSource, RefusesTextsThatCannotBeEncoded) {
  SyntheticCameraConfig config = small_camera();
  config.texts = {""};
  SyntheticSource source(config);
  const Status started = source.start();
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().code, Errc::invalid_input);
  EXPECT_EQ(source.describe(), "demo camera (640x480, 30 fps)");
}

}  // namespace
}  // namespace passerelle::scan
