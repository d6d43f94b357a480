// The report Document on A4 pages. Laid out in two passes: items (a line of text, a table row, a
// bar of a chart) are measured and placed on pages first, so that every page can say "page x of
// y"; then the sheet renderer draws page by page.
#include "core/print/report_pdf.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <variant>
#include <vector>

#include "core/print/badge_draw.h"
#include "core/print/font_faces.h"
#include "core/print/page_text.h"
#include "core/print/report_pdf_layout.h"
#include "core/print/sheet_pdf.h"
#include "core/print/text_fit.h"

namespace passerelle::print {
namespace {

using report::Block;
using report::Chart;
using report::Document;
using report::Paragraph;
using report::Table;

constexpr double kBodySize = 9.5;
constexpr double kLineHeight = 13;
constexpr double kCellSize = 8.5;
constexpr double kRowHeight = 14;
constexpr double kBarLabelWidth = 150;
constexpr double kBarHeight = 5.5;
constexpr double kColumnsHeight = 150;
// The series colours of the HTML report (report_html.cpp): lighter "registered", darker "attended".
constexpr double kSeriesRgb[2][3] = {{0.61, 0.72, 0.83}, {0.12, 0.37, 0.60}};

const double* series_rgb(std::size_t series, std::size_t count) {
  return kSeriesRgb[(series + 2 - count) % 2];
}

double largest(const Chart& chart) {
  double top = 1;
  for (const auto& series : chart.series)
    for (const double value : series.values) top = std::max(top, value);
  return top;
}

class ReportLayout {
 public:
  ReportLayout(const BadgeFonts& fonts, cairo_t* measure) : fonts_(fonts), measure_(measure) {}

  std::vector<PageItem> take() { return std::move(items_); }

  void heading(const Document& document) {
    line(document.title, fonts_.bold(), 18, 26, 0);
    for (const auto& text : document.subtitle) line(text, fonts_.regular(), 10, 14, 0.35);
    spacer(8);
    // The key figures as boxes, three to a row.
    for (std::size_t first = 0; first < document.key_figures.size(); first += 3) {
      std::vector<report::KeyFigure> row(
          document.key_figures.begin() + static_cast<std::ptrdiff_t>(first),
          document.key_figures.begin() + static_cast<std::ptrdiff_t>(std::min(first + 3, document.key_figures.size())));
      add(44, false, [this, row](cairo_t* cr, double y) {
        const double box = (kPageContentWidth - 2 * 8) / 3;
        for (std::size_t i = 0; i < row.size(); ++i) {
          const double x = kPageMargin + static_cast<double>(i) * (box + 8);
          cairo_set_source_rgb(cr, kStripeGray, kStripeGray, kStripeGray);
          cairo_rectangle(cr, x, y, box, 38);
          cairo_fill(cr);
          draw_fitted_line(cr, fonts_.regular(), row[i].label, x + 6, y + 4, box - 12, {8, 6}, 0.3, TextAlign::left);
          draw_fitted_line(cr, fonts_.bold(), row[i].value, x + 6, y + 16, box - 12, {16, 10}, 0, TextAlign::left);
        }
      });
    }
  }

  void section(const report::Section& section) {
    spacer(6);
    add(28, true, [this, title = section.title](cairo_t* cr, double y) {
      const double bottom = draw_fitted_line(cr, fonts_.bold(), title, kPageMargin, y + 6, kPageContentWidth, {14, 10},
                                             0, TextAlign::left);
      rule(cr, bottom + 3, 0.6);
    });
    for (const Block& block : section.blocks) {
      if (const auto* text = std::get_if<Paragraph>(&block)) add_paragraph(text->text);
      if (const auto* rows = std::get_if<Table>(&block)) add_table(*rows);
      if (const auto* picture = std::get_if<Chart>(&block)) add_chart(*picture);
    }
  }

 private:
  void add(double height, bool keep_with_next, std::function<void(cairo_t*, double)> draw, int repeat_head = -1) {
    items_.push_back(PageItem{height, keep_with_next, repeat_head, std::move(draw)});
  }
  void spacer(double height) {
    add(height, false, [](cairo_t*, double) {});
  }
  void rule(cairo_t* cr, double y, double gray) {
    cairo_set_source_rgb(cr, gray, gray, gray);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, kPageMargin, y);
    cairo_line_to(cr, kPageMargin + kPageContentWidth, y);
    cairo_stroke(cr);
  }
  void line(const std::string& text, cairo_font_face_t* face, double size, double height, double gray) {
    add(height, false, [text, face, size, gray](cairo_t* cr, double y) {
      draw_fitted_line(cr, face, text, kPageMargin, y, kPageContentWidth, {size, size * 0.7}, gray, TextAlign::left);
    });
  }

