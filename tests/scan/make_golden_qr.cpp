// Writes the golden QR frames of tests/data/qr: NAME.png (8-bit grey) and NAME.txt (the text, no
// final newline), then reads each PNG back and decodes it with the production decoder.
//
//   make_golden_qr DIRECTORY
//
// Not run by ctest: the files are committed, and regenerating them is a deliberate act
// (tests/data/qr/README.md). Exit status 1 if a file cannot be written or does not decode.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "kiosk/scan/qr_decoder.h"
#include "kiosk/scan/synthetic.h"
#include "tests/scan/png_io.h"
#include "tests/scan/scenes.h"

namespace passerelle::scan {
namespace {

struct GoldenCase {
  std::string name;
  std::string text;
  SceneParams params;
};

// A fixed fake token per case: real signed tokens come from core/badge; only the shape matters here.
std::string token(std::uint32_t seed) {
  std::mt19937 random(seed);
  return testing::fake_token(random);
}

SceneParams vga() {
  SceneParams params;
  params.frame_width = 640;
  params.frame_height = 480;
  params.module_px = 5;
  // Sensor noise only where it is the point of the case: noise does not compress, and these files
  // are committed. The random sweep in decode_sweep_test covers noise everywhere.
  params.blur_sigma_px = 0.5;
  return params;
}

SceneParams hd() {
  SceneParams params = vga();
  params.frame_width = 1280;
  params.frame_height = 720;
  return params;
}

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  auto add = [&](std::string name, std::string text, SceneParams params, std::uint32_t seed) {
    params.seed = seed;
    cases.push_back({std::move(name), std::move(text), params});
  };
  add("token_plain_640x480", token(1), vga(), 1);
  add("ticket_plain_640x480", "EIF-TKT-7F3K9Q", vga(), 2);
  SceneParams p = vga();
  p.rotation_deg = 30;
  add("token_rotated_30", token(3), p, 3);
  p.rotation_deg = 90;
  add("token_rotated_90", token(4), p, 4);
  p.rotation_deg = 180;
  add("ticket_rotated_180", "EIF-TKT-2M8XQ4", p, 5);
  p = vga();
  p.tilt_x_deg = 30;
  p.rotation_deg = 8;
  add("token_tilt_x_30", token(6), p, 6);
  p = vga();
  p.tilt_x_deg = 20;
  p.tilt_y_deg = -25;
  p.rotation_deg = 200;
  add("token_tilt_xy", token(7), p, 7);
  p = vga();
  p.blur_sigma_px = 1.2;
  p.module_px = 5.5;
  p.rotation_deg = 12;
  add("token_blurred", token(8), p, 8);
  p = vga();
  p.noise_stddev = 10;
  p.rotation_deg = 340;
  add("token_noisy", token(9), p, 9);
  p = vga();
  p.contrast = 0.45;  // ink 105, paper 190; ZXing 1.4 misses 1 rotation in 20 at 0.4, 1 in 4 at 0.3
  p.brightness = 190;
  p.rotation_deg = 5;
  add("token_low_contrast", token(10), p, 10);
  p = vga();
  p.module_px = 3;
  p.blur_sigma_px = 0.4;
  p.rotation_deg = 21;
  p.center_x = 0.35;
  p.center_y = 0.6;
  add("token_small_modules_640x480", token(11), p, 11);
  p = hd();
  p.module_px = 9;
  p.rotation_deg = 350;
  p.tilt_y_deg = 10;
  add("token_large_1280x720", token(12), p, 12);
  // Held close: 16 px per module. With this much noise only ZXing's downscaled layer reads it, which
  // needs the frame's smaller side above 500 px; 800x600 keeps the file small.
  p = vga();
  p.frame_width = 800;
  p.frame_height = 600;
  p.module_px = 16;
  p.noise_stddev = 8;
  p.blur_sigma_px = 1.0;
  p.rotation_deg = 20;
  add("ticket_closeup_800x600", "EIF-TKT-9RW3ZA", p, 13);
  p = hd();
  p.badge_card = true;
  p.module_px = 4.5;
  p.rotation_deg = 14;
  p.tilt_x_deg = 12;
  p.tilt_y_deg = 18;
  p.center_x = 0.42;
  p.center_y = 0.58;
  p.blur_sigma_px = 0.7;
  add("token_badge_card_clutter", token(14), p, 14);
  p = vga();
  p.phone_screen = true;
  p.brightness = 250;
  p.contrast = 0.92;
  p.gamma = 0.45;
  p.module_px = 4.5;
  p.rotation_deg = 75;
  p.tilt_y_deg = 15;
  p.blur_sigma_px = 0.8;
  add("token_phone_screen_gamma", token(15), p, 15);
  return cases;
}

bool write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

int run(const std::filesystem::path& directory) {
  const QrDecoder decoder;
  int failures = 0;
  for (const GoldenCase& golden : golden_cases()) {
    const LumaFrame frame = render_scene(testing::encode_or_die(golden.text), golden.params);
    const std::filesystem::path png = directory / (golden.name + ".png");
    if (Status written = testing::write_png(frame, png); !written) {
      std::fprintf(stderr, "%s\n", written.error().message.c_str());
      return 1;
    }
    if (!write_text(directory / (golden.name + ".txt"), golden.text)) {
      std::fprintf(stderr, "cannot write %s.txt\n", golden.name.c_str());
      return 1;
    }
    Result<LumaFrame> back = testing::read_png(png);
    const std::optional<std::string> decoded = back ? decoder.decode(back->view()) : std::nullopt;
    const bool ok = decoded == golden.text;
    failures += ok ? 0 : 1;
    std::printf("%-30s %4dx%-4d %s\n", golden.name.c_str(), frame.width(), frame.height(),
                ok ? "decodes" : "DOES NOT DECODE");
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace passerelle::scan

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIRECTORY   (tests/data/qr)\n", argv[0]);
    return 2;
  }
  return passerelle::scan::run(argv[1]);
}
