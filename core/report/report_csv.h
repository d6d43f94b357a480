// A Document's tables as CSV files, one per table that names its file (Table::csv_name), through
// the one CSV writer (core/csv/csv_writer.h: UTF-8 with a BOM, CRLF, formula cells made text, the
// delimiter of --excel). The cells are the tables' own, so the CSV says what the report says.
//
// Pure: returns names and bytes; the caller writes them. Safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "core/csv/csv_writer.h"
#include "core/report/report_document.h"

namespace passerelle::report {

struct CsvFile {
  std::string name;  // "by-country.csv"
  std::string content;
};

std::vector<CsvFile> render_csv(const Document& document, csv::Delimiter delimiter);

}  // namespace passerelle::report
