#include "core/print/agenda_render.h"

#include <algorithm>
#include <string>

#include "core/print/badge_draw.h"
#include "core/print/font_faces.h"
#include "core/print/output.h"
#include "core/print/page_text.h"
#include "core/print/qr_draw.h"
#include "core/print/sheet_pdf.h"
#include "core/text/utf8.h"
#include "core/util/strings.h"

namespace passerelle::print {
namespace {

constexpr double kA4WidthPt = mm_to_pt(210);
constexpr double kMinTextSize = 5;  // points: still legible on a label printer
constexpr double kHeadGray = 0.4;

// One agenda fills its page whatever the paper: sizes are an A4 page's, scaled to the width.
struct AgendaStyle {
  double scale = 1;
  double margin = 0;
  double qr_side = 0;  // preferred, with its quiet zone
};

AgendaStyle agenda_style(SheetLayout paper) {
  switch (paper) {
    case SheetLayout::a4_grid:
      return {1.0, mm_to_pt(15), mm_to_pt(40)};
    case SheetLayout::a6_single:
      return {0.5, mm_to_pt(7), mm_to_pt(30)};
    case SheetLayout::label_62mm:
      break;
  }
  return {mm_to_pt(62) / kA4WidthPt, mm_to_pt(3.5), mm_to_pt(27)};
}

// The whole page is the one cell.
SheetGeometry agenda_sheet(SheetLayout paper) {
  SheetGeometry sheet = sheet_geometry(paper);
  sheet.badge_width_mm = sheet.page_width_mm;
  sheet.badge_height_mm = sheet.page_height_mm;
  sheet.columns = sheet.rows = 1;
  return sheet;
}

double sized(double a4_size, const AgendaStyle& style) {
  return std::max(a4_size * style.scale, kMinTextSize);
}

FitLimits fit_limits(double size) {
  return {size, std::max(kMinTextSize * 0.8, size * 0.7)};
}

std::string describe_agenda(std::size_t index, const AgendaPage& page) {
  std::string label = "agenda " + std::to_string(index + 1);
  const std::string name = std::string(trim(page.first_name)) + " " + std::string(trim(page.last_name));
  if (is_valid_utf8(name) && !trim(name).empty()) label += " (" + std::string(trim(name)) + ")";
  return label;
}

Status check_agenda_text(const AgendaPage& page) {
  std::vector<const std::string*> texts{
      &page.first_name, &page.last_name,   &page.organisation,    &page.qr_text,          &page.event_name,
      &page.day,        &page.texts.title, &page.texts.time_head, &page.texts.table_head, &page.texts.partner_head,
      &page.texts.none, &page.texts.footer};
  for (const auto& row : page.rows)
    for (const auto* text : {&row.time, &row.table, &row.partner, &row.partner_organisation, &row.partner_country})
      texts.push_back(text);
  for (const auto* text : texts)
    if (!is_valid_utf8(*text)) return make_error(Errc::invalid_input, "a text is not valid UTF-8");
  return {};
}

struct PreparedAgenda {
  QrMatrix qr;
  double qr_side = 0;
};

Result<std::vector<PreparedAgenda>> prepare_agendas(const std::vector<AgendaPage>& agendas, const AgendaStyle& style,
                                                    double page_width) {
  std::vector<PreparedAgenda> prepared;
  prepared.reserve(agendas.size());
  for (std::size_t i = 0; i < agendas.size(); ++i) {
    const auto fail = [&](const Error& error) {
      return make_error(error.code, describe_agenda(i, agendas[i]) + ": " + error.message);
    };
    if (auto checked = check_agenda_text(agendas[i]); !checked) return fail(checked.error());
    auto qr = encode_qr(agendas[i].qr_text);
    if (!qr) return fail(qr.error());
    const double side = std::max(style.qr_side, qr_side_modules(*qr) * mm_to_pt(kMinQrModuleMm));
    if (side > page_width / 2)
      return fail(Error{Errc::invalid_input, "its QR code is too large to print at 0.5 mm per module on this paper"});
    prepared.push_back(PreparedAgenda{std::move(*qr), side});
  }
  return prepared;
}

// The meetings as a table from `top` to `bottom`: a head, then one row each, striped; a partner's
// organisation and country go on a second line when the rows are tall enough.
void draw_rows(cairo_t* cr, const BadgeFonts& fonts, const AgendaPage& page, const AgendaStyle& style, double left,
               double width, double top, double bottom) {
  const double head_size = sized(9, style);
  if (page.rows.empty()) {
    draw_fitted_line(cr, fonts.regular(), page.texts.none, left, top, width, fit_limits(sized(13, style)), 0.15,
                     TextAlign::left);
    return;
  }
  // On a label the times and tables need a larger share of the little width there is.
  const bool narrow = width < mm_to_pt(70);
  const double time_share = narrow ? 0.27 : 0.2;
  const double table_share = narrow ? 0.3 : 0.25;
  const double columns[] = {left, left + width * time_share, left + width * (time_share + table_share)};
  const double column_widths[] = {width * time_share - head_size, width * table_share - head_size,
                                  width * (1 - time_share - table_share)};
  const std::string* heads[] = {&page.texts.time_head, &page.texts.table_head, &page.texts.partner_head};
  double y = top;
  for (int c = 0; c < 3; ++c)
    draw_fitted_line(cr, fonts.bold(), *heads[c], columns[c], y, column_widths[c], fit_limits(head_size), kHeadGray,
                     TextAlign::left);
  y += head_size * 1.6;
  const double count = static_cast<double>(page.rows.size());
  const double row_height = std::min(sized(40, style), (bottom - y) / count);
  const bool two_lines = row_height >= sized(11, style) * 2.4;
  const double main_size = std::min(sized(12, style), row_height * (two_lines ? 0.38 : 0.6));
  const double second_size = main_size * 0.8;
  for (std::size_t i = 0; i < page.rows.size(); ++i) {
    const AgendaRow& row = page.rows[i];
    if (i % 2 == 0) {
      cairo_set_source_rgb(cr, kStripeGray, kStripeGray, kStripeGray);
      cairo_rectangle(cr, left - head_size * 0.4, y, width + head_size * 0.8, row_height);
      cairo_fill(cr);
    }
    const double text_height = (two_lines ? main_size + second_size * 1.1 : main_size) * 1.17;
    const double text_top = y + (row_height - text_height) / 2;
    draw_fitted_line(cr, fonts.bold(), row.time, columns[0], text_top, column_widths[0], fit_limits(main_size), 0,
                     TextAlign::left);
    draw_fitted_line(cr, fonts.bold(), row.table, columns[1], text_top, column_widths[1], fit_limits(main_size), 0,
                     TextAlign::left);
    std::string second = row.partner_organisation;
    if (!row.partner_country.empty())
      second += (second.empty() ? "" : " (") + row.partner_country + (second.empty() ? "" : ")");
    std::string partner = row.partner;
    if (!two_lines && !second.empty()) partner += ", " + second;
    const double name_bottom = draw_fitted_line(cr, fonts.regular(), partner, columns[2], text_top, column_widths[2],
                                                fit_limits(main_size), 0, TextAlign::left);
    if (two_lines)
      draw_fitted_line(cr, fonts.regular(), second, columns[2], name_bottom, column_widths[2], fit_limits(second_size),
                       0.3, TextAlign::left);
    y += row_height;
  }
}

void draw_agenda(cairo_t* cr, const BadgeFonts& fonts, const AgendaPage& page, const PreparedAgenda& prepared,
                 const SheetGeometry& sheet, const AgendaStyle& style) {
  const double width = mm_to_pt(sheet.page_width_mm);
  const double height = mm_to_pt(sheet.page_height_mm);
  const double m = style.margin;
  const double content_width = width - 2 * m;
  const double top = draw_event_header(cr, fonts.regular(), page.event_name, m, m, content_width, sized(9, style));

  const double qr_x = width - m - prepared.qr_side;
  draw_qr(cr, prepared.qr, qr_x, top, prepared.qr_side / qr_side_modules(prepared.qr));
  const double text_width = qr_x - m;  // the quiet zone keeps the text off the modules
  double y = draw_fitted_line(cr, fonts.bold(), page.texts.title, m, top, text_width, fit_limits(sized(22, style)), 0,
                              TextAlign::left);
  y = draw_fitted_line(cr, fonts.regular(), page.day, m, y + sized(2, style), text_width, fit_limits(sized(12, style)),
                       0.3, TextAlign::left);
  y += sized(10, style);
  const std::string name = std::string(trim(page.first_name)) + " " + std::string(trim(page.last_name));
  y = draw_fitted_line(cr, fonts.bold(), name, m, y, text_width, fit_limits(sized(18, style)), 0, TextAlign::left);
  y = draw_fitted_line(cr, fonts.regular(), page.organisation, m, y + sized(1, style), text_width,
                       fit_limits(sized(12, style)), 0.15, TextAlign::left);

  const double footer_size = sized(8, style);
  const double footer_top = height - m - footer_size * 1.2;
  draw_fitted_line(cr, fonts.regular(), page.texts.footer, m, footer_top, content_width, fit_limits(footer_size), 0.35,
                   TextAlign::left);
  const double rows_top = std::max(y, top + prepared.qr_side) + sized(12, style);
  draw_rows(cr, fonts, page, style, m, content_width, rows_top, footer_top - sized(8, style));
}

}  // namespace

Status render_agendas_pdf(const std::vector<AgendaPage>& agendas, SheetLayout paper, const std::filesystem::path& out,
                          const std::filesystem::path& fonts_dir) {
  if (agendas.empty()) return make_error(Errc::invalid_input, "no agendas to print: the list is empty");
  PSL_TRY(check_output_folder(out));
  const SheetGeometry sheet = agenda_sheet(paper);
  const AgendaStyle style = agenda_style(paper);
  PSL_ASSIGN_OR_RETURN(const auto prepared, prepare_agendas(agendas, style, mm_to_pt(sheet.page_width_mm)));
  PSL_ASSIGN_OR_RETURN(const BadgeFonts fonts, BadgeFonts::load(fonts_dir));
  const std::string_view event = trim(agendas.front().event_name);
  const std::string title = event.empty() ? "B2B agendas" : "B2B agendas: " + std::string(event);
  PSL_ASSIGN_OR_RETURN(const std::string pdf,
                       render_sheet_pdf(agendas.size(), sheet, title, "agendas PDF", [&](cairo_t* cr, std::size_t i) {
                         draw_agenda(cr, fonts, agendas[i], prepared[i], sheet, style);
                       }));
  return write_document(out, pdf, "agendas PDF");
}

}  // namespace passerelle::print
