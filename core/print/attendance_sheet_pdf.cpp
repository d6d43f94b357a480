// A day's attendance list (report_pdf.h): every page repeats the event, venue, date and the
// columns' heads, since the pages are signed, stapled and sometimes separated; rows are tall
// enough to sign in.
#include <algorithm>
#include <iterator>

#include "core/print/font_faces.h"
#include "core/print/page_text.h"
#include "core/print/report_pdf.h"
#include "core/print/report_pdf_layout.h"
#include "core/print/sheet_pdf.h"

namespace passerelle::print {
namespace {

constexpr double kRow = 22;  // room for a signature
constexpr double kHeadRow = 16;
constexpr double kHeaderHeight = 74;  // event, venue, title and day
constexpr double kTextSize = 9;
constexpr double kGridGray = 0.55;

// Column edges: number, name, organisation, check-in time, signature.
constexpr double kShares[] = {0.05, 0.27, 0.36, 0.09, 0.23};

std::size_t rows_per_page() {
  return static_cast<std::size_t>((kPageBottom - kPageTop - kHeaderHeight - kHeadRow) / kRow);
}

void draw_header(cairo_t* cr, const BadgeFonts& fonts, const report::AttendanceSheet& sheet) {
  double y = draw_fitted_line(cr, fonts.bold(), sheet.event_name, kPageMargin, kPageTop, kPageContentWidth, {15, 9}, 0,
                              TextAlign::left);
  y = draw_fitted_line(cr, fonts.regular(), sheet.venue, kPageMargin, y + 2, kPageContentWidth, {10, 7}, 0.3,
                       TextAlign::left);
  draw_fitted_line(cr, fonts.bold(), sheet.title + " · " + sheet.day, kPageMargin, y + 12, kPageContentWidth, {13, 9},
                   0, TextAlign::left);
}

void draw_grid_row(cairo_t* cr, double y, double height) {
  cairo_set_source_rgb(cr, kGridGray, kGridGray, kGridGray);
  cairo_set_line_width(cr, 0.5);
  cairo_rectangle(cr, kPageMargin, y, kPageContentWidth, height);
  double x = kPageMargin;
  for (std::size_t c = 0; c + 1 < std::size(kShares); ++c) {
    x += kShares[c] * kPageContentWidth;
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x, y + height);
  }
  cairo_stroke(cr);
}

void draw_cells(cairo_t* cr, cairo_font_face_t* face, double y, double height, const std::string* cells[4],
                double gray) {
  double x = kPageMargin;
  for (std::size_t c = 0; c < 4; ++c) {
    const double width = kShares[c] * kPageContentWidth;
    draw_fitted_line(cr, face, *cells[c], x + 3, y + (height - kTextSize * 1.2) / 2, width - 6, {kTextSize, 6.5}, gray,
                     c == 0 || c == 3 ? TextAlign::right : TextAlign::left);
    x += width;
  }
}

}  // namespace

Result<std::string> render_attendance_sheet_pdf(const report::AttendanceSheet& sheet,
                                                const std::filesystem::path& fonts_dir) {
  PSL_ASSIGN_OR_RETURN(const BadgeFonts fonts, BadgeFonts::load(fonts_dir));
  // One line more for the erased participants, or for "nobody attended".
  const bool extra_line = !sheet.erased_line.empty() || sheet.rows.empty();
  const std::size_t lines = sheet.rows.size() + (extra_line ? 1 : 0);
  const std::size_t per_page = rows_per_page();
  const std::size_t pages = std::max<std::size_t>(1, (lines + per_page - 1) / per_page);
  const std::string title = sheet.title + ": " + sheet.event_name + ", " + sheet.day;
  return render_sheet_pdf(pages, whole_page_sheet(), title, "attendance list PDF", [&](cairo_t* cr, std::size_t page) {
    draw_header(cr, fonts, sheet);
    double y = kPageTop + kHeaderHeight;
    const std::string number_head = "#";
    const std::string* heads[4] = {&number_head, &sheet.name_head, &sheet.organisation_head, &sheet.time_head};
    cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
    cairo_rectangle(cr, kPageMargin, y, kPageContentWidth, kHeadRow);
    cairo_fill(cr);
    draw_grid_row(cr, y, kHeadRow);
    draw_cells(cr, fonts.bold(), y, kHeadRow, heads, 0.2);
    const double signature_left = kPageMargin + (1 - kShares[4]) * kPageContentWidth;
    draw_fitted_line(cr, fonts.bold(), sheet.signature_head, signature_left + 3, y + (kHeadRow - kTextSize * 1.2) / 2,
                     kShares[4] * kPageContentWidth - 6, {kTextSize, 6.5}, 0.2, TextAlign::left);
    y += kHeadRow;
    for (std::size_t line = page * per_page; line < std::min(lines, (page + 1) * per_page); ++line) {
      if (line < sheet.rows.size()) {
        const auto& row = sheet.rows[line];
        const std::string number = std::to_string(line + 1);
        const std::string* cells[4] = {&number, &row.name, &row.organisation, &row.time};
        draw_grid_row(cr, y, kRow);
        draw_cells(cr, fonts.regular(), y, kRow, cells, 0);
      } else {
        const std::string& text = sheet.erased_line.empty() ? sheet.none : sheet.erased_line;
        draw_fitted_line(cr, fonts.regular(), text, kPageMargin + 3, y + (kRow - kTextSize * 1.2) / 2,
                         kPageContentWidth - 6, {kTextSize, 6.5}, 0.25, TextAlign::left);
      }
      y += kRow;
    }
    draw_page_footer(cr, fonts, sheet.event_name + " · " + sheet.day, sheet.page_format, page, pages);
  });
}

}  // namespace passerelle::print
