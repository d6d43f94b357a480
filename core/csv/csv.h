// CSV decoding for files people export from spreadsheets and registration systems.
//
// Contract: pure functions over an in-memory byte buffer; no I/O, no global state, safe to
// call from any thread. Every failure names the physical line (1-based) and, for encoding
// errors, the byte offset (0-based) in the original file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace passerelle::csv {

enum class SourceEncoding { utf8, utf8_bom, utf16le_bom, utf16be_bom, windows1252 };

std::string_view to_string(SourceEncoding encoding) noexcept;

struct DecodedText {
  std::string utf8;  // BOM removed, line endings untouched
  SourceEncoding encoding = SourceEncoding::utf8;
  std::vector<std::string> warnings;  // e.g. "converted from Windows-1252"
};

// Accepts UTF-8 with or without BOM, UTF-16 LE/BE with BOM, and Windows-1252 (only when the
// bytes are not valid UTF-8). Rejects, naming line and byte: NUL bytes in an 8-bit file,
// unpaired surrogates or odd length in UTF-16, bytes undefined in Windows-1252.
Result<DecodedText> decode_to_utf8(std::string_view bytes);

// Picks ',', ';' or '\t' from the header line (outside quotes), preferring the most frequent.
char detect_delimiter(std::string_view utf8);

struct Record {
  std::size_t line = 0;  // physical line on which the record starts (1-based)
  std::vector<std::string> fields;
};

struct Table {
  SourceEncoding encoding = SourceEncoding::utf8;
  char delimiter = ',';
  std::vector<std::string> header;  // fields of the first non-empty record, trimmed
  std::vector<Record> rows;         // records after the header; blank lines skipped
  std::vector<std::string> warnings;
};

// RFC 4180 plus what spreadsheets emit: quoted fields with embedded delimiters, doubled
// quotes and newlines; CRLF, LF or CR line ends; a missing final newline. Errors (with line
// and column): an unterminated quote, a stray quote inside an unquoted field, a quote
// followed by text, an empty header. Repeated header names are kept, with a warning.
Result<Table> parse(std::string_view bytes);

}  // namespace passerelle::csv
