#include "kiosk/app/script.h"

#include <gtest/gtest.h>

#include <map>

#include "tests/kiosk/scenario.h"
#include "tests/support/test_support.h"

namespace passerelle::kiosk {
namespace {

TEST(UiScript, ParsesEveryCommand) {
  const auto lines = parse_script(R"(# a comment

wait 500
key RETURN
key ctrl+alt+q
text PSL-ÄBC 12
click 0.95 0.05
screenshot welcome-en
expect screen refused
expect outcome already_checked_in
expect checkpoint B2B area
timeout 2000
stall 250
quit
)",
                                  "s.script");
  ASSERT_TRUE(lines.has_value()) << lines.error().message;
  ASSERT_EQ(lines->size(), 12u);
  EXPECT_EQ((*lines)[0].kind, ScriptLine::Kind::wait);
  EXPECT_EQ((*lines)[0].number, 500);
  EXPECT_EQ((*lines)[0].line_number, 3);
  EXPECT_EQ((*lines)[3].text, "PSL-ÄBC 12");
  EXPECT_DOUBLE_EQ((*lines)[4].x, 0.95);
  EXPECT_EQ((*lines)[5].text, "welcome-en");
  EXPECT_EQ((*lines)[8].words, (std::vector<std::string>{"checkpoint", "B2B", "area"}));
  EXPECT_EQ((*lines)[10].kind, ScriptLine::Kind::stall);
  EXPECT_EQ((*lines)[10].number, 250);
  EXPECT_EQ((*lines)[11].kind, ScriptLine::Kind::quit);
}

TEST(UiScript, RejectsMistakesWithTheLine) {
  const std::map<std::string, std::string> cases = {
      {"jump 3", "s.script:1: unknown command 'jump'"},
      {"wait soon", "s.script:1: wait takes milliseconds"},
      {"stall 60001", "s.script:1: stall takes at most 60000 milliseconds"},
      {"key NOSUCHKEY", "s.script:1: key takes one SDL key name, e.g. RETURN or ctrl+alt+q"},
      {"click 1.5 0.2", "s.script:1: click takes two fractions of the window, e.g. 0.95 0.05"},
      {"expect screen lobby", "s.script:1: no screen 'lobby'"},
      {"expect outcome welcome", "s.script:1: no outcome 'welcome'"},
      {"expect mood happy", "s.script:1: cannot expect 'mood'"},
      {"screenshot ../x", "s.script:1: screenshot takes a file name without '/'"},
  };
  for (const auto& [text, message] : cases) {
    const auto lines = parse_script(text, "s.script");
    ASSERT_FALSE(lines.has_value()) << text;
    EXPECT_EQ(lines.error().message, message);
  }
}

TEST(UiScript, EveryScenarioExpandsAndParsesAtEverySize) {
  const std::map<std::string, std::string> values = {
      {"pin", "2468"},
      {"lang", "fr"},
      {"manual_search", "anna smith"},
      {"code:accepted", "A"},
      {"code:accepted_en", "A"},
      {"code:accepted_fr", "A"},
      {"code:accepted_de", "A"},
      {"code:accepted_nl", "A"},
      {"code:malformed", "A"},
      {"code:unknown_key", "A"},
      {"code:bad_signature", "A"},
      {"code:other_event", "A"},
      {"code:revoked", "A"},
      {"code:unknown_code", "A"},
      {"code:cancelled", "A"},
      {"code:blocked", "A"},
      {"code:not_admitted", "A"},
      {"code:b2b_a", "A"},
      {"code:b2b_b", "A"},
      {"code:b2b_c", "A"},
      {"code:b2b_none", "A"},
  };
  const auto dir = std::filesystem::path(PASSERELLE_TEST_DATA_DIR) / "kiosk" / "scenarios";
  int scenarios = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++scenarios;
    for (const auto& [width, height] : {std::pair{1920, 1080}, {1280, 800}, {800, 480}}) {
      const auto text = passerelle::testing::read_file(entry.path());
      const auto expanded = passerelle::testing::expand_scenario(text, width, height, values);
      ASSERT_TRUE(expanded.has_value()) << entry.path() << ": " << expanded.error().message;
      const auto lines = parse_script(*expanded, entry.path().string());
      EXPECT_TRUE(lines.has_value()) << lines.error().message;
    }
  }
  EXPECT_GE(scenarios, 6);
}

}  // namespace
}  // namespace passerelle::kiosk
