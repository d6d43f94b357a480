// The kiosk's look: colours, sizes derived from the display, the glyph ranges the fonts must load,
// and the outcome icons, drawn with ImDrawList primitives so that no icon font is needed.
//
// Every result carries an icon and words, never colour alone (colour-blind attendees): the icon
// shape tells the outcome class apart, the tone only reinforces it.
// Thread safety: UI thread only (the functions read ImGui's current context).
#pragma once

#include <imgui.h>

#include <cstdint>

#include "core/model/outcome.h"

namespace passerelle::kiosk::ui {

constexpr ImU32 rgba(std::uint32_t red, std::uint32_t green, std::uint32_t blue, std::uint32_t alpha = 255) {
  return (alpha << IM_COL32_A_SHIFT) | (blue << IM_COL32_B_SHIFT) | (green << IM_COL32_G_SHIFT) |
         (red << IM_COL32_R_SHIFT);
}

namespace colour {
inline constexpr ImU32 background = rgba(16, 20, 26);
inline constexpr ImU32 surface = rgba(30, 37, 46);
inline constexpr ImU32 raised = rgba(46, 57, 70);
inline constexpr ImU32 pressed = rgba(66, 80, 97);
inline constexpr ImU32 border = rgba(84, 98, 116);
inline constexpr ImU32 text = rgba(245, 247, 250);
inline constexpr ImU32 muted = rgba(170, 181, 194);
inline constexpr ImU32 faint = rgba(110, 122, 137);
inline constexpr ImU32 accent = rgba(61, 139, 253);
inline constexpr ImU32 success = rgba(27, 158, 84);
inline constexpr ImU32 caution = rgba(230, 160, 0);
inline constexpr ImU32 danger = rgba(214, 64, 64);
inline constexpr ImU32 ink = rgba(12, 14, 18);  // glyphs on light (caution) discs
}  // namespace colour

// A screen rectangle; layouts are computed as boxes so that tests can aim clicks at them.
struct Box {
  ImVec2 min;
  ImVec2 max;
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
  ImVec2 size() const { return {width(), height()}; }
  ImVec2 centre() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
  bool contains(ImVec2 point) const {
    return point.x >= min.x && point.x < max.x && point.y >= min.y && point.y < max.y;
  }
};

// Sizes for the current display, so that one layout serves 800x480 up to 1920x1080.
struct Metrics {
  ImVec2 display;
  float unit = 1;   // 1% of the shorter side
  float pad = 1;    // outer margin
  float gap = 1;    // between neighbouring elements
  float touch = 1;  // height of a touch button (about 1 cm on a 10" panel)
  float rounding = 1;
};
Metrics metrics();
Metrics metrics_for(ImVec2 display);

// A touch button of `width` in the bottom-right corner, inside the margin: where the attendee
// screens put their one secondary action (a walk-in, cancel).
inline Box bottom_right_button(const Metrics& m, float width) {
  const ImVec2 max(m.display.x - m.pad, m.display.y - m.pad);
  return Box{ImVec2(max.x - width, max.y - m.touch * 1.3f), max};
}

// How serious an outcome is; drives the colour of its icon.
enum class Tone { success, caution, danger, neutral };

enum class Icon {
  check,     // accepted
  exit,      // accepted at an exit
  cross,     // not a valid badge of ours: malformed, unknown key, bad signature, other event
  question,  // unknown code
  ban,       // revoked badge, cancelled registration
  lock,      // blocked; also the staff button
  no_entry,  // not admitted at this checkpoint
  clock,     // already checked in
  warning,   // out of order, configuration error
};

Icon icon_for(Outcome outcome, bool checkout);
Tone tone_for(Outcome outcome);
ImU32 tone_colour(Tone tone);

// A coloured disc (a triangle for `warning`) with the icon's glyph in it, `radius` around `centre`.
void draw_outcome_icon(ImDrawList* draw, Icon icon, ImVec2 centre, float radius, Tone tone);
// The glyph alone, in `colour`: small marks such as the staff button or a selected row.
void draw_glyph(ImDrawList* draw, Icon icon, ImVec2 centre, float radius, ImU32 colour);

// Code points the kiosk fonts must load (ImFontAtlas::AddFont*'s glyph_ranges): Latin-1, Latin
// Extended-A and -B (names from all over Europe), general punctuation and the euro sign.
// Static storage, zero-terminated.
const ImWchar* kiosk_glyph_ranges();

}  // namespace passerelle::kiosk::ui
