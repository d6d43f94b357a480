// Delimiter detection and record parsing over decoded UTF-8 text.
//
// The parser is a single forward pass. Fields are copied once into their final std::string:
// unquoted fields straight from the text, quoted ones through one reused scratch buffer (only
// doubled quotes force an unescaping copy). Because the text is valid UTF-8 and every split
// point is an ASCII byte, every field is valid UTF-8 too.

#include "core/csv/csv.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text/utf8.h"

namespace passerelle::csv {
namespace {

constexpr char kQuote = '"';

// Excel writes "sep=;" as the first line to pin the delimiter; it is a directive, not a header.
struct SepDirective {
  char delimiter = ',';
  std::size_t next_line_start = 0;
};

std::optional<SepDirective> find_sep_directive(std::string_view text) {
  if (text.size() < 5) return std::nullopt;
  const std::string_view key = text.substr(0, 4);
  if (key != "sep=" && key != "SEP=" && key != "Sep=") return std::nullopt;
  const char delimiter = text[4];
  if (delimiter != ',' && delimiter != ';' && delimiter != '\t') return std::nullopt;
  std::size_t end = 5;
  if (end < text.size() && text[end] == '\r') ++end;
  if (end < text.size() && text[end] == '\n') ++end;
  if (end == 5 && end != text.size()) return std::nullopt;  // "sep=;x" is ordinary text
  return SepDirective{delimiter, end};
}

bool is_space_only(std::string_view line) {
  return line.find_first_not_of(' ') == std::string_view::npos;
}

std::string column_label(std::size_t column, const std::vector<std::string>* names) {
  std::string label = "column " + std::to_string(column);
  if (names != nullptr && column >= 1 && column <= names->size() && !(*names)[column - 1].empty()) {
    label += " (\"" + (*names)[column - 1] + "\")";
  }
  return label;
}

Error error_at(std::size_t line, std::string_view what) {
  return make_error(Errc::invalid_input, "line " + std::to_string(line) + ": " + std::string(what));
}

Error error_at(std::size_t line, std::size_t column, const std::vector<std::string>* names, std::string_view what) {
  return make_error(Errc::invalid_input,
                    "line " + std::to_string(line) + ", " + column_label(column, names) + ": " + std::string(what));
}

class RecordReader {
 public:
  RecordReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {
    stops_[static_cast<unsigned char>(delimiter)] = true;
    stops_['\r'] = true;
    stops_['\n'] = true;
    stops_[static_cast<unsigned char>(kQuote)] = true;
  }

  void skip_to(std::size_t position, std::size_t line) {
    position_ = position;
    line_ = line;
  }

  // Names columns in later error messages.
  void set_column_names(const std::vector<std::string>* names) { names_ = names; }

  // Reads the next record into `record`; false at the end of the text. `blank` is set for a line
  // holding nothing but spaces, which callers skip (a line of delimiters is a real record).
  Result<bool> next(Record& record, std::size_t expected_fields, bool& blank) {
    if (position_ >= text_.size()) return false;
    record.line = line_;
    record.fields.clear();
    record.fields.reserve(expected_fields);
    bool any_quoted = false;
    for (std::size_t column = 1;; ++column) {
      skip_padding();
      if (position_ < text_.size() && text_[position_] == kQuote) {
        any_quoted = true;
        PSL_TRY(read_quoted(record, column));
      } else {
        PSL_TRY(read_unquoted(record, column));
      }
      if (position_ >= text_.size()) break;
      const char stop = text_[position_++];
      if (stop == delimiter_) continue;
      if (stop == '\r' && position_ < text_.size() && text_[position_] == '\n') ++position_;
      ++line_;
      break;
    }
    blank = !any_quoted && record.fields.size() == 1 && record.fields.front().empty();
    return true;
  }

 private:
  bool is_padding(char c) const { return c == ' ' || (c == '\t' && delimiter_ != '\t'); }

  void skip_padding() {
    while (position_ < text_.size() && is_padding(text_[position_])) ++position_;
  }

  Status read_unquoted(Record& record, std::size_t column) {
    const std::size_t start = position_;
    while (position_ < text_.size() && !stops_[static_cast<unsigned char>(text_[position_])]) {
      ++position_;
    }
    if (position_ < text_.size() && text_[position_] == kQuote) {
      return error_at(line_, column, names_,
                      "quote inside an unquoted field; a field containing quotes must be "
                      "enclosed in quotes, with each inner quote doubled");
    }
    std::size_t end = position_;
    while (end > start && is_padding(text_[end - 1])) --end;
    record.fields.emplace_back(text_.substr(start, end - start));
    return {};
  }

