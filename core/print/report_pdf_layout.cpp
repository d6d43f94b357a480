#include "core/print/report_pdf_layout.h"

#include "core/print/page_text.h"
#include "core/print/text_fit.h"

namespace passerelle::print {

PlacedPages paginate(const std::vector<PageItem>& items) {
  PlacedPages pages(1);
  double y = kPageTop;
  for (std::size_t i = 0; i < items.size(); ++i) {
    // A title needs room for what it heads: the chain of titles and the first item after them.
    double need = 0;
    std::size_t j = i;
    while (j < items.size() && items[j].keep_with_next) need += items[j++].height;
    if (j < items.size()) need += items[j].height;
    if (y + need > kPageBottom && !pages.back().empty()) {
      pages.emplace_back();
      y = kPageTop;
      if (const int head = items[i].repeat_head; head >= 0) {
        pages.back().emplace_back(static_cast<std::size_t>(head), y);
        y += items[static_cast<std::size_t>(head)].height;
      }
    }
    pages.back().emplace_back(i, y);
    y += items[i].height;
  }
  return pages;
}

SheetGeometry whole_page_sheet() {
  return SheetGeometry{210, 297, 210, 297, 1, 1};
}

Result<MeasuringContext> measuring_context() {
  CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1));
  PSL_TRY(cairo_status_to_result(cairo_surface_status(surface.get()), "cannot start measuring text"));
  CairoContext context(cairo_create(surface.get()));
  PSL_TRY(cairo_status_to_result(cairo_status(context.get()), "cannot start measuring text"));
  // As the PDF's context (sheet_pdf.cpp): unhinted, so that widths measured here are those drawn.
  CairoFontOptions options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(context.get(), options.get());
  return MeasuringContext{std::move(surface), std::move(context)};
}

std::vector<std::string> wrap_words(cairo_t* cr, cairo_font_face_t* face, double size, const std::string& text,
                                    double width) {
  cairo_set_font_face(cr, face);
  cairo_set_font_size(cr, size);
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t space = text.find(' ', start);
    const std::string word = text.substr(start, space == std::string::npos ? std::string::npos : space - start);
    if (!word.empty()) {
      const std::string longer = line.empty() ? word : line + ' ' + word;
      if (!line.empty() && text_width(cr, longer) > width) {
        lines.push_back(std::move(line));
        line = word;
      } else {
        line = longer;
      }
    }
    if (space == std::string::npos) break;
    start = space + 1;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

std::string page_text(const std::string& format, std::size_t page, std::size_t pages) {
  std::string text = format;
  for (const auto& [name, value] : {std::pair<std::string, std::string>{"{pages}", std::to_string(pages)},
                                    std::pair<std::string, std::string>{"{page}", std::to_string(page + 1)}}) {
    for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size()))
      text.replace(at, name.size(), value);
  }
  return text;
}

void draw_page_footer(cairo_t* cr, const BadgeFonts& fonts, const std::string& left, const std::string& format,
                      std::size_t page, std::size_t pages) {
  const double y = kPageHeight - kPageMargin - 8;
  cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
  cairo_set_line_width(cr, 0.4);
  cairo_move_to(cr, kPageMargin, y - 3);
  cairo_line_to(cr, kPageMargin + kPageContentWidth, y - 3);
  cairo_stroke(cr);
  const double half = kPageContentWidth / 2;
  draw_fitted_line(cr, fonts.regular(), left, kPageMargin, y, half + 60, {7.5, 6}, 0.35, TextAlign::left);
  draw_fitted_line(cr, fonts.regular(), page_text(format, page, pages), kPageMargin + half + 70, y, half - 70, {7.5, 6},
                   0.35, TextAlign::right);
}

}  // namespace passerelle::print
