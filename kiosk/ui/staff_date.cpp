// The staff screen's date section: the day the door takes today to be, the confirmation a kiosk
// whose clock no time source set needs before it refuses days outside the event
// (core/checkin/door_clock.h), and rehearsal mode (docs/CLOCKS.md, "Rehearsal").
#include <string>
#include <vector>

#include "core/text/translations.h"
#include "kiosk/ui/info_rows.h"
#include "kiosk/ui/staff_view.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {

using ui::Align;
using ui::Box;

StaffView::DateLayout StaffView::date_layout(const Box& content, const ui::Metrics& m) {
  DateLayout layout;
  const float split = content.min.x + content.width() * 0.5f;
  const float button = m.touch * 1.1f;
  layout.confirm = {ImVec2(content.min.x, content.max.y - button), ImVec2(split - m.gap, content.max.y)};
  layout.facts = {content.min, ImVec2(split - m.gap, layout.confirm.min.y - m.gap)};
  layout.clear = {ImVec2(split + m.gap, content.max.y - button), content.max};
  layout.rehearsal = {ImVec2(split + m.gap, layout.clear.min.y - m.gap - button),
                      ImVec2(content.max.x, layout.clear.min.y - m.gap)};
  layout.rehearsal_text = {ImVec2(split + m.gap, content.min.y), ImVec2(content.max.x, layout.rehearsal.min.y - m.gap)};
  return layout;
}

void StaffView::draw_date(UiContext& context, const Box& content) {
  const KioskState& state = context.state;
  const ClockStatus& clock = state.clock;
  const RehearsalStatus& rehearsal = state.rehearsal;
  const Translations& texts = context.texts;
  const Language language = state.ui_language;
  const ui::Metrics m = ui::metrics();
  const DateLayout l = date_layout(content, m);
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float size = body->FontSize;
  const auto text = [&](std::string_view key) { return std::string(texts.get(language, key)); };

  // What the door does with a scan today, most pressing first: staff look here when a person at
  // the door was refused for the day, or before the doors open.
  std::string door_key = "staff.date.counted";
  ImU32 door_colour = ui::colour::success;
  if (rehearsal.on) {
    door_key = "staff.date.rehearsing";
    door_colour = ui::colour::caution;
  } else if (clock.trusted && !clock.event_day) {
    door_key = "staff.date.refused";
    door_colour = ui::colour::danger;
  } else if (!clock.trusted && !clock.date_plausible) {
    door_key = "staff.date.implausible";
    door_colour = ui::colour::danger;
  }
  std::string source_key = "staff.date.not_set";
  ImU32 source_colour = ui::colour::caution;
  if (clock.synchronised) {
    source_key = "staff.date.network";
    source_colour = ui::colour::text;
  } else if (clock.trusted) {
    source_key = "staff.date.confirmed_by_staff";
    source_colour = ui::colour::text;
  }
  const std::string days =
      clock.first_day == clock.last_day
          ? clock.first_day
          : texts.format(language, "staff.date.days", {{"first", clock.first_day}, {"last", clock.last_day}});
  const std::vector<ui::InfoRow> rows{
      {text("staff.date.clock_says"), clock.known ? clock.raw_day : text("staff.sync.clock_unknown")},
      {text("staff.date.event_days"), days},
      {text("staff.date.source"), text(source_key), source_colour},
      {text("staff.date.door"), text(door_key), door_colour},
  };
  float y = l.facts.min.y;
  y += ui::draw_text_line(draw, body, size * 1.2f, text("staff.date.title"), ImVec2(l.facts.min.x, y), l.facts.width(),
                          Align::left, ui::colour::text);
  y = ui::draw_info_rows(draw, body, Box{ImVec2(l.facts.min.x, y + m.gap), l.facts.max}, rows, 0.4f);
  if (!clock.trusted && y < l.facts.max.y)
    ui::draw_text_wrapped(draw, body, size * 0.9f, text("staff.date.confirm_hint"), ImVec2(l.facts.min.x, y + m.gap),
                          l.facts.width(), Align::left, ui::colour::muted, 4);
  // Only a clock no time source set is confirmed; staff who see a wrong date set the clock instead.
  const std::string confirm = clock.trusted
                                  ? text(clock.synchronised ? "staff.date.set_by_network" : "staff.date.confirmed")
                                  : texts.format(language, "staff.date.confirm", {{"day", clock.raw_day}});
  if (ui::touch_button("##confirm_date", confirm, l.confirm.min, l.confirm.size(), body, ui::ButtonKind::primary,
                       clock.known && !clock.trusted))
    context.intents.emplace_back(intent::ConfirmDate{});

  y = l.rehearsal_text.min.y;
  y += ui::draw_text_line(draw, body, size * 1.2f, text("staff.rehearsal.title"), ImVec2(l.rehearsal_text.min.x, y),
                          l.rehearsal_text.width(), Align::left, ui::colour::text);
  y += m.gap;
  y += ui::draw_text_wrapped(draw, body, size * 0.9f, text("staff.rehearsal.explanation"),
                             ImVec2(l.rehearsal_text.min.x, y), l.rehearsal_text.width(), Align::left,
                             ui::colour::muted, 5);
  if (y + size < l.rehearsal_text.max.y)
    ui::draw_text_line(draw, body, size,
                       texts.format(language, "staff.rehearsal.kept", {{"count", std::to_string(rehearsal.scans)}}),
                       ImVec2(l.rehearsal_text.min.x, y + m.gap), l.rehearsal_text.width(), Align::left,
                       rehearsal.on ? ui::colour::caution : ui::colour::text);
  if (ui::touch_button("##rehearsal", text(rehearsal.on ? "staff.rehearsal.end" : "staff.rehearsal.start"),
                       l.rehearsal.min, l.rehearsal.size(), body,
                       rehearsal.on ? ui::ButtonKind::selected : ui::ButtonKind::normal))
    context.intents.emplace_back(intent::SetRehearsal{!rehearsal.on});
  if (ui::touch_button("##clear_rehearsal", text("staff.rehearsal.clear"), l.clear.min, l.clear.size(), body,
                       ui::ButtonKind::normal, rehearsal.scans > 0))
    context.intents.emplace_back(intent::ClearRehearsal{});
}

}  // namespace passerelle::kiosk
