#include "core/print/badge_render.h"

#include <cairo-pdf.h>

#include <cassert>
#include <cstdlib>
#include <string>
#include <utility>

#include "core/print/badge_draw.h"
#include "core/print/cairo_handles.h"
#include "core/print/font_faces.h"
#include "core/print/output.h"
#include "core/print/qr.h"
#include "core/text/utf8.h"
#include "core/util/strings.h"

namespace passerelle::print {
namespace {

// Crop marks in the page margin, clear of the badges so that a slightly off cut leaves no line.
constexpr double kCutMarkOffsetMm = 2;
constexpr double kCutMarkLengthMm = 5;
constexpr double kCutMarkWidth = 0.4;  // points: a hairline that still prints on laser printers

// "badge 3 (Anna Kowalska)" for error messages, 1-based like a spreadsheet row.
std::string describe(std::size_t index, const BadgeContent& badge) {
  std::string label = "badge " + std::to_string(index + 1);
  const std::string name = std::string(trim(badge.first_name)) + " " + std::string(trim(badge.last_name));
  if (is_valid_utf8(name) && !trim(name).empty()) label += " (" + std::string(trim(name)) + ")";
  return label;
}

Status check_text(const BadgeContent& badge) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"first name", &badge.first_name}, {"last name", &badge.last_name}, {"organisation", &badge.organisation},
      {"country", &badge.country},       {"QR text", &badge.qr_text},     {"event name", &badge.event_name},
  };
  for (const auto& [what, text] : fields) {
    if (!is_valid_utf8(*text)) return make_error(Errc::invalid_input, std::string(what) + " is not valid UTF-8");
  }
  return {};
}

// A badge ready to draw: its symbol and the side it gets.
struct PreparedBadge {
  QrMatrix qr;
  double qr_side;
};

// Everything that can be wrong with the input is found here, before any page is drawn.
Result<std::vector<PreparedBadge>> prepare(const std::vector<BadgeContent>& badges, const BadgeStyle& style) {
  std::vector<PreparedBadge> prepared;
  prepared.reserve(badges.size());
  for (std::size_t i = 0; i < badges.size(); ++i) {
    const BadgeContent& badge = badges[i];
    auto checked = check_text(badge);
    if (!checked) return make_error(checked.error().code, describe(i, badge) + ": " + checked.error().message);
    auto qr = encode_qr(badge.qr_text);
    if (!qr) return make_error(qr.error().code, describe(i, badge) + ": " + qr.error().message);
    auto side = qr_side_on_badge(*qr, style);
    if (!side) return make_error(side.error().code, describe(i, badge) + ": " + side.error().message);
    prepared.push_back(PreparedBadge{std::move(*qr), *side});
  }
  return prepared;
}

void draw_cut_marks(cairo_t* cr, const SheetGeometry& sheet, double grid_left, double grid_top) {
  const double badge_width = mm_to_pt(sheet.badge_width_mm);
  const double badge_height = mm_to_pt(sheet.badge_height_mm);
  const double grid_right = grid_left + sheet.columns * badge_width;
  const double grid_bottom = grid_top + sheet.rows * badge_height;
  const double offset = mm_to_pt(kCutMarkOffsetMm);
  const double length = mm_to_pt(kCutMarkLengthMm);
  for (int column = 0; column <= sheet.columns; ++column) {
    const double x = grid_left + column * badge_width;
    cairo_move_to(cr, x, grid_top - offset - length);
    cairo_line_to(cr, x, grid_top - offset);
    cairo_move_to(cr, x, grid_bottom + offset);
    cairo_line_to(cr, x, grid_bottom + offset + length);
  }
  for (int row = 0; row <= sheet.rows; ++row) {
    const double y = grid_top + row * badge_height;
    cairo_move_to(cr, grid_left - offset - length, y);
    cairo_line_to(cr, grid_left - offset, y);
    cairo_move_to(cr, grid_right + offset, y);
    cairo_line_to(cr, grid_right + offset + length, y);
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, kCutMarkWidth);
  cairo_stroke(cr);
}

