#include "kiosk/ui/config_error_view.h"

#include <algorithm>

#include "core/text/translations.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {

void ConfigErrorView::draw(UiContext& context) {
  const KioskState& state = context.state;
  const Translations& texts = context.texts;
  const Language language = state.ui_language;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);

  // What is wrong and where, as the loader said it (file, line, key), framed below the notice.
  const float size = body->FontSize;
  const float width = std::min(m.display.x - 2 * m.pad, m.display.y * 1.6f);
  const float inner = width - 2 * m.gap;
  constexpr int kDetailLines = 6;
  const float detail_height =
      state.fatal_message.empty()
          ? 0.0f
          : m.gap + size * 1.5f + ui::wrapped_height(body, size, state.fatal_message, inner, kDetailLines) + 2 * m.gap;

  ui::begin_screen("##config_error", ui::colour::background);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float y =
      ui::draw_notice(draw, context.fonts,
                      {ui::Icon::warning, ui::Tone::danger, texts.get(language, "config_error.title"),
                       texts.get(language, "config_error.explanation"), texts.get(language, "config_error.action")},
                      detail_height + m.pad);
  if (!state.fatal_message.empty()) {
    y += m.gap;
    // On a small screen the notice may leave fewer lines than kDetailLines: clip at the bottom.
    const float available = m.display.y - m.pad * 0.5f - y - size * 1.5f - 2 * m.gap;
    const int max_lines = std::clamp(static_cast<int>(available / (size * 1.15f)), 1, kDetailLines);
    const float text_height = ui::wrapped_height(body, size, state.fatal_message, inner, max_lines);
    const float left = (m.display.x - width) * 0.5f;
    ui::draw_text_line(draw, body, size, texts.get(language, "config_error.detail"), ImVec2(left, y), width,
                       ui::Align::left, ui::colour::muted);
    y += size * 1.5f;
    const ImVec2 box_max(left + width, y + text_height + 2 * m.gap);
    draw->AddRectFilled(ImVec2(left, y), box_max, ui::colour::surface, m.rounding);
    draw->AddRect(ImVec2(left, y), box_max, ui::colour::border, m.rounding);
    ui::draw_text_wrapped(draw, body, size, state.fatal_message, ImVec2(left + m.gap, y + m.gap), inner,
                          ui::Align::left, ui::colour::text, max_lines);
  }
  ui::end_screen();
}

}  // namespace passerelle::kiosk
