// Building blocks shared by the screens: the full-screen window, text that fits its box, big touch
// buttons and the language cycle of attendee screens. Text is drawn with ImDrawList at explicit
// sizes, so that a long name shrinks to its box instead of running off the screen.
//
// Thread safety: UI thread only, inside an ImGui frame (between NewFrame and Render).
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string_view>

#include "core/model/participant.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/view.h"

namespace passerelle::kiosk::ui {

// Attendee screens show each language this long before moving to the next.
inline constexpr std::int64_t kLanguageCycleMs = 2500;

// The language shown at `now_ms` by a screen that started cycling at `since_ms` (en, fr, de, nl, en...).
Language cycling_language(std::int64_t now_ms, std::int64_t since_ms = 0);

// "EN FR DE NL", the language on screen underlined: shows a reader that the text is cycling.
float language_strip_width(ImFont* font, float size);
void draw_language_strip(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, Language current);

// `preferred`, or the current ImGui font when the app shell has not loaded that one.
ImFont* font_or_default(ImFont* preferred);

// One borderless window covering the display; every begin_screen needs its end_screen.
void begin_screen(const char* id, ImU32 background);
void end_screen();

enum class Align { left, centre, right };

// Width and height of `text` on one line.
ImVec2 text_size(ImFont* font, float size, std::string_view text);

// One line of text in the box [pos.x, pos.x + width], shrunk (down to half its size) to fit and
// clipped beyond that. Returns the height used.
float draw_text_line(ImDrawList* draw, ImFont* font, float size, std::string_view text, ImVec2 pos, float width,
                     Align align, ImU32 colour);

// Text wrapped at word boundaries (and at '\n') to `width`, each line aligned. At most
// `max_lines` lines; the last one is clipped. Returns the height used.
float draw_text_wrapped(ImDrawList* draw, ImFont* font, float size, std::string_view text, ImVec2 pos, float width,
                        Align align, ImU32 colour, int max_lines = 8);
// The height draw_text_wrapped would use.
float wrapped_height(ImFont* font, float size, std::string_view text, float width, int max_lines = 8);

enum class ButtonKind {
  normal,    // raised grey
  primary,   // the main action (accent)
  selected,  // the current choice of a group: accent border and a check mark, not colour alone
  quiet,     // barely visible: the staff corner button
};

// A touch button at an absolute screen position. `id` must be unique within the current ID
// scope. A disabled button is drawn dimmed and never returns true.
bool touch_button(const char* id, std::string_view label, ImVec2 pos, ImVec2 size, ImFont* font, ButtonKind kind,
                  bool enabled = true);

// An invisible button over the whole window, for "tap anywhere to continue". Submit it after
// every other button of the window: the first item submitted under the pointer gets the click.
bool tap_anywhere(const char* id);

// The head of the screens about one person (welcome, meeting, walk-in): the band across the top
// (drawn by the caller, who knows its colour), the outcome's icon on the left from `top`, and
// beside it a headline in large type over a status line in body type (the headline may be empty).
// Returns the y just below the icon.
struct PersonHeader {
  Icon icon = Icon::check;
  Tone tone = Tone::success;
  float top = 0;
  float radius = 0;
  std::string_view headline;
  std::string_view status;
};
float draw_person_header(ImDrawList* draw, const UiFonts& fonts, const PersonHeader& header);

// The layout shared by the refusal, out-of-order and configuration-error screens: a coloured band
// at the top, the icon, the title (one line, shrunk to fit), the explanation and what to do.
struct Notice {
  Icon icon = Icon::warning;
  Tone tone = Tone::danger;
  std::string_view title;
  std::string_view explanation;
  std::string_view action;
};
// Centred vertically in the display less `reserve_below` pixels at the bottom; returns the y just
// below the action text.
float draw_notice(ImDrawList* draw, const UiFonts& fonts, const Notice& notice, float reserve_below = 0);

}  // namespace passerelle::kiosk::ui
