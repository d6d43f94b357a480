// Key events as a keyboard-wedge scanner sends them, for the layout and evdev tests.
#pragma once

#include <linux/input-event-codes.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/utf8.h"
#include "kiosk/scan/keyboard_layout.h"

namespace passerelle::scan::testing {

struct KeyEvent {
  std::uint16_t code = 0;
  std::int32_t value = 0;  // 1 press, 0 release
};

// Each stroke as the scanner sends it: modifiers down, key down, key up, modifiers up.
inline void append_stroke(std::vector<KeyEvent>& events, const KeyStroke& stroke) {
  if (stroke.shift) events.push_back({KEY_LEFTSHIFT, 1});
  if (stroke.altgr) events.push_back({KEY_RIGHTALT, 1});
  events.push_back({stroke.code, 1});
  events.push_back({stroke.code, 0});
  if (stroke.altgr) events.push_back({KEY_RIGHTALT, 0});
  if (stroke.shift) events.push_back({KEY_LEFTSHIFT, 0});
}

inline void append_enter(std::vector<KeyEvent>& events) {
  events.push_back({KEY_ENTER, 1});
  events.push_back({KEY_ENTER, 0});
}

// Splits UTF-8 text into characters.
inline std::vector<std::string> characters_of(std::string_view text) {
  std::vector<std::string> characters;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = decode_utf8(text, i).length;
    characters.emplace_back(text.substr(i, length));
    i += length;
  }
  return characters;
}

// The events a scanner set to `layout` sends for `text` and a final Enter. `ok` turns false when
// the layout cannot type a character of it.
inline std::vector<KeyEvent> type_line(std::string_view text, KeyboardLayout layout, bool* ok = nullptr) {
  std::vector<KeyEvent> events;
  if (ok != nullptr) *ok = true;
  for (const std::string& character : characters_of(text)) {
    const std::vector<KeyStroke> strokes = keystrokes_for(character, layout);
    if (strokes.empty() && ok != nullptr) *ok = false;
    for (const KeyStroke& stroke : strokes) append_stroke(events, stroke);
  }
  append_enter(events);
  return events;
}

// Feeds events to a fresh translator and collects the texts it completes.
inline std::vector<std::string> translate(const std::vector<KeyEvent>& events, KeyboardLayout layout) {
  KeyTranslator translator(layout);
  std::vector<std::string> texts;
  for (const KeyEvent& event : events) {
    if (auto text = translator.feed(event.code, event.value)) texts.push_back(*text);
  }
  return texts;
}

}  // namespace passerelle::scan::testing
