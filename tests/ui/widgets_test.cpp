// The pieces the screens are built from: on-screen keyboard, outcome icons, language cycling and
// the refusal screen's choice of texts.
#include "kiosk/ui/widgets.h"

#include <gtest/gtest.h>
#include <imgui.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text/utf8.h"
#include "kiosk/ui/onscreen_keyboard.h"
#include "kiosk/ui/refusal_view.h"
#include "kiosk/ui/theme.h"
#include "tests/ui/harness.h"

namespace passerelle::kiosk {
namespace {

using ui_test::Harness;
using ui_test::sample_state;

TEST(OnscreenKeyboard, LayoutFillsItsBoxWithoutOverlaps) {
  OnscreenKeyboard keyboard;
  const ImVec2 origin(100, 200);
  const ImVec2 size(1000, 400);
  const auto keys = keyboard.layout(origin, size);
  ASSERT_EQ(keys.size(), 46u);  // four rows of ten, six special keys
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EXPECT_GE(keys[i].min.x, origin.x);
    EXPECT_GE(keys[i].min.y, origin.y);
    EXPECT_LE(keys[i].max.x, origin.x + size.x + 0.01f);
    EXPECT_LE(keys[i].max.y, origin.y + size.y + 0.01f);
    for (std::size_t j = i + 1; j < keys.size(); ++j) {
      const bool apart = keys[i].max.x <= keys[j].min.x || keys[j].max.x <= keys[i].min.x ||
                         keys[i].max.y <= keys[j].min.y || keys[j].max.y <= keys[i].min.y;
      EXPECT_TRUE(apart) << "keys " << i << " and " << j << " overlap";
    }
  }
}

TEST(OnscreenKeyboard, EraseRemovesWholeUtf8Characters) {
  std::string text = "Łódź";
  OnscreenKeyboard::erase_last_character(text);
  EXPECT_EQ(text, "Łód");
  OnscreenKeyboard::erase_last_character(text);
  EXPECT_EQ(text, "Łó");
  OnscreenKeyboard::erase_last_character(text);
  EXPECT_EQ(text, "Ł");
  OnscreenKeyboard::erase_last_character(text);
  EXPECT_EQ(text, "");
  OnscreenKeyboard::erase_last_character(text);
  EXPECT_EQ(text, "");
}

TEST(OnscreenKeyboard, ShiftAppliesToTheNextLetterAndTheAccentLayerTypesAccents) {
  Harness harness;
  OnscreenKeyboard keyboard;
  std::string text;
  const ImVec2 origin(100, 500);
  const ImVec2 size(1200, 500);
  // A bare view around the keyboard, so that Harness can drive it like a screen.
  struct KeyboardView : View {
    OnscreenKeyboard& keyboard;
    std::string& text;
    ImVec2 origin;
    ImVec2 size;
    KeyboardView(OnscreenKeyboard& k, std::string& t, ImVec2 o, ImVec2 s) : keyboard(k), text(t), origin(o), size(s) {}
    void draw(UiContext&) override {
      ui::begin_screen("##keyboard", ui::colour::background);
      keyboard.draw(text, origin, size, nullptr, {});
      ui::end_screen();
    }
  } view(keyboard, text, origin, size);
  const KioskState state;
  const auto press = [&](OnscreenKeyboard::KeyKind kind, const std::string& typed = "") {
    for (const auto& key : keyboard.layout(origin, size)) {
      if (key.kind == kind && (typed.empty() || key.text == typed)) {
        harness.tap(view, state, ImVec2((key.min.x + key.max.x) / 2, (key.min.y + key.max.y) / 2));
        return;
      }
    }
    ADD_FAILURE() << "no key " << typed;
  };
  using Kind = OnscreenKeyboard::KeyKind;
  press(Kind::shift);
  EXPECT_TRUE(keyboard.shifted());
  press(Kind::character, "Z");
  EXPECT_FALSE(keyboard.shifted());
  press(Kind::layer);
  EXPECT_EQ(keyboard.layer(), OnscreenKeyboard::Layer::accents);
  press(Kind::character, "ë");
  press(Kind::layer);
  press(Kind::character, "l");
  press(Kind::space);
  press(Kind::erase);
  EXPECT_EQ(text, "Zël");
}

// The keyboard over a text field, drawn as a bare view so that Harness taps its keys.
struct KeyboardField : View {
  explicit KeyboardField(std::string initial) : text(std::move(initial)) {}
  void draw(UiContext&) override {
    ui::begin_screen("##keyboard", ui::colour::background);
    keyboard.draw(text, origin, size, nullptr, {});
    ui::end_screen();
  }
  std::vector<OnscreenKeyboard::Key> keys() const { return keyboard.layout(origin, size); }
  void press(OnscreenKeyboard::KeyKind kind, std::string_view typed = {}) {
    for (const auto& key : keys()) {
      if (key.kind == kind && (typed.empty() || key.text == typed)) {
        harness.tap(*this, state, ImVec2((key.min.x + key.max.x) / 2, (key.min.y + key.max.y) / 2));
        return;
      }
    }
    ADD_FAILURE() << "no key " << typed;
  }

