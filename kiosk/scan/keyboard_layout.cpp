#include "kiosk/scan/keyboard_layout.h"

#include <linux/input-event-codes.h>

#include <array>
#include <cassert>
#include <span>
#include <utility>

#include "core/text/utf8.h"

namespace passerelle::scan {
namespace {

constexpr std::size_t kKeyCount = 128;
constexpr int kLevels = 3;  // plain, Shift, AltGr

struct Symbol {
  std::string text;   // UTF-8; empty: the key types nothing at this level
  bool dead = false;  // text is then the accent's own character
};
struct Key {
  std::array<Symbol, kLevels> levels;
  bool letter = false;  // Caps Lock applies
};
using Table = std::array<Key, kKeyCount>;

// The four rows of a 105-key keyboard, left to right, by Linux key code.
constexpr std::uint16_t kRowE[] = {KEY_GRAVE, KEY_1, KEY_2, KEY_3, KEY_4,     KEY_5,    KEY_6,
                                   KEY_7,     KEY_8, KEY_9, KEY_0, KEY_MINUS, KEY_EQUAL};
constexpr std::uint16_t kRowD[] = {KEY_Q, KEY_W, KEY_E, KEY_R, KEY_T,         KEY_Y,
                                   KEY_U, KEY_I, KEY_O, KEY_P, KEY_LEFTBRACE, KEY_RIGHTBRACE};
constexpr std::uint16_t kRowC[] = {KEY_A, KEY_S, KEY_D, KEY_F,         KEY_G,          KEY_H,
                                   KEY_J, KEY_K, KEY_L, KEY_SEMICOLON, KEY_APOSTROPHE, KEY_BACKSLASH};
constexpr std::uint16_t kRowB[] = {KEY_102ND, KEY_Z, KEY_X,     KEY_C,   KEY_V,    KEY_B,
                                   KEY_N,     KEY_M, KEY_COMMA, KEY_DOT, KEY_SLASH};

// One row's characters per level, as the keycaps read, separated by single spaces. "none": the key
// types nothing at that level; "dead^": a dead key whose own character is "^". A null level: none
// for the whole row.
struct Row {
  std::span<const std::uint16_t> codes;
  std::array<const char*, kLevels> levels;
};

const Row kUs[] = {
    {kRowE, {"` 1 2 3 4 5 6 7 8 9 0 - =", "~ ! @ # $ % ^ & * ( ) _ +", nullptr}},
    {kRowD, {"q w e r t y u i o p [ ]", "Q W E R T Y U I O P { }", nullptr}},
    {kRowC, {"a s d f g h j k l ; ' \\", "A S D F G H J K L : \" |", nullptr}},
    {kRowB, {"none z x c v b n m , . /", "none Z X C V B N M < > ?", nullptr}},
};

const Row kFr[] = {
    {kRowE, {"² & é \" ' ( - è _ ç à ) =", "none 1 2 3 4 5 6 7 8 9 0 ° +", "none none ~ # { [ | ` \\ ^ @ ] }"}},
    {kRowD,
     {"a z e r t y u i o p dead^ $", "A Z E R T Y U I O P dead¨ £",
      "none none € none none none none none none none none ¤"}},
    {kRowC, {"q s d f g h j k l m ù *", "Q S D F G H J K L M % µ", nullptr}},
    {kRowB, {"< w x c v b n , ; : !", "> W X C V B N ? . / §", nullptr}},
};

const Row kDe[] = {
    {kRowE,
     {"dead^ 1 2 3 4 5 6 7 8 9 0 ß dead´", "° ! \" § $ % & / ( ) = ? dead`",
      "none none ² ³ none none none { [ ] } \\ none"}},
    {kRowD,
     {"q w e r t z u i o p ü +", "Q W E R T Z U I O P Ü *", "@ none € none none none none none none none none ~"}},
    {kRowC, {"a s d f g h j k l ö ä #", "A S D F G H J K L Ö Ä '", nullptr}},
    {kRowB, {"< y x c v b n m , . -", "> Y X C V B N M ; : _", "| none none none none none none µ none none none"}},
};

const Row kBe[] = {
    {kRowE,
     {"² & é \" ' ( § è ! ç à ) -", "³ 1 2 3 4 5 6 7 8 9 0 ° _", "none | @ # none none ^ none none { } none none"}},
    {kRowD,
     {"a z e r t y u i o p dead^ $", "A Z E R T Y U I O P dead¨ *",
      "none none € none none none none none none none [ ]"}},
    {kRowC,
     {"q s d f g h j k l m ù µ", "Q S D F G H J K L M % £",
      "none none none none none none none none none none dead´ dead`"}},
    {kRowB,
     {"< w x c v b n , ; : =", "> W X C V B N ? . / +", "\\ none none none none none none none none none dead~"}},
};

// What a dead key makes of the next letter; anything else follows the accent unchanged.
struct Accent {
  const char* accent;
  const char* bases;
  const char* composed;  // one per base, separated by single spaces
};
constexpr Accent kAccents[] = {
    {"^", "aeiouAEIOU", "â ê î ô û Â Ê Î Ô Û"},
    {"¨", "aeiouyAEIOU", "ä ë ï ö ü ÿ Ä Ë Ï Ö Ü"},
    {"`", "aeiouAEIOU", "à è ì ò ù À È Ì Ò Ù"},
    {"´", "aeiouyAEIOUY", "á é í ó ú ý Á É Í Ó Ú Ý"},
    {"~", "anoANO", "ã ñ õ Ã Ñ Õ"},
};

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> tokens;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    tokens.push_back(text.substr(0, space));
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
  }
  return tokens;
}

