#include "core/report/report_csv.h"

#include <variant>

namespace passerelle::report {

std::vector<CsvFile> render_csv(const Document& document, csv::Delimiter delimiter) {
  std::vector<CsvFile> files;
  for (const auto& section : document.sections)
    for (const auto& block : section.blocks) {
      const auto* table = std::get_if<Table>(&block);
      if (table == nullptr || table->csv_name.empty()) continue;
      csv::Writer writer(delimiter);
      writer.row(table->head);
      for (const auto& row : table->rows) writer.row(row);
      files.push_back(CsvFile{table->csv_name + ".csv", writer.text()});
    }
  return files;
}

}  // namespace passerelle::report
