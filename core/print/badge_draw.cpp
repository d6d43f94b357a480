#include "core/print/badge_draw.h"

#include <algorithm>
#include <cassert>
#include <optional>
#include <string>
#include <vector>

#include "core/print/country_names.h"
#include "core/print/qr_draw.h"
#include "core/print/text_fit.h"
#include "core/util/strings.h"

namespace passerelle::print {
namespace {

constexpr double kNameGray = 0.0;
constexpr double kOrganisationGray = 0.15;
constexpr double kCountryGray = 0.2;
constexpr double kEventGray = 0.35;
constexpr double kRuleGray = 0.6;
constexpr double kRuleWidth = 0.6;
constexpr double kEventMinSize = 5.5;
constexpr double kCountryMinShare = 0.7;
// Room for the text block is what the QR code leaves; the QR may take at most this share of the
// badge's width (landscape) or height (portrait).
constexpr double kMaxQrShare = 0.6;
// When the text at its largest sizes is taller than its room, all sizes shrink by this factor and
// the layout is tried again.
constexpr double kShrinkFactor = 0.92;
constexpr int kMaxShrinkRounds = 10;

struct Segment {
  cairo_font_face_t* face = nullptr;
  std::string text;
  double width = 0;
};

// A line of text at one size, possibly in two faces (a country's bold code, then its name).
struct Line {
  std::vector<Segment> segments;
  double size = 0;
  double gray = 0;
  double space_before = 0;

