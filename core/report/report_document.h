// A report as words, tables and charts in the reader's language, before any format: the HTML
// (report_html.h), the PDF (core/print/report_pdf.h) and the CSV files (report_csv.h) are each
// drawn from one Document, so they cannot say different things.
//
// The types are plain data with no library behind them (core/print includes this header without
// linking the report library). The builders (report_builder.h) fill them from the figures.
// Thread safety: values; no shared state.
#pragma once

#include <cstdio>
#include <string>
#include <variant>
#include <vector>

namespace passerelle::report {

struct Paragraph {
  std::string text;
};

struct Table {
  std::string csv_name;  // the stem of its CSV file ("by-country"); empty: not written as CSV
  std::string title;
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> rows;  // as many cells as `head`
  // Columns holding numbers: right-aligned on paper and screen.
  std::vector<bool> numeric;
};

struct Series {
  std::string name;            // "Registered", "Attended"
  std::vector<double> values;  // one per label
};

struct Chart {
  // bars: one horizontal bar (or pair) per label, for categories (countries, sectors);
  // columns: vertical bars along a time axis, for arrivals.
  enum class Kind { bars, columns };
  Kind kind = Kind::bars;
  std::string title;
  std::vector<std::string> labels;
  std::vector<Series> series;  // one or two
};

// A chart's value as both renderers print it beside its bar: a whole number.
inline std::string chart_value_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", value);
  return text;
}

using Block = std::variant<Paragraph, Table, Chart>;

struct Section {
  std::string title;
  std::vector<Block> blocks;
};

struct KeyFigure {
  std::string label;
  std::string value;
};

struct Document {
  std::string language;  // "en", "fr", "de", "nl": the HTML's lang attribute
  std::string title;
  std::vector<std::string> subtitle;  // the event, venue and days, when it was generated
  std::vector<KeyFigure> key_figures;
  std::vector<Section> sections;
  std::string page_format;  // "Page {page} of {pages}", for paper
};

// One day's attendance list as printed: the form funders of cross-border programmes ask for.
struct AttendanceSheet {
  std::string event_name;
  std::string venue;
  std::string day;    // "YYYY-MM-DD"
  std::string title;  // "Attendance list"
  std::string name_head;
  std::string organisation_head;
  std::string time_head;
  std::string signature_head;
  struct Row {
    std::string name;  // "Last, First"
    std::string organisation;
    std::string time;  // "HH:MM"
  };
  std::vector<Row> rows;    // already in the event language's order
  std::string erased_line;  // "3 participants whose data was erased", or empty
  std::string none;         // printed when nobody attended and nobody was erased
  std::string page_format;  // "Page {page} of {pages}"
};

}  // namespace passerelle::report
