// Byte-level decoding of imported files into UTF-8. Everything downstream (the CSV parser, the
// participant mapping, SQLite) may then assume valid UTF-8 without NUL characters.

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "core/csv/csv.h"
#include "core/text/utf8.h"

namespace passerelle::csv {
namespace {

constexpr std::size_t kNotFound = std::string_view::npos;

// Windows-1252 code points for bytes 0x80..0x9F; 0 marks the five bytes the code page leaves
// undefined. Bytes 0xA0..0xFF map to U+00A0..U+00FF, as in Latin-1.
constexpr std::array<char16_t, 32> kWindows1252High = {
    u'\u20AC', 0,         u'\u201A', u'\u0192', u'\u201E', u'\u2026', u'\u2020', u'\u2021',
    u'\u02C6', u'\u2030', u'\u0160', u'\u2039', u'\u0152', 0,         u'\u017D', 0,
    0,         u'\u2018', u'\u2019', u'\u201C', u'\u201D', u'\u2022', u'\u2013', u'\u2014',
    u'\u02DC', u'\u2122', u'\u0161', u'\u203A', u'\u0153', 0,         u'\u017E', u'\u0178',
};

unsigned byte_at(std::string_view bytes, std::size_t offset) {
  return static_cast<unsigned char>(bytes[offset]);
}

// Line numbers follow the parser's rule (CRLF, LF and a lone CR each end one line), so that a
// line named by the decoder is the line a user sees in an editor and in later parse errors.
std::size_t line_at(std::string_view bytes, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (bytes[i] == '\r' || (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r'))) ++line;
  }
  return line;
}

std::string where(std::string_view bytes, std::size_t offset) {
  return "line " + std::to_string(line_at(bytes, offset)) + ", byte " + std::to_string(offset);
}

std::string hex_byte(unsigned value) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", value & 0xFFu);
  return text;
}

Result<DecodedText> decode_windows1252(std::string_view bytes, std::size_t first_bad_utf8) {
  DecodedText decoded;
  decoded.encoding = SourceEncoding::windows1252;
  // Most bytes stay one byte; accented letters grow to two and the 0x80..0x9F block to three.
  decoded.utf8.reserve(bytes.size() + bytes.size() / 4);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const unsigned byte = byte_at(bytes, i);
    if (byte < 0x80) {
      // Copying whole ASCII runs keeps the common case a memcpy.
      std::size_t run_end = i + 1;
      while (run_end < bytes.size() && byte_at(bytes, run_end) < 0x80) ++run_end;
      decoded.utf8.append(bytes.substr(i, run_end - i));
      i = run_end - 1;
    } else if (byte >= 0xA0) {
      append_utf8(decoded.utf8, static_cast<char32_t>(byte));
    } else if (const char16_t mapped = kWindows1252High[byte - 0x80]; mapped != 0) {
      append_utf8(decoded.utf8, mapped);
    } else {
      return make_error(Errc::invalid_input, "cannot decode the file: it is not valid UTF-8 (first non-UTF-8 byte at " +
                                                 where(bytes, first_bad_utf8) + ") and byte " + hex_byte(byte) +
                                                 " at " + where(bytes, i) +
                                                 " is undefined in Windows-1252; save it as UTF-8");
    }
  }
  decoded.warnings.push_back(
      "converted from Windows-1252: file was not valid UTF-8 (first "
      "non-UTF-8 byte at " +
      where(bytes, first_bad_utf8) + ")");
  return decoded;
}

Result<DecodedText> decode_8bit(std::string_view bytes, bool has_bom) {
  const std::size_t body = has_bom ? 3 : 0;
  // A NUL is never text in an 8-bit file; the usual cause is UTF-16 saved without a BOM,
  // where every other byte of Latin text is zero.
  if (const void* nul = std::memchr(bytes.data(), 0, bytes.size()); nul != nullptr) {
    const auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
    return make_error(Errc::invalid_input,
                      "NUL byte at " + where(bytes, offset) + ": is this a UTF-16 file without a byte-order mark?");
  }
  const std::size_t bad_in_body = first_invalid_utf8(bytes.substr(body));
  if (bad_in_body == kNotFound) {
    DecodedText decoded;
    decoded.encoding = has_bom ? SourceEncoding::utf8_bom : SourceEncoding::utf8;
    decoded.utf8.assign(bytes.substr(body));
    return decoded;
  }
  const std::size_t bad = body + bad_in_body;
  if (has_bom) {
    // The BOM is an explicit claim of UTF-8; guessing another encoding would hide corruption.
    return make_error(Errc::invalid_input,
                      "file starts with a UTF-8 byte-order mark but is not "
                      "valid UTF-8: byte " +
                          hex_byte(byte_at(bytes, bad)) + " at " + where(bytes, bad));
  }
  return decode_windows1252(bytes, bad);
}

Result<DecodedText> decode_utf16(std::string_view bytes, bool little_endian) {
  DecodedText decoded;
  decoded.encoding = little_endian ? SourceEncoding::utf16le_bom : SourceEncoding::utf16be_bom;
  const std::string_view name = little_endian ? "UTF-16LE" : "UTF-16BE";
  const std::size_t end = bytes.size() - (bytes.size() % 2);
  const auto unit_at = [&](std::size_t offset) -> std::uint32_t {
    const unsigned first = byte_at(bytes, offset);
    const unsigned second = byte_at(bytes, offset + 1);
    return little_endian ? (second << 8 | first) : (first << 8 | second);
  };
  // Decoded lines are tracked here rather than with line_at(), which counts 8-bit bytes.
  std::size_t line = 1;
  bool after_cr = false;
  const auto location = [&](std::size_t offset) {
    return "line " + std::to_string(line) + ", byte " + std::to_string(offset);
  };
  decoded.utf8.reserve(bytes.size());
  for (std::size_t offset = 2; offset < end; offset += 2) {
    const std::uint32_t unit = unit_at(offset);
    std::uint32_t code_point = unit;
    if (unit >= 0xD800 && unit <= 0xDFFF) {
      const bool is_high = unit <= 0xDBFF;
      const std::uint32_t next = offset + 4 <= end ? unit_at(offset + 2) : 0;
      if (!is_high || next < 0xDC00 || next > 0xDFFF) {
        return make_error(Errc::invalid_input,
                          std::string(name) + " file has an unpaired " + "surrogate at " + location(offset));
      }
      code_point = 0x10000 + ((unit - 0xD800) << 10) + (next - 0xDC00);
      offset += 2;
    } else if (unit == 0) {
      return make_error(Errc::invalid_input, std::string(name) + " file has a NUL character at " + location(offset));
    }
    if (code_point == '\r' || (code_point == '\n' && !after_cr)) ++line;
    after_cr = code_point == '\r';
    append_utf8(decoded.utf8, static_cast<char32_t>(code_point));
  }
  if (end != bytes.size()) {
    return make_error(Errc::invalid_input, std::string(name) + " file has an odd number of bytes (" +
                                               std::to_string(bytes.size()) + "): the last byte, at " + location(end) +
                                               ", is half a character; the file may be truncated");
  }
  return decoded;
}

bool starts_with_bytes(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string_view to_string(SourceEncoding encoding) noexcept {
  switch (encoding) {
    case SourceEncoding::utf8:
      return "UTF-8";
    case SourceEncoding::utf8_bom:
      return "UTF-8 with BOM";
    case SourceEncoding::utf16le_bom:
      return "UTF-16LE with BOM";
    case SourceEncoding::utf16be_bom:
      return "UTF-16BE with BOM";
    case SourceEncoding::windows1252:
      return "Windows-1252";
  }
  return "unknown encoding";
}

Result<DecodedText> decode_to_utf8(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.empty()) return make_error(Errc::invalid_input, "file is empty");
  const bool utf8_bom = starts_with_bytes(bytes, "\xEF\xBB\xBF"sv);
  const bool utf16le_bom = starts_with_bytes(bytes, "\xFF\xFE"sv);
  const bool utf16be_bom = starts_with_bytes(bytes, "\xFE\xFF"sv);
  const std::size_t bom_size = utf8_bom ? 3 : (utf16le_bom || utf16be_bom) ? 2 : 0;
  if (bom_size != 0 && bytes.size() == bom_size) {
    return make_error(Errc::invalid_input, "file is empty (it holds only a byte-order mark)");
  }
  // Checked before UTF-16LE, whose BOM is a prefix of UTF-32LE's; otherwise the user would get
  // a puzzling NUL-character message.
  if (starts_with_bytes(bytes, "\xFF\xFE\0\0"sv) || starts_with_bytes(bytes, "\0\0\xFE\xFF"sv)) {
    return make_error(Errc::invalid_input, "file is UTF-32, which is not supported; save it as UTF-8 or UTF-16");
  }
  if (utf16le_bom || utf16be_bom) return decode_utf16(bytes, utf16le_bom);
  return decode_8bit(bytes, utf8_bom);
}

}  // namespace passerelle::csv