  const ImVec2 origin{100, 500};
  const ImVec2 size{1200, 500};
  Harness harness;
  const KioskState state;
  OnscreenKeyboard keyboard;
  std::string text;
};

// A name pasted or loaded with a character beyond U+FFFF (four UTF-8 bytes) survives typing after
// it, and the erase key takes it off whole.
TEST(OnscreenKeyboard, TypesAfterAnEmojiAndErasesItWhole) {
  KeyboardField field("Zoë 🎉");
  field.press(OnscreenKeyboard::KeyKind::character, "l");
  EXPECT_EQ(field.text, "Zoë 🎉l");
  field.press(OnscreenKeyboard::KeyKind::erase);
  EXPECT_EQ(field.text, "Zoë 🎉");
  field.press(OnscreenKeyboard::KeyKind::erase);
  EXPECT_EQ(field.text, "Zoë ");
  field.press(OnscreenKeyboard::KeyKind::erase);
  EXPECT_EQ(field.text, "Zoë");
}

TEST(OnscreenKeyboard, EraseRemovesCharactersOfOneToFourBytes) {
  std::string text = "a€é🎉z";
  for (const std::string_view left : {"a€é🎉", "a€é", "a€", "a", ""}) {
    OnscreenKeyboard::erase_last_character(text);
    EXPECT_EQ(text, left);
  }
}

TEST(OnscreenKeyboard, EveryKeyTypesOneWellFormedCharacter) {
  KeyboardField field("");
  using Kind = OnscreenKeyboard::KeyKind;
  for (int layer = 0; layer < 2; ++layer) {
    for (int shift = 0; shift < 2; ++shift) {
      for (const auto& key : field.keys()) {
        if (key.kind != Kind::character) continue;
        const Utf8Char c = decode_utf8(key.text);
        EXPECT_TRUE(c.valid && c.length == key.text.size()) << "key " << key.text;
      }
      field.press(Kind::shift);
    }
    field.press(Kind::layer);
  }
  EXPECT_EQ(field.text, "");
}

TEST(Theme, EveryOutcomeClassHasItsOwnIcon) {
  EXPECT_EQ(ui::icon_for(Outcome::accepted, false), ui::Icon::check);
  EXPECT_EQ(ui::icon_for(Outcome::accepted, true), ui::Icon::exit);
  for (const Outcome forged : {Outcome::malformed, Outcome::unknown_key, Outcome::bad_signature, Outcome::other_event})
    EXPECT_EQ(ui::icon_for(forged, false), ui::Icon::cross);
  EXPECT_EQ(ui::icon_for(Outcome::unknown_code, false), ui::Icon::question);
  EXPECT_EQ(ui::icon_for(Outcome::already_checked_in, false), ui::Icon::clock);
  EXPECT_EQ(ui::icon_for(Outcome::blocked, false), ui::Icon::lock);
  EXPECT_EQ(ui::icon_for(Outcome::not_admitted, false), ui::Icon::no_entry);
  EXPECT_EQ(ui::icon_for(Outcome::revoked, false), ui::Icon::ban);
  for (int i = 0; i < static_cast<int>(Outcome::accepted); ++i) {
    EXPECT_NE(ui::tone_for(static_cast<Outcome>(i)), ui::Tone::success);
    EXPECT_NE(ui::icon_for(static_cast<Outcome>(i), false), ui::Icon::check);
  }
}

TEST(Widgets, AttendeeScreensCycleTheFourLanguages) {
  EXPECT_EQ(ui::cycling_language(0), Language::en);
  EXPECT_EQ(ui::cycling_language(ui::kLanguageCycleMs), Language::fr);
  EXPECT_EQ(ui::cycling_language(ui::kLanguageCycleMs * 2 + 1), Language::de);
  EXPECT_EQ(ui::cycling_language(ui::kLanguageCycleMs * 3), Language::nl);
  EXPECT_EQ(ui::cycling_language(ui::kLanguageCycleMs * 4), Language::en);
  EXPECT_EQ(ui::cycling_language(10'000, 10'000), Language::en);
  EXPECT_EQ(ui::cycling_language(5'000, 10'000), Language::en);
}

TEST(RefusalView, AlreadyCheckedInSaysWhenAndWhereOrThatItWasUsed) {
  KioskState state = sample_state();
  ScanDisplay scan = state.last_scan.value();
  scan.outcome = Outcome::already_checked_in;
  auto keys = RefusalView::keys_for(scan, state);
  EXPECT_EQ(keys.title, "refusal.already_checked_in.title");
  EXPECT_EQ(keys.explanation, "refusal.already_checked_in.explanation");
  EXPECT_EQ(keys.action, "refusal.already_checked_in.action");

  scan.previous_local_time.clear();
  EXPECT_EQ(RefusalView::keys_for(scan, state).explanation, "refusal.already_checked_in.explanation_no_details");

  scan.previous_local_time = "17:45";
  state.checkpoint_id = 3;
  state.direction = Direction::exit;
  keys = RefusalView::keys_for(scan, state);
  EXPECT_EQ(keys.title, "refusal.already_checked_in.title_exit");
  EXPECT_EQ(keys.explanation, "refusal.already_checked_in.explanation_exit");

  scan.outcome = Outcome::blocked;
  keys = RefusalView::keys_for(scan, state);
  EXPECT_EQ(keys.title, "refusal.blocked.title");
  EXPECT_EQ(keys.explanation, "refusal.blocked.explanation");
}

}  // namespace
}  // namespace passerelle::kiosk
