// Drawing a QR matrix: as cairo rectangles for the PDF, and as the path of an SVG.
// Internal to core/print; the public entry points are in badge_render.h.
//
// Each row's runs of dark modules become one rectangle, which keeps a badge PDF at a few hundred
// rectangles per symbol instead of one per module.
// Thread safety: pure functions of their arguments; the cairo context belongs to the caller.
#pragma once

#include <cairo.h>

#include <string>

#include "core/print/qr.h"

namespace passerelle::print {

// White margin every reader expects around a symbol (ISO/IEC 18004), in modules.
inline constexpr int kQrQuietZoneModules = 4;

// Modules across the symbol with its quiet zone on both sides.
inline int qr_side_modules(const QrMatrix& matrix) {
  return matrix.size() + 2 * kQrQuietZoneModules;
}

// Paints the square (quiet zone included) white at (x, y), `module` user units per module, then
// the dark modules black. Leaves the source colour black and the current path empty.
void draw_qr(cairo_t* cr, const QrMatrix& matrix, double x, double y, double module);

// An SVG path (user unit = one module, origin at the symbol's corner without quiet zone) of the
// dark modules, one closed subpath per run.
std::string qr_svg_path(const QrMatrix& matrix);

}  // namespace passerelle::print