Table build(std::span<const Row> rows) {
  Table table{};
  for (const Row& row : rows) {
    for (int level = 0; level < kLevels; ++level) {
      if (row.levels[level] == nullptr) continue;
      const std::vector<std::string_view> tokens = split(row.levels[level]);
      assert(tokens.size() == row.codes.size());
      for (std::size_t i = 0; i < tokens.size() && i < row.codes.size(); ++i) {
        Symbol& symbol = table[row.codes[i]].levels[level];
        const std::string_view token = tokens[i];
        if (token == "none") continue;
        symbol.dead = token.size() > 4 && token.substr(0, 4) == "dead";
        symbol.text = std::string(symbol.dead ? token.substr(4) : token);
      }
    }
  }
  for (Key& key : table) {
    const std::string& plain = key.levels[0].text;
    key.letter =
        (plain.size() == 1 && plain[0] >= 'a' && plain[0] <= 'z') || plain == "ä" || plain == "ö" || plain == "ü";
  }
  return table;
}

const Table& table_for(KeyboardLayout layout) {
  static const Table us = build(kUs);
  static const Table fr = build(kFr);
  static const Table de = build(kDe);
  static const Table be = build(kBe);
  switch (layout) {
    case KeyboardLayout::fr:
      return fr;
    case KeyboardLayout::de:
      return de;
    case KeyboardLayout::be:
      return be;
    case KeyboardLayout::us:
    case KeyboardLayout::nl:
      break;
  }
  return us;
}

std::optional<std::string> compose(std::string_view accent, std::string_view base) {
  if (base.size() != 1) return std::nullopt;
  for (const Accent& entry : kAccents) {
    if (accent != entry.accent) continue;
    const std::string_view bases = entry.bases;
    const std::size_t index = bases.find(base[0]);
    if (index == std::string_view::npos) return std::nullopt;
    return std::string(split(entry.composed)[index]);
  }
  return std::nullopt;
}

