#include "core/report/report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <variant>

namespace passerelle::report {
namespace {

// Two series: the lighter is "registered", the darker "attended", as on paper (report_pdf.cpp).
constexpr const char* kSeriesColours[] = {"#9bb7d4", "#1f5f99"};
// SVG user units. The picture scales to the page's width: about a phone's, so that on a phone its
// text keeps nearly the size it is written at.
constexpr int kChartWidth = 420;
constexpr std::size_t kLabelChars = 22;

constexpr const char* kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;
max-width:60rem;padding:1rem;color:#111;line-height:1.4}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #999}
h3{font-size:1rem;margin:1.2rem 0 .4rem}.sub{color:#555;margin:0}
.keys{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.6rem;margin:1rem 0;
padding:0;list-style:none}
.keys li{border:1px solid #ccc;border-radius:.4rem;padding:.4rem .7rem}
.keys b{display:block;font-size:1.4rem}.wide{overflow-x:auto}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.9rem}
th,td{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}td.n,th.n{text-align:right}
tr:nth-child(even) td{background:#f4f4f4}svg{width:100%;height:auto;max-width:32rem;display:block}figure{margin:0 0 1rem}
svg text{font-size:11px;fill:#222}.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 .8rem}
@media (max-width:30rem){table{font-size:.8rem}th,td{padding:.15rem .3rem}}
@media print{body{max-width:none;padding:0}figure,tr{break-inside:avoid}h2,h3{break-after:avoid}}
)css";

// Long labels (an organisation type, a checkpoint) would push the bars off the picture; the full
// text stays in the bar's tooltip and in the table below the chart.
std::string shorten(const std::string& text) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (++characters == kLabelChars) return text.substr(0, i) + "…";
  }
  return text;
}

std::string coordinate(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

double largest(const Chart& chart) {
  double top = 0;
  for (const auto& series : chart.series)
    for (const double value : series.values) top = std::max(top, value);
  return top;
}

void legend(std::string& html, const Chart& chart) {
  if (chart.series.size() < 2) return;
  html += "<p class=\"legend\">";
  for (std::size_t s = 0; s < chart.series.size(); ++s)
    html += std::string("<span style=\"background:") + kSeriesColours[s % 2] + "\"></span>" +
            escape_html(chart.series[s].name);
  html += "</p>";
}

// One row per label: the label on the left, a bar per series, its value after the bar.
void bars_svg(std::string& html, const Chart& chart) {
  constexpr double kLabelWidth = 140;
  constexpr double kBar = 10;
  const double row = kBar * static_cast<double>(chart.series.size()) + 8;
  const double height = row * static_cast<double>(chart.labels.size()) + 4;
  const double top = std::max(largest(chart), 1.0);
  const double room = kChartWidth - kLabelWidth - 36;
  html += "<svg role=\"img\" viewBox=\"0 0 " + std::to_string(kChartWidth) + " " + coordinate(height) +
          "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + escape_html(chart.title) + "</title>";
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    const double y = 2 + row * static_cast<double>(i);
    html += "<text x=\"" + coordinate(kLabelWidth - 6) + "\" y=\"" + coordinate(y + row / 2) +
            "\" text-anchor=\"end\" dominant-baseline=\"middle\">" + escape_html(shorten(chart.labels[i])) + "</text>";
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const double value = chart.series[s].values.at(i);
      const double width = room * value / top;
      const double bar_y = y + 4 + kBar * static_cast<double>(s);
      html += "<rect x=\"" + coordinate(kLabelWidth) + "\" y=\"" + coordinate(bar_y) + "\" width=\"" +
              coordinate(width) + "\" height=\"" + coordinate(kBar - 1) + "\" fill=\"" +
              kSeriesColours[(s + 2 - chart.series.size()) % 2] + "\"><title>" +
              escape_html(chart.labels[i] + ", " + chart.series[s].name + ": " + chart_value_text(value)) +
              "</title></rect>";
      html += "<text x=\"" + coordinate(kLabelWidth + width + 4) + "\" y=\"" + coordinate(bar_y + kBar / 2) +
              "\" dominant-baseline=\"middle\" style=\"font-size:10px\">" + chart_value_text(value) + "</text>";
    }
  }
  html += "</svg>";
}

// Vertical bars along a time axis, a label under every few so that they never overlap.
void columns_svg(std::string& html, const Chart& chart) {
  constexpr double kHeight = 180;
  constexpr double kLeft = 30;
  constexpr double kBottom = 24;
  const double plot_height = kHeight - kBottom - 10;
  const double top = std::max(largest(chart), 1.0);
  const std::size_t count = std::max<std::size_t>(chart.labels.size(), 1);
  const double step = (kChartWidth - kLeft - 4) / static_cast<double>(count);
  const std::size_t every = std::max<std::size_t>(1, (count + 7) / 8);
  html += "<svg role=\"img\" viewBox=\"0 0 " + std::to_string(kChartWidth) + " " + coordinate(kHeight) +
          "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + escape_html(chart.title) + "</title>";
  for (const double share : {0.0, 0.5, 1.0}) {
    const double y = 10 + plot_height * (1 - share);
    html += "<line x1=\"" + coordinate(kLeft) + "\" x2=\"" + std::to_string(kChartWidth) + "\" y1=\"" + coordinate(y) +
            "\" y2=\"" + coordinate(y) + "\" stroke=\"#ccc\"/><text x=\"" + coordinate(kLeft - 4) + "\" y=\"" +
            coordinate(y) + "\" text-anchor=\"end\" dominant-baseline=\"middle\">" +
            chart_value_text(std::round(top * share)) + "</text>";
  }
  const auto& values = chart.series.front().values;
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    const double height = plot_height * values.at(i) / top;
    const double x = kLeft + step * static_cast<double>(i);
    const double bar = std::min(step * 0.8, 24.0);  // a few wide bins stay bars, not blocks
    html += "<rect x=\"" + coordinate(x + (step - bar) / 2) + "\" y=\"" + coordinate(10 + plot_height - height) +
            "\" width=\"" + coordinate(bar) + "\" height=\"" + coordinate(height) + "\" fill=\"" + kSeriesColours[1] +
            "\"><title>" + escape_html(chart.labels[i] + ": " + chart_value_text(values.at(i))) + "</title></rect>";
    if (i % every == 0)
      html += "<text x=\"" + coordinate(x + step / 2) + "\" y=\"" + coordinate(kHeight - 8) +
              "\" text-anchor=\"middle\">" + escape_html(chart.labels[i]) + "</text>";
  }
  html += "</svg>";
}

