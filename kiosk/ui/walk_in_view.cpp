#include "kiosk/ui/walk_in_view.h"

#include <algorithm>
#include <string>

#include "core/text/translations.h"
#include "kiosk/ui/person_text.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {
namespace {

using Stage = WalkInDisplay::Stage;
using ui::Align;

// Waiting for the partner: what to do, large, and how long is left.
void draw_waiting(UiContext& context, const WalkInDisplay& walk_in, float y) {
  const Translations& texts = context.texts;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImFont* large = ui::font_or_default(context.fonts.large);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float width = m.display.x - 2 * m.pad;
  const std::string ask =
      texts.format(walk_in.language, "walk_in.scan_partner", {{"first_name", walk_in.host_first_name}});
  y += ui::draw_text_wrapped(draw, large, large->FontSize * 1.2f, ask, ImVec2(m.pad, y), width, Align::centre,
                             ui::colour::text, 3);
  y += m.gap * 1.5f;
  if (walk_in.stage == Stage::own_badge) {
    y += ui::draw_text_wrapped(draw, large, large->FontSize, texts.get(walk_in.language, "walk_in.own_badge"),
                               ImVec2(m.pad, y), width, Align::centre, ui::colour::caution, 2);
    y += m.gap;
  }
  const std::int64_t left_ms = std::max<std::int64_t>(0, walk_in.wait_until_ms - context.state.now_ms);
  ui::draw_text_line(
      draw, body, body->FontSize * 1.4f,
      texts.format(walk_in.language, "walk_in.seconds_left", {{"seconds", std::to_string((left_ms + 999) / 1000)}}),
      ImVec2(m.pad, y), width, Align::centre, ui::colour::muted);
  const ui::Box cancel = WalkInView::cancel_button(m);
  if (ui::touch_button("##cancel", texts.get(walk_in.language, "walk_in.cancel"), cancel.min, cancel.size(), body,
                       ui::ButtonKind::normal))
    context.intents.emplace_back(intent::Dismiss{});
}

// Recorded, or found: the table first and largest, then the partner and the times.
void draw_result(UiContext& context, const WalkInDisplay& walk_in, float y) {
  const Translations& texts = context.texts;
  const Language language = walk_in.language;
  const ui::Metrics m = ui::metrics();
  ImFont* large = ui::font_or_default(context.fonts.large);
  ImFont* huge = ui::font_or_default(context.fonts.huge);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float width = m.display.x - 2 * m.pad;
  if (walk_in.stage == Stage::no_free_table) {
    y += ui::draw_text_wrapped(draw, huge, huge->FontSize * 0.7f, texts.get(language, "walk_in.no_table_title"),
                               ImVec2(m.pad, y), width, Align::centre, ui::colour::caution, 2);
    y += m.gap;
    ui::draw_text_wrapped(draw, large, large->FontSize,
                          texts.format(language, "walk_in.no_table", {{"partner", partner_text(walk_in.meeting)}}),
                          ImVec2(m.pad, y), width, Align::centre, ui::colour::text, 3);
    return;
  }
  y += ui::draw_text_line(draw, huge, huge->FontSize, walk_in.meeting.table, ImVec2(m.pad, y), width, Align::centre,
                          ui::colour::text);
  y += m.gap * 0.5f;
  y += ui::draw_text_wrapped(draw, large, large->FontSize,
                             texts.format(language, "meeting.with", {{"partner", partner_text(walk_in.meeting)}}),
                             ImVec2(m.pad, y), width, Align::centre, ui::colour::muted, 2);
  y += m.gap;
  const std::string when =
      walk_in.stage == Stage::already_meeting
          ? texts.format(language, "walk_in.already", {{"time", walk_in.meeting.local_time}})
          : texts.format(language, "walk_in.time", {{"start", walk_in.meeting.local_time}, {"end", walk_in.end_time}});
  y += ui::draw_text_wrapped(draw, large, large->FontSize, when, ImVec2(m.pad, y), width, Align::centre,
                             walk_in.stage == Stage::already_meeting ? ui::colour::caution : ui::colour::text, 2);
  if (walk_in.stage == Stage::placed) {
    y += m.gap;
    ui::draw_text_line(draw, large, large->FontSize, texts.get(language, "walk_in.placed"), ImVec2(m.pad, y), width,
                       Align::centre, ui::colour::success);
  }
}

}  // namespace

ui::Box WalkInView::cancel_button(const ui::Metrics& m) {
  return ui::bottom_right_button(m, std::max(m.display.x * 0.25f, m.touch * 4.0f));
}

void WalkInView::draw(UiContext& context) {
  const WalkInDisplay fallback;
  const WalkInDisplay& walk_in = context.state.walk_in ? *context.state.walk_in : fallback;
  const ui::Metrics m = ui::metrics();
  const bool placed = walk_in.stage == Stage::placed;
  const bool waiting = walk_in.waiting_for_partner();

  ui::begin_screen("##walk_in", ui::colour::background);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float band = m.unit * 1.5f;
  draw->AddRectFilled(ImVec2(0, 0), ImVec2(m.display.x, band), placed ? ui::colour::success : ui::colour::surface);
  const ui::Icon icon = placed ? ui::Icon::check : waiting ? ui::Icon::clock : ui::Icon::warning;
  const ui::Tone tone = placed ? ui::Tone::success : waiting ? ui::Tone::neutral : ui::Tone::caution;
  std::string status(context.texts.get(walk_in.language, "walk_in.title"));
  if (const Checkpoint* checkpoint = context.state.current_checkpoint()) status += " · " + checkpoint->name;
  const std::string headline =
      context.texts.format(walk_in.language, "meeting.greeting", {{"first_name", walk_in.host_first_name}});
  float y =
      ui::draw_person_header(draw, context.fonts, {icon, tone, band + m.pad, m.display.y * 0.075f, headline, status});
  y += m.gap * 2;
  if (waiting) {
    draw_waiting(context, walk_in, y);
  } else {
    draw_result(context, walk_in, y);
    if (ui::tap_anywhere("##dismiss")) context.intents.emplace_back(intent::Dismiss{});
  }
  ui::end_screen();
}

}  // namespace passerelle::kiosk
