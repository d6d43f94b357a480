#include "core/print/page_text.h"

#include <algorithm>
#include <string>

#include "core/util/strings.h"

namespace passerelle::print {
namespace {

constexpr double kHeaderTextGray = 0.35;
constexpr double kHeaderRuleGray = 0.6;
constexpr double kHeaderRuleWidth = 0.6;  // points

}  // namespace

double draw_fitted_line(cairo_t* cr, cairo_font_face_t* face, std::string_view text, double left, double top,
                        double width, FitLimits limits, double gray, TextAlign align) {
  const std::string_view trimmed = trim(text);
  if (trimmed.empty() || width <= 0) return top;
  const FittedLine fitted = fit_line(cr, face, trimmed, width, limits);
  cairo_set_font_face(cr, face);
  cairo_set_font_size(cr, fitted.size);
  cairo_font_extents_t extents;
  cairo_font_extents(cr, &extents);
  double x = left;
  if (align == TextAlign::centre) x += (width - fitted.width) / 2;
  if (align == TextAlign::right) x += width - fitted.width;
  cairo_set_source_rgb(cr, gray, gray, gray);
  cairo_move_to(cr, x, top + extents.ascent);
  cairo_show_text(cr, fitted.text.c_str());
  cairo_new_path(cr);
  return top + extents.ascent + extents.descent;
}

double draw_event_header(cairo_t* cr, cairo_font_face_t* face, std::string_view event, double left, double top,
                         double width, double size) {
  if (trim(event).empty()) return top;
  const double bottom = draw_fitted_line(cr, face, event, left, top, width, {size, std::min(size, 5.5)},
                                         kHeaderTextGray, TextAlign::left);
  const double rule_y = bottom + size * 0.35;
  cairo_set_source_rgb(cr, kHeaderRuleGray, kHeaderRuleGray, kHeaderRuleGray);
  cairo_set_line_width(cr, kHeaderRuleWidth);
  cairo_move_to(cr, left, rule_y);
  cairo_line_to(cr, left + width, rule_y);
  cairo_stroke(cr);
  return rule_y + size * 0.6;
}

}  // namespace passerelle::print
