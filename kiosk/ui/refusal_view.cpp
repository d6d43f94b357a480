#include "kiosk/ui/refusal_view.h"

#include <algorithm>
#include <string>

#include "core/text/translations.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {
namespace {

using ui::Align;

bool at_exit(const KioskState& state) {
  const Checkpoint* checkpoint = state.current_checkpoint();
  return checkpoint != nullptr && checkpoint->rule == CheckpointRule::in_out && state.direction == Direction::exit;
}

}  // namespace

RefusalView::Keys RefusalView::keys_for(const ScanDisplay& scan, const KioskState& state) {
  const std::string prefix = "refusal." + std::string(to_string(scan.outcome)) + ".";
  Keys keys{prefix + "title", prefix + "explanation", prefix + "action"};
  if (scan.outcome == Outcome::already_checked_in) {
    const bool exit = at_exit(state);
    if (exit) keys.title = prefix + "title_exit";
    if (scan.previous_local_time.empty() || scan.previous_checkpoint.empty()) {
      keys.explanation = prefix + "explanation_no_details";
    } else if (exit) {
      keys.explanation = prefix + "explanation_exit";
    }
  }
  return keys;
}

std::string RefusalView::name_shown(const ScanDisplay& scan) {
  if (!scan.known_person) return {};
  switch (scan.outcome) {
    case Outcome::already_checked_in:
    case Outcome::not_admitted:
    case Outcome::not_event_day:
      return scan.first_name;
    default:
      return {};
  }
}

void RefusalView::draw(UiContext& context) {
  const KioskState& state = context.state;
  ScanDisplay fallback;
  fallback.outcome = Outcome::unknown_code;
  const ScanDisplay& scan =
      state.last_scan && state.last_scan->outcome != Outcome::accepted ? *state.last_scan : fallback;
  const bool cycling = !scan.known_person;
  const Language language = cycling ? ui::cycling_language(state.now_ms, scan.shown_at_ms) : scan.language;
  const Translations& texts = context.texts;
  const Keys keys = keys_for(scan, state);

  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  const ui::Tone tone = ui::tone_for(scan.outcome);

  ui::begin_screen("##refused", ui::colour::background);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::vector<std::string>& days = state.event.days;
  const std::string explanation = texts.format(language, keys.explanation,
                                               {{"time", scan.previous_local_time},
                                                {"checkpoint", scan.previous_checkpoint},
                                                {"first", days.empty() ? std::string() : days.front()},
                                                {"last", days.empty() ? std::string() : days.back()}});
  ui::draw_notice(draw, context.fonts,
                  {ui::icon_for(scan.outcome, false), tone, texts.get(language, keys.title), explanation,
                   texts.get(language, keys.action)},
                  body->FontSize * 2 + m.pad);

  // Whose badge was read, small at the bottom, where that is harmless (name_shown).
  const float bottom = m.display.y - m.pad * 0.6f - body->FontSize;
  if (const std::string who = name_shown(scan); !who.empty())
    ui::draw_text_line(draw, body, body->FontSize, who, ImVec2(m.pad, bottom), m.display.x * 0.6f, Align::left,
                       ui::colour::muted);
  if (cycling) {
    // Which of the four languages is on screen, so a reader knows the next one is coming.
    const float strip = ui::language_strip_width(body, body->FontSize);
    ui::draw_language_strip(draw, body, body->FontSize, ImVec2(m.display.x - m.pad - strip, bottom), language);
  }

  if (ui::tap_anywhere("##dismiss")) context.intents.emplace_back(intent::Dismiss{});
  ui::end_screen();
}

}  // namespace passerelle::kiosk
