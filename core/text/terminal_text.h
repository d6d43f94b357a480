// Text from outside (a device's name, a participant's name, an uploaded entry's JSON, a CSV cell)
// made safe to print on a terminal. An escape sequence inside such text would otherwise reach the
// organiser's terminal raw: "\x1b[2J" clears the screen, OSC 8 forges links, OSC 52 writes the
// clipboard, and a CR or a newline forges the line a listing printed before it.
//
// The one rule, used by every CLI printer of untrusted text: each C0 control (U+0000..U+001F,
// TAB, CR and LF included), DEL (U+007F) and C1 control (U+0080..U+009F) is replaced by U+FFFD,
// and so is each ill-formed UTF-8 sequence (a lone 0x9B byte is CSI to a terminal in 8-bit mode).
// Everything else passes unchanged. Replaced rather than removed, so the reader sees that
// something was there.
//
// Contract: a pure function, safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace passerelle {

std::string terminal_safe(std::string_view text);

}  // namespace passerelle