  double width() const {
    double total = 0;
    for (const Segment& segment : segments) total += segment.width;
    return total;
  }
};

struct VerticalMetrics {
  double ascent = 0;
  double descent = 0;
};

VerticalMetrics vertical_metrics(cairo_t* cr, const Line& line) {
  cairo_set_font_face(cr, line.segments.front().face);
  cairo_set_font_size(cr, line.size);
  cairo_font_extents_t extents;
  cairo_font_extents(cr, &extents);
  return {extents.ascent, extents.descent};
}

double block_height(cairo_t* cr, const std::vector<Line>& lines) {
  double height = 0;
  for (const Line& line : lines) {
    const VerticalMetrics metrics = vertical_metrics(cr, line);
    height += line.space_before + metrics.ascent + metrics.descent;
  }
  return height;
}

Line make_line(FittedLine fitted, cairo_font_face_t* face, double gray, double space_before) {
  return Line{{Segment{face, std::move(fitted.text), fitted.width}}, fitted.size, gray, space_before};
}

enum class Align { left, centre };

// Draws `lines` downwards from `top`; returns the bottom of the last one.
double draw_block(cairo_t* cr, const std::vector<Line>& lines, double left, double width, double top, Align align) {
  double y = top;
  for (const Line& line : lines) {
    const VerticalMetrics metrics = vertical_metrics(cr, line);
    y += line.space_before + metrics.ascent;
    double x = align == Align::left ? left : left + (width - line.width()) / 2;
    cairo_set_source_rgb(cr, line.gray, line.gray, line.gray);
    for (const Segment& segment : line.segments) {
      cairo_set_font_face(cr, segment.face);
      cairo_set_font_size(cr, line.size);
      cairo_move_to(cr, x, y);
      cairo_show_text(cr, segment.text.c_str());
      x += segment.width;
    }
    y += metrics.descent;
  }
  cairo_new_path(cr);
  return y;
}

void draw_rule(cairo_t* cr, double left, double width, double y) {
  cairo_set_source_rgb(cr, kRuleGray, kRuleGray, kRuleGray);
  cairo_set_line_width(cr, kRuleWidth);
  cairo_move_to(cr, left, y);
  cairo_line_to(cr, left + width, y);
  cairo_stroke(cr);
}

FitLimits scaled(double max_size, double min_size, double scale) {
  const double size = max_size * scale;
  return {size, std::min(min_size, size)};
}

std::string ascii_upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

// The ISO code in bold, then the English name when it is known and there is room for it.
std::optional<Line> country_line(cairo_t* cr, const BadgeFonts& fonts, std::string_view country, double size,
                                 double max_width, double space_before) {
  const std::string_view given = trim(country);
  if (given.empty()) return std::nullopt;
  const std::string code = ascii_upper(given);
  const std::string_view name = code.size() == 2 ? english_country_name(code) : std::string_view();
  if (name.empty()) {
    // Not a code we know: print what the registration said rather than guess.
    return make_line(fit_line(cr, fonts.bold(), given, max_width, {size, size * kCountryMinShare}), fonts.bold(),
                     kCountryGray, space_before);
  }
  cairo_set_font_face(cr, fonts.bold());
  cairo_set_font_size(cr, size);
  Line line{{Segment{fonts.bold(), code, text_width(cr, code)}}, size, kCountryGray, space_before};
  // An em space keeps the code and the name apart without punctuation.
  std::string spaced_name = "\xE2\x80\x83" + std::string(name);
  cairo_set_font_face(cr, fonts.regular());
  const double name_width = text_width(cr, spaced_name);
  if (line.width() + name_width <= max_width)
    line.segments.push_back({fonts.regular(), std::move(spaced_name), name_width});
  return line;
}

// Names, organisation and (on portrait badges) country, at `scale` times their largest sizes.
std::vector<Line> main_lines(cairo_t* cr, const BadgeFonts& fonts, const BadgeContent& badge, const BadgeStyle& style,
                             double width, double scale, bool with_country) {
  std::vector<Line> lines;
  const std::string_view first_name = trim(badge.first_name);
  const std::string_view last_name = trim(badge.last_name);
  const std::string_view organisation = trim(badge.organisation);
  if (!first_name.empty()) {
    FittedLine fitted =
        fit_line(cr, fonts.bold(), first_name, width, scaled(style.first_name_size, style.name_min_size, scale));
    lines.push_back(make_line(std::move(fitted), fonts.bold(), kNameGray, 0));
  }
  if (!last_name.empty()) {
    FittedLine fitted =
        fit_line(cr, fonts.bold(), last_name, width, scaled(style.last_name_size, style.name_min_size, scale));
    lines.push_back(make_line(std::move(fitted), fonts.bold(), kNameGray, 0));
  }
  if (!organisation.empty()) {
    const FitLimits limits = scaled(style.organisation_size, style.organisation_min_size, scale);
    double space_before = lines.empty() ? 0 : limits.max_size * 0.6;
    for (FittedLine& fitted : fit_lines(cr, fonts.regular(), organisation, width, limits, style.organisation_lines)) {
      lines.push_back(make_line(std::move(fitted), fonts.regular(), kOrganisationGray, space_before));
      space_before = 0;
    }
  }
  if (with_country) {
    const double size = style.country_size * scale;
    const double space_before = lines.empty() ? 0 : size * 0.5;
    if (auto line = country_line(cr, fonts, badge.country, size, width, space_before))
      lines.push_back(std::move(*line));
  }
  return lines;
}

// The largest lines (shrinking round by round) whose block fits `room`.
std::vector<Line> fitted_main_lines(cairo_t* cr, const BadgeFonts& fonts, const BadgeContent& badge,
                                    const BadgeStyle& style, double width, double room, bool with_country) {
  double scale = 1;
  std::vector<Line> lines = main_lines(cr, fonts, badge, style, width, scale, with_country);
  for (int round = 0; round < kMaxShrinkRounds && block_height(cr, lines) > room; ++round) {
    scale *= kShrinkFactor;
    lines = main_lines(cr, fonts, badge, style, width, scale, with_country);
  }
  return lines;
}

// Event name and the rule under it; returns where the content below may start.
double draw_header(cairo_t* cr, const BadgeFonts& fonts, const BadgeContent& badge, const BadgeStyle& style,
                   double left, double width, Align align) {
  const std::string_view event = trim(badge.event_name);
  if (event.empty()) return style.padding;
  std::vector<Line> header;
  header.push_back(make_line(fit_line(cr, fonts.regular(), event, width, {style.event_size, kEventMinSize}),
                             fonts.regular(), kEventGray, 0));
  const double bottom = draw_block(cr, header, left, width, style.padding, align);
  const double rule_y = bottom + style.event_size * 0.35;
  draw_rule(cr, left, width, rule_y);
  return rule_y + style.event_size * 0.6;
}

// Text column on the left, QR code on the right; the country sits at the bottom of the column.
void draw_landscape(cairo_t* cr, const BadgeFonts& fonts, const BadgeContent& badge, const QrMatrix& qr, double qr_side,
                    const BadgeStyle& style) {
  const double qr_x = style.width - style.qr_margin - qr_side;
  draw_qr(cr, qr, qr_x, (style.height - qr_side) / 2, qr_side / qr_side_modules(qr));

  const double left = style.padding;
  const double width = qr_x - left;  // the quiet zone separates the text from the modules
  const double top = draw_header(cr, fonts, badge, style, left, width, Align::left);
  double bottom = style.height - style.padding;
  if (auto country = country_line(cr, fonts, badge.country, style.country_size, width, 0)) {
    const VerticalMetrics metrics = vertical_metrics(cr, *country);
    const double country_top = bottom - metrics.ascent - metrics.descent;
    draw_block(cr, {*country}, left, width, country_top, Align::left);
    bottom = country_top - style.country_size * 0.5;
  }
  const std::vector<Line> lines = fitted_main_lines(cr, fonts, badge, style, width, bottom - top, false);
  draw_block(cr, lines, left, width, top, Align::left);
}

// Header, then the text centred in the room above the QR code, which sits centred at the bottom.
void draw_portrait(cairo_t* cr, const BadgeFonts& fonts, const BadgeContent& badge, const QrMatrix& qr, double qr_side,
                   const BadgeStyle& style) {
  const double qr_y = style.height - style.qr_margin - qr_side;
  draw_qr(cr, qr, (style.width - qr_side) / 2, qr_y, qr_side / qr_side_modules(qr));

  const double left = style.padding;
  const double width = style.width - 2 * style.padding;
  const double top = draw_header(cr, fonts, badge, style, left, width, Align::centre);
  const double room = qr_y - top;
  const std::vector<Line> lines = fitted_main_lines(cr, fonts, badge, style, width, room, true);
  const double block_top = top + std::max(0.0, (room - block_height(cr, lines)) / 2);
  draw_block(cr, lines, left, width, block_top, Align::centre);
}

// Badge sizes come from sheet_geometry(), the one place that knows the paper.
BadgeStyle badge_style_without_size(SheetLayout layout) {
  switch (layout) {
    case SheetLayout::a4_grid:
      return {.qr_beside_text = true,
              .padding = mm_to_pt(4.5),
              .qr_margin = mm_to_pt(1.5),
              .qr_side = mm_to_pt(34),
              .first_name_size = 24,
              .last_name_size = 20,
              .name_min_size = 9,
              .organisation_size = 10,
              .organisation_min_size = 7,
              .organisation_lines = 3,
              .country_size = 9,
              .event_size = 7};
    case SheetLayout::a6_single:
      return {.qr_beside_text = false,
              .padding = mm_to_pt(8),
              .qr_margin = mm_to_pt(5),
              .qr_side = mm_to_pt(58),
              .first_name_size = 40,
              .last_name_size = 34,
              .name_min_size = 16,
              .organisation_size = 15,
              .organisation_min_size = 10,
              .organisation_lines = 3,
              .country_size = 13,
              .event_size = 10};
    case SheetLayout::label_62mm:
      return {.qr_beside_text = false,
              .padding = mm_to_pt(3.5),
              .qr_margin = mm_to_pt(2),
              .qr_side = mm_to_pt(40),
              .first_name_size = 26,
              .last_name_size = 22,
              .name_min_size = 9,
              .organisation_size = 10.5,
              .organisation_min_size = 7.5,
              .organisation_lines = 3,
              .country_size = 9.5,
              .event_size = 7.5};
  }
  assert(false && "unknown SheetLayout");
  return {};
}

}  // namespace

BadgeStyle badge_style(SheetLayout layout) {
  BadgeStyle style = badge_style_without_size(layout);
  const SheetGeometry sheet = sheet_geometry(layout);
  style.width = mm_to_pt(sheet.badge_width_mm);
  style.height = mm_to_pt(sheet.badge_height_mm);
  return style;
}

Result<double> qr_side_on_badge(const QrMatrix& qr, const BadgeStyle& style) {
  const int modules = qr_side_modules(qr);
  const double side = std::max(style.qr_side, modules * mm_to_pt(kMinQrModuleMm));
  const double room = style.qr_beside_text ? std::min(style.height - 2 * style.qr_margin, style.width * kMaxQrShare)
                                           : std::min(style.width - 2 * style.qr_margin, style.height * kMaxQrShare);
  if (side > room) {
    return make_error(Errc::invalid_input, "its QR code is " + std::to_string(modules) +
                                               " modules wide with its margin, too many to print at " +
                                               "0.5 mm each on this badge size; use a shorter badge code");
  }
  return side;
}

void draw_badge(cairo_t* cr, const BadgeFonts& fonts, const BadgeContent& badge, const QrMatrix& qr, double qr_side,
                const BadgeStyle& style) {
  cairo_save(cr);
  // A safety net only: every text is fitted to its box, so nothing should reach the badge's edge.
  cairo_rectangle(cr, 0, 0, style.width, style.height);
  cairo_clip(cr);
  if (style.qr_beside_text) {
    draw_landscape(cr, fonts, badge, qr, qr_side, style);
  } else {
    draw_portrait(cr, fonts, badge, qr, qr_side, style);
  }
  cairo_restore(cr);
}

}  // namespace passerelle::print