void table_html(std::string& html, const Table& table) {
  html += "<div class=\"wide\"><table><caption hidden>" + escape_html(table.title) + "</caption><thead><tr>";
  for (std::size_t c = 0; c < table.head.size(); ++c)
    html += std::string("<th") + (c < table.numeric.size() && table.numeric[c] ? " class=\"n\"" : "") + ">" +
            escape_html(table.head[c]) + "</th>";
  html += "</tr></thead><tbody>";
  for (const auto& row : table.rows) {
    html += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c)
      html += std::string("<td") + (c < table.numeric.size() && table.numeric[c] ? " class=\"n\"" : "") + ">" +
              escape_html(row[c]) + "</td>";
    html += "</tr>";
  }
  html += "</tbody></table></div>\n";
}

void block_html(std::string& html, const Block& block) {
  if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
    html += "<p>" + escape_html(paragraph->text) + "</p>\n";
  } else if (const auto* table = std::get_if<Table>(&block)) {
    table_html(html, *table);
  } else if (const auto* chart = std::get_if<Chart>(&block)) {
    if (chart->labels.empty()) return;
    html += "<figure><h3>" + escape_html(chart->title) + "</h3>";
    legend(html, *chart);
    if (chart->kind == Chart::Kind::bars)
      bars_svg(html, *chart);
    else
      columns_svg(html, *chart);
    html += "</figure>\n";
  }
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render_html(const Document& document) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"" + escape_html(document.language) +
                     "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
                     "initial-scale=1\"><title>" +
                     escape_html(document.title) + "</title><style>" + kStyle + "</style></head><body>\n";
  html += "<header><h1>" + escape_html(document.title) + "</h1>";
  for (const auto& line : document.subtitle) html += "<p class=\"sub\">" + escape_html(line) + "</p>";
  html += "</header>\n<ul class=\"keys\">";
  for (const auto& figure : document.key_figures)
    html += "<li>" + escape_html(figure.label) + "<b>" + escape_html(figure.value) + "</b></li>";
  html += "</ul>\n";
  for (const auto& section : document.sections) {
    html += "<section><h2>" + escape_html(section.title) + "</h2>\n";
    for (const auto& block : section.blocks) block_html(html, block);
    html += "</section>\n";
  }
  html += "</body></html>\n";
  return html;
}

}  // namespace passerelle::report
