// The kiosk's translations: assets/i18n/*.toml are complete and consistent, and the loader falls
// back and fails the way translations.h promises.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/model/outcome.h"
#include "core/text/translations.h"
#include "core/text/utf8.h"
#include "kiosk/ui/theme.h"
#include "tests/support/test_support.h"

namespace passerelle::kiosk {
namespace {

const std::filesystem::path kI18nDir = std::filesystem::path(PASSERELLE_SOURCE_DIR) / "assets" / "i18n";

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string joined(const std::set<std::string>& items) {
  return joined(std::vector<std::string>(items.begin(), items.end()));
}

// Code points of a UTF-8 text (the files are valid UTF-8: toml++ checks).
std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> points;
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = decode_utf8(text, i);
    points.push_back(c.code_point);
    i += c.length;
  }
  return points;
}

bool in_glyph_ranges(char32_t point) {
  for (const ImWchar* range = ui::kiosk_glyph_ranges(); range[0] != 0; range += 2)
    if (point >= range[0] && point <= range[1]) return true;
  return false;
}

class ShippedTranslations : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = Translations::load(kI18nDir);
    ASSERT_TRUE(loaded) << loaded.error().message;
    texts_ = new Translations(std::move(loaded).value());
  }
  static void TearDownTestSuite() {
    delete texts_;
    texts_ = nullptr;
  }
  static const Translations& texts() { return *texts_; }

 private:
  static inline Translations* texts_ = nullptr;
};

TEST_F(ShippedTranslations, EveryLanguageHasExactlyTheEnglishKeys) {
  const auto english = texts().keys(Language::en);
  ASSERT_GT(english.size(), 100u);
  for (const Language language : kAllLanguages) {
    EXPECT_TRUE(texts().missing_keys(language).empty())
        << to_string(language) << ".toml lacks: " << joined(texts().missing_keys(language));
    std::vector<std::string> extra;
    const std::set<std::string> known(english.begin(), english.end());
    for (const auto& key : texts().keys(language))
      if (!known.contains(key)) extra.push_back(key);
    EXPECT_TRUE(extra.empty()) << to_string(language) << ".toml has keys en.toml lacks: " << joined(extra);
  }
}

TEST_F(ShippedTranslations, PlaceholdersAreTheSameInEveryLanguage) {
  for (const auto& key : texts().keys(Language::en)) {
    const auto expected = placeholder_names(texts().get(Language::en, key));
    for (const Language language : kAllLanguages) {
      EXPECT_EQ(placeholder_names(texts().get(language, key)), expected)
          << key << " in " << to_string(language) << ": {" << joined(placeholder_names(texts().get(language, key)))
          << "} instead of {" << joined(expected) << "}";
    }
  }
}

TEST_F(ShippedTranslations, EveryRefusalOutcomeHasTitleExplanationAndAction) {
  const auto english = texts().keys(Language::en);
  const std::set<std::string> keys(english.begin(), english.end());
  for (int i = 0; i <= static_cast<int>(Outcome::accepted); ++i) {
    const auto outcome = static_cast<Outcome>(i);
    if (outcome == Outcome::accepted) continue;
    for (const char* part : {"title", "explanation", "action"}) {
      const std::string key = "refusal." + std::string(to_string(outcome)) + "." + part;
      EXPECT_TRUE(keys.contains(key)) << "missing " << key;
    }
  }
  EXPECT_EQ(texts().format(Language::en, "refusal.already_checked_in.explanation",
                           {{"time", "09:12"}, {"checkpoint", "Entrance B"}}),
            "Already checked in at 09:12 at Entrance B.");
}

TEST_F(ShippedTranslations, TextsAreNonEmptyTrimmedAndDrawableWithTheKioskFonts) {
  for (const Language language : kAllLanguages) {
    for (const auto& key : texts().keys(language)) {
      const std::string_view text = texts().get(language, key);
      ASSERT_FALSE(text.empty()) << key << " in " << to_string(language);
      EXPECT_NE(text.front(), ' ') << key << " in " << to_string(language);
      EXPECT_NE(text.back(), ' ') << key << " in " << to_string(language);
      for (const char32_t point : code_points(text))
        EXPECT_TRUE(in_glyph_ranges(point)) << key << " in " << to_string(language) << " uses U+" << std::hex
                                            << static_cast<std::uint32_t>(point) << ", which the fonts do not load";
    }
  }
}

