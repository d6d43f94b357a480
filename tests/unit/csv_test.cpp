// Tests for core/csv: decoding of spreadsheet exports and CSV parsing, including the exact line
// and byte every error names. Binary inputs (UTF-16, Windows-1252) are built here, byte by byte,
// so each test shows the bytes it feeds.

#include "core/csv/csv.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::csv {
namespace {

using namespace std::string_literals;

std::string utf16(std::u16string_view text, bool little_endian, bool with_bom = true) {
  std::string bytes;
  const auto put = [&](char16_t unit) {
    const auto high = static_cast<char>(unit >> 8);
    const auto low = static_cast<char>(unit & 0xFF);
    bytes += little_endian ? std::string{low, high} : std::string{high, low};
  };
  if (with_bom) put(u'\xFEFF');
  for (const char16_t unit : text) put(unit);
  return bytes;
}

// Written independently of the decoder's validator so that the two check each other.
bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const int length = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : (lead >> 3) == 30 ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t cp = length == 1 ? lead : lead & (0x7Fu >> length);
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (next & 0x3Fu);
    }
    const std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < minimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

Table must_parse(std::string_view bytes) {
  auto result = parse(bytes);
  if (!result) {
    ADD_FAILURE() << "unexpected error: " << result.error().message;
    return {};
  }
  return std::move(result).value();
}

std::string parse_error(std::string_view bytes) {
  const auto result = parse(bytes);
  if (result) {
    ADD_FAILURE() << "expected an error";
    return {};
  }
  EXPECT_EQ(result.error().code, Errc::invalid_input);
  return result.error().message;
}

std::string decode_error(std::string_view bytes) {
  const auto result = decode_to_utf8(bytes);
  if (result) {
    ADD_FAILURE() << "expected an error";
    return {};
  }
  EXPECT_EQ(result.error().code, Errc::invalid_input);
  return result.error().message;
}

using Fields = std::vector<std::string>;

// ---------------------------------------------------------------------------------- encodings

TEST(EncodingDecode, EmptyFileAndBomOnlyAreRejected) {
  EXPECT_EQ(decode_error(""), "file is empty");
  EXPECT_EQ(parse_error(""), "file is empty");
  EXPECT_EQ(decode_error("\xEF\xBB\xBF"), "file is empty (it holds only a byte-order mark)");
  EXPECT_EQ(decode_error("\xFF\xFE"), "file is empty (it holds only a byte-order mark)");
  EXPECT_EQ(decode_error("\xFE\xFF"), "file is empty (it holds only a byte-order mark)");
}

TEST(EncodingDecode, Utf8WithAndWithoutBom) {
  const std::string text = "Name;City\r\nMüller;Łódź\r\nØrsted;€ 😀\r\n";
  auto plain = decode_to_utf8(text);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->encoding, SourceEncoding::utf8);
  EXPECT_EQ(plain->utf8, text);
  EXPECT_TRUE(plain->warnings.empty());

  auto with_bom = decode_to_utf8("\xEF\xBB\xBF" + text);
  ASSERT_TRUE(with_bom);
  EXPECT_EQ(with_bom->encoding, SourceEncoding::utf8_bom);
  EXPECT_EQ(with_bom->utf8, text);
  EXPECT_TRUE(with_bom->warnings.empty());
}

TEST(EncodingDecode, Utf16RoundTripsBothByteOrders) {
  const std::u16string text = u"Name\tCity\r\nMüller\tŁódź\r\nØrsted\t€ 😀\r\n";
  const std::string expected = "Name\tCity\r\nMüller\tŁódź\r\nØrsted\t€ 😀\r\n";
  for (const bool little_endian : {true, false}) {
    auto decoded = decode_to_utf8(utf16(text, little_endian));
    ASSERT_TRUE(decoded) << decoded.error().message;
    EXPECT_EQ(decoded->encoding, little_endian ? SourceEncoding::utf16le_bom : SourceEncoding::utf16be_bom);
    EXPECT_EQ(decoded->utf8, expected);
    EXPECT_TRUE(decoded->warnings.empty());
  }
}