  void add_paragraph(const std::string& text) {
    for (const auto& wrapped : wrap_words(measure_, fonts_.regular(), kBodySize, text, kPageContentWidth))
      line(wrapped, fonts_.regular(), kBodySize, kLineHeight, 0.15);
    spacer(4);
  }

  // Each column as wide as its widest cell (the head in bold); what the page has over goes to the
  // first column (names), and when the page has too little every column gives up its share (the
  // text then shrinks to fit, draw_fitted_line).
  std::vector<double> column_widths(const Table& table) {
    constexpr double kPadding = 8;
    std::vector<double> natural(table.head.size(), kPadding);
    const auto widen = [&](cairo_font_face_t* face, const std::vector<std::string>& row) {
      cairo_set_font_face(measure_, face);
      cairo_set_font_size(measure_, kCellSize);
      for (std::size_t c = 0; c < row.size() && c < natural.size(); ++c)
        natural[c] = std::max(natural[c], text_width(measure_, row[c]) + kPadding);
    };
    widen(fonts_.bold(), table.head);
    for (const auto& row : table.rows) widen(fonts_.regular(), row);
    double total = 0;
    for (const double column : natural) total += column;
    if (natural.empty()) return natural;
    if (total <= kPageContentWidth) {
      natural.front() += kPageContentWidth - total;
    } else {
      for (double& column : natural) column *= kPageContentWidth / total;
    }
    return natural;
  }

  void add_table(const Table& table) {
    const std::vector<double> width = column_widths(table);
    std::vector<double> left;
    double x = kPageMargin;
    for (const double column : width) {
      left.push_back(x);
      x += column;
    }
    const auto cells = [left, width, numeric = table.numeric](cairo_t* cr, double y,
                                                              const std::vector<std::string>& row,
                                                              cairo_font_face_t* face, double gray) {
      for (std::size_t c = 0; c < row.size() && c < left.size(); ++c) {
        const bool right = c < numeric.size() && numeric[c];
        draw_fitted_line(cr, face, row[c], left[c] + 2, y + 2.5, width[c] - 6, {kCellSize, 6}, gray,
                         right ? TextAlign::right : TextAlign::left);
      }
    };
    const int head = static_cast<int>(items_.size());
    add(kRowHeight + 2, true, [this, cells, row = table.head](cairo_t* cr, double y) {
      cells(cr, y, row, fonts_.bold(), 0.35);
      rule(cr, y + kRowHeight, 0.5);
    });
    for (std::size_t r = 0; r < table.rows.size(); ++r)
      add(
          kRowHeight, false,
          [this, cells, row = table.rows[r], striped = r % 2 == 1](cairo_t* cr, double y) {
            if (striped) {
              cairo_set_source_rgb(cr, kStripeGray, kStripeGray, kStripeGray);
              cairo_rectangle(cr, kPageMargin, y, kPageContentWidth, kRowHeight);
              cairo_fill(cr);
            }
            cells(cr, y, row, fonts_.regular(), 0);
          },
          head);
    spacer(10);
  }

  void add_chart(const Chart& chart) {
    if (chart.labels.empty()) return;
    add(18, true, [this, title = chart.title](cairo_t* cr, double y) {
      draw_fitted_line(cr, fonts_.bold(), title, kPageMargin, y + 2, kPageContentWidth, {10, 8}, 0, TextAlign::left);
    });
    if (chart.series.size() > 1)
      add(14, true, [this, chart](cairo_t* cr, double y) {
        double x = kPageMargin;
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
          const double* rgb = series_rgb(s, chart.series.size());
          cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
          cairo_rectangle(cr, x, y + 2, 8, 8);
          cairo_fill(cr);
          draw_fitted_line(cr, fonts_.regular(), chart.series[s].name, x + 11, y + 1, 120, {8, 6}, 0.2,
                           TextAlign::left);
          x += 130;
        }
      });
    if (chart.kind == Chart::Kind::columns)
      add_columns(chart);
    else
      add_bars(chart);
    spacer(10);
  }