TEST_F(ShippedTranslations, LanguagesNameThemselves) {
  EXPECT_EQ(texts().get(Language::en, "language.name"), "English");
  EXPECT_EQ(texts().get(Language::fr, "language.name"), "Français");
  EXPECT_EQ(texts().get(Language::de, "language.name"), "Deutsch");
  EXPECT_EQ(texts().get(Language::nl, "language.name"), "Nederlands");
}

TEST(Translations, MissingKeyFallsBackToEnglishThenToTheKey) {
  auto english = Translations::parse(Language::en, "[scan]\nprompt = \"Scan\"\nhint = \"Hold it up\"\n", "en.toml");
  ASSERT_TRUE(english) << english.error().message;
  auto both = Translations::parse(Language::fr, "scan.prompt = \"Scannez\"\n", "fr.toml", std::move(english).value());
  ASSERT_TRUE(both) << both.error().message;
  const Translations& texts = *both;

  EXPECT_EQ(texts.get(Language::fr, "scan.prompt"), "Scannez");
  EXPECT_EQ(texts.get(Language::fr, "scan.hint"), "Hold it up");
  EXPECT_EQ(texts.get(Language::de, "scan.prompt"), "Scan");
  EXPECT_EQ(texts.get(Language::fr, "scan.nowhere"), "scan.nowhere");
  EXPECT_EQ(texts.missing_keys(Language::fr), std::vector<std::string>{"scan.hint"});
  EXPECT_EQ(texts.missed_keys(), std::vector<std::string>{"scan.nowhere"});
}

TEST(Translations, FormatFillsPlaceholdersAndKeepsUnknownOnes) {
  auto parsed = Translations::parse(Language::en, "greeting = \"Welcome, {first_name}! {unknown} {}\"\n", "en.toml");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->format(Language::en, "greeting", {{"first_name", "Zoë"}}), "Welcome, Zoë! {unknown} {}");
  EXPECT_EQ(parsed->format(Language::nl, "greeting", {}), "Welcome, {first_name}! {unknown} {}");
}

TEST(Translations, PlaceholderNames) {
  EXPECT_EQ(placeholder_names("At {time} at {checkpoint}, {time}"), (std::set<std::string>{"checkpoint", "time"}));
  EXPECT_EQ(placeholder_names("no braces {} here {"), std::set<std::string>{});
  EXPECT_EQ(placeholder_names("{{name}"), std::set<std::string>{"name"});
}

TEST(Translations, BrokenTomlIsAClearError) {
  auto parsed = Translations::parse(Language::de, "[scan]\nprompt = \"unterminated\n", "de.toml");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, Errc::invalid_input);
  EXPECT_NE(parsed.error().message.find("de.toml:2"), std::string::npos) << parsed.error().message;
}

TEST(Translations, NonStringValueNamesTheKey) {
  auto parsed = Translations::parse(Language::en, "[staff.pin]\nlocked = 60\n", "en.toml");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("'staff.pin.locked' must be a string"), std::string::npos)
      << parsed.error().message;
  EXPECT_NE(parsed.error().message.find("en.toml:2"), std::string::npos) << parsed.error().message;
}

TEST(Translations, LoadReportsTheBrokenOrMissingFile) {
  testing::TempDir dir;
  for (const char* name : {"en.toml", "fr.toml", "de.toml"})
    std::filesystem::copy_file(kI18nDir / name, dir.file(name));

  auto missing = Translations::load(dir.path());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::io);
  EXPECT_NE(missing.error().message.find("nl.toml"), std::string::npos) << missing.error().message;

  testing::write_file(dir.file("nl.toml"), "[scan]\nprompt = = \"Scan uw badge\"\n");
  auto broken = Translations::load(dir.path());
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, Errc::invalid_input);
  EXPECT_NE(broken.error().message.find("nl.toml:2"), std::string::npos) << broken.error().message;
}

}  // namespace
}  // namespace passerelle::kiosk
