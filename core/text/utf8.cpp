#include "core/text/utf8.h"

#include <cstdint>

namespace passerelle {
namespace {

constexpr std::size_t kMaxLength = 4;

bool is_surrogate(char32_t code_point) {
  return code_point >= 0xD800 && code_point <= 0xDFFF;
}

Utf8Char ill_formed(std::size_t length) {
  return {kReplacementCharacter, length, false};
}

}  // namespace

bool append_utf8(std::string& out, char32_t code_point) {
  const auto cp = static_cast<std::uint32_t>(code_point);
  const auto put = [&out](std::uint32_t byte) { out.push_back(static_cast<char>(static_cast<unsigned char>(byte))); };
  if (cp > 0x10FFFF || is_surrogate(code_point)) return false;
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
  return true;
}

Utf8Char decode_utf8(std::string_view text, std::size_t offset) noexcept {
  if (offset >= text.size()) return ill_formed(0);
  const auto byte = [&text](std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(text[at]));
  };
  const std::uint32_t lead = byte(offset);
  if (lead < 0x80) return {static_cast<char32_t>(lead), 1, true};
  std::size_t length = 0;
  std::uint32_t cp = 0;
  // Only the second byte's range depends on the lead: narrowing it is what refuses overlong
  // forms, surrogates and values above U+10FFFF without decoding first.
  std::uint32_t low = 0x80;
  std::uint32_t high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {  // C0 and C1 could only start overlong forms
    length = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // below U+0800
    if (lead == 0xED) high = 0x9F;  // U+D800..U+DFFF
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // below U+10000
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return ill_formed(1);
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (offset + k >= text.size()) return ill_formed(k);
    const std::uint32_t next = byte(offset + k);
    if (next < low || next > high) return ill_formed(k);
    low = 0x80;
    high = 0xBF;
    cp = (cp << 6) | (next & 0x3F);
  }
  return {static_cast<char32_t>(cp), length, true};
}

std::size_t first_invalid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // imported files are mostly ASCII
      ++i;
      continue;
    }
    const Utf8Char c = decode_utf8(text, i);
    if (!c.valid) return i;
    i += c.length;
  }
  return std::string_view::npos;
}

bool is_valid_utf8(std::string_view text) noexcept {
  return first_invalid_utf8(text) == std::string_view::npos;
}

std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes) noexcept {
  if (text.size() <= max_bytes) return text;
  // Only the character that starts up to three bytes before the cut can straddle it.
  for (std::size_t back = 1; back < kMaxLength && back <= max_bytes; ++back) {
    const std::size_t start = max_bytes - back;
    const Utf8Char c = decode_utf8(text, start);
    if (c.valid && start + c.length > max_bytes) return text.substr(0, start);
  }
  return text.substr(0, max_bytes);
}

void pop_back_utf8(std::string& text) noexcept {
  if (text.empty()) return;
  for (std::size_t length = 1; length <= kMaxLength && length <= text.size(); ++length) {
    const Utf8Char c = decode_utf8(text, text.size() - length);
    if (c.valid && c.length == length) {
      text.resize(text.size() - length);
      return;
    }
  }
  text.pop_back();
}

}  // namespace passerelle