TEST(EncodingDecode, Utf16ErrorsNameLineAndByte) {
  // BOM (2 bytes) + "ab\n" (6 bytes) + 1 stray byte.
  EXPECT_EQ(decode_error(utf16(u"ab\n", true) + "x"),
            "UTF-16LE file has an odd number of bytes (9): the last byte, at line 2, byte 8, "
            "is half a character; the file may be truncated");
  const std::u16string high_then_letter = u"x\r\ny\n"s + char16_t{0xD83D} + u"a";
  EXPECT_EQ(decode_error(utf16(high_then_letter, true)), "UTF-16LE file has an unpaired surrogate at line 3, byte 12");
  const std::u16string lone_low = u"x\r"s + char16_t{0xDC00};
  EXPECT_EQ(decode_error(utf16(lone_low, false)), "UTF-16BE file has an unpaired surrogate at line 2, byte 6");
  const std::u16string high_at_end = u"x"s + char16_t{0xD800};
  EXPECT_EQ(decode_error(utf16(high_at_end, true)), "UTF-16LE file has an unpaired surrogate at line 1, byte 4");
  // A high surrogate cut off by the end of the input, although its partner follows in memory.
  const std::string emoji = utf16(u"x😀", false);
  EXPECT_EQ(decode_error(std::string_view(emoji).substr(0, emoji.size() - 2)),
            "UTF-16BE file has an unpaired surrogate at line 1, byte 4");
  const std::u16string with_nul = u"a\n"s + char16_t{0} + u"b";
  EXPECT_EQ(decode_error(utf16(with_nul, false)), "UTF-16BE file has a NUL character at line 2, byte 6");
  EXPECT_EQ(decode_error("\xFF\xFE\0\0a\0\0\0"s), "file is UTF-32, which is not supported; save it as UTF-8 or UTF-16");
}

TEST(EncodingDecode, NulByteIn8BitFileSuggestsUtf16) {
  EXPECT_EQ(decode_error("ab\ncd\0"s), "NUL byte at line 2, byte 5: is this a UTF-16 file without a byte-order mark?");
  EXPECT_EQ(decode_error(utf16(u"Name\r\n", true, /*with_bom=*/false)),
            "NUL byte at line 1, byte 1: is this a UTF-16 file without a byte-order mark?");
  EXPECT_EQ(decode_error(utf16(u"Name\r\n", false, /*with_bom=*/false)),
            "NUL byte at line 1, byte 0: is this a UTF-16 file without a byte-order mark?");
}

TEST(EncodingDecode, Windows1252IsConvertedWithAWarning) {
  const std::string prefix = "id;first_name;last_name;city\r\n1;Ann;Schmidt;Berlin\r\n2;Jo;";
  ASSERT_EQ(prefix.size(), 57u);
  const std::string bytes = prefix +
                            "\xD8rsted;K\xF8"
                            "benhavn\r\n3;Eva;M\xFCller;\x80 5\r\n";
  auto decoded = decode_to_utf8(bytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->encoding, SourceEncoding::windows1252);
  EXPECT_EQ(decoded->utf8, prefix + "Ørsted;København\r\n3;Eva;Müller;€ 5\r\n");
  ASSERT_EQ(decoded->warnings.size(), 1u);
  EXPECT_EQ(decoded->warnings[0],
            "converted from Windows-1252: file was not valid UTF-8 (first non-UTF-8 byte at "
            "line 3, byte 57)");

  auto table = must_parse(bytes);
  EXPECT_EQ(table.encoding, SourceEncoding::windows1252);
  EXPECT_EQ(table.delimiter, ';');
  EXPECT_EQ(table.warnings, decoded->warnings);
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[2].fields, (Fields{"3", "Eva", "Müller", "€ 5"}));
}

TEST(EncodingDecode, Windows1252MapsEveryDefinedByte) {
  std::string block;
  for (int byte = 0x80; byte <= 0x9F; ++byte) {
    if (byte != 0x81 && byte != 0x8D && byte != 0x8F && byte != 0x90 && byte != 0x9D) {
      block.push_back(static_cast<char>(byte));
    }
  }
  auto decoded = decode_to_utf8(block);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->utf8, "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

  for (int byte = 0xA0; byte <= 0xFF; ++byte) {
    auto latin1 = decode_to_utf8(std::string(1, static_cast<char>(byte)));
    ASSERT_TRUE(latin1);
    const std::string expected = {static_cast<char>(0xC0 | (byte >> 6)), static_cast<char>(0x80 | (byte & 0x3F))};
    EXPECT_EQ(latin1->utf8, expected) << "byte " << byte;
  }
}

