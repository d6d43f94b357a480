// Synthetic scenes: deterministic, and each parameter does what its name says.
#include "kiosk/scan/synthetic.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "tests/scan/scenes.h"

namespace passerelle::scan {
namespace {

using testing::encode_or_die;

const print::QrMatrix& ticket_code() {
  static const print::QrMatrix code = encode_or_die("EIF-TKT-7F3K9Q");
  return code;
}

double distance(FramePoint a, FramePoint b) {
  return std::hypot(a.x - b.x, a.y - b.y);
}

TEST(Synthetic, SameParametersGiveTheSamePixels) {
  SceneParams params;
  params.rotation_deg = 17;
  params.tilt_x_deg = 12;
  params.blur_sigma_px = 0.8;
  params.noise_stddev = 6;
  params.badge_card = true;
  params.seed = 99;
  const LumaFrame first = render_scene(ticket_code(), params);
  EXPECT_EQ(first.width(), 1280);
  EXPECT_EQ(first.height(), 720);
  EXPECT_EQ(first, render_scene(ticket_code(), params));
  params.seed = 100;
  EXPECT_NE(first, render_scene(ticket_code(), params));
}

TEST(Synthetic, EmptySceneIsDeterministic) {
  SceneParams params;
  params.frame_width = 640;
  params.frame_height = 480;
  params.noise_stddev = 4;
  const LumaFrame first = render_empty_scene(params);
  EXPECT_EQ(first.width(), 640);
  EXPECT_EQ(first.height(), 480);
  EXPECT_EQ(first, render_empty_scene(params));
}

TEST(Synthetic, CornersFollowScaleAndClockwiseRotation) {
  SceneParams params;
  params.frame_width = 640;
  params.frame_height = 480;
  params.module_px = 4;
  const int size = ticket_code().size();  // 21 modules: 84 px
  auto corners = project_code_corners(size, params, 0);
  EXPECT_NEAR(corners[0].x, 320 - 42, 1e-6);
  EXPECT_NEAR(corners[0].y, 240 - 42, 1e-6);
  EXPECT_NEAR(corners[2].x, 320 + 42, 1e-6);
  EXPECT_NEAR(corners[2].y, 240 + 42, 1e-6);
  // A quarter turn clockwise on screen takes the symbol's top-left corner to the top right.
  params.rotation_deg = 90;
  corners = project_code_corners(size, params, 0);
  EXPECT_NEAR(corners[0].x, 320 + 42, 1e-6);
  EXPECT_NEAR(corners[0].y, 240 - 42, 1e-6);
  // The quiet zone adds four modules on each side.
  params.rotation_deg = 0;
  corners = project_code_corners(size, params, 4);
  EXPECT_NEAR(corners[1].x - corners[0].x, (21 + 8) * 4, 1e-6);
}

TEST(Synthetic, TiltGivesPerspective) {
  SceneParams params;
  params.module_px = 6;
  const int size = ticket_code().size();
  auto corners = project_code_corners(size, params, 0);
  EXPECT_NEAR(distance(corners[0], corners[1]), distance(corners[3], corners[2]), 1e-6);
  params.tilt_x_deg = 30;
  corners = project_code_corners(size, params, 0);
  // Turned about the horizontal axis: top and bottom edges differ, and the symbol looks shorter.
  EXPECT_GT(std::abs(distance(corners[0], corners[1]) - distance(corners[3], corners[2])), 1.0);
  EXPECT_LT(distance(corners[0], corners[3]), size * 6 * 0.95);
  params.tilt_x_deg = 0;
  params.tilt_y_deg = -30;
  corners = project_code_corners(size, params, 0);
  EXPECT_GT(std::abs(distance(corners[0], corners[3]) - distance(corners[1], corners[2])), 1.0);
}

TEST(Synthetic, InkAndPaperFollowContrastAndBrightness) {
  SceneParams params;
  params.frame_width = 640;
  params.frame_height = 480;
  params.module_px = 8;
  params.contrast = 0.75;
  params.brightness = 200;
  const LumaFrame frame = render_scene(ticket_code(), params);
  const auto corners = project_code_corners(ticket_code().size(), params, 0);
  // Centre of the top-left finder pattern (module 3.5, 3.5) and a point in the quiet zone.
  EXPECT_EQ(frame.at(static_cast<int>(corners[0].x + 3.5 * 8), static_cast<int>(corners[0].y + 3.5 * 8)), 50);
  EXPECT_EQ(frame.at(static_cast<int>(corners[0].x - 2 * 8), static_cast<int>(corners[0].y + 10 * 8)), 200);
}

TEST(Synthetic, GammaLiftsDarkGreys) {
  SceneParams params;
  params.frame_width = 640;
  params.frame_height = 480;
  params.module_px = 8;
  params.contrast = 0.8;
  params.brightness = 250;
  params.gamma = 0.5;
  const LumaFrame frame = render_scene(ticket_code(), params);
  const auto corners = project_code_corners(ticket_code().size(), params, 0);
  const int ink = frame.at(static_cast<int>(corners[0].x + 3.5 * 8), static_cast<int>(corners[0].y + 3.5 * 8));
  EXPECT_NEAR(ink, 255 * std::sqrt(50.0 / 255), 1.0);
}

TEST(Synthetic, NoiseHasTheAskedStandardDeviation) {
  SceneParams params;
  params.frame_width = 640;
  params.frame_height = 480;
  params.brightness = 128;
  const LumaFrame clean = render_scene(ticket_code(), params);
  params.noise_stddev = 10;
  const LumaFrame noisy = render_scene(ticket_code(), params);
  double sum = 0, sum_squares = 0;
  int count = 0;
  for (int y = 0; y < 480; ++y) {
    for (int x = 0; x < 640; ++x) {
      if (clean.at(x, y) < 60 || clean.at(x, y) > 195) continue;  // keep away from clamping
      const double difference = noisy.at(x, y) - clean.at(x, y);
      sum += difference;
      sum_squares += difference * difference;
      ++count;
    }
  }
  ASSERT_GT(count, 100000);
  const double mean = sum / count;
  EXPECT_NEAR(mean, 0.0, 0.2);
  EXPECT_NEAR(std::sqrt(sum_squares / count - mean * mean), 10.0, 0.3);
}

TEST(Synthetic, BlurSoftensEdgesAndKeepsFlatAreas) {
  SceneParams params;
  params.frame_width = 640;
  params.frame_height = 480;
  params.module_px = 8;
  params.contrast = 1.0;
  params.brightness = 240;
  const LumaFrame sharp = render_scene(ticket_code(), params);
  params.blur_sigma_px = 1.2;
  const LumaFrame blurred = render_scene(ticket_code(), params);
  auto steepest_step = [](const LumaFrame& frame) {
    int steepest = 0;
    for (int y = 0; y < frame.height(); ++y) {
      for (int x = 1; x < frame.width(); ++x)
        steepest = std::max(steepest, std::abs(frame.at(x, y) - frame.at(x - 1, y)));
    }
    return steepest;
  };
  EXPECT_GE(steepest_step(sharp), 230);
  EXPECT_LT(steepest_step(blurred), 150);
  const auto corners = project_code_corners(ticket_code().size(), params, 0);
  EXPECT_EQ(blurred.at(static_cast<int>(corners[0].x + 3.5 * 8), static_cast<int>(corners[0].y + 3.5 * 8)), 0);
}

TEST(Synthetic, BadgeCardAndPhoneScreenChangeTheSurroundings) {
  SceneParams params;
  params.frame_width = 640;
  params.frame_height = 480;
  params.module_px = 4;
  const LumaFrame plain = render_scene(ticket_code(), params);
  params.badge_card = true;
  const LumaFrame card = render_scene(ticket_code(), params);
  params.badge_card = false;
  params.phone_screen = true;
  const LumaFrame phone = render_scene(ticket_code(), params);
  EXPECT_NE(plain, card);
  EXPECT_NE(plain, phone);
  // Above the code (outside its quiet zone) the card is printed paper, the phone a lit screen.
  const auto corners = project_code_corners(ticket_code().size(), params, 0);
  const int x = static_cast<int>(corners[0].x + 10 * 4);
  const int y = static_cast<int>(corners[0].y - 6 * 4);
  EXPECT_EQ(phone.at(x, y), 220);
}

}  // namespace
}  // namespace passerelle::scan