// Keypad keys type the same on every layout (Num Lock on); German keypads have a decimal comma.
constexpr std::pair<std::uint16_t, char> kKeypad[] = {
    {KEY_KP0, '0'},   {KEY_KP1, '1'},     {KEY_KP2, '2'},    {KEY_KP3, '3'},        {KEY_KP4, '4'},
    {KEY_KP5, '5'},   {KEY_KP6, '6'},     {KEY_KP7, '7'},    {KEY_KP8, '8'},        {KEY_KP9, '9'},
    {KEY_KPDOT, '.'}, {KEY_KPMINUS, '-'}, {KEY_KPPLUS, '+'}, {KEY_KPASTERISK, '*'}, {KEY_KPSLASH, '/'},
};

std::optional<char> keypad_character(std::uint16_t code, KeyboardLayout layout) {
  for (const auto& [key, character] : kKeypad) {
    if (key != code) continue;
    return code == KEY_KPDOT && layout == KeyboardLayout::de ? ',' : character;
  }
  return std::nullopt;
}

}  // namespace

Result<KeyboardLayout> parse_keyboard_layout(std::string_view name) {
  for (KeyboardLayout layout :
       {KeyboardLayout::us, KeyboardLayout::fr, KeyboardLayout::de, KeyboardLayout::be, KeyboardLayout::nl}) {
    if (name == keyboard_layout_name(layout)) return layout;
  }
  return make_error(Errc::invalid_input,
                    "unknown scanner keyboard layout \"" + std::string(name) + "\" (use us, fr, de, be or nl)");
}

const char* keyboard_layout_name(KeyboardLayout layout) {
  switch (layout) {
    case KeyboardLayout::us:
      return "us";
    case KeyboardLayout::fr:
      return "fr";
    case KeyboardLayout::de:
      return "de";
    case KeyboardLayout::be:
      return "be";
    case KeyboardLayout::nl:
      return "nl";
  }
  return "us";
}

std::vector<KeyStroke> keystrokes_for(std::string_view character, KeyboardLayout layout) {
  if (character == " ") return {KeyStroke{KEY_SPACE}};
  const Table& table = table_for(layout);
  const auto find = [&](std::string_view text, bool dead) -> std::optional<KeyStroke> {
    for (int level = 0; level < kLevels; ++level) {
      for (std::size_t code = 0; code < kKeyCount; ++code) {
        const Symbol& symbol = table[code].levels[level];
        if (symbol.dead == dead && !symbol.text.empty() && symbol.text == text) {
          return KeyStroke{static_cast<std::uint16_t>(code), level == 1, level == 2};
        }
      }
    }
    return std::nullopt;
  };
  if (const auto stroke = find(character, false)) return {*stroke};
  if (const auto dead = find(character, true)) return {*dead, KeyStroke{KEY_SPACE}};
  for (const Accent& entry : kAccents) {
    const std::vector<std::string_view> composed = split(entry.composed);
    for (std::size_t i = 0; i < composed.size(); ++i) {
      if (composed[i] != character) continue;
      const auto dead = find(entry.accent, true);
      const auto base = find(std::string_view(entry.bases + i, 1), false);
      if (dead && base) return {*dead, *base};
    }
  }
  return {};
}

std::vector<std::string> typeable_characters(KeyboardLayout layout) {
  std::vector<std::string> characters{" "};
  const Table& table = table_for(layout);
  for (int level = 0; level < kLevels; ++level) {
    for (const Key& key : table) {
      const std::string& text = key.levels[level].text;
      if (text.empty()) continue;
      bool seen = false;
      for (const std::string& known : characters) seen = seen || known == text;
      if (!seen) characters.push_back(text);
    }
  }
  return characters;
}

KeyTranslator::KeyTranslator(KeyboardLayout layout) : layout_(layout) {}

void KeyTranslator::reset() {
  left_shift_ = right_shift_ = left_ctrl_ = right_ctrl_ = left_alt_ = right_alt_ = caps_lock_ = false;
  dead_.clear();
  alt_code_.clear();
  text_.clear();
  overflow_ = false;
}

