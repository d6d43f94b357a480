// What the report PDFs (report_pdf.h) share: an A4 page with its margins, items of known height
// placed on pages before anything is drawn (so that each page can say "page x of y"), words
// wrapped to a width, and the footer. Internal to core/print.
//
// Thread safety: each function uses the cairo context it is given, or makes its own.
#pragma once

#include <cairo.h>

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/print/badge_draw.h"
#include "core/print/badge_render.h"
#include "core/print/cairo_handles.h"
#include "core/print/font_faces.h"
#include "core/util/result.h"

namespace passerelle::print {

inline constexpr double kPageWidth = mm_to_pt(210);
inline constexpr double kPageHeight = mm_to_pt(297);
inline constexpr double kPageMargin = mm_to_pt(15);
inline constexpr double kPageContentWidth = kPageWidth - 2 * kPageMargin;
inline constexpr double kPageTop = kPageMargin;
inline constexpr double kPageBottom = kPageHeight - kPageMargin - 16;  // the footer below

// Something drawn at a height `y` on a page, `height` tall.
struct PageItem {
  double height = 0;
  bool keep_with_next = false;  // a title: never last on its page
  int repeat_head = -1;         // a table row: its head's index, drawn again atop a new page
  std::function<void(cairo_t*, double y)> draw;
};

// Each page: the items on it (index into `items`, top).
using PlacedPages = std::vector<std::vector<std::pair<std::size_t, double>>>;
PlacedPages paginate(const std::vector<PageItem>& items);

// A4 portrait with the whole page as the sheet renderer's one cell.
SheetGeometry whole_page_sheet();

// A context on a scratch surface, for measuring text before the document exists.
struct MeasuringContext {
  CairoSurface surface;
  CairoContext context;
};
Result<MeasuringContext> measuring_context();

// `text` broken at spaces into lines no wider than `width` at `size` (a word wider than the line
// stays whole on its own line, to be shrunk when drawn).
std::vector<std::string> wrap_words(cairo_t* cr, cairo_font_face_t* face, double size, const std::string& text,
                                    double width);

// "Page {page} of {pages}" with its numbers.
std::string page_text(const std::string& format, std::size_t page, std::size_t pages);

// The document's name on the left and "page x of y" on the right, under a hairline.
void draw_page_footer(cairo_t* cr, const BadgeFonts& fonts, const std::string& left, const std::string& format,
                      std::size_t page, std::size_t pages);

}  // namespace passerelle::print
