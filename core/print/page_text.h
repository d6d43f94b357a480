// Text placed on agendas and table cards: one line fitted to its box (text_fit.h) and drawn from
// its top, and the event-name header with its rule that badges also carry. Internal to core/print.
//
// Thread safety: uses the caller's cairo context, whose font face, size and source it changes.
#pragma once

#include <cairo.h>

#include <string_view>

#include "core/print/text_fit.h"

namespace passerelle::print {

enum class TextAlign { left, centre, right };

// The grey of every other row in a printed table (agendas, reports, attendance lists): light
// enough for a photocopier to keep the text black.
inline constexpr double kStripeGray = 0.93;

// Draws `text` on one line in [left, left + width], at the largest size within `limits` that fits
// (ellipsised below the minimum), with the top of its font box at `top`, in `gray` (0 black, 1
// white). Returns the bottom of the font box. Empty text draws nothing and returns `top`.
double draw_fitted_line(cairo_t* cr, cairo_font_face_t* face, std::string_view text, double left, double top,
                        double width, FitLimits limits, double gray, TextAlign align);

// The event name small and grey with a hairline rule under it across the width, as on a badge.
// Returns where the content below may start.
double draw_event_header(cairo_t* cr, cairo_font_face_t* face, std::string_view event, double left, double top,
                         double width, double size);

}  // namespace passerelle::print