TEST(EncodingDecode, BytesUndefinedInWindows1252AreRejected) {
  for (const char undefined : {'\x81', '\x8D', '\x8F', '\x90', '\x9D'}) {
    const std::string message = decode_error("a\rb\r\nc\n\xE9" + std::string(1, undefined));
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(undefined));
    EXPECT_EQ(message,
              "cannot decode the file: it is not valid UTF-8 (first non-UTF-8 byte at "
              "line 4, byte 7) and byte " +
                  std::string(hex) + " at line 4, byte 8 is undefined in Windows-1252; save it as UTF-8");
  }
}

TEST(EncodingDecode, MalformedUtf8FallsBackToWindows1252) {
  struct Case {
    std::string bytes;
    std::string expected;
  };
  const Case cases[] = {
      {"\xC0\xAF", "À¯"},            // overlong '/'
      {"\xE0\x80\xAF", "à€¯"},       // overlong, three bytes
      {"\xED\xA0\x80", "í\u00A0€"},  // UTF-16 surrogate encoded in UTF-8
      {"\xF5\x80", "õ€"},            // lead byte beyond U+10FFFF
      {"\xF0\x80\x80\xAF", "ð€€¯"},  // overlong, four bytes
      {"ok \xC3", "ok Ã"},           // truncated sequence at the end
      {"\xE9t\xE9", "été"},
  };
  for (const Case& c : cases) {
    auto decoded = decode_to_utf8(c.bytes);
    ASSERT_TRUE(decoded) << c.expected;
    EXPECT_EQ(decoded->encoding, SourceEncoding::windows1252) << c.expected;
    EXPECT_EQ(decoded->utf8, c.expected);
  }
  // U+110000 in UTF-8 form is not UTF-8, and its 0x90 is undefined in Windows-1252.
  EXPECT_NE(decode_error("\xF4\x90\x80\x80").find("byte 0x90 at line 1, byte 1"), std::string::npos);

  // A sequence cut by the end of the input is invalid even if the bytes after it would fit.
  const std::string buffer = "ok \xC3\xA9";
  auto truncated = decode_to_utf8(std::string_view(buffer).substr(0, 4));
  ASSERT_TRUE(truncated);
  EXPECT_EQ(truncated->utf8, "ok Ã");

  auto highest = decode_to_utf8("\xF4\x8F\xBF\xBF");  // U+10FFFF is still UTF-8
  ASSERT_TRUE(highest);
  EXPECT_EQ(highest->encoding, SourceEncoding::utf8);
}

TEST(EncodingDecode, Utf8BomWithInvalidBytesIsRejected) {
  EXPECT_EQ(decode_error("\xEF\xBB\xBFname\nM\xFCller\n"),
            "file starts with a UTF-8 byte-order mark but is not valid UTF-8: byte 0xFC at "
            "line 2, byte 9");
}

TEST(EncodingDecode, NamesEncodings) {
  EXPECT_EQ(to_string(SourceEncoding::utf8), "UTF-8");
  EXPECT_EQ(to_string(SourceEncoding::utf8_bom), "UTF-8 with BOM");
  EXPECT_EQ(to_string(SourceEncoding::utf16le_bom), "UTF-16LE with BOM");
  EXPECT_EQ(to_string(SourceEncoding::utf16be_bom), "UTF-16BE with BOM");
  EXPECT_EQ(to_string(SourceEncoding::windows1252), "Windows-1252");
}

// ---------------------------------------------------------------------------------- delimiter

TEST(CsvDelimiter, PicksTheMostFrequentOutsideQuotes) {
  EXPECT_EQ(detect_delimiter("a,b,c\n"), ',');
  EXPECT_EQ(detect_delimiter("a;b;c\n"), ';');
  EXPECT_EQ(detect_delimiter("a\tb\tc\n"), '\t');
  EXPECT_EQ(detect_delimiter("a;b,c;d\n"), ';');
  EXPECT_EQ(detect_delimiter("\"x;y;z\",a,b\n"), ',');
  EXPECT_EQ(detect_delimiter("\"x \"\";;\"\"\",a\n"), ',');    // doubled quotes stay inside
  EXPECT_EQ(detect_delimiter("\"multi\nline;;;\",a\n"), ',');  // quoted newline: same record
}

