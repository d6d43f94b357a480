#include "kiosk/ui/onscreen_keyboard.h"

#include <algorithm>
#include <array>

#include "core/text/utf8.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {
namespace {

constexpr int kColumns = 10;
constexpr int kRows = 5;  // four rows of characters and one of special keys

// Each row: the unshifted and the shifted characters, ten each.
struct Row {
  std::u32string_view lower;
  std::u32string_view upper;
};

constexpr std::array<Row, 4> kLetterRows{{
    {U"1234567890", U"1234567890"},
    {U"qwertyuiop", U"QWERTYUIOP"},
    {U"asdfghjkl'", U"ASDFGHJKL'"},
    {U"zxcvbnm-.@", U"ZXCVBNM-.@"},
}};

// Accented letters of names across Europe; search ignores accents, but operator names and
// corrections should be spelt right.
constexpr std::array<Row, 4> kAccentRows{{
    {U"àâäáãåæçèé", U"ÀÂÄÁÃÅÆÇÈÉ"},
    {U"êëìíîïñòóô", U"ÊËÌÍÎÏÑÒÓÔ"},
    {U"õöøœùúûüýÿ", U"ÕÖØŒÙÚÛÜÝŸ"},
    {U"ßłńśźżčšžő", U"ßŁŃŚŹŻČŠŽŐ"},
}};

struct Special {
  OnscreenKeyboard::KeyKind kind;
  float width;  // in key widths; the row adds up to kColumns
};

constexpr std::array<Special, 6> kSpecialRow{{
    {OnscreenKeyboard::KeyKind::shift, 1.5f},
    {OnscreenKeyboard::KeyKind::layer, 1.25f},
    {OnscreenKeyboard::KeyKind::space, 3.25f},
    {OnscreenKeyboard::KeyKind::clear, 1.25f},
    {OnscreenKeyboard::KeyKind::erase, 1.25f},
    {OnscreenKeyboard::KeyKind::enter, 1.5f},
}};

}  // namespace

std::vector<OnscreenKeyboard::Key> OnscreenKeyboard::layout(ImVec2 origin, ImVec2 size) const {
  const float gap = std::max(1.0f, std::min(size.x, size.y) * 0.012f);
  const float pitch_x = size.x / kColumns;
  const float pitch_y = size.y / kRows;
  std::vector<Key> keys;
  keys.reserve(kColumns * (kRows - 1) + kSpecialRow.size());
  const auto& rows = layer_ == Layer::letters ? kLetterRows : kAccentRows;
  for (std::size_t row = 0; row < rows.size(); ++row) {
    const std::u32string_view characters = shift_ ? rows[row].upper : rows[row].lower;
    for (std::size_t column = 0; column < characters.size(); ++column) {
      Key key;
      append_utf8(key.text, characters[column]);
      key.min = ImVec2(origin.x + pitch_x * static_cast<float>(column) + gap * 0.5f,
                       origin.y + pitch_y * static_cast<float>(row) + gap * 0.5f);
      key.max = ImVec2(key.min.x + pitch_x - gap, key.min.y + pitch_y - gap);
      keys.push_back(std::move(key));
    }
  }
  float x = origin.x;
  const float y = origin.y + pitch_y * static_cast<float>(kRows - 1);
  for (const Special& special : kSpecialRow) {
    Key key;
    key.kind = special.kind;
    if (special.kind == KeyKind::space) key.text = " ";
    key.min = ImVec2(x + gap * 0.5f, y + gap * 0.5f);
    key.max = ImVec2(x + pitch_x * special.width - gap * 0.5f, y + pitch_y - gap * 0.5f);
    x += pitch_x * special.width;
    keys.push_back(std::move(key));
  }
  return keys;
}

OnscreenKeyboard::Action OnscreenKeyboard::draw(std::string& text, ImVec2 origin, ImVec2 size, ImFont* font,
                                                const Labels& labels) {
  const std::vector<Key> keys = layout(origin, size);
  Action action = Action::none;
  ImGui::PushID("keyboard");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const Key& key = keys[i];
    std::string_view label = key.text;
    auto kind = ui::ButtonKind::normal;
    switch (key.kind) {
      case KeyKind::character:
        break;
      case KeyKind::shift:
        label = labels.shift;
        if (shift_) kind = ui::ButtonKind::selected;
        break;
      case KeyKind::layer:
        label = layer_ == Layer::letters ? "ÀÉÜ" : "ABC";
        break;
      case KeyKind::space:
        label = labels.space;
        break;
      case KeyKind::erase:
        label = labels.erase;
        break;
      case KeyKind::clear:
        label = labels.clear;
        break;
      case KeyKind::enter:
        label = labels.enter;
        kind = ui::ButtonKind::primary;
        break;
    }
    ImGui::PushID(static_cast<int>(i));
    const ImVec2 extent(key.max.x - key.min.x, key.max.y - key.min.y);
    if (ui::touch_button("key", label, key.min, extent, font, kind)) {
      const Action result = press(key, text);
      if (result != Action::none) action = result;
    }
    ImGui::PopID();
  }
  ImGui::PopID();
  return action;
}

OnscreenKeyboard::Action OnscreenKeyboard::press(const Key& key, std::string& text) {
  switch (key.kind) {
    case KeyKind::character:
    case KeyKind::space:
      text += key.text;
      shift_ = false;
      return Action::edited;
    case KeyKind::shift:
      shift_ = !shift_;
      return Action::none;
    case KeyKind::layer:
      layer_ = layer_ == Layer::letters ? Layer::accents : Layer::letters;
      return Action::none;
    case KeyKind::erase:
      if (text.empty()) return Action::none;
      erase_last_character(text);
      return Action::edited;
    case KeyKind::clear:
      if (text.empty()) return Action::none;
      text.clear();
      return Action::edited;
    case KeyKind::enter:
      return Action::submitted;
  }
  return Action::none;
}

void OnscreenKeyboard::erase_last_character(std::string& text) {
  pop_back_utf8(text);
}

}  // namespace passerelle::kiosk
