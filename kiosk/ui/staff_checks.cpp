// The staff screen's checks section: the "before the doors open" checklist (kiosk/model/readiness.h),
// one row per thing checked, with its mark (a green tick, an amber triangle, a red cross: shape as
// well as colour), what was found and the one thing to do. Wide screens give each its column;
// narrow ones put the finding under the subject and keep the action beside them.
#include <algorithm>
#include <string>
#include <vector>

#include "core/text/translations.h"
#include "kiosk/model/readiness.h"
#include "kiosk/ui/staff_view.h"
#include "kiosk/ui/touch_list.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {
namespace {

using ui::Align;
using ui::Box;

// Translations::format takes its values as a braced list; a check's are a vector.
std::string fill(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out(text);
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + name + "}";
    for (auto at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder, at + value.size()))
      out.replace(at, placeholder.size(), value);
  }
  return out;
}

ui::Icon icon_of(CheckLevel level) {
  switch (level) {
    case CheckLevel::ok:
      return ui::Icon::check;
    case CheckLevel::warning:
      return ui::Icon::warning;
    case CheckLevel::problem:
      return ui::Icon::cross;
  }
  return ui::Icon::warning;
}

ui::Tone tone_of(CheckLevel level) {
  switch (level) {
    case CheckLevel::ok:
      return ui::Tone::success;
    case CheckLevel::warning:
      return ui::Tone::caution;
    case CheckLevel::problem:
      return ui::Tone::danger;
  }
  return ui::Tone::caution;
}

struct RowText {
  std::string subject;
  std::string finding;
  std::string action;
  CheckLevel level;
};

}  // namespace

void StaffView::draw_checks(UiContext& context, const Box& content) {
  const KioskState& state = context.state;
  const Translations& texts = context.texts;
  const Language language = state.ui_language;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float size = body->FontSize;

  std::vector<RowText> rows;
  for (const auto& check : readiness_checks(state, state.now_ms)) {
    std::string subject(texts.get(language, check.subject));
    if (!check.device.empty()) subject += " · " + check.device;
    rows.push_back({std::move(subject), fill(texts.get(language, check.finding), check.values),
                    fill(texts.get(language, check.action), check.values), check.level});
  }

  float y = content.min.y;
  y += ui::draw_text_wrapped(draw, body, size, texts.get(language, "staff.checks.intro"), ImVec2(content.min.x, y),
                             content.width(), Align::left, ui::colour::muted, 2);
  y += m.gap * 0.5f;
  const Box list{ImVec2(content.min.x, y), content.max};
  if (list.height() < m.touch) return;

  ui::begin_touch_list("##checks", list);
  ImDrawList* list_draw = ImGui::GetWindowDrawList();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  // Leave the scrollbar's room: the rows may be taller than the box on small screens.
  const float width = ImGui::GetContentRegionAvail().x - m.unit * 2.5f;
  const float mark = size * 0.55f;
  const float inner = m.gap * 0.6f;
  const float text_left = start.x + inner + mark * 3.0f;
  const float text_width = start.x + width - inner - text_left;
  // Three columns where a finding fits on a line or two; else the finding goes under the subject.
  const bool wide = text_width > size * 38.0f;
  const float subject_width = wide ? text_width * 0.22f : text_width * 0.55f - m.gap;
  const float finding_left = wide ? text_left + text_width * 0.22f : text_left;
  const float finding_width = wide ? text_width * 0.40f - m.gap : subject_width;
  const float action_left = wide ? text_left + text_width * 0.62f : text_left + text_width * 0.55f;
  const float action_width = text_left + text_width - action_left;
  const float action_size = size * 0.9f;

  float top = start.y;
  for (const RowText& row : rows) {
    const float subject_height = ui::wrapped_height(body, size, row.subject, subject_width, 2);
    const float finding_height = ui::wrapped_height(body, size, row.finding, finding_width, 4);
    const float action_height = ui::wrapped_height(body, action_size, row.action, action_width, 4);
    const float left_height = wide ? std::max(subject_height, finding_height) : subject_height + finding_height;
    const float height = std::max({left_height, action_height, mark * 2.2f}) + inner * 2;
    if (ImGui::IsRectVisible(ImVec2(start.x, top), ImVec2(start.x + width, top + height))) {
      list_draw->AddRectFilled(ImVec2(start.x, top), ImVec2(start.x + width, top + height), ui::colour::surface,
                               m.rounding);
      ui::draw_outcome_icon(list_draw, icon_of(row.level),
                            ImVec2(start.x + inner + mark * 1.2f, top + inner + mark * 1.1f), mark, tone_of(row.level));
      ui::draw_text_wrapped(list_draw, body, size, row.subject, ImVec2(text_left, top + inner), subject_width,
                            Align::left, ui::colour::muted, 2);
      ui::draw_text_wrapped(list_draw, body, size, row.finding,
                            ImVec2(finding_left, top + inner + (wide ? 0.0f : subject_height)), finding_width,
                            Align::left, ui::colour::text, 4);
      ui::draw_text_wrapped(list_draw, body, action_size, row.action, ImVec2(action_left, top + inner), action_width,
                            Align::left, row.level == CheckLevel::ok ? ui::colour::muted : ui::colour::text, 4);
    }
    top += height + m.gap * 0.5f;
  }
  ui::end_touch_list(start, width, top - start.y);
}

}  // namespace passerelle::kiosk
