// WedgeBuffer: keystrokes of a keyboard-wedge scanner become whole codes, stray keys never do.
#include "kiosk/ui/wedge_buffer.h"

#include <gtest/gtest.h>

#include <string>

namespace passerelle::kiosk {
namespace {

std::optional<std::string> type(WedgeBuffer& buffer, std::u32string_view keys, std::int64_t now_ms) {
  std::optional<std::string> code;
  for (const char32_t key : keys) {
    auto completed = buffer.feed(key, now_ms);
    if (completed) code = std::move(completed);
  }
  return code;
}

TEST(WedgeBuffer, EnterCompletesTheCode) {
  WedgeBuffer buffer;
  EXPECT_EQ(type(buffer, U"PSL1.eyJ", 100), std::nullopt);
  EXPECT_EQ(buffer.pending(), "PSL1.eyJ");
  EXPECT_EQ(buffer.feed(U'\r', 120), "PSL1.eyJ");
  EXPECT_EQ(buffer.pending(), "");
  EXPECT_EQ(type(buffer, U"T-0042\n", 200), "T-0042");
  EXPECT_EQ(type(buffer, U"T-0043", 300), std::nullopt);
  EXPECT_EQ(buffer.enter(310), "T-0043");
}

TEST(WedgeBuffer, EncodesNonAsciiAsUtf8) {
  WedgeBuffer buffer;
  EXPECT_EQ(type(buffer, U"Ä-ß-€-😀\r", 0), "Ä-ß-€-😀");
}

TEST(WedgeBuffer, EmptyEnterAndControlCharactersGiveNothing) {
  WedgeBuffer buffer;
  EXPECT_EQ(buffer.enter(0), std::nullopt);
  EXPECT_EQ(type(buffer, U"\r\n\r", 0), std::nullopt);
  EXPECT_EQ(type(buffer,
                 U"A\tB\x1b\x7f"
                 U"C\r",
                 0),
            "ABC");
}

TEST(WedgeBuffer, StalePartialCodeIsDropped) {
  WedgeBuffer buffer(WedgeBuffer::Limits{500, 4096});
  EXPECT_EQ(type(buffer, U"xy", 1000), std::nullopt);  // somebody leaning on a keyboard
  EXPECT_EQ(type(buffer, U"CODE\r", 2000), "CODE");
  EXPECT_EQ(type(buffer, U"late", 3000), std::nullopt);
  EXPECT_EQ(buffer.enter(3600), std::nullopt);
  EXPECT_EQ(buffer.pending(), "");
}

TEST(WedgeBuffer, OverlongInputIsDroppedUpToTheNextEnter) {
  WedgeBuffer buffer(WedgeBuffer::Limits{1000, 8});
  EXPECT_EQ(type(buffer, U"0123456789ABC\r", 0), std::nullopt);
  EXPECT_EQ(type(buffer, U"short\r", 10), "short");
}

TEST(WedgeBuffer, ReadsTheImGuiCharacterQueue) {
  ImGuiContext* context = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(800, 480);
  io.DeltaTime = 1.0f / 60.0f;
  ASSERT_TRUE(io.Fonts->Build());

  WedgeBuffer buffer;
  io.AddInputCharactersUTF8("ABC-1");
  ImGui::NewFrame();
  EXPECT_TRUE(buffer.take_from_imgui(io, 0).empty());
  ImGui::Render();

  io.AddInputCharactersUTF8("23\rXY\r");
  ImGui::NewFrame();
  EXPECT_EQ(buffer.take_from_imgui(io, 16), (std::vector<std::string>{"ABC-123", "XY"}));
  ImGui::Render();
  ImGui::DestroyContext(context);
}

}  // namespace
}  // namespace passerelle::kiosk
