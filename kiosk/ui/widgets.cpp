#include "kiosk/ui/widgets.h"

#include <algorithm>
#include <cfloat>
#include <string>

#include "core/text/translations.h"

namespace passerelle::kiosk::ui {
namespace {

const char* begin_of(std::string_view text) {
  return text.data();
}
const char* end_of(std::string_view text) {
  return text.data() + text.size();
}

float aligned_x(float left, float width, float text_width, Align align) {
  switch (align) {
    case Align::left:
      return left;
    case Align::centre:
      return left + (width - text_width) * 0.5f;
    case Align::right:
      return left + width - text_width;
  }
  return left;
}

// Splits `text` into the lines draw_text_wrapped shows; calls `line(begin, end)` for each.
template <class LineFn>
int for_each_wrapped_line(ImFont* font, float size, std::string_view text, float width, int max_lines, LineFn line) {
  const float scale = size / std::max(1.0f, font->FontSize);
  const char* cursor = begin_of(text);
  const char* const end = end_of(text);
  int count = 0;
  while (cursor < end && count < max_lines) {
    const char* newline = std::find(cursor, end, '\n');
    const char* wrap = font->CalcWordWrapPositionA(scale, cursor, newline, std::max(1.0f, width));
    // A word wider than the box: break it where it overflows rather than loop forever.
    if (wrap == cursor) wrap = std::min(newline, cursor + 1);
    const char* line_end = wrap;
    while (line_end > cursor && line_end[-1] == ' ') --line_end;
    line(cursor, line_end);
    ++count;
    cursor = wrap;
    while (cursor < end && *cursor == ' ') ++cursor;
    if (cursor < end && *cursor == '\n') ++cursor;
  }
  return count;
}

std::string language_code(Language language) {
  std::string code(to_string(language));
  for (char& c : code)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return code;
}

}  // namespace

float language_strip_width(ImFont* font, float size) {
  float width = size * 1.2f * static_cast<float>(kAllLanguages.size() - 1);
  for (const Language language : kAllLanguages) width += text_size(font, size, language_code(language)).x;
  return width;
}

void draw_language_strip(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, Language current) {
  float x = pos.x;
  for (const Language language : kAllLanguages) {
    const std::string code = language_code(language);
    const float width = text_size(font, size, code).x;
    const bool on = language == current;
    draw->AddText(font, size, ImVec2(x, pos.y), on ? colour::text : colour::faint, code.c_str());
    if (on) {
      const float underline = pos.y + size * 1.1f;
      draw->AddLine(ImVec2(x, underline), ImVec2(x + width, underline), colour::accent, std::max(1.0f, size * 0.12f));
    }
    x += width + size * 1.2f;
  }
}

Language cycling_language(std::int64_t now_ms, std::int64_t since_ms) {
  const std::int64_t elapsed = std::max<std::int64_t>(0, now_ms - since_ms);
  const auto step = static_cast<std::size_t>(elapsed / kLanguageCycleMs) % kAllLanguages.size();
  return kAllLanguages[step];
}

ImFont* font_or_default(ImFont* preferred) {
  return preferred != nullptr ? preferred : ImGui::GetFont();
}

void begin_screen(const char* id, ImU32 background) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(display);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, background);
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav |
                   ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(3);
}

void end_screen() {
  ImGui::End();
}

ImVec2 text_size(ImFont* font, float size, std::string_view text) {
  return font->CalcTextSizeA(size, FLT_MAX, 0.0f, begin_of(text), end_of(text));
}

float draw_text_line(ImDrawList* draw, ImFont* font, float size, std::string_view text, ImVec2 pos, float width,
                     Align align, ImU32 colour) {
  if (text.empty()) return size;
  float fitted = size;
  ImVec2 extent = text_size(font, fitted, text);
  if (extent.x > width && extent.x > 0.0f) {
    fitted = std::max(size * 0.5f, size * width / extent.x);
    extent = text_size(font, fitted, text);
  }
  const float x = std::max(pos.x, aligned_x(pos.x, width, extent.x, align));
  // Centre the shrunk line in the height the full-size line would have taken.
  const float y = pos.y + (size - fitted) * 0.5f;
  const ImVec4 clip(pos.x, pos.y, pos.x + width, pos.y + size);
  draw->AddText(font, fitted, ImVec2(x, y), colour, begin_of(text), end_of(text), 0.0f, &clip);
  return size;
}

float draw_text_wrapped(ImDrawList* draw, ImFont* font, float size, std::string_view text, ImVec2 pos, float width,
                        Align align, ImU32 colour, int max_lines) {
  const float line_height = size * 1.15f;
  float y = pos.y;
  const ImVec4 clip(pos.x, pos.y, pos.x + width, pos.y + line_height * static_cast<float>(max_lines));
  const int lines = for_each_wrapped_line(font, size, text, width, max_lines, [&](const char* begin, const char* end) {
    const float line_width = font->CalcTextSizeA(size, FLT_MAX, 0.0f, begin, end).x;
    const float x = std::max(pos.x, aligned_x(pos.x, width, line_width, align));
    draw->AddText(font, size, ImVec2(x, y), colour, begin, end, 0.0f, &clip);
    y += line_height;
  });
  return line_height * static_cast<float>(lines);
}

float wrapped_height(ImFont* font, float size, std::string_view text, float width, int max_lines) {
  const int lines = for_each_wrapped_line(font, size, text, width, max_lines, [](const char*, const char*) {});
  return size * 1.15f * static_cast<float>(lines);
}

