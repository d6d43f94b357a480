#include "kiosk/ui/rehearsal_banner.h"

#include <algorithm>

#include "core/text/translations.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk::ui {

void draw_rehearsal_banner(UiContext& context) {
  if (!context.state.rehearsal.on) return;
  const Metrics m = metrics();
  ImFont* body = font_or_default(context.fonts.body);
  const std::string_view label = context.texts.get(context.state.ui_language, "staff.rehearsal.banner");
  const float size = body->FontSize * 1.2f;
  const float width = std::min(m.display.x - 2 * m.pad, text_size(body, size, label).x + 4 * m.gap);
  const ImVec2 min((m.display.x - width) * 0.5f, 0.0f);
  const ImVec2 max(min.x + width, size * 1.8f);
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  draw->AddRectFilled(min, max, colour::caution, m.rounding, ImDrawFlags_RoundCornersBottom);
  draw_text_line(draw, body, size, label, ImVec2(min.x + 2 * m.gap, (max.y - size) * 0.5f), width - 4 * m.gap,
                 Align::centre, colour::background);
}

}  // namespace passerelle::kiosk::ui
