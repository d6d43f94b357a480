// Fitting a line of text into a width: shrink it down to a minimum size, then cut it and end it
// with "…". Internal to core/print.
//
// Widths come from cairo_text_extents with the face and size set on `cr`, and take the larger of
// the advance and the ink extent, so that no glyph pokes out of the box. The text must be valid
// UTF-8 (checked by the caller); cuts fall on character boundaries and never split an accent from
// its letter.
// Thread safety: uses the caller's cairo context, which changes its font face and size.
#pragma once

#include <cairo.h>

#include <string>
#include <string_view>
#include <vector>

namespace passerelle::print {

struct FitLimits {
  double max_size = 0;  // user units (points on a PDF page)
  double min_size = 0;
};

struct FittedLine {
  std::string text;  // as given, or a prefix of it followed by "…"
  double size = 0;
  double width = 0;  // at `size`, in user units
  bool ellipsised = false;
};

// Width of `text` at the face and size currently set on `cr`.
double text_width(cairo_t* cr, const std::string& text);

// The largest size within `limits` at which `text` fits `max_width`; when it does not fit even
// at the minimum, the longest prefix that fits with "…" at the minimum size.
FittedLine fit_line(cairo_t* cr, cairo_font_face_t* face, std::string_view text, double max_width, FitLimits limits);

// Like fit_line, but may break at spaces into up to `max_lines` lines set at one size, when that
// gives larger text than fewer lines would. Breaks are chosen to make the widest line narrowest.
// Returns one to `max_lines` lines; any of them may be ellipsised when even that is not enough.
std::vector<FittedLine> fit_lines(cairo_t* cr, cairo_font_face_t* face, std::string_view text, double max_width,
                                  FitLimits limits, int max_lines);

}  // namespace passerelle::print