  Status read_quoted(Record& record, std::size_t column) {
    const std::size_t opening_line = line_;
    ++position_;
    scratch_.clear();
    for (;;) {
      const std::size_t close = text_.find(kQuote, position_);
      if (close == std::string_view::npos) {
        return error_at(opening_line, column, names_, "quoted field opened on this line is never closed (missing \")");
      }
      count_line_breaks(position_, close);
      scratch_.append(text_.substr(position_, close - position_));
      position_ = close + 1;
      if (position_ < text_.size() && text_[position_] == kQuote) {
        scratch_.push_back(kQuote);
        ++position_;
        continue;
      }
      break;
    }
    skip_padding();
    if (position_ < text_.size()) {
      const char next = text_[position_];
      if (next != delimiter_ && next != '\r' && next != '\n') {
        return error_at(line_, column, names_,
                        "text after the closing quote of a quoted field (an inner quote must "
                        "be doubled)");
      }
    }
    record.fields.push_back(scratch_);
    return {};
  }

  void count_line_breaks(std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      const char c = text_[i];
      if (c == '\n' || (c == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n'))) ++line_;
    }
  }

  std::string_view text_;
  char delimiter_;
  std::array<bool, 256> stops_{};
  std::size_t position_ = 0;
  std::size_t line_ = 1;
  const std::vector<std::string>* names_ = nullptr;
  std::string scratch_;
};

// Case folding for duplicate detection: ASCII, Latin-1 and Latin Extended-A, which covers the
// languages of the events (en, fr, de, nl) and their neighbours' names (ł, ő, š, ...).
char32_t fold_code_point(char32_t code_point) {
  const auto cp = static_cast<std::uint32_t>(code_point);
  std::uint32_t folded = cp;
  if (cp >= 'A' && cp <= 'Z') {
    folded = cp + 0x20;
  } else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
    folded = cp + 0x20;
  } else if (cp == 0x178) {
    folded = 0xFF;
  } else if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) {
    folded = cp | 1;  // capitals at even code points
  } else if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
    folded = cp % 2 == 1 ? cp + 1 : cp;  // capitals at odd code points
  }
  return static_cast<char32_t>(folded);
}

std::string fold_case(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = decode_utf8(text, i);
    // An ill-formed byte (U+FFFD, which folds to itself) is copied as it came.
    const char32_t lower = fold_code_point(c.code_point);
    if (lower == c.code_point || !append_utf8(folded, lower)) folded.append(text.substr(i, c.length));
    i += c.length;
  }
  return folded;
}

// Header names lose surrounding whitespace, including the no-break space and a stray BOM that
// spreadsheets and concatenated exports leave behind.
std::string trim_header_name(std::string_view name) {
  using namespace std::string_view_literals;
  constexpr std::array<std::string_view, 8> kSpaces = {" "sv,  "\t"sv, "\r"sv,       "\n"sv,
                                                       "\v"sv, "\f"sv, "\xC2\xA0"sv, "\xEF\xBB\xBF"sv};
  bool trimmed = true;
  while (trimmed && !name.empty()) {
    trimmed = false;
    for (const std::string_view space : kSpaces) {
      if (name.starts_with(space)) {
        name.remove_prefix(space.size());
        trimmed = true;
      }
      if (name.ends_with(space)) {
        name.remove_suffix(space.size());
        trimmed = true;
      }
    }
  }
  return std::string(name);
}

// Validates the header and returns how many leading columns are kept: Excel appends unnamed
// trailing columns, which are dropped (their data must then be empty); any other unnamed column
// is an error. Repeated names are kept with a warning: real exports repeat columns (pretix has
// "Company" for the attendee and for the invoice address) and the mapper works by position.
Result<std::size_t> check_header(const std::vector<std::string>& header, std::size_t line,
                                 std::vector<std::string>& warnings) {
  std::size_t named = header.size();
  while (named > 0 && header[named - 1].empty()) --named;
  if (named == 0) return error_at(line, "the header row has no column names");
  for (std::size_t i = 0; i < named; ++i) {
    if (!header[i].empty()) continue;
    const std::string neighbour = i > 0 ? "after \"" + header[i - 1] + "\"" : "before \"" + header[i + 1] + "\"";
    return error_at(line, i + 1, nullptr, "empty column name in the header (" + neighbour + ")");
  }
  std::unordered_map<std::string, std::size_t> seen;
  seen.reserve(named);
  for (std::size_t i = 0; i < named; ++i) {
    const auto [it, inserted] = seen.emplace(fold_case(header[i]), i);
    if (!inserted) {
      const std::size_t first = it->second;
      warnings.push_back("line " + std::to_string(line) + ": column " + std::to_string(first + 1) + " (\"" +
                         header[first] + "\") and column " + std::to_string(i + 1) + " (\"" + header[i] +
                         "\") have the same name; the first is used where the name decides");
    }
  }
  return named;
}

