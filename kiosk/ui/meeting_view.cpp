#include "kiosk/ui/meeting_view.h"

#include <algorithm>
#include <string>

#include "core/text/translations.h"
#include "kiosk/ui/person_text.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {
namespace {

using ui::Align;

// The sentence under the partner's name, and its colour: green only for a confirmed meeting.
std::pair<std::string, ImU32> state_line(const Translations& texts, Language language, const MeetingDisplay& b2b) {
  if (!b2b.found) return {std::string(texts.get(language, "meeting.none")), ui::colour::muted};
  if (b2b.held) return {std::string(texts.get(language, "meeting.held")), ui::colour::success};
  if (!b2b.current)
    return {texts.format(language, "meeting.next", {{"time", b2b.meeting.local_time}}), ui::colour::text};
  if (b2b.partner_came) return {std::string(texts.get(language, "meeting.partner_here")), ui::colour::success};
  return {texts.format(language, "meeting.waiting", {{"partner", b2b.meeting.partner_name}}), ui::colour::caution};
}

// The question, its three answers and a way past it, from `top` down; returns nothing. Answers
// are the words a funder's report uses (DESIGN.md), in the participant's language.
void draw_question(UiContext& context, const MeetingDisplay& b2b, Language language, float top) {
  const Translations& texts = context.texts;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImFont* large = ui::font_or_default(context.fonts.large);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float width = m.display.x - 2 * m.pad;
  const auto& question = *b2b.question;
  if (b2b.answered) {
    ui::draw_text_wrapped(draw, large, large->FontSize, texts.get(language, "meeting.thanks"), ImVec2(m.pad, top),
                          width, Align::centre, ui::colour::success, 2);
    return;
  }
  const std::string text =
      texts.format(language, "meeting.question", {{"partner", question.partner_name}, {"time", question.local_time}});
  const float button_height = std::max(m.unit * 2.6f, body->FontSize * 2.6f);
  const float buttons_top = m.display.y - m.pad - button_height;
  ui::draw_text_wrapped(draw, large, large->FontSize, text, ImVec2(m.pad, std::min(top, buttons_top - m.gap)), width,
                        Align::centre, ui::colour::text, 2);
  constexpr std::pair<MeetingAnswer, const char*> kAnswers[] = {
      {MeetingAnswer::no_interest, "meeting.answer_no_interest"},
      {MeetingAnswer::informative, "meeting.answer_informative"},
      {MeetingAnswer::cooperation, "meeting.answer_cooperation"}};
  const float skip_width = width * 0.16f;
  const float answer_width = (width - skip_width - 3 * m.gap) / 3;
  float x = m.pad;
  for (const auto& [answer, key] : kAnswers) {
    const std::string id = std::string("##") + std::string(to_string(answer));
    if (ui::touch_button(id.c_str(), texts.get(language, key), ImVec2(x, buttons_top),
                         ImVec2(answer_width, button_height), body,
                         answer == MeetingAnswer::cooperation ? ui::ButtonKind::primary : ui::ButtonKind::normal,
                         !b2b.answer_pending))
      context.intents.emplace_back(intent::AnswerMeeting{answer});
    x += answer_width + m.gap;
  }
  if (ui::touch_button("##skip", texts.get(language, "meeting.skip"), ImVec2(x, buttons_top),
                       ImVec2(skip_width, button_height), body, ui::ButtonKind::quiet))
    context.intents.emplace_back(intent::Dismiss{});
}

}  // namespace

ui::Box MeetingView::walk_in_button(const ui::Metrics& m) {
  return ui::bottom_right_button(m, std::max(m.display.x * 0.34f, m.touch * 5.0f));
}

void MeetingView::draw(UiContext& context) {
  const KioskState& state = context.state;
  const ScanDisplay fallback;
  const ScanDisplay& scan = state.last_scan ? *state.last_scan : fallback;
  const MeetingDisplay no_meeting;
  const MeetingDisplay& b2b = scan.b2b ? *scan.b2b : no_meeting;
  const Language language = scan.language;
  const Translations& texts = context.texts;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImFont* large = ui::font_or_default(context.fonts.large);
  ImFont* huge = ui::font_or_default(context.fonts.huge);

  ui::begin_screen("##meeting", ui::colour::background);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float band = m.unit * 1.5f;
  const bool confirmed = b2b.held;
  draw->AddRectFilled(ImVec2(0, 0), ImVec2(m.display.x, band), confirmed ? ui::colour::success : ui::colour::surface);

  // The mark says it without colour: a check for a confirmed meeting, a clock otherwise.
  const std::string first = scan.first_name.empty() ? scan.last_name : scan.first_name;
  const std::string headline = texts.format(language, "meeting.greeting", {{"first_name", first}});
  std::string status(texts.get(language, "meeting.title"));
  if (const Checkpoint* checkpoint = state.current_checkpoint()) status += " · " + checkpoint->name;
  float y = ui::draw_person_header(
      draw, context.fonts,
      {confirmed ? ui::Icon::check : ui::Icon::clock, confirmed ? ui::Tone::success : ui::Tone::neutral, band + m.pad,
       m.display.y * 0.075f, headline, status});
  y += m.gap * 2;
  const float width = m.display.x - 2 * m.pad;
  const bool asking = b2b.question.has_value();
  if (b2b.found) {
    // The table first and largest: it is what a person walks to. A question below takes room.
    ImFont* table_font = asking ? large : huge;
    y += ui::draw_text_line(draw, table_font, table_font->FontSize * (asking ? 1.3f : 1.0f), b2b.meeting.table,
                            ImVec2(m.pad, y), width, Align::centre, ui::colour::text);
    y += m.gap * 0.5f;
    const std::string with = texts.format(language, "meeting.with", {{"partner", partner_text(b2b.meeting)}});
    y += ui::draw_text_wrapped(draw, large, large->FontSize, with, ImVec2(m.pad, y), width, Align::centre,
                               ui::colour::muted, 2);
    y += m.gap * 1.5f;
  } else {
    y += m.gap * 2;
  }
  const auto [line, colour] = state_line(texts, language, b2b);
  y += ui::draw_text_wrapped(draw, large, large->FontSize, line, ImVec2(m.pad, y), width, Align::centre, colour, 2);
  if (asking) {
    draw_question(context, b2b, language, y + m.gap * 2);
  } else if (b2b.found && b2b.later_today > 0) {
    y += m.gap;
    ui::draw_text_line(draw, body, body->FontSize,
                       texts.format(language, "meeting.later", {{"count", std::to_string(b2b.later_today)}}),
                       ImVec2(m.pad, y), width, Align::centre, ui::colour::muted);
  }
  // Offered whenever the question's buttons are not there: after a no-show, between meetings,
  // with none left today.
  if (!asking || b2b.answered) {
    const ui::Box button = walk_in_button(m);
    if (ui::touch_button("##walk_in", texts.get(language, "walk_in.button"), button.min, button.size(), body,
                         ui::ButtonKind::normal))
      context.intents.emplace_back(intent::StartWalkIn{});
  }

  if (ui::tap_anywhere("##dismiss")) context.intents.emplace_back(intent::Dismiss{});
  ui::end_screen();
}

}  // namespace passerelle::kiosk
