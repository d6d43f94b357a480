// Badge texts and camera scenes for the scan tests and benchmarks, all derived from seeds.
//
// Thread safety: pure functions. Failure: none.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "core/print/qr.h"
#include "kiosk/scan/synthetic.h"

namespace passerelle::scan::testing {

// The shape of a signed token without its meaning: "PSL-" and 133 base32 characters (A-Z, 2-7).
// Real tokens come from core/badge; the decoder only ever sees their text.
std::string fake_token(std::mt19937& random);

// A plain ticket code from another registration system, such as "EIF-TKT-7F3K9Q".
std::string fake_ticket_code(std::mt19937& random);

// encode_qr for texts the tests make themselves (which always fit): aborts on failure.
print::QrMatrix encode_or_die(const std::string& text);

// One scene of the random sweep: what is shown, how, and whether a person at a kiosk would call
// it a fair attempt (the whole code and its quiet zone in the frame).
struct SweepScene {
  std::string text;
  print::QrMatrix code;
  SceneParams params;
  bool fully_visible = false;
};

// Ranges: 640x480 or 1280x720, rotation 0-360 degrees, each tilt within +-35 degrees, 2.5 to 8 pixels
// per module, blur sigma up to 1.2, noise up to 12 grey levels, contrast 0.45 to 0.95, paper 120 to
// 240; half of them badge cards on clutter, a tenth phone screens; one in five a ticket code.
SweepScene sweep_scene(std::uint32_t index);

// The scenes a decoder is held to (decode_sweep_test): whole code and quiet zone in the frame, at
// least 3.5 pixels per module, blur sigma at most 1, (paper - ink) / noise at least 10, neither tilt
// beyond 30 degrees. Chosen after measuring ZXing-C++ 1.4.0 on 2,400 scenes: it reads 98.4 % of
// these, and 88.5 % of all the scenes whose code is fully visible (kiosk/scan/qr_decoder.cpp).
bool reasonable(const SweepScene& scene);

// Whether the code and `margin_modules` around it land inside the frame, `border_px` from its edges.
bool code_inside_frame(int matrix_size, const SceneParams& params, double margin_modules, double border_px);

}  // namespace passerelle::scan::testing
