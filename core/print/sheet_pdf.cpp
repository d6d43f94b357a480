#include "core/print/sheet_pdf.h"

#include <cairo-pdf.h>

#include "core/print/badge_draw.h"
#include "core/print/cairo_handles.h"
#include "core/print/output.h"

namespace passerelle::print {
namespace {

// Crop marks in the page margin, clear of the cells so that a slightly off cut leaves no line.
constexpr double kCutMarkOffsetMm = 2;
constexpr double kCutMarkLengthMm = 5;
constexpr double kCutMarkWidth = 0.4;  // points: a hairline that still prints on laser printers

void draw_cut_marks(cairo_t* cr, const SheetGeometry& sheet, double grid_left, double grid_top) {
  const double cell_width = mm_to_pt(sheet.badge_width_mm);
  const double cell_height = mm_to_pt(sheet.badge_height_mm);
  const double grid_right = grid_left + sheet.columns * cell_width;
  const double grid_bottom = grid_top + sheet.rows * cell_height;
  const double offset = mm_to_pt(kCutMarkOffsetMm);
  const double length = mm_to_pt(kCutMarkLengthMm);
  for (int column = 0; column <= sheet.columns; ++column) {
    const double x = grid_left + column * cell_width;
    cairo_move_to(cr, x, grid_top - offset - length);
    cairo_line_to(cr, x, grid_top - offset);
    cairo_move_to(cr, x, grid_bottom + offset);
    cairo_line_to(cr, x, grid_bottom + offset + length);
  }
  for (int row = 0; row <= sheet.rows; ++row) {
    const double y = grid_top + row * cell_height;
    cairo_move_to(cr, grid_left - offset - length, y);
    cairo_line_to(cr, grid_left - offset, y);
    cairo_move_to(cr, grid_right + offset, y);
    cairo_line_to(cr, grid_right + offset + length, y);
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, kCutMarkWidth);
  cairo_stroke(cr);
}

Status draw_pages(cairo_surface_t* surface, std::size_t count, const SheetGeometry& sheet, std::string_view what,
                  const DrawCell& draw) {
  CairoContext cr(cairo_create(surface));
  PSL_TRY(cairo_status_to_result(cairo_status(cr.get()), "cannot start drawing the " + std::string(what)));
  // Unhinted metrics: the widths text fitting measures are the widths the PDF viewer draws.
  CairoFontOptions options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr.get(), options.get());

  const double cell_width = mm_to_pt(sheet.badge_width_mm);
  const double cell_height = mm_to_pt(sheet.badge_height_mm);
  const std::size_t per_page = static_cast<std::size_t>(sheet.columns) * static_cast<std::size_t>(sheet.rows);
  const double grid_left = (mm_to_pt(sheet.page_width_mm) - sheet.columns * cell_width) / 2;
  const double grid_top = (mm_to_pt(sheet.page_height_mm) - sheet.rows * cell_height) / 2;
  for (std::size_t first = 0; first < count; first += per_page) {
    if (per_page > 1) draw_cut_marks(cr.get(), sheet, grid_left, grid_top);
    for (std::size_t slot = 0; slot < per_page && first + slot < count; ++slot) {
      const auto column = static_cast<double>(slot % static_cast<std::size_t>(sheet.columns));
      const auto row = static_cast<double>(slot / static_cast<std::size_t>(sheet.columns));
      cairo_save(cr.get());
      cairo_translate(cr.get(), grid_left + column * cell_width, grid_top + row * cell_height);
      draw(cr.get(), first + slot);
      cairo_restore(cr.get());
    }
    cairo_show_page(cr.get());
    const std::string page = std::to_string(first / per_page + 1);
    PSL_TRY(
        cairo_status_to_result(cairo_status(cr.get()), "cannot draw page " + page + " of the " + std::string(what)));
  }
  return {};
}

}  // namespace

Result<std::string> render_sheet_pdf(std::size_t count, const SheetGeometry& sheet, std::string_view title,
                                     std::string_view what, const DrawCell& draw) {
  std::string pdf;  // declared before the surface: cairo may still write to it while destroying one
  CairoSurface surface(cairo_pdf_surface_create_for_stream(append_to_string, &pdf, mm_to_pt(sheet.page_width_mm),
                                                           mm_to_pt(sheet.page_height_mm)));
  PSL_TRY(cairo_status_to_result(cairo_surface_status(surface.get()), "cannot create the " + std::string(what)));
  const std::string title_text(title);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title_text.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Passerelle");
  PSL_TRY(draw_pages(surface.get(), count, sheet, what, draw));
  // Fonts are embedded and the trailer written only now, so the PDF is complete after this.
  cairo_surface_finish(surface.get());
  PSL_TRY(cairo_status_to_result(cairo_surface_status(surface.get()), "cannot finish the " + std::string(what)));
  return pdf;
}

}  // namespace passerelle::print
