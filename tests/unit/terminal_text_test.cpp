// core/text/terminal_text.h: untrusted text made safe for a terminal.
#include "core/text/terminal_text.h"

#include <gtest/gtest.h>

namespace passerelle::testing {
namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";

TEST(TerminalText, ReplacesEveryControlCharacter) {
  EXPECT_EQ(terminal_safe("a\x1b[2Jb"), std::string("a") + kReplacement + "[2Jb");
  for (int c = 0; c < 0x20; ++c) {
    const std::string text = std::string("x") + static_cast<char>(c) + "y";
    EXPECT_EQ(terminal_safe(text), std::string("x") + kReplacement + "y") << c;
  }
  EXPECT_EQ(terminal_safe("x\x7fy"), std::string("x") + kReplacement + "y");
  // C1 controls, U+0080 to U+009F, encoded as C2 80 to C2 9F (CSI is U+009B).
  for (int c = 0x80; c <= 0x9F; ++c) {
    const std::string text = std::string("x\xC2") + static_cast<char>(c) + "y";
    EXPECT_EQ(terminal_safe(text), std::string("x") + kReplacement + "y") << c;
  }
  // A raw 0x9B byte is not UTF-8, and a terminal in 8-bit mode reads it as CSI.
  EXPECT_EQ(terminal_safe("x\x9b"
                          "2J"),
            std::string("x") + kReplacement + "2J");
}

TEST(TerminalText, LeavesPrintableTextAlone) {
  EXPECT_EQ(terminal_safe(""), "");
  EXPECT_EQ(terminal_safe("Zoë Ødegård, Łódź ß 東京 🙂"), "Zoë Ødegård, Łódź ß 東京 🙂");
  EXPECT_EQ(terminal_safe("\xC2\xA0no-break"), "\xC2\xA0no-break");  // U+00A0 is past C1
}

}  // namespace
}  // namespace passerelle::testing
