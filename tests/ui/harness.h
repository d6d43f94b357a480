// Test harness for kiosk/ui: an ImGui context with a built font atlas and no renderer, which
// draws a View frame by frame, taps at points (mouse down one frame, up the next) and checks that
// everything drawn at screen level lies on the display. Header-only, test code.
#pragma once

#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <filesystem>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "core/text/translations.h"
#include "kiosk/ui/view.h"

namespace passerelle::kiosk::ui_test {

inline const std::filesystem::path kI18nDir = std::filesystem::path(PASSERELLE_SOURCE_DIR) / "assets" / "i18n";
inline const ImVec2 kResolutions[] = {{1920, 1080}, {1280, 800}, {800, 480}};

// One ImGui context per test, fonts sized like the app shell's (body 1/40, large 1/14, huge 1/7).
class Harness {
 public:
  Harness() : context_(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DeltaTime = 1.0f / 60.0f;
    auto loaded = Translations::load(kI18nDir);
    EXPECT_TRUE(loaded) << loaded.error().message;
    if (loaded) texts_ = std::move(loaded).value();
    resize(kResolutions[0]);
  }
  ~Harness() { ImGui::DestroyContext(context_); }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  void resize(ImVec2 display) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = display;
    io.Fonts->Clear();
    const auto add = [&](float size) {
      ImFontConfig config;
      config.SizePixels = std::round(size);
      return io.Fonts->AddFontDefault(&config);
    };
    fonts_.body = add(std::max(16.0f, display.y / 40));
    fonts_.large = add(std::max(28.0f, display.y / 14));
    fonts_.huge = add(std::max(48.0f, display.y / 7));
    ASSERT_TRUE(io.Fonts->Build());
  }

  // One frame: `input` sets io before NewFrame; returns the intents the view emitted.
  std::vector<Intent> frame(View& view, const KioskState& state, const std::function<void(ImGuiIO&)>& input = {}) {
    ImGuiIO& io = ImGui::GetIO();
    if (input) input(io);
    std::vector<Intent> intents;
    ImGui::NewFrame();
    UiContext ui{state, texts_, fonts_, preview_, intents};
    view.draw(ui);
    ImGui::Render();
    check_geometry();
    return intents;
  }

  // Press at `point` and release there (a tap), after a frame that lets ImGui see the window.
  std::vector<Intent> tap(View& view, const KioskState& state, ImVec2 point) {
    std::vector<Intent> all = frame(view, state, [](ImGuiIO& io) { io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX); });
    for (const bool down : {true, false}) {
      auto intents = frame(view, state, [&](ImGuiIO& io) {
        io.MousePos = point;
        io.MouseDown[0] = down;
      });
      all.insert(all.end(), intents.begin(), intents.end());
    }
    return all;
  }

  void set_preview(PreviewTexture preview) { preview_ = preview; }
  const Translations& texts() const { return texts_; }
  float body_size() const { return fonts_.body->FontSize; }

 private:
  // Everything drawn at screen level lies on the display: a layout that overflows at some
  // resolution fails here. Scrolling lists clip to their own, smaller rectangle and are skipped.
  void check_geometry() {
    const ImDrawData* data = ImGui::GetDrawData();
    ASSERT_NE(data, nullptr);
    ASSERT_GT(data->TotalVtxCount, 0);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    for (int list = 0; list < data->CmdListsCount; ++list) {
      const ImDrawList& draw = *data->CmdLists[list];
      for (const ImDrawCmd& command : draw.CmdBuffer) {
        const ImVec4& clip = command.ClipRect;
        const bool whole_screen =
            clip.x <= 0.5f && clip.y <= 0.5f && clip.z >= display.x - 0.5f && clip.w >= display.y - 0.5f;
        if (!whole_screen) continue;
        for (unsigned int i = 0; i < command.ElemCount; ++i) {
          const ImVec2 pos = draw.VtxBuffer[static_cast<int>(command.VtxOffset +
                                                             draw.IdxBuffer[static_cast<int>(command.IdxOffset + i)])]
                                 .pos;
          ASSERT_TRUE(pos.x >= -2.0f && pos.y >= -2.0f && pos.x <= display.x + 2.0f && pos.y <= display.y + 2.0f)
              << "drawn at " << pos.x << "," << pos.y << " on a " << display.x << "x" << display.y << " display";
        }
      }
    }
  }

  ImGuiContext* context_;
  Translations texts_;
  UiFonts fonts_;
  PreviewTexture preview_;
};