bool touch_button(const char* id, std::string_view label, ImVec2 pos, ImVec2 size, ImFont* font, ButtonKind kind,
                  bool enabled) {
  const ImVec2 box(std::max(1.0f, size.x), std::max(1.0f, size.y));
  ImGui::SetCursorScreenPos(pos);
  if (!enabled) ImGui::BeginDisabled();
  bool clicked = ImGui::InvisibleButton(id, box);
  const bool held = ImGui::IsItemActive();
  if (!enabled) ImGui::EndDisabled();

  const Metrics m = metrics();
  // A finger that travelled was scrolling a list, not tapping the row it happened to end on.
  const float slop = m.unit * 2.0f;
  if (clicked && ImGui::GetIO().MouseDragMaxDistanceSqr[0] > slop * slop) clicked = false;
  ImU32 fill = held ? colour::pressed : colour::raised;
  ImU32 text_colour = colour::text;
  if (kind == ButtonKind::primary) fill = held ? colour::pressed : colour::accent;
  if (kind == ButtonKind::quiet) {
    fill = held ? colour::raised : colour::surface;
    text_colour = colour::muted;
  }
  if (!enabled) {
    fill = colour::surface;
    text_colour = colour::faint;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 max(pos.x + box.x, pos.y + box.y);
  draw->AddRectFilled(pos, max, fill, m.rounding);
  float label_left = pos.x;
  float label_width = box.x;
  if (kind == ButtonKind::selected) {
    draw->AddRect(pos, max, colour::accent, m.rounding, ImDrawFlags_None, std::max(2.0f, m.unit * 0.6f));
    const float mark = std::min(box.y * 0.22f, box.x * 0.1f);
    draw_glyph(draw, Icon::check, ImVec2(pos.x + mark * 1.8f, pos.y + box.y * 0.5f), mark, colour::accent);
    label_left += mark * 3.2f;
    label_width -= mark * 3.4f;
  }
  ImFont* face = font_or_default(font);
  const float text_height = std::min(face->FontSize, box.y * 0.8f);
  const float margin = std::min(box.x * 0.08f, m.unit * 1.5f);
  draw_text_line(draw, face, text_height, label, ImVec2(label_left + margin, pos.y + (box.y - text_height) * 0.5f),
                 label_width - 2 * margin, Align::centre, text_colour);
  return clicked && enabled;
}

bool tap_anywhere(const char* id) {
  const ImVec2 origin = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  ImGui::SetCursorScreenPos(origin);
  return ImGui::InvisibleButton(id, ImVec2(std::max(1.0f, size.x), std::max(1.0f, size.y)));
}

float draw_person_header(ImDrawList* draw, const UiFonts& fonts, const PersonHeader& header) {
  const Metrics m = metrics();
  ImFont* body = font_or_default(fonts.body);
  ImFont* large = font_or_default(fonts.large);
  // The mark and its words: the outcome must be clear without seeing colour.
  const ImVec2 icon_centre(m.pad + header.radius, header.top + header.radius);
  draw_outcome_icon(draw, header.icon, icon_centre, header.radius, header.tone);
  const float text_left = icon_centre.x + header.radius + m.gap * 2;
  const float text_width = m.display.x - text_left - m.pad;
  const float block = (header.headline.empty() ? 0 : large->FontSize + m.gap * 0.5f) + body->FontSize;
  float y = icon_centre.y - block * 0.5f;
  if (!header.headline.empty())
    y += draw_text_line(draw, large, large->FontSize, header.headline, ImVec2(text_left, y), text_width, Align::left,
                        colour::text) +
         m.gap * 0.5f;
  draw_text_line(draw, body, body->FontSize, header.status, ImVec2(text_left, y), text_width, Align::left,
                 colour::muted);
  return icon_centre.y + header.radius;
}

float draw_notice(ImDrawList* draw, const UiFonts& fonts, const Notice& notice, float reserve_below) {
  const Metrics m = metrics();
  ImFont* body = font_or_default(fonts.body);
  ImFont* large = font_or_default(fonts.large);
  ImFont* huge = font_or_default(fonts.huge);
  const float band = m.unit * 1.5f;
  draw->AddRectFilled(ImVec2(0, 0), ImVec2(m.display.x, band), tone_colour(notice.tone));

  const float width = m.display.x - 2 * m.pad;
  // Lines of reading length, even on a wide screen.
  const float text_width = std::min(width, m.display.y * 1.5f);
  const float text_left = (m.display.x - text_width) * 0.5f;
  const float radius = m.display.y * 0.11f;
  const float title_size = huge->FontSize * 0.8f;
  const float explanation_size = large->FontSize * 0.8f;
  const float action_size = body->FontSize * 1.2f;
  const float explanation_height = wrapped_height(large, explanation_size, notice.explanation, text_width, 3);
  const float action_height = wrapped_height(body, action_size, notice.action, text_width, 2);
  const float block =
      2 * radius + m.gap * 1.5f + title_size + m.gap * 1.5f + explanation_height + m.gap + action_height;
  // Centred in the room left by the band and whatever the screen puts below.
  const float room = m.display.y - band - reserve_below;
  float y = band + std::max(m.pad, (room - block) * 0.45f);

  draw_outcome_icon(draw, notice.icon, ImVec2(m.display.x * 0.5f, y + radius), radius, notice.tone);
  y += 2 * radius + m.gap * 1.5f;
  // Long titles ("Nicht für diese Sitzung angemeldet") shrink to one line rather than wrap.
  y += draw_text_line(draw, huge, title_size, notice.title, ImVec2(m.pad, y), width, Align::centre, colour::text);
  y += m.gap * 1.5f;
  y += draw_text_wrapped(draw, large, explanation_size, notice.explanation, ImVec2(text_left, y), text_width,
                         Align::centre, colour::text, 3);
  y += m.gap;
  y += draw_text_wrapped(draw, body, action_size, notice.action, ImVec2(text_left, y), text_width, Align::centre,
                         colour::muted, 2);
  return y;
}

}  // namespace passerelle::kiosk::ui
