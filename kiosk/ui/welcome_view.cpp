#include "kiosk/ui/welcome_view.h"

#include <algorithm>
#include <string>

#include "core/text/translations.h"
#include "kiosk/ui/person_text.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {
namespace {

using ui::Align;

// Today's meetings, as a table on wide screens and as one line per meeting on narrow ones.
void draw_meetings(ImDrawList* draw, const UiContext& context, const ScanDisplay& scan, ImVec2 pos, float width,
                   float bottom) {
  const ui::Metrics m = ui::metrics();
  const Language language = scan.language;
  const Translations& texts = context.texts;
  ImFont* body = ui::font_or_default(context.fonts.body);
  // Larger when the screen has room for it: the agenda is read from a step or two away.
  const float rows_needed = static_cast<float>(scan.meetings.size()) + 3.0f;
  const float size = body->FontSize * std::clamp((bottom - pos.y) / (rows_needed * body->FontSize * 1.7f), 1.0f, 1.5f);
  const float row = size * 1.7f;

  float y = pos.y;
  y += ui::draw_text_line(draw, body, size * 1.2f, texts.get(language, "welcome.meetings_title"), ImVec2(pos.x, y),
                          width, Align::left, ui::colour::text);
  y += size * 0.4f;
  // Their paper agenda is out of date: the list below is the one to follow.
  if (scan.agenda_changed) {
    y += ui::draw_text_wrapped(draw, body, size, texts.get(language, "welcome.agenda_changed"), ImVec2(pos.x, y), width,
                               Align::left, ui::colour::caution, 2);
    y += size * 0.4f;
  }

  const bool table = m.display.x >= 1000.0f;
  float time_width = 0;
  float table_width = 0;
  if (table) {
    time_width = std::max(ui::text_size(body, size, "00:00").x,
                          ui::text_size(body, size, texts.get(language, "welcome.column_time")).x);
    table_width = ui::text_size(body, size, texts.get(language, "welcome.column_table")).x;
    for (const MeetingLine& meeting : scan.meetings)
      table_width = std::max(table_width, ui::text_size(body, size, meeting.table).x);
    time_width += m.gap * 2;
    table_width = std::min(table_width + m.gap * 2, width * 0.25f);
    const float columns[] = {pos.x, pos.x + time_width, pos.x + time_width + table_width};
    const std::string_view headers[] = {texts.get(language, "welcome.column_time"),
                                        texts.get(language, "welcome.column_table"),
                                        texts.get(language, "welcome.column_partner")};
    const float widths[] = {time_width, table_width, width - time_width - table_width};
    for (int column = 0; column < 3; ++column)
      ui::draw_text_line(draw, body, size, headers[column], ImVec2(columns[column], y), widths[column] - m.gap,
                         Align::left, ui::colour::muted);
    y += row;
  }

  const auto capacity = static_cast<std::size_t>(std::max(1.0f, (bottom - y) / row));
  const std::size_t count = scan.meetings.size();
  const std::size_t shown = count <= capacity ? count : capacity - 1;
  for (std::size_t i = 0; i < shown; ++i) {
    const MeetingLine& meeting = scan.meetings[i];
    draw->AddLine(ImVec2(pos.x, y - size * 0.3f), ImVec2(pos.x + width, y - size * 0.3f), ui::colour::surface,
                  std::max(1.0f, m.unit * 0.15f));
    if (table) {
      ui::draw_text_line(draw, body, size, meeting.local_time, ImVec2(pos.x, y), time_width - m.gap, Align::left,
                         ui::colour::text);
      ui::draw_text_line(draw, body, size, meeting.table, ImVec2(pos.x + time_width, y), table_width - m.gap,
                         Align::left, ui::colour::text);
      ui::draw_text_line(draw, body, size, partner_text(meeting), ImVec2(pos.x + time_width + table_width, y),
                         width - time_width - table_width, Align::left, ui::colour::text);
    } else {
      const std::string partner = partner_text(meeting);
      const std::string line =
          texts.format(language, "welcome.meeting_line",
                       {{"time", meeting.local_time}, {"table", meeting.table}, {"partner", partner}});
      ui::draw_text_line(draw, body, size, line, ImVec2(pos.x, y), width, Align::left, ui::colour::text);
    }
    y += row;
  }
  if (shown < count) {
    const std::string more =
        texts.format(language, "welcome.more_meetings", {{"count", std::to_string(count - shown)}});
    ui::draw_text_line(draw, body, size, more, ImVec2(pos.x, y), width, Align::left, ui::colour::muted);
  }
}

}  // namespace

void WelcomeView::draw(UiContext& context) {
  const KioskState& state = context.state;
  const ScanDisplay fallback;
  const ScanDisplay& scan = state.last_scan ? *state.last_scan : fallback;
  const Language language = scan.language;
  const Translations& texts = context.texts;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImFont* large = ui::font_or_default(context.fonts.large);
  ImFont* huge = ui::font_or_default(context.fonts.huge);

  ui::begin_screen("##welcome", ui::colour::background);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float band = m.unit * 1.5f;
  draw->AddRectFilled(ImVec2(0, 0), ImVec2(m.display.x, band), ui::colour::success);

  const float radius = m.display.y * 0.085f;
  // Without a meetings table the greeting and the name sit in the middle of the screen.
  const bool meetings = !scan.checkout && (!scan.meetings.empty() || scan.agenda_changed);
  const float content_height = 2 * radius + m.gap * 2.5f + huge->FontSize + large->FontSize;
  const float top = meetings ? band + m.pad : band + std::max(m.pad, (m.display.y - band - content_height) * 0.4f);
  const std::string first = scan.first_name.empty() ? scan.last_name : scan.first_name;
  std::string headline;
  if (scan.checkout) {
    headline = texts.format(language, "checkout.message", {{"first_name", first}});
  } else if (!first.empty()) {
    headline = texts.format(language, "welcome.greeting", {{"first_name", first}});
  }
  std::string status(texts.get(language, scan.checkout ? "checkout.title" : "welcome.title"));
  if (const Checkpoint* checkpoint = state.current_checkpoint()) status += " · " + checkpoint->name;
  float y = ui::draw_person_header(
      draw, context.fonts,
      {scan.checkout ? ui::Icon::exit : ui::Icon::check, ui::Tone::success, top, radius, headline, status});
  y += m.gap * 2;
  const float width = m.display.x - 2 * m.pad;
  const std::string name = full_name(scan.first_name, scan.last_name);
  if (!name.empty()) {
    y += ui::draw_text_line(draw, huge, huge->FontSize, name, ImVec2(m.pad, y), width, Align::centre, ui::colour::text);
    y += m.gap * 0.5f;
  }
  const std::string organisation = with_country(scan.organisation, scan.country);
  if (!organisation.empty()) {
    y += ui::draw_text_line(draw, large, large->FontSize, organisation, ImVec2(m.pad, y), width, Align::centre,
                            ui::colour::muted);
  }
  y += m.gap * 2;

  if (meetings && y + body->FontSize * 4 < m.display.y - m.pad)
    draw_meetings(draw, context, scan, ImVec2(m.pad, y), width, m.display.y - m.pad);

  if (ui::tap_anywhere("##dismiss")) context.intents.emplace_back(intent::Dismiss{});
  ui::end_screen();
}

}  // namespace passerelle::kiosk
