// UTF-8: encoding, decoding, validation and cutting at character boundaries. The rest of the tree
// calls this unit rather than shifting bytes itself, so that the CSV importer, the scanners, the
// on-screen keyboard and the check-in all agree on what a character is.
//
// Well-formed means RFC 3629 (Unicode table 3-7): the shortest form only (no overlong C0 80 for
// U+0000), no UTF-16 surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no sequence cut short
// and no continuation byte (10xxxxxx) without its lead byte.
//
// Contract: pure functions, no global state, safe from any thread. Nothing throws but the growth
// of a caller's std::string. Bad input never has undefined behaviour: each function says below
// what it does with it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace passerelle {

inline constexpr char32_t kReplacementCharacter = U'\uFFFD';

// Appends the 1 to 4 bytes that encode `code_point`. A surrogate or a value above U+10FFFF has
// no encoding: returns false and leaves `out` unchanged.
bool append_utf8(std::string& out, char32_t code_point);

struct Utf8Char {
  char32_t code_point = kReplacementCharacter;  // kReplacementCharacter when !valid
  std::size_t length = 0;                       // bytes it takes; never 0 inside the text
  bool valid = false;
};

// Decodes the character that starts at byte `offset` of `text`. On an ill-formed sequence:
// valid == false, code_point == U+FFFD and length == the bytes to skip, at least 1: the lead
// byte and those that could still have continued it (Unicode's "maximal subpart"), so that a
// decoder that skips them yields one U+FFFD per bad sequence. At or past the end: length 0.
Utf8Char decode_utf8(std::string_view text, std::size_t offset = 0) noexcept;

// Offset of the first byte of the first ill-formed sequence in `text`, or npos if there is none.
std::size_t first_invalid_utf8(std::string_view text) noexcept;
bool is_valid_utf8(std::string_view text) noexcept;

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a
// well-formed character. Ill-formed bytes count as characters of one byte: this cuts, it does
// not validate.
std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes) noexcept;

// Removes the last character of `text` (a backspace): the well-formed sequence it ends with, or
// its last byte when it ends with an ill-formed one. Does nothing to an empty string.
void pop_back_utf8(std::string& text) noexcept;

}  // namespace passerelle
