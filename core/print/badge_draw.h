// Drawing one badge on a cairo context: the layout of names, organisation, country, event name
// and QR code inside the badge's rectangle. Internal to core/print (render_badges_pdf places the
// badges on pages).
//
// Thread safety: uses the caller's context and fonts; no shared state.
#pragma once

#include <cairo.h>

#include "core/print/badge_render.h"
#include "core/print/font_faces.h"
#include "core/print/qr.h"
#include "core/util/result.h"

namespace passerelle::print {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
// Large enough for phone cameras and handheld scanners at about 40 cm.
inline constexpr double kMinQrModuleMm = 0.5;

inline constexpr double mm_to_pt(double mm) {
  return mm * kPointsPerMm;
}

// Sizes of one badge design, in points (1/72 inch, the PDF user unit).
struct BadgeStyle {
  double width = 0;
  double height = 0;
  bool qr_beside_text = false;  // QR at the right of the text (landscape) or below it (portrait)
  double padding = 0;           // between the badge edge and the text
  double qr_margin = 0;         // between the badge edge and the QR's quiet zone
  double qr_side = 0;           // preferred side of the QR with its quiet zone
  double first_name_size = 0;   // largest sizes of each text; names and organisation may shrink
  double last_name_size = 0;
  double name_min_size = 0;
  double organisation_size = 0;
  double organisation_min_size = 0;
  int organisation_lines = 1;  // at most
  double country_size = 0;
  double event_size = 0;
};

// The design used for each sheet layout.
BadgeStyle badge_style(SheetLayout layout);

// Side of the QR code with its quiet zone on a badge: the style's preferred side, or more when the
// symbol has so many modules that they would be narrower than kMinQrModuleMm. Errc::invalid_input
// when that side does not fit the badge.
Result<double> qr_side_on_badge(const QrMatrix& qr, const BadgeStyle& style);

// Draws `badge` with its top-left corner at the user-space origin of `cr`, which must be in
// points. `qr_side` comes from qr_side_on_badge. Failures land in cairo_status(cr).
void draw_badge(cairo_t* cr, const BadgeFonts& fonts, const BadgeContent& badge, const QrMatrix& qr, double qr_side,
                const BadgeStyle& style);

}  // namespace passerelle::print