TEST(CsvDelimiter, BreaksTiesTabThenSemicolonThenComma) {
  EXPECT_EQ(detect_delimiter("a\tb;c,d\n"), '\t');
  EXPECT_EQ(detect_delimiter("a;b,c\n"), ';');
  EXPECT_EQ(detect_delimiter("a,b\tc;d,e\te;f\n"), '\t');
}

TEST(CsvDelimiter, LooksOnlyAtTheHeaderLine) {
  EXPECT_EQ(detect_delimiter("email\nx;y;z\n"), ',');
  EXPECT_EQ(detect_delimiter("a;b\r\n1,2,3,4,5\r\n"), ';');
  EXPECT_EQ(detect_delimiter("\n  \r\n\ra;b\n"), ';');  // leading blank lines are skipped
  EXPECT_EQ(detect_delimiter(""), ',');
  EXPECT_EQ(detect_delimiter("\n\n"), ',');
  EXPECT_EQ(detect_delimiter("a;b"), ';');
}

TEST(CsvDelimiter, HonoursExcelSepDirective) {
  EXPECT_EQ(detect_delimiter("sep=;\r\na,b,c\r\n"), ';');
  EXPECT_EQ(detect_delimiter("sep=\t\na,b\n"), '\t');
  auto table = must_parse("sep=;\r\nname;email\r\nAnn;a@x.eu\r\n");
  EXPECT_EQ(table.delimiter, ';');
  EXPECT_EQ(table.header, (Fields{"name", "email"}));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0].line, 3u);
}

// ------------------------------------------------------------------------------------ parsing

TEST(CsvParse, ReadsHeaderAndRowsWithLineNumbers) {
  auto table = must_parse("id,name\r\n1,Anna\r\n2,Bob\r\n");
  EXPECT_EQ(table.encoding, SourceEncoding::utf8);
  EXPECT_EQ(table.delimiter, ',');
  EXPECT_EQ(table.header, (Fields{"id", "name"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].line, 2u);
  EXPECT_EQ(table.rows[0].fields, (Fields{"1", "Anna"}));
  EXPECT_EQ(table.rows[1].line, 3u);
  EXPECT_EQ(table.rows[1].fields, (Fields{"2", "Bob"}));
  EXPECT_TRUE(table.warnings.empty());
}

TEST(CsvParse, AcceptsEveryLineEndingAndNoFinalNewline) {
  auto table = must_parse("a,b\n1,2\r3,4\r\n5,6");
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[0].line, 2u);
  EXPECT_EQ(table.rows[1].line, 3u);
  EXPECT_EQ(table.rows[1].fields, (Fields{"3", "4"}));
  EXPECT_EQ(table.rows[2].line, 4u);
  EXPECT_EQ(table.rows[2].fields, (Fields{"5", "6"}));
}

TEST(CsvParse, SkipsBlankLinesButKeepsDelimiterOnlyLines) {
  auto table = must_parse("\n\r\na,b,c\n\n1,2,3\n   \n,,\n\r\r\n7,8,9\n\n");
  EXPECT_EQ(table.header, (Fields{"a", "b", "c"}));
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[0].line, 5u);
  EXPECT_EQ(table.rows[1].line, 7u);
  EXPECT_EQ(table.rows[1].fields, (Fields{"", "", ""}));
  EXPECT_EQ(table.rows[2].line, 10u);

  // A quoted empty field is a value, not a blank line.
  auto single = must_parse("email\n\"\"\n\n");
  ASSERT_EQ(single.rows.size(), 1u);
  EXPECT_EQ(single.rows[0].fields, (Fields{""}));
}

TEST(CsvParse, HandlesQuotedDelimitersAndDoubledQuotes) {
  auto table = must_parse("name,note\n\"Doe, Jane\",\"She said \"\"hi\"\"\"\n\"\",\"\"\"\"\n");
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].fields, (Fields{"Doe, Jane", "She said \"hi\""}));
  EXPECT_EQ(table.rows[1].fields, (Fields{"", "\""}));
}

