// Deterministic camera frames of a QR code, for tests, benchmarks and the kiosk's synthetic camera.
//
// A scene is a flat object (a QR sticker, a printed badge card or a phone screen) seen by a pinhole
// camera: rotated in its plane, tilted towards or away from the camera, then blurred and made noisy
// like a cheap webcam. The same SceneParams (seed included) always give the same pixels on a given
// build; randomness comes from std::mt19937 only.
//
// Cost, one core of the project's VM, 1280x720, Release (scan_bench render/*): 5.4 ms with nobody in
// front (blur 0.6, noise 4), 9.5 ms for a typical badge scene, 14 ms for the heaviest the tests draw
// (a card at 8 px per module, blur sigma 1.2, noise 12); that last one takes 16 ms at -O2. A 30 fps
// synthetic camera can render each frame on the fly, for a sixth to a half of one core.
// Thread safety: the functions are pure; they may run on several threads at once.
// Failure: none on valid parameters. Parameters come from our own code, so a non-positive frame
// size or module size, a tilt of 80 degrees or more, or a contrast outside 0..1 is a bug (assert).
#pragma once

#include <array>
#include <cstdint>

#include "core/print/qr.h"
#include "kiosk/scan/frame.h"

namespace passerelle::scan {

// The quiet zone drawn around the code on each side, in modules (ISO/IEC 18004 asks for 4).
inline constexpr double kQuietZoneModules = 4.0;

struct SceneParams {
  int frame_width = 1280;
  int frame_height = 720;
  // Where the centre of the code lands, as fractions of the frame's width and height.
  double center_x = 0.5;
  double center_y = 0.5;
  // The size of one module, in pixels, at the centre of the code.
  double module_px = 5.0;
  // Rotation of the object in its own plane, clockwise on screen.
  double rotation_deg = 0.0;
  // Perspective: the object turned about the frame's horizontal (x) and vertical (y) axes.
  double tilt_x_deg = 0.0;
  double tilt_y_deg = 0.0;
  // Camera defocus (Gaussian sigma) and sensor noise (Gaussian standard deviation), in grey levels.
  double blur_sigma_px = 0.0;
  double noise_stddev = 0.0;
  // Ink removes this fraction of the paper's luminance: 1 is black ink, 0.2 a faded print.
  double contrast = 0.85;
  // Luminance of the paper (or of a lit phone screen), 0..255.
  double brightness = 220.0;
  std::uint32_t seed = 1;
  // A white badge card with text-like blocks around the code, on a cluttered background. Without
  // it, the code and its quiet zone sit on a plain wall.
  bool badge_card = false;
  // A lit phone screen in a dark bezel instead of paper (ignored when badge_card is set).
  bool phone_screen = false;
  // Applied to the whole frame: luminance = 255 * (luminance / 255)^gamma. Below 1 it lifts dark
  // grey levels, as a phone screen photographed by an auto-exposed webcam looks.
  double gamma = 1.0;
};

struct FramePoint {
  double x = 0.0;
  double y = 0.0;
};

// The frame position of the corners of the code grown by `margin_modules` on each side (4 for the
// quiet zone), in the order top-left, top-right, bottom-right, bottom-left of the symbol.
std::array<FramePoint, 4> project_code_corners(int matrix_size, const SceneParams& params, double margin_modules);

// A frame showing `code` as `params` describe.
LumaFrame render_scene(const print::QrMatrix& code, const SceneParams& params);

// The same camera with nobody in front of it: a cluttered background, blur and noise, no code.
// Uses frame size, blur, noise, gamma and seed from `params`.
LumaFrame render_empty_scene(const SceneParams& params);

}  // namespace passerelle::scan
