// OnscreenKeyboard: a QWERTY touch keyboard for the staff screens (no physical keyboard at a
// kiosk). Two layers: letters with digits and the punctuation of names and e-mail addresses, and
// accented letters of European names (ÀÉÜ key). Shift applies to the next letter only.
//
// layout() is a pure function of the box, so that tests can find a key and click it.
// Thread safety: UI thread only; draw() must run inside an ImGui window.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace passerelle::kiosk {

class OnscreenKeyboard {
 public:
  enum class Action { none, edited, submitted };
  enum class KeyKind { character, shift, layer, space, erase, clear, enter };
  enum class Layer { letters, accents };

  // Words on the special keys, in the staff screen's language.
  struct Labels {
    std::string_view space = "Space";
    std::string_view erase = "Delete";
    std::string_view clear = "Clear";
    std::string_view shift = "Shift";
    std::string_view enter = "Enter";
  };

  struct Key {
    KeyKind kind = KeyKind::character;
    std::string text;  // UTF-8, what a character key types (already shifted)
    ImVec2 min;
    ImVec2 max;
  };

  // The keys of the current layer inside the box at `origin` of `size`.
  std::vector<Key> layout(ImVec2 origin, ImVec2 size) const;

  // Draws the keys and applies a pressed one to `text`. `enter_label` replaces Labels::enter
  // when not empty (e.g. "Search").
  Action draw(std::string& text, ImVec2 origin, ImVec2 size, ImFont* font, const Labels& labels);

  Layer layer() const { return layer_; }
  bool shifted() const { return shift_; }

  // Removes the last UTF-8 character of `text` (not just its last byte).
  static void erase_last_character(std::string& text);

 private:
  Action press(const Key& key, std::string& text);

  Layer layer_ = Layer::letters;
  bool shift_ = false;
};

}  // namespace passerelle::kiosk
