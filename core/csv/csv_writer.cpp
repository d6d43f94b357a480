#include "core/csv/csv_writer.h"

namespace passerelle::csv {

std::string quote_field(std::string_view text) {
  if (text.find_first_of(",;\"\r\n\t") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string export_cell(std::string_view text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    return quote_field("'" + std::string(text));
  return quote_field(text);
}

Writer::Writer(Delimiter delimiter) : delimiter_(static_cast<char>(delimiter)), text_("\xEF\xBB\xBF") {}

void Writer::row(const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) text_ += delimiter_;
    text_ += export_cell(cells[i]);
  }
  text_ += "\r\n";
}

}  // namespace passerelle::csv