std::optional<std::string> KeyTranslator::feed(std::uint16_t code, std::int32_t value) {
  const bool down = value != 0;
  switch (code) {
    case KEY_LEFTSHIFT:
      left_shift_ = down;
      return std::nullopt;
    case KEY_RIGHTSHIFT:
      right_shift_ = down;
      return std::nullopt;
    case KEY_LEFTCTRL:
      left_ctrl_ = down;
      return std::nullopt;
    case KEY_RIGHTCTRL:
      right_ctrl_ = down;
      return std::nullopt;
    case KEY_RIGHTALT:
      right_alt_ = down;
      return std::nullopt;
    case KEY_LEFTALT:
      left_alt_ = down;
      if (!down) finish_alt_code();
      return std::nullopt;
    case KEY_CAPSLOCK:
      if (value == 1) caps_lock_ = !caps_lock_;
      return std::nullopt;
    default:
      break;
  }
  if (!down) return std::nullopt;
  if (code != KEY_ENTER && code != KEY_KPENTER) {
    press_symbol(code);
    return std::nullopt;
  }
  if (!dead_.empty()) type(std::exchange(dead_, {}));
  std::string text = std::exchange(text_, {});
  if (std::exchange(overflow_, false)) {
    ++dropped_texts_;
    return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  return text;
}

void KeyTranslator::press_symbol(std::uint16_t code) {
  const bool ctrl = left_ctrl_ || right_ctrl_;
  const bool altgr = right_alt_ || (ctrl && left_alt_);
  const std::optional<char> keypad = keypad_character(code, layout_);
  if (left_alt_ && !ctrl) {
    // Alt held with keypad digits spells a character code; other Alt shortcuts type nothing.
    if (keypad && *keypad >= '0' && *keypad <= '9') {
      alt_code_ += *keypad;
    } else {
      ++unknown_keys_;
    }
    return;
  }
  if (ctrl && !altgr) {
    ++unknown_keys_;
    return;
  }
  Symbol symbol;
  if (keypad) {
    symbol.text = std::string(1, *keypad);
  } else if (code == KEY_SPACE) {
    symbol.text = " ";
  } else if (code < kKeyCount) {
    const Key& key = table_for(layout_)[code];
    const bool shift = left_shift_ || right_shift_;
    const int level = altgr ? 2 : (shift != (caps_lock_ && key.letter) ? 1 : 0);
    symbol = key.levels[level];
  }
  if (symbol.text.empty()) {
    ++unknown_keys_;
    return;
  }
  if (symbol.dead) {
    if (!dead_.empty()) type(dead_);
    dead_ = symbol.text;
    return;
  }
  if (!dead_.empty()) {
    const std::string accent = std::exchange(dead_, {});
    if (symbol.text == " ") {
      type(accent);
      return;
    }
    if (const std::optional<std::string> composed = compose(accent, symbol.text)) {
      type(*composed);
      return;
    }
    type(accent);
  }
  type(symbol.text);
}

void KeyTranslator::finish_alt_code() {
  const std::string digits = std::exchange(alt_code_, {});
  if (digits.empty()) return;
  int value = -1;
  if (digits.size() <= 4) {
    value = 0;
    for (char digit : digits) value = value * 10 + (digit - '0');
  }
  if (value >= 32 && value <= 126) {
    type(std::string(1, static_cast<char>(value)));
  } else if (digits[0] == '0' && value >= 160 && value <= 255) {
    std::string latin1;
    append_utf8(latin1, static_cast<char32_t>(value));
    type(latin1);
  } else {
    ++unknown_keys_;
  }
}

void KeyTranslator::type(const std::string& text) {
  if (overflow_) return;
  if (text_.size() + text.size() > kMaxTextBytes) {
    overflow_ = true;
    text_.clear();
    return;
  }
  text_ += text;
}

}  // namespace passerelle::scan
