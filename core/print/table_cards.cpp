// Table cards (agenda_render.h): one card per table of a B2B hall, the number as large as the
// card allows, on the badges' sheets.
#include <algorithm>
#include <string>

#include "core/print/agenda_render.h"
#include "core/print/badge_draw.h"
#include "core/print/font_faces.h"
#include "core/print/output.h"
#include "core/print/page_text.h"
#include "core/print/sheet_pdf.h"
#include "core/text/utf8.h"
#include "core/util/strings.h"

namespace passerelle::print {
namespace {

// The card's header, hall and caption lines, then the number filling what is left.
void draw_card(cairo_t* cr, const BadgeFonts& fonts, const TableCard& card, const SheetGeometry& sheet) {
  const double width = mm_to_pt(sheet.badge_width_mm);
  const double height = mm_to_pt(sheet.badge_height_mm);
  const double scale = std::min(width / mm_to_pt(90), height / mm_to_pt(55));
  const double pad = mm_to_pt(4) * std::max(scale, 0.8);
  const double content_width = width - 2 * pad;
  double y = draw_event_header(cr, fonts.regular(), card.event_name, pad, pad, content_width, 7 * scale);
  y = draw_fitted_line(cr, fonts.bold(), card.area, pad, y, content_width, {11 * scale, 6}, 0.15, TextAlign::centre);
  y = draw_fitted_line(cr, fonts.regular(), card.caption, pad, y + 2 * scale, content_width, {9 * scale, 5}, 0.35,
                       TextAlign::centre);
  // The number: the largest size whose box fits the room left (DejaVu's font box is about 1.17 em).
  const double room = height - pad - y;
  const double size = std::min(room / 1.17, content_width);
  draw_fitted_line(cr, fonts.bold(), card.number, pad, y + (room - size * 1.17) / 2, content_width, {size, size * 0.3},
                   0, TextAlign::centre);
}

}  // namespace

Status render_table_cards_pdf(const std::vector<TableCard>& cards, SheetLayout layout, const std::filesystem::path& out,
                              const std::filesystem::path& fonts_dir) {
  if (cards.empty()) return make_error(Errc::invalid_input, "no table cards to print: the session has no tables");
  for (std::size_t i = 0; i < cards.size(); ++i) {
    const auto& card = cards[i];
    for (const auto* text : {&card.event_name, &card.area, &card.caption, &card.number})
      if (!is_valid_utf8(*text))
        return make_error(Errc::invalid_input, "table card " + std::to_string(i + 1) + ": a text is not valid UTF-8");
  }
  PSL_TRY(check_output_folder(out));
  const SheetGeometry sheet = sheet_geometry(layout);
  PSL_ASSIGN_OR_RETURN(const BadgeFonts fonts, BadgeFonts::load(fonts_dir));
  const std::string_view event = trim(cards.front().event_name);
  const std::string title = event.empty() ? "Table cards" : "Table cards: " + std::string(event);
  PSL_ASSIGN_OR_RETURN(const std::string pdf,
                       render_sheet_pdf(cards.size(), sheet, title, "table cards PDF",
                                        [&](cairo_t* cr, std::size_t i) { draw_card(cr, fonts, cards[i], sheet); }));
  return write_document(out, pdf, "table cards PDF");
}

}  // namespace passerelle::print
