#include "core/text/terminal_text.h"

#include "core/text/utf8.h"

namespace passerelle {

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t offset = 0; offset < text.size();) {
    const Utf8Char c = decode_utf8(text, offset);
    const bool control = c.code_point < 0x20 || (c.code_point >= 0x7F && c.code_point <= 0x9F);
    if (!c.valid || control) {
      append_utf8(out, kReplacementCharacter);
    } else {
      out.append(text.substr(offset, c.length));
    }
    offset += c.length;
  }
  return out;
}

}  // namespace passerelle