// Extra fields are tolerated only when empty: a trailing delimiter or Excel's unnamed columns.
Status check_extra_fields(const Record& record, std::size_t kept_columns, std::size_t header_fields) {
  for (std::size_t i = kept_columns; i < record.fields.size(); ++i) {
    if (record.fields[i].empty()) continue;
    if (i < header_fields) {
      return error_at(record.line, i + 1, nullptr, "value in a column that has no name in the header");
    }
    return error_at(record.line, i + 1, nullptr,
                    "the row has " + std::to_string(record.fields.size()) + " fields but the header has only " +
                        std::to_string(kept_columns) + " columns");
  }
  return {};
}

}  // namespace

char detect_delimiter(std::string_view utf8) {
  if (const auto directive = find_sep_directive(utf8)) return directive->delimiter;
  // The header is the first line that is not blank, as in parse().
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = utf8.find_first_of("\r\n", start);
    if (!is_space_only(utf8.substr(start, end == std::string_view::npos ? end : end - start))) {
      break;
    }
    if (end == std::string_view::npos) return ',';
    start = end + 1;
  }
  std::size_t tabs = 0;
  std::size_t semicolons = 0;
  std::size_t commas = 0;
  bool in_quotes = false;
  for (std::size_t i = start; i < utf8.size(); ++i) {
    const char c = utf8[i];
    // A doubled quote toggles twice, so escaped quotes need no special case.
    if (c == kQuote) {
      in_quotes = !in_quotes;
    } else if (in_quotes) {
      continue;
    } else if (c == '\r' || c == '\n') {
      break;
    } else if (c == '\t') {
      ++tabs;
    } else if (c == ';') {
      ++semicolons;
    } else if (c == ',') {
      ++commas;
    }
  }
  if (tabs == 0 && semicolons == 0 && commas == 0) return ',';
  if (tabs >= semicolons && tabs >= commas) return '\t';
  if (semicolons >= commas) return ';';
  return ',';
}

Result<Table> parse(std::string_view bytes) {
  PSL_ASSIGN_OR_RETURN(DecodedText decoded, decode_to_utf8(bytes));
  const std::string_view text = decoded.utf8;

  Table table;
  table.encoding = decoded.encoding;
  table.warnings = std::move(decoded.warnings);
  table.delimiter = detect_delimiter(text);

  RecordReader reader(text, table.delimiter);
  if (const auto directive = find_sep_directive(text)) {
    reader.skip_to(directive->next_line_start, /*line=*/2);
  }

  Record header_record;
  bool blank = true;
  while (blank) {
    PSL_ASSIGN_OR_RETURN(const bool found, reader.next(header_record, 16, blank));
    if (!found) return make_error(Errc::invalid_input, "empty header: the file has no records");
  }
  std::vector<std::string> full_header;
  full_header.reserve(header_record.fields.size());
  for (const std::string& name : header_record.fields) {
    full_header.push_back(trim_header_name(name));
  }
  PSL_ASSIGN_OR_RETURN(const std::size_t columns, check_header(full_header, header_record.line, table.warnings));
  const std::size_t header_fields = full_header.size();
  table.header = std::move(full_header);
  table.header.resize(columns);
  reader.set_column_names(&table.header);

  // One row per line is the common case; embedded newlines only make this an overestimate.
  table.rows.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
  Record record;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool found, reader.next(record, columns, blank));
    if (!found) break;
    if (blank) continue;
    PSL_TRY(check_extra_fields(record, columns, header_fields));
    record.fields.resize(columns);
    table.rows.push_back(std::move(record));
    record = Record{};
  }
  return table;
}

}  // namespace passerelle::csv
