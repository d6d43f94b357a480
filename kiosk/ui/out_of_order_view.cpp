#include "kiosk/ui/out_of_order_view.h"

#include <string>

#include "core/text/translations.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {

void OutOfOrderView::draw(UiContext& context) {
  const KioskState& state = context.state;
  const Translations& texts = context.texts;
  const Language language = ui::cycling_language(state.now_ms);
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);

  ui::begin_screen("##out_of_order", ui::colour::background);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ui::draw_notice(draw, context.fonts,
                  {ui::Icon::warning, ui::Tone::caution, texts.get(language, "out_of_order.title"),
                   texts.get(language, "out_of_order.explanation"), texts.get(language, "out_of_order.action")},
                  body->FontSize * 3 + m.pad);

  const float button = m.touch * 0.8f;
  const ImVec2 button_min(m.display.x - m.pad * 0.5f - button, m.display.y - m.pad * 0.5f - button);
  const float bottom = m.display.y - m.pad * 0.6f - body->FontSize;
  const float strip = ui::language_strip_width(body, body->FontSize);
  ui::draw_language_strip(draw, body, body->FontSize, ImVec2((m.display.x - strip) * 0.5f, bottom - body->FontSize * 2),
                          language);
  if (!state.fatal_message.empty()) {
    // For staff, in their language: the attendee only needs to know to go elsewhere.
    // What they can act on first (kiosk/model/store_failure.h), then the class for the technician.
    std::string detail = std::string(texts.get(state.ui_language, "out_of_order.detail")) + ": ";
    if (state.fatal_reason.empty())
      detail += state.fatal_message;
    else
      detail += std::string(texts.get(state.ui_language, "out_of_order.reason." + state.fatal_reason)) + " (" +
                state.fatal_message + ")";
    ui::draw_text_line(draw, body, body->FontSize, detail, ImVec2(m.pad * 0.6f, bottom), button_min.x - m.pad * 1.2f,
                       ui::Align::left, ui::colour::faint);
  }

  if (state.staff.available) {  // as on the scan screen: no staff PIN, no padlock
    if (ui::touch_button("##staff", "", button_min, ImVec2(button, button), body, ui::ButtonKind::quiet))
      context.intents.emplace_back(intent::OpenStaff{});
    ui::draw_glyph(draw, ui::Icon::lock, ImVec2(button_min.x + button * 0.5f, button_min.y + button * 0.5f),
                   button * 0.3f, ui::colour::faint);
  }
  ui::end_screen();
}

}  // namespace passerelle::kiosk