TEST(CsvParse, CountsLinesInsideQuotedMultiLineFields) {
  auto table = must_parse("id,note\r\n1,\"line one\nline two\r\nline three\"\r\n2,\"a\rb\"\r\n3,x\r\n\"4\r\n\",y");
  ASSERT_EQ(table.rows.size(), 4u);
  EXPECT_EQ(table.rows[0].line, 2u);
  EXPECT_EQ(table.rows[0].fields[1], "line one\nline two\r\nline three");
  EXPECT_EQ(table.rows[1].line, 5u);
  EXPECT_EQ(table.rows[1].fields[1], "a\rb");
  EXPECT_EQ(table.rows[2].line, 7u);
  EXPECT_EQ(table.rows[3].line, 8u);
  EXPECT_EQ(table.rows[3].fields, (Fields{"4\r\n", "y"}));
}

TEST(CsvParse, TrimsHeaderNamesAndUnquotedDataOnly) {
  auto table = must_parse(
      " id ,\" name \",\xC2\xA0"
      "email\xC2\xA0,\xEF\xBB\xBFtag\n"
      "  1  , \" spaced \" ,\tx\t, \"q\"\n");
  EXPECT_EQ(table.header, (Fields{"id", "name", "email", "tag"}));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0].fields, (Fields{"1", " spaced ", "x", "q"}));
}

TEST(CsvParse, TabDelimitedKeepsEmptyTabFields) {
  auto table = must_parse("a\tb\tc\n1\t\t3\n\t\t\n");
  EXPECT_EQ(table.delimiter, '\t');
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].fields, (Fields{"1", "", "3"}));
  EXPECT_EQ(table.rows[1].fields, (Fields{"", "", ""}));
}

TEST(CsvParse, PadsShortRowsAndAcceptsEmptyExtraFields) {
  auto table = must_parse("a,b,c\n1\n1,2,3,,\n1,2,3,\"\"\n");
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[0].fields, (Fields{"1", "", ""}));
  EXPECT_EQ(table.rows[1].fields, (Fields{"1", "2", "3"}));
  EXPECT_EQ(table.rows[2].fields, (Fields{"1", "2", "3"}));
}

TEST(CsvParse, DropsEmptyTrailingUnnamedColumns) {
  auto table = must_parse("a;b;;\r\n1;2;;\r\n3;4\r\n5;6; ;\"\"\r\n");
  EXPECT_EQ(table.header, (Fields{"a", "b"}));
  ASSERT_EQ(table.rows.size(), 3u);
  for (const Record& row : table.rows) EXPECT_EQ(row.fields.size(), 2u);
}

TEST(CsvParse, ParsesExcelUnicodeTextExport) {
  const std::u16string text =
      u"First name\tLast name\tCity\r\nJan\tMüller\tŁódź\r\nMette\tØrsted\t\"Brussels\r\n€\"\r\n";
  for (const bool little_endian : {true, false}) {
    auto table = must_parse(utf16(text, little_endian));
    EXPECT_EQ(table.delimiter, '\t');
    EXPECT_EQ(table.header, (Fields{"First name", "Last name", "City"}));
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].fields, (Fields{"Jan", "Müller", "Łódź"}));
    EXPECT_EQ(table.rows[1].fields, (Fields{"Mette", "Ørsted", "Brussels\r\n€"}));
    EXPECT_EQ(table.rows[1].line, 3u);
  }
}

TEST(CsvParseErrors, UnterminatedQuoteNamesTheLineWhereItOpened) {
  EXPECT_EQ(parse_error("a,b\n1,2\n3,\"open\n4,5\n6,7\n"),
            "line 3, column 2 (\"b\"): quoted field opened on this line is never closed "
            "(missing \")");
  EXPECT_EQ(parse_error("\"a,b\n"), "line 1, column 1: quoted field opened on this line is never closed (missing \")");
  EXPECT_EQ(parse_error("a\n\"x\ny\"\"z\n").substr(0, 17), "line 2, column 1 ");
}