  // One item per label, so that a long chart (forty regions) splits across pages like a table.
  void add_bars(const Chart& chart) {
    const double top = largest(chart);
    const double room = kPageContentWidth - kBarLabelWidth - 30;
    const double height = kBarHeight * static_cast<double>(chart.series.size()) + 5;
    for (std::size_t i = 0; i < chart.labels.size(); ++i) {
      std::vector<double> values;
      for (const auto& series : chart.series) values.push_back(series.values.at(i));
      add(height, false, [this, label = chart.labels[i], values, top, room](cairo_t* cr, double y) {
        draw_fitted_line(cr, fonts_.regular(), label, kPageMargin, y + 1, kBarLabelWidth - 6, {7.5, 5.5}, 0.1,
                         TextAlign::right);
        for (std::size_t s = 0; s < values.size(); ++s) {
          const double* rgb = series_rgb(s, values.size());
          const double bar_y = y + 2 + kBarHeight * static_cast<double>(s);
          const double width = room * values[s] / top;
          cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
          cairo_rectangle(cr, kPageMargin + kBarLabelWidth, bar_y, width, kBarHeight - 0.8);
          cairo_fill(cr);
          draw_fitted_line(cr, fonts_.regular(), report::chart_value_text(values[s]),
                           kPageMargin + kBarLabelWidth + width + 3, bar_y - 1, 30, {5.5, 5}, 0.2, TextAlign::left);
        }
      });
    }
  }

  void add_columns(const Chart& chart) {
    add(kColumnsHeight, false, [this, chart](cairo_t* cr, double y) {
      const double top = largest(chart);
      const double axis = 30;
      const double plot = kColumnsHeight - 20;
      const std::size_t count = chart.labels.size();
      const double step = (kPageContentWidth - axis) / static_cast<double>(count);
      const std::size_t every = std::max<std::size_t>(1, (count + 11) / 12);
      for (const double share : {0.0, 0.5, 1.0}) {
        const double line_y = y + plot * (1 - share);
        cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
        cairo_set_line_width(cr, 0.4);
        cairo_move_to(cr, kPageMargin + axis, line_y);
        cairo_line_to(cr, kPageMargin + kPageContentWidth, line_y);
        cairo_stroke(cr);
        draw_fitted_line(cr, fonts_.regular(), report::chart_value_text(std::round(top * share)), kPageMargin,
                         line_y - 4, axis - 4, {7, 5}, 0.3, TextAlign::right);
      }
      const auto& values = chart.series.front().values;
      for (std::size_t i = 0; i < count; ++i) {
        const double x = kPageMargin + axis + step * static_cast<double>(i);
        const double height = plot * values.at(i) / top;
        cairo_set_source_rgb(cr, kSeriesRgb[1][0], kSeriesRgb[1][1], kSeriesRgb[1][2]);
        const double bar = std::min(step * 0.8, 28.0);  // a few wide bins stay bars, not blocks
        cairo_rectangle(cr, x + (step - bar) / 2, y + plot - height, bar, height);
        cairo_fill(cr);
        if (i % every == 0)
          draw_fitted_line(cr, fonts_.regular(), chart.labels[i], x - step, y + plot + 4, step * 3, {7, 5}, 0.2,
                           TextAlign::centre);
      }
    });
  }

  const BadgeFonts& fonts_;
  cairo_t* measure_;
  std::vector<PageItem> items_;
};

}  // namespace

Result<std::string> render_report_pdf(const report::Document& document, const std::filesystem::path& fonts_dir) {
  PSL_ASSIGN_OR_RETURN(const BadgeFonts fonts, BadgeFonts::load(fonts_dir));
  PSL_ASSIGN_OR_RETURN(auto measure, measuring_context());
  ReportLayout layout(fonts, measure.context.get());
  layout.heading(document);
  for (const auto& section : document.sections) layout.section(section);
  const std::vector<PageItem> items = layout.take();
  const auto pages = paginate(items);
  return render_sheet_pdf(pages.size(), whole_page_sheet(), document.title, "report PDF",
                          [&](cairo_t* cr, std::size_t page) {
                            for (const auto& [index, y] : pages[page]) items[index].draw(cr, y);
                            draw_page_footer(cr, fonts, document.title, document.page_format, page, pages.size());
                          });
}

}  // namespace passerelle::print
