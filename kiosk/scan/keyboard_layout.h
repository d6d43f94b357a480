// Key codes to text for handheld scanners that act as USB keyboards ("keyboard wedge").
//
// A scanner types a code as the key presses that would produce it on the layout it is set to
// (its own setting, usually printed in its manual as a barcode to scan). We read its raw key
// codes (evdev), so the host's keyboard layout plays no part: translating with the SCANNER's
// layout from the kiosk config gives the right text whatever the desktop is set to. A scanner set
// to AZERTY sends Shift+KEY_1 for "1" and KEY_6 for "-"; translated as US it would read "&" and
// "6" — hence the config value.
//
// Layouts: us; fr (French AZERTY); de (German QWERTZ); be (Belgian AZERTY); nl (Dutch keyboards
// are US International: the same keys as us for everything a scanner types). Levels: plain,
// Shift, AltGr (also Ctrl+Alt, which some scanners send instead). Caps Lock applies to letters.
// Dead keys compose with a following vowel (and ñ, ã, õ) or give their own character before a
// space; other sequences give the accent followed by the key. Keypad digits and operators read
// the same on every layout (Num Lock assumed on), and Alt held with keypad digits types the
// character of that decimal code (32-126, or 0160-0255 as Latin-1), the mode some scanners use
// to be independent of layouts. Tab, Escape, function and control-key presses type nothing.
//
// Thread safety: the tables are built once, thread-safely, and only read after; a KeyTranslator
// is used by one thread at a time. Failure: unknown key codes type nothing and are counted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace passerelle::scan {

enum class KeyboardLayout { us, fr, de, be, nl };

// The config names: "us", "fr", "de", "be", "nl"; anything else is Errc::invalid_input.
Result<KeyboardLayout> parse_keyboard_layout(std::string_view name);
const char* keyboard_layout_name(KeyboardLayout layout);

struct KeyStroke {
  std::uint16_t code = 0;  // a Linux KEY_* code
  bool shift = false;
  bool altgr = false;

  friend bool operator==(const KeyStroke&, const KeyStroke&) = default;
};

// The key strokes that type one UTF-8 character on `layout` (two when it takes a dead key); empty
// when the layout cannot type it. For tests and simulated scanners.
std::vector<KeyStroke> keystrokes_for(std::string_view character, KeyboardLayout layout);

// Every character the layout's keys type (each once, in table order), composed ones excluded.
std::vector<std::string> typeable_characters(KeyboardLayout layout);

// Turns a scanner's EV_KEY events into the texts it typed, one per Enter.
class KeyTranslator {
 public:
  // Longest text kept; a scanner that never sends Enter cannot make the kiosk grow without end.
  static constexpr std::size_t kMaxTextBytes = 4096;

  explicit KeyTranslator(KeyboardLayout layout);

  // One EV_KEY event (value 1 press, 2 auto-repeat, 0 release). Returns the text typed since the
  // previous Enter when this event presses Enter (or keypad Enter) and the text is not empty. A text
  // that grew beyond kMaxTextBytes is dropped whole at its Enter.
  std::optional<std::string> feed(std::uint16_t code, std::int32_t value);

  // Forgets held modifiers, Caps Lock and any unfinished text (after the device was reopened).
  void reset();

  // Key presses that typed nothing (keys this layout has no character for), and texts dropped
  // for length: a scanner set to another layout shows up here.
  std::uint64_t unknown_keys() const { return unknown_keys_; }
  std::uint64_t dropped_texts() const { return dropped_texts_; }

 private:
  void type(const std::string& text);
  void press_symbol(std::uint16_t code);
  void finish_alt_code();

  KeyboardLayout layout_;
  bool left_shift_ = false, right_shift_ = false, left_ctrl_ = false, right_ctrl_ = false;
  bool left_alt_ = false, right_alt_ = false, caps_lock_ = false;
  std::string dead_;  // the pending dead key's own character, if any
  std::string alt_code_;
  std::string text_;
  bool overflow_ = false;
  std::uint64_t unknown_keys_ = 0;
  std::uint64_t dropped_texts_ = 0;
};

}  // namespace passerelle::scan