// Draws every page on `surface`; the caller finishes the surface.
Status draw_pages(cairo_surface_t* surface, const std::vector<BadgeContent>& badges,
                  const std::vector<PreparedBadge>& prepared, const SheetGeometry& sheet, const BadgeStyle& style,
                  const BadgeFonts& fonts) {
  CairoContext cr(cairo_create(surface));
  PSL_TRY(cairo_status_to_result(cairo_status(cr.get()), "cannot start drawing the badges PDF"));
  // Unhinted metrics: the widths text fitting measures are the widths the PDF viewer draws.
  CairoFontOptions options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr.get(), options.get());

  const std::size_t per_page = static_cast<std::size_t>(sheet.columns) * static_cast<std::size_t>(sheet.rows);
  const double grid_left = (mm_to_pt(sheet.page_width_mm) - sheet.columns * style.width) / 2;
  const double grid_top = (mm_to_pt(sheet.page_height_mm) - sheet.rows * style.height) / 2;
  for (std::size_t first = 0; first < badges.size(); first += per_page) {
    if (per_page > 1) draw_cut_marks(cr.get(), sheet, grid_left, grid_top);
    for (std::size_t slot = 0; slot < per_page && first + slot < badges.size(); ++slot) {
      const std::size_t index = first + slot;
      const auto column = static_cast<double>(slot % static_cast<std::size_t>(sheet.columns));
      const auto row = static_cast<double>(slot / static_cast<std::size_t>(sheet.columns));
      cairo_save(cr.get());
      cairo_translate(cr.get(), grid_left + column * style.width, grid_top + row * style.height);
      draw_badge(cr.get(), fonts, badges[index], prepared[index].qr, prepared[index].qr_side, style);
      cairo_restore(cr.get());
    }
    cairo_show_page(cr.get());
    const std::string page = std::to_string(first / per_page + 1);
    PSL_TRY(cairo_status_to_result(cairo_status(cr.get()), "cannot draw page " + page + " of the badges PDF"));
  }
  return {};
}

}  // namespace

SheetGeometry sheet_geometry(SheetLayout layout) {
  switch (layout) {
    case SheetLayout::a4_grid:
      return {210, 297, 90, 55, 2, 4};
    case SheetLayout::a6_single:
      return {105, 148, 105, 148, 1, 1};
    case SheetLayout::label_62mm:
      return {62, 100, 62, 100, 1, 1};
  }
  assert(false && "unknown SheetLayout");
  return {210, 297, 90, 55, 2, 4};
}

Status render_badges_pdf(const std::vector<BadgeContent>& badges, SheetLayout layout, const std::filesystem::path& out,
                         const std::filesystem::path& fonts_dir) {
  if (badges.empty()) return make_error(Errc::invalid_input, "no badges to print: the list is empty");
  PSL_TRY(check_output_folder(out));
  const SheetGeometry sheet = sheet_geometry(layout);
  const BadgeStyle style = badge_style(layout);
  PSL_ASSIGN_OR_RETURN(const std::vector<PreparedBadge> prepared, prepare(badges, style));
  PSL_ASSIGN_OR_RETURN(const BadgeFonts fonts, BadgeFonts::load(fonts_dir));

  std::string pdf;  // declared before the surface: cairo may still write to it while destroying one
  CairoSurface surface(cairo_pdf_surface_create_for_stream(append_to_string, &pdf, mm_to_pt(sheet.page_width_mm),
                                                           mm_to_pt(sheet.page_height_mm)));
  PSL_TRY(cairo_status_to_result(cairo_surface_status(surface.get()), "cannot create the badges PDF"));
  const std::string_view event = trim(badges.front().event_name);
  const std::string title = event.empty() ? "Badges" : "Badges: " + std::string(event);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Passerelle");

  PSL_TRY(draw_pages(surface.get(), badges, prepared, sheet, style, fonts));
  // Fonts are embedded and the trailer written only now, so the PDF is complete after this.
  cairo_surface_finish(surface.get());
  PSL_TRY(cairo_status_to_result(cairo_surface_status(surface.get()), "cannot finish the badges PDF"));
  return write_document(out, pdf, "badges PDF");
}

std::filesystem::path default_fonts_dir() {
  if (const char* assets = std::getenv("PASSERELLE_ASSETS"); assets != nullptr && *assets != '\0') {
    return std::filesystem::path(assets) / "fonts";
  }
  return std::filesystem::path(PASSERELLE_ASSETS_DIR) / "fonts";
}

}  // namespace passerelle::print
