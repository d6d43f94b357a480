// UTF-8 on its own: every boundary of the encoding both ways, each kind of ill-formed sequence,
// and cuts and backspaces that never leave half a character.
#include "core/text/utf8.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/param_name.h"

namespace passerelle {
namespace {

using namespace std::string_view_literals;

struct Encoded {
  const char* name;
  char32_t code_point;
  std::string_view bytes;
};

// The first and last code point of each encoded length, and the last of Unicode.
constexpr Encoded kBoundaries[] = {
    {"U0000", U'\u0000', "\x00"sv},
    {"U007F", U'\u007F', "\x7F"sv},
    {"U0080", U'\u0080', "\xC2\x80"sv},
    {"U07FF", U'\u07FF', "\xDF\xBF"sv},
    {"U0800", U'\u0800', "\xE0\xA0\x80"sv},
    {"UD7FF", U'\uD7FF', "\xED\x9F\xBF"sv},  // either side of the surrogates
    {"UE000", U'\uE000', "\xEE\x80\x80"sv},
    {"UFFFF", U'\uFFFF', "\xEF\xBF\xBF"sv},
    {"U10000", U'\U00010000', "\xF0\x90\x80\x80"sv},
    {"U10FFFF", U'\U0010FFFF', "\xF4\x8F\xBF\xBF"sv},
};

class Utf8Boundary : public ::testing::TestWithParam<Encoded> {};

TEST_P(Utf8Boundary, EncodesAndDecodesBackToTheSameCodePoint) {
  const Encoded& c = GetParam();
  std::string out = "a";
  ASSERT_TRUE(append_utf8(out, c.code_point));
  EXPECT_EQ(out.substr(1), c.bytes);

  const Utf8Char decoded = decode_utf8(out, 1);
  EXPECT_TRUE(decoded.valid);
  EXPECT_EQ(decoded.code_point, c.code_point);
  EXPECT_EQ(decoded.length, c.bytes.size());
  EXPECT_TRUE(is_valid_utf8(out));
}

INSTANTIATE_TEST_SUITE_P(Utf8, Utf8Boundary, ::testing::ValuesIn(kBoundaries), passerelle::testing::ParamName{});

TEST(Utf8, SurrogatesAndValuesAboveU10FFFFHaveNoEncoding) {
  for (const char32_t refused : {U'\xD800', U'\xDBFF', U'\xDC00', U'\xDFFF', U'\x110000', U'\xFFFFFFFF'}) {
    std::string out = "kept";
    EXPECT_FALSE(append_utf8(out, refused)) << std::hex << static_cast<std::uint32_t>(refused);
    EXPECT_EQ(out, "kept");
  }
}

struct IllFormed {
  const char* name;
  std::string_view bytes;
  std::size_t skipped;  // bytes decode_utf8 consumes: the maximal subpart
};

constexpr IllFormed kIllFormed[] = {
    {"overlong_C0_80", "\xC0\x80"sv, 1},
    {"overlong_C1_BF", "\xC1\xBF"sv, 1},
    {"overlong_E0_80_80", "\xE0\x80\x80"sv, 1},
    {"overlong_E0_9F_BF", "\xE0\x9F\xBF"sv, 1},
    {"overlong_F0_80_80_80", "\xF0\x80\x80\x80"sv, 1},
    {"overlong_F0_8F_BF_BF", "\xF0\x8F\xBF\xBF"sv, 1},
    {"surrogate_ED_A0_80", "\xED\xA0\x80"sv, 1},
    {"surrogate_ED_BF_BF", "\xED\xBF\xBF"sv, 1},
    {"above_10FFFF_F4_90_80_80", "\xF4\x90\x80\x80"sv, 1},
    {"above_10FFFF_F5", "\xF5\x80\x80\x80"sv, 1},
    {"byte_FF", "\xFF"sv, 1},
    {"truncated_2_of_2", "\xC3"sv, 1},
    {"truncated_2_of_3", "\xE2\x82"sv, 2},
    {"truncated_3_of_4", "\xF0\x9F\x8E"sv, 3},
    {"truncated_before_ascii", "\xE2\x82\x41"sv, 2},  // 'A' as \x41, or it would extend the \x82
    {"truncated_before_lead", "\xF0\x9F\xC3\xA9"sv, 2},
    {"stray_continuation_80", "\x80"sv, 1},
    {"stray_continuation_BF", "\xBF\xBF"sv, 1},
};

class Utf8IllFormed : public ::testing::TestWithParam<IllFormed> {};

TEST_P(Utf8IllFormed, IsReportedWhereItStarts) {
  const IllFormed& c = GetParam();
  const std::string text = "ok é " + std::string(c.bytes);
  const std::size_t start = text.size() - c.bytes.size();

  const Utf8Char decoded = decode_utf8(text, start);
  EXPECT_FALSE(decoded.valid);
  EXPECT_EQ(decoded.code_point, kReplacementCharacter);
  EXPECT_EQ(decoded.length, c.skipped);
  EXPECT_EQ(first_invalid_utf8(text), start);
  EXPECT_FALSE(is_valid_utf8(text));
}

INSTANTIATE_TEST_SUITE_P(Utf8, Utf8IllFormed, ::testing::ValuesIn(kIllFormed), passerelle::testing::ParamName{});

TEST(Utf8, DecodingSkipsEachBadSequenceAsOneReplacementCharacter) {
  // 'b' as \x62, or it would extend the \x82 before it.
  const std::string_view text = "a\xE2\x82\x62\x80\x80\xF0\x9F\x8E\x89"sv;
  std::vector<char32_t> decoded;
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = decode_utf8(text, i);
    decoded.push_back(c.code_point);
    i += c.length;
  }
  EXPECT_EQ(decoded, (std::vector<char32_t>{U'a', U'\uFFFD', U'b', U'\uFFFD', U'\uFFFD', U'\U0001F389'}));
}

TEST(Utf8, DecodingAtOrPastTheEndTakesNothing) {
  EXPECT_EQ(decode_utf8("", 0).length, 0u);
  EXPECT_EQ(decode_utf8("ab", 2).length, 0u);
  EXPECT_FALSE(decode_utf8("ab", 7).valid);
}

TEST(Utf8, WellFormedTextHasNoInvalidByte) {
  EXPECT_EQ(first_invalid_utf8(""), std::string_view::npos);
  EXPECT_EQ(first_invalid_utf8("Łódź, Zoë 🎉, 東京"), std::string_view::npos);
  EXPECT_TRUE(is_valid_utf8("\0"sv));
}

struct Wide {
  const char* name;
  std::string_view character;
};

constexpr Wide kWide[] = {
    {"two_bytes", "é"},
    {"three_bytes", "€"},
    {"four_bytes", "🎉"},
};

class Utf8Cut : public ::testing::TestWithParam<Wide> {};

TEST_P(Utf8Cut, TruncationKeepsACharacterWholeOrLeavesItOut) {
  const std::string_view character = GetParam().character;
  const std::string text = "ab" + std::string(character) + "c";
  for (std::size_t max = 2; max < 2 + character.size(); ++max) EXPECT_EQ(truncate_utf8(text, max), "ab") << max;
  EXPECT_EQ(truncate_utf8(text, 2 + character.size()), "ab" + std::string(character));
  EXPECT_EQ(truncate_utf8(text, text.size()), text);
  EXPECT_EQ(truncate_utf8(text, 1000), text);
  EXPECT_EQ(truncate_utf8(text, 0), "");
  EXPECT_EQ(truncate_utf8(character, character.size() - 1), "");
}

TEST_P(Utf8Cut, BackspaceRemovesTheWholeLastCharacter) {
  const std::string_view character = GetParam().character;
  std::string text = "a" + std::string(character);
  pop_back_utf8(text);
  EXPECT_EQ(text, "a");
  text = std::string(character) + std::string(character);
  pop_back_utf8(text);
  EXPECT_EQ(text, character);
  pop_back_utf8(text);
  EXPECT_EQ(text, "");
}

INSTANTIATE_TEST_SUITE_P(Utf8, Utf8Cut, ::testing::ValuesIn(kWide), passerelle::testing::ParamName{});

TEST(Utf8, BackspaceRemovesAnAsciiCharacterAndLeavesAnEmptyTextEmpty) {
  std::string text = "ab";
  pop_back_utf8(text);
  EXPECT_EQ(text, "a");
  pop_back_utf8(text);
  EXPECT_EQ(text, "");
  pop_back_utf8(text);
  EXPECT_EQ(text, "");
}

TEST(Utf8, BackspaceRemovesIllFormedBytesOneAtATime) {
  std::string text = "é\xE2\x82";  // a three-byte character cut short
  pop_back_utf8(text);
  EXPECT_EQ(text, "é\xE2");
  pop_back_utf8(text);
  EXPECT_EQ(text, "é");
  text = "\x80\x80";
  pop_back_utf8(text);
  EXPECT_EQ(text, "\x80");
}

TEST(Utf8, TruncationCountsIllFormedBytesAsCharacters) {
  // Cutting does not validate: stray continuation bytes are not walked back over to the start.
  EXPECT_EQ(truncate_utf8("\x80\x80\x80\x80\x80", 3), "\x80\x80\x80");
  EXPECT_EQ(truncate_utf8("ab\xE2\x82\xE2\x82\xAC", 4), "ab\xE2\x82");
}

}  // namespace
}  // namespace passerelle