TEST(CsvParseErrors, TextAfterClosingQuote) {
  EXPECT_EQ(parse_error("a,b\n1,\"abc\"x\n"),
            "line 2, column 2 (\"b\"): text after the closing quote of a quoted field (an inner "
            "quote must be doubled)");
  // The line is where the error is, after a multi-line field of the same record.
  EXPECT_EQ(parse_error("a,b\n\"x\ny\"z,2\n").substr(0, 26), "line 3, column 1 (\"a\"): te");
}

TEST(CsvParseErrors, QuoteInsideUnquotedField) {
  EXPECT_EQ(parse_error("a,b\nab\"c,2\n"),
            "line 2, column 1 (\"a\"): quote inside an unquoted field; a field containing "
            "quotes must be enclosed in quotes, with each inner quote doubled");
  EXPECT_EQ(parse_error("a,b\n\"x\ny\",ab\"c\n").substr(0, 24), "line 3, column 2 (\"b\"): ");
  EXPECT_EQ(parse_error("a,b,c\n1,2,3,x\"\n").substr(0, 18), "line 2, column 4: ");
}

TEST(CsvParseErrors, EmptyHeader) {
  EXPECT_EQ(parse_error("\r\n\r\n  \r\n"), "empty header: the file has no records");
  EXPECT_EQ(parse_error("\n,,\n1,2,3\n"), "line 2: the header row has no column names");
}

TEST(CsvParseErrors, EmptyHeaderNameBeforeTheLastNamedColumn) {
  EXPECT_EQ(parse_error("a, ,c\n"),
            "line 1, column 2: empty column name in the header "
            "(after \"a\")");
  EXPECT_EQ(parse_error("\n;b\n"),
            "line 2, column 1: empty column name in the header "
            "(before \"b\")");
}

TEST(CsvParseErrors, DataUnderUnnamedTrailingColumn) {
  EXPECT_EQ(parse_error("a,b,\n1,2,\n1,2,3\n"), "line 3, column 3: value in a column that has no name in the header");
}

TEST(CsvParseErrors, RowWithTooManyFields) {
  EXPECT_EQ(parse_error("a,b\n1,2\n1,2,,x\n"),
            "line 3, column 4: the row has 4 fields but the header has only 2 columns");
}

TEST(CsvParse, DuplicateHeaderNamesAreKeptWithAWarning) {
  const auto table = parse("Email,Name, EMAIL \nA,B,C\n");
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->header, (std::vector<std::string>{"Email", "Name", "EMAIL"}));
  ASSERT_EQ(table->warnings.size(), 1u);
  EXPECT_EQ(table->warnings[0],
            "line 1: column 1 (\"Email\") and column 3 (\"EMAIL\") have the same name; the first is used where the "
            "name decides");
  const auto polish = parse("Miasto,Łódź,łÓDŹ\n");
  ASSERT_TRUE(polish);
  EXPECT_EQ(polish->warnings.size(), 1u);
  const auto german = parse("Straße,STRASSE,Ørsted,ørsted2\n");  // no full Unicode folding
  ASSERT_TRUE(german);
  EXPECT_TRUE(german->warnings.empty());
}

TEST(CsvParseErrors, DecodingErrorsPassThrough) {
  EXPECT_EQ(parse_error("a,b\n\x81\n"),
            "cannot decode the file: it is not valid UTF-8 (first non-UTF-8 byte at line 2, "
            "byte 4) and byte 0x81 at line 2, byte 4 is undefined in Windows-1252; save it as "
            "UTF-8");
}

TEST(CsvParse, LargeFileKeepsEveryRowAndLine) {
  std::string bytes = "c0,c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14\r\n";
  constexpr std::size_t kRows = 20000;
  for (std::size_t row = 0; row < kRows; ++row) {
    for (int column = 0; column < 15; ++column) {
      if (column > 0) bytes += ',';
      bytes += column == 7 ? "\"Müller, \"\"Jr\"\"\"" : "value" + std::to_string(row);
    }
    bytes += "\r\n";
  }
  auto table = must_parse(bytes);
  ASSERT_EQ(table.rows.size(), kRows);
  EXPECT_EQ(table.rows.back().line, kRows + 1);
  EXPECT_EQ(table.rows.back().fields[7], "Müller, \"Jr\"");
  EXPECT_EQ(table.rows.back().fields[14], "value" + std::to_string(kRows - 1));
}