// A state with long names, accents, many meetings and results: the worst case for layouts.
inline KioskState sample_state() {
  KioskState state;
  state.event.name = "Passerelle Business Forum 2025 · Lille";
  state.checkpoints = {
      {1, 1, "Entrance B", CheckpointRule::once_per_event, {}, 0, CheckpointKind::door, ""},
      {2,
       1,
       "Workshop room 3 (Hydrogen & mobility)",
       CheckpointRule::once_per_day,
       {"hydrogen"},
       1,
       CheckpointKind::door,
       ""},
      {3, 1, "B2B area", CheckpointRule::in_out, {}, 2, CheckpointKind::door, ""},
      {4, 1, "B2B tables: Hall Maas", CheckpointRule::once_per_event, {}, 3, CheckpointKind::b2b_area, "Hall Maas"},
  };
  state.checkpoint_id = 1;
  state.now_ms = 1'000'000;
  ScanDisplay scan;
  scan.known_person = true;
  scan.first_name = "Zoë";
  scan.last_name = "Van den Bossche-Łukasiewicz";
  scan.organisation = "Institut für Wasserstoff- und Brennstoffzellentechnologie";
  scan.country = "BE";
  scan.language = Language::nl;
  scan.previous_local_time = "09:12";
  scan.previous_checkpoint = "Entrance B";
  scan.shown_at_ms = state.now_ms - 100;
  for (int i = 0; i < 14; ++i) {
    scan.meetings.push_back({0, std::to_string(9 + i / 2) + (i % 2 ? ":30" : ":00"), "T" + std::to_string(10 + i),
                             "Marie-Thérèse Dupont", "Société d'études", "FR"});
  }
  state.last_scan = scan;
  state.staff.search_text = "dup";
  for (int i = 0; i < 12; ++i) {
    state.staff.search_results.push_back({100 + i, "EXT-" + std::to_string(i), "Marie Dupont " + std::to_string(i),
                                          "Société d'études", "FR",
                                          i % 3 == 0   ? ParticipantStatus::registered
                                          : i % 3 == 1 ? ParticipantStatus::cancelled
                                                       : ParticipantStatus::blocked});
  }
  state.staff.operator_name = "Anna";
  state.staff.message = "manual_accepted";  // a key under staff.message (kiosk_state.h)
  state.device.device_id = "kiosk-7f3a";
  state.device.database_path = "/var/lib/passerelle/kiosk.db";
  state.device.source_description = "camera /dev/video0 1280x720 YUYV";
  state.device.camera = CameraStatus::running;
  state.device.journal_entries = 1234;
  state.device.participants = 100000;
  state.device.scanners = {{ScannerStatus::Kind::wedge, "", ScannerStatus::State::open, ""}};
  state.device.free_bytes = 23ULL << 30;
  state.device.registry_read_ms = state.now_ms - 12'000;
  state.fatal_message =
      "/etc/passerelle/kiosk.toml:12:3: unknown key 'chekpoint' in [kiosk] (allowed: event, checkpoint, direction, "
      "staff_pin, language, camera, scanner, fonts, i18n, database, welcome_ms, refusal_ms)";
  state.inside_count = 42;
  return state;
}

template <class T>
std::vector<T> only(const std::vector<Intent>& intents) {
  std::vector<T> out;
  for (const Intent& intent : intents)
    if (const T* wanted = std::get_if<T>(&intent)) out.push_back(*wanted);
  return out;
}

}  // namespace passerelle::kiosk::ui_test
