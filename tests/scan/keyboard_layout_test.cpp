// Keyboard-wedge scanners: key codes to text with the scanner's own layout, whatever the host's.
#include "kiosk/scan/keyboard_layout.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/scan/key_events.h"
#include "tests/scan/scenes.h"

namespace passerelle::scan {
namespace {

using testing::KeyEvent;
using testing::translate;
using testing::type_line;

constexpr KeyboardLayout kLayouts[] = {KeyboardLayout::us, KeyboardLayout::fr, KeyboardLayout::de, KeyboardLayout::be,
                                       KeyboardLayout::nl};

std::vector<KeyEvent> press(std::uint16_t code, bool shift = false) {
  std::vector<KeyEvent> events;
  testing::append_stroke(events, KeyStroke{code, shift, false});
  return events;
}

std::vector<KeyEvent> concat(std::initializer_list<std::vector<KeyEvent>> parts) {
  std::vector<KeyEvent> all;
  for (const auto& part : parts) all.insert(all.end(), part.begin(), part.end());
  return all;
}

std::vector<KeyEvent> enter() {
  std::vector<KeyEvent> events;
  testing::append_enter(events);
  return events;
}

class EveryLayout : public ::testing::TestWithParam<KeyboardLayout> {};

TEST_P(EveryLayout, EveryCharacterOfTheLayoutReadsBack) {
  const KeyboardLayout layout = GetParam();
  const std::vector<std::string> characters = typeable_characters(layout);
  EXPECT_GE(characters.size(), 95u);
  for (const std::string& character : characters) {
    bool ok = false;
    const std::vector<KeyEvent> events = type_line(character, layout, &ok);
    ASSERT_TRUE(ok) << character;
    EXPECT_EQ(translate(events, layout), std::vector<std::string>{character}) << character;
  }
}

TEST_P(EveryLayout, TypesAllOfPrintableAscii) {
  std::string ascii;
  for (char c = 0x20; c < 0x7f; ++c) ascii += c;
  bool ok = false;
  const std::vector<KeyEvent> events = type_line(ascii, GetParam(), &ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(translate(events, GetParam()), std::vector<std::string>{ascii});
}

TEST_P(EveryLayout, TokensAndTicketCodesReadRight) {
  std::mt19937 random(7);
  for (int i = 0; i < 50; ++i) {
    const std::string token = testing::fake_token(random);
    const std::string ticket = testing::fake_ticket_code(random);
    std::vector<KeyEvent> events = type_line(token, GetParam());
    const std::vector<KeyEvent> second = type_line(ticket, GetParam());
    events.insert(events.end(), second.begin(), second.end());
    EXPECT_EQ(translate(events, GetParam()), (std::vector<std::string>{token, ticket}));
  }
}

TEST_P(EveryLayout, AccentedLettersComposeFromDeadKeysOrKeys) {
  for (const char* word : {"é", "è", "à", "ç", "ü", "ö", "ä", "ê", "â", "ë", "ñ"}) {
    bool ok = false;
    const std::vector<KeyEvent> events = type_line(word, GetParam(), &ok);
    if (!ok) continue;  // not every layout types every letter
    EXPECT_EQ(translate(events, GetParam()), std::vector<std::string>{word}) << word;
  }
}

INSTANTIATE_TEST_SUITE_P(Layouts, EveryLayout, ::testing::ValuesIn(kLayouts),
                         [](const auto& layout) { return std::string(keyboard_layout_name(layout.param)); });

// Independent of the tables: what scanners set to each layout actually send, written out by hand.
TEST(KeyboardLayout, AzertyScannerTypesDigitsWithShiftAndDashUnshifted) {
  const std::vector<KeyEvent> events =
      concat({press(KEY_E, true), press(KEY_I, true), press(KEY_F, true), press(KEY_6), press(KEY_T, true),
              press(KEY_K, true), press(KEY_T, true), press(KEY_6), press(KEY_7, true), press(KEY_F, true),
              press(KEY_3, true), press(KEY_K, true), press(KEY_9, true), press(KEY_A, true), enter()});
  EXPECT_EQ(translate(events, KeyboardLayout::fr), std::vector<std::string>{"EIF-TKT-7F3K9Q"});
  // The same key presses read as US: why the scanner's layout belongs in the config.
  EXPECT_EQ(translate(events, KeyboardLayout::us), std::vector<std::string>{"EIF6TKT6&F#K(A"});
}

TEST(KeyboardLayout, BelgianAzertyHasItsDashOnTheEqualKey) {
  const std::vector<KeyEvent> events =
      concat({press(KEY_P, true), press(KEY_S, true), press(KEY_L, true), press(KEY_EQUAL), press(KEY_A, true),
              press(KEY_W, true), press(KEY_2, true), press(KEY_7, true), enter()});
  EXPECT_EQ(translate(events, KeyboardLayout::be), std::vector<std::string>{"PSL-QZ27"});
  EXPECT_EQ(translate(events, KeyboardLayout::fr), std::vector<std::string>{"PSL=QZ27"});
}

TEST(KeyboardLayout, QwertzSwapsYAndZ) {
  const std::vector<KeyEvent> events = concat({press(KEY_P, true), press(KEY_S, true), press(KEY_L, true),
                                               press(KEY_SLASH), press(KEY_Z, true), press(KEY_Y, true), enter()});
  EXPECT_EQ(translate(events, KeyboardLayout::de), std::vector<std::string>{"PSL-YZ"});
  EXPECT_EQ(translate(events, KeyboardLayout::us), std::vector<std::string>{"PSL/ZY"});
}

TEST(KeyboardLayout, UsScannerReadsTheSameAsNl) {
  const std::vector<KeyEvent> events = concat({press(KEY_P, true), press(KEY_MINUS), press(KEY_2), enter()});
  EXPECT_EQ(translate(events, KeyboardLayout::us), std::vector<std::string>{"P-2"});
  EXPECT_EQ(translate(events, KeyboardLayout::nl), std::vector<std::string>{"P-2"});
}

TEST(KeyboardLayout, CapsLockRaisesLettersOnly) {
  std::vector<KeyEvent> events = {{KEY_CAPSLOCK, 1}, {KEY_CAPSLOCK, 0}};
  for (const auto& part : {press(KEY_Q), press(KEY_1), press(KEY_W, true), enter()}) {
    events.insert(events.end(), part.begin(), part.end());
  }
  EXPECT_EQ(translate(events, KeyboardLayout::fr), std::vector<std::string>{"A&z"});
  EXPECT_EQ(translate(events, KeyboardLayout::us), std::vector<std::string>{"Q1w"});
}

TEST(KeyboardLayout, CtrlAltWorksAsAltGr) {
  const std::vector<KeyEvent> events = {{KEY_LEFTCTRL, 1}, {KEY_LEFTALT, 1},  {KEY_0, 1},     {KEY_0, 0},
                                        {KEY_LEFTALT, 0},  {KEY_LEFTCTRL, 0}, {KEY_ENTER, 1}, {KEY_ENTER, 0}};
  EXPECT_EQ(translate(events, KeyboardLayout::fr), std::vector<std::string>{"@"});
  EXPECT_EQ(translate(events, KeyboardLayout::de), std::vector<std::string>{"}"});
}

TEST(KeyboardLayout, ControlShortcutsTypeNothing) {
  KeyTranslator translator(KeyboardLayout::us);
  for (const KeyEvent& event :
       std::vector<KeyEvent>{{KEY_LEFTCTRL, 1}, {KEY_J, 1}, {KEY_J, 0}, {KEY_LEFTCTRL, 0}, {KEY_A, 1}, {KEY_A, 0}}) {
    EXPECT_FALSE(translator.feed(event.code, event.value).has_value());
  }
  EXPECT_EQ(translator.feed(KEY_ENTER, 1), "a");
  EXPECT_EQ(translator.unknown_keys(), 1u);
}

TEST(KeyboardLayout, DeadKeys) {
  // German: circumflex then space is "^"; then e is "ê"; then x is "^x".
  const std::vector<KeyEvent> events =
      concat({press(KEY_GRAVE), press(KEY_SPACE), press(KEY_GRAVE), press(KEY_E), press(KEY_GRAVE), press(KEY_X),
              press(KEY_GRAVE), press(KEY_GRAVE), press(KEY_SPACE), enter()});
  EXPECT_EQ(translate(events, KeyboardLayout::de), std::vector<std::string>{"^ê^x^^"});
}

TEST(KeyboardLayout, AltWithKeypadDigitsTypesCharacterCodes) {
  const std::vector<KeyEvent> events = {{KEY_LEFTALT, 1}, {KEY_KP6, 1},     {KEY_KP6, 0},  {KEY_KP5, 1}, {KEY_KP5, 0},
                                        {KEY_LEFTALT, 0}, {KEY_LEFTALT, 1}, {KEY_KP0, 1},  {KEY_KP0, 0}, {KEY_KP2, 1},
                                        {KEY_KP2, 0},     {KEY_KP3, 1},     {KEY_KP3, 0},  {KEY_KP3, 1}, {KEY_KP3, 0},
                                        {KEY_LEFTALT, 0}, {KEY_ENTER, 1},   {KEY_ENTER, 0}};
  for (KeyboardLayout layout : kLayouts) {
    EXPECT_EQ(translate(events, layout), std::vector<std::string>{"Aé"}) << keyboard_layout_name(layout);
  }
}

TEST(KeyboardLayout, KeypadReadsTheSameOnEveryLayout) {
  const std::vector<KeyEvent> events = concat({press(KEY_KP7), press(KEY_KPMINUS), press(KEY_KP0), enter()});
  for (KeyboardLayout layout : kLayouts) {
    EXPECT_EQ(translate(events, layout), std::vector<std::string>{"7-0"}) << keyboard_layout_name(layout);
  }
}

TEST(KeyboardLayout, EnterAloneAndReleasesGiveNoText) {
  KeyTranslator translator(KeyboardLayout::us);
  EXPECT_FALSE(translator.feed(KEY_ENTER, 1).has_value());
  EXPECT_FALSE(translator.feed(KEY_ENTER, 0).has_value());
  EXPECT_FALSE(translator.feed(KEY_A, 0).has_value());
  EXPECT_FALSE(translator.feed(KEY_A, 1).has_value());
  EXPECT_FALSE(translator.feed(KEY_A, 2).has_value());  // auto-repeat types again
  EXPECT_EQ(translator.feed(KEY_KPENTER, 1), "aa");
}

TEST(KeyboardLayout, OverlongTextIsDroppedWhole) {
  KeyTranslator translator(KeyboardLayout::us);
  for (std::size_t i = 0; i <= KeyTranslator::kMaxTextBytes; ++i) {
    EXPECT_FALSE(translator.feed(KEY_B, 1).has_value());
  }
  EXPECT_FALSE(translator.feed(KEY_ENTER, 1).has_value());
  EXPECT_EQ(translator.dropped_texts(), 1u);
  EXPECT_FALSE(translator.feed(KEY_C, 1).has_value());
  EXPECT_EQ(translator.feed(KEY_ENTER, 1), "c");
}

TEST(KeyboardLayout, UnknownKeysAreCounted) {
  KeyTranslator translator(KeyboardLayout::us);
  EXPECT_FALSE(translator.feed(KEY_F1, 1).has_value());
  EXPECT_FALSE(translator.feed(KEY_102ND, 1).has_value());  // no such key on US keyboards
  EXPECT_FALSE(translator.feed(KEY_ENTER, 1).has_value());
  EXPECT_EQ(translator.unknown_keys(), 2u);
}

TEST(KeyboardLayout, ResetForgetsModifiersAndText) {
  KeyTranslator translator(KeyboardLayout::us);
  EXPECT_FALSE(translator.feed(KEY_LEFTSHIFT, 1).has_value());
  EXPECT_FALSE(translator.feed(KEY_A, 1).has_value());
  translator.reset();
  EXPECT_FALSE(translator.feed(KEY_B, 1).has_value());
  EXPECT_EQ(translator.feed(KEY_ENTER, 1), "b");
}

TEST(KeyboardLayout, ParsesConfigNames) {
  for (KeyboardLayout layout : kLayouts) {
    const Result<KeyboardLayout> parsed = parse_keyboard_layout(keyboard_layout_name(layout));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, layout);
  }
  const Result<KeyboardLayout> unknown = parse_keyboard_layout("dvorak");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, Errc::invalid_input);
  EXPECT_NE(unknown.error().message.find("dvorak"), std::string::npos);
}

TEST(KeyboardLayout, KeystrokesForUntypeableCharacterAreEmpty) {
  EXPECT_TRUE(keystrokes_for("ß", KeyboardLayout::us).empty());
  EXPECT_TRUE(keystrokes_for("Ł", KeyboardLayout::fr).empty());
  EXPECT_EQ(keystrokes_for("ß", KeyboardLayout::de), (std::vector<KeyStroke>{{KEY_MINUS, false, false}}));
}

}  // namespace
}  // namespace passerelle::scan