// ---------------------------------------------------------------------------------- fuzzing

void expect_sane(std::string_view bytes) {
  if (auto decoded = decode_to_utf8(bytes)) {
    EXPECT_TRUE(is_valid_utf8(decoded->utf8));
    EXPECT_EQ(decoded->utf8.find('\0'), std::string::npos);
  } else {
    EXPECT_FALSE(decoded.error().message.empty());
  }
  auto table = parse(bytes);
  if (!table) {
    EXPECT_EQ(table.error().code, Errc::invalid_input);
    EXPECT_FALSE(table.error().message.empty());
    EXPECT_TRUE(is_valid_utf8(table.error().message));
    return;
  }
  EXPECT_FALSE(table->header.empty());
  for (const std::string& name : table->header) EXPECT_TRUE(is_valid_utf8(name));
  std::size_t previous_line = 0;
  for (const Record& row : table->rows) {
    EXPECT_GT(row.line, previous_line);
    previous_line = row.line;
    ASSERT_EQ(row.fields.size(), table->header.size());
    for (const std::string& field : row.fields) EXPECT_TRUE(is_valid_utf8(field));
  }
}

// Four generators, so that inputs reach past the decoder into the parser: raw bytes, CSV-ish
// tokens, mutations of a valid export, and UTF-16 text with the odd broken surrogate.
std::string random_input(std::mt19937& random, int mode) {
  const auto pick = [&](std::size_t count) { return static_cast<std::size_t>(random() % count); };
  static const std::vector<std::string> kPieces = {",", ";", "\t",   "\"", "\"\"", "\r", "\n",   "\r\n",
                                                   " ", "a", "Name", "é",  "€",    "😀",  "x,y\n"};
  static const std::vector<std::string> kRarePieces = {
      "\xE9", "\x81", "\x80", "\xC3", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\0"s, "sep=;\n", "\xEF\xBB\xBF", "\xC2\xA0"};
  static const std::string kSeed =
      "id;Name;E-mail;City;;\r\n1;Müller;\"m@x.eu\";\"Łódź\r\nPL\";;\r\n\r\n"
      "2;\"Ørsted, \"\"Jr\"\"\";o@x.dk;€;;\r\n3;;;\r\n";
  std::string bytes;
  switch (mode) {
    case 0:
      for (std::size_t i = pick(80); i > 0; --i) bytes.push_back(static_cast<char>(random()));
      break;
    case 1:
      for (std::size_t i = pick(80); i > 0; --i) {
        bytes += pick(60) == 0 ? kRarePieces[pick(kRarePieces.size())] : kPieces[pick(kPieces.size())];
      }
      break;
    case 2:
      bytes = kSeed;
      for (std::size_t i = 1 + pick(4); i > 0; --i) {
        const std::size_t at = pick(bytes.size() + 1);
        switch (pick(3)) {
          case 0:
            bytes.insert(at, kPieces[pick(kPieces.size())]);
            break;
          case 1:
            bytes.erase(at, 1 + pick(3));
            break;
          default:
            if (at < bytes.size()) bytes[at] = static_cast<char>(random());
        }
      }
      break;
    default: {
      const std::u16string kUnits = u",;\t\"\r\n aBcüŁ€";
      std::u16string text;
      for (std::size_t i = pick(60); i > 0; --i) {
        text += pick(200) == 0 ? static_cast<char16_t>(0xD800 + pick(0x800)) : kUnits[pick(kUnits.size())];
      }
      text += u"😀";
      bytes = utf16(text, pick(2) == 0, pick(8) != 0);
      if (pick(8) == 0) bytes.pop_back();
    }
  }
  return bytes;
}

TEST(CsvFuzz, RandomInputsNeverCrashAndSuccessMeansValidUtf8) {
  std::mt19937 random(20240611);
  for (int round = 0; round < 4000; ++round) {
    const std::string bytes = random_input(random, round % 4);
    SCOPED_TRACE("round " + std::to_string(round));
    expect_sane(bytes);
  }
}

}  // namespace
}  // namespace passerelle::csv
