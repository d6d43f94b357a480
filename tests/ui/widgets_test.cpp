// The pieces the screens are built from: on-screen keyboard, outcome icons, language cycling and
// the refusal screen's choice of texts.
#include "kiosk/ui/widgets.h"

#include <gtest/gtest.h>
#include <imgui.h>

#include <string>

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
