// CSV writing: the one writer every CSV Passerelle produces goes through (the attendance and the
// badge-code exports), so that quoting and formula neutralising are decided once.
//
// Formula injection: a spreadsheet runs a cell that begins with '=', '+', '-' or '@' as a formula
// (=HYPERLINK(...) phones home, +1+1 computes), and some also one that begins with a TAB or a CR.
// Such a cell is written with a leading apostrophe ('=HYPERLINK(...)), which Excel, LibreOffice and
// Google Sheets show as text and hide; this is OWASP's advice. Names come from registration forms
// anyone can fill in, so the writer cannot trust any cell. The importer does not undo it
// (docs/import.md, "Exported files"): an export is for people and spreadsheets, not an import.
//
// Contract: pure functions and a plain value type; no I/O; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace passerelle::csv {

// RFC 4180 only: quotes `text` when it holds a delimiter (',' ';' TAB), a quote or a line break,
// doubling its quotes. For files meant to be read back as they are (test fixtures, imports).
std::string quote_field(std::string_view text);

// A cell of an export: `text` with a leading apostrophe when it begins with '=', '+', '-', '@',
// TAB or CR, then quoted as quote_field() does.
std::string export_cell(std::string_view text);

// What separates the cells of a row. A comma is RFC 4180's and what most programs read; Excel
// set to French, German or Dutch (where the comma is the decimal mark) splits a row at
// semicolons only, and opens a comma-separated file with every row in one column.
enum class Delimiter : char { comma = ',', semicolon = ';' };

// An export being written: UTF-8 with a BOM (Excel reads accents right only with one), CRLF line
// ends, cells separated by `delimiter`, every cell through export_cell() (which quotes a cell
// holding either delimiter, so a cell never splits whichever is chosen).
class Writer {
 public:
  explicit Writer(Delimiter delimiter = Delimiter::comma);
  void row(const std::vector<std::string>& cells);
  const std::string& text() const { return text_; }

 private:
  char delimiter_;
  std::string text_;
};

}  // namespace passerelle::csv
