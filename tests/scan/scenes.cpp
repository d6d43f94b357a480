#include "tests/scan/scenes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace passerelle::scan::testing {
namespace {

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr int kTokenBodyLength = 133;

double uniform(std::mt19937& random, double low, double high) {
  return low + (high - low) * (static_cast<double>(random()) / 4294967296.0);
}

struct Extent {
  double min_x, min_y, max_x, max_y;
};

Extent code_extent(int matrix_size, const SceneParams& params, double margin_modules) {
  const auto corners = project_code_corners(matrix_size, params, margin_modules);
  Extent extent{corners[0].x, corners[0].y, corners[0].x, corners[0].y};
  for (const FramePoint& corner : corners) {
    extent.min_x = std::min(extent.min_x, corner.x);
    extent.min_y = std::min(extent.min_y, corner.y);
    extent.max_x = std::max(extent.max_x, corner.x);
    extent.max_y = std::max(extent.max_y, corner.y);
  }
  return extent;
}

}  // namespace

std::string fake_token(std::mt19937& random) {
  std::string token = "PSL-";
  for (int i = 0; i < kTokenBodyLength; ++i) token += kBase32[random() % 32];
  return token;
}

std::string fake_ticket_code(std::mt19937& random) {
  constexpr char kAlphabet[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  std::string code = "EIF-TKT-";
  for (int i = 0; i < 6; ++i) code += kAlphabet[random() % (sizeof kAlphabet - 1)];
  return code;
}

print::QrMatrix encode_or_die(const std::string& text) {
  Result<print::QrMatrix> code = print::encode_qr(text);
  if (!code) {
    std::fprintf(stderr, "encode_qr(%s) failed: %s\n", text.c_str(), code.error().message.c_str());
    std::abort();
  }
  return std::move(code).value();
}

bool code_inside_frame(int matrix_size, const SceneParams& params, double margin_modules, double border_px) {
  const Extent extent = code_extent(matrix_size, params, margin_modules);
  return extent.min_x >= border_px && extent.min_y >= border_px && extent.max_x <= params.frame_width - border_px &&
         extent.max_y <= params.frame_height - border_px;
}

bool reasonable(const SweepScene& scene) {
  const SceneParams& p = scene.params;
  const double signal = p.brightness * p.contrast;
  return scene.fully_visible && p.module_px >= 3.5 && p.blur_sigma_px <= 1.0 &&
         signal >= 10.0 * std::max(p.noise_stddev, 1.0) && std::abs(p.tilt_x_deg) <= 30 && std::abs(p.tilt_y_deg) <= 30;
}

SweepScene sweep_scene(std::uint32_t index) {
  std::mt19937 random(0x5357'0000u + index);
  SweepScene scene{
      random() % 5 == 0 ? fake_ticket_code(random) : fake_token(random), print::QrMatrix(0, {}), {}, false};
  scene.code = encode_or_die(scene.text);
  SceneParams& p = scene.params;
  const bool large = random() % 2 == 0;
  p.frame_width = large ? 1280 : 640;
  p.frame_height = large ? 720 : 480;
  p.module_px = uniform(random, 2.5, 8.0);
  p.rotation_deg = uniform(random, 0, 360);
  p.tilt_x_deg = uniform(random, -35, 35);
  p.tilt_y_deg = uniform(random, -35, 35);
  p.blur_sigma_px = uniform(random, 0, 1.2);
  p.noise_stddev = uniform(random, 0, 12);
  p.contrast = uniform(random, 0.45, 0.95);
  p.brightness = uniform(random, 120, 240);
  p.seed = static_cast<std::uint32_t>(random());
  const auto surface = random() % 10;
  p.badge_card = surface < 5;
  p.phone_screen = surface == 5;
  if (p.phone_screen) p.gamma = uniform(random, 0.4, 0.7);
  // Moving the centre translates the image without changing its shape (the camera looks at the
  // code's centre), so the extent at the frame's centre says where the code may go.
  p.center_x = p.center_y = 0.5;
  const Extent extent = code_extent(scene.code.size(), p, 4.0);
  const double half_width = std::max(0.5 * p.frame_width - extent.min_x, extent.max_x - 0.5 * p.frame_width);
  const double half_height = std::max(0.5 * p.frame_height - extent.min_y, extent.max_y - 0.5 * p.frame_height);
  const double room_x = 0.5 * p.frame_width - half_width - 2;
  const double room_y = 0.5 * p.frame_height - half_height - 2;
  const double shift_x = uniform(random, -1, 1);
  const double shift_y = uniform(random, -1, 1);
  if (room_x >= 0 && room_y >= 0) {
    p.center_x = 0.5 + shift_x * room_x / p.frame_width;
    p.center_y = 0.5 + shift_y * room_y / p.frame_height;
  }
  scene.fully_visible = code_inside_frame(scene.code.size(), p, 4.0, 1.0);
  return scene;
}

}  // namespace passerelle::scan::testing
