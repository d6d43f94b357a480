#include "kiosk/ui/scan_view.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "core/text/translations.h"
#include "kiosk/ui/viewfinder.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {
namespace {

using ui::Align;
using ui::Box;

}  // namespace

ScanView::Layout ScanView::layout(const ui::Metrics& m) {
  Layout layout;
  const float width = m.display.x;
  const float height = m.display.y;
  const float frame_height = height * 0.52f;
  const float frame_width = std::min(frame_height * 4.0f / 3.0f, width - 2 * m.pad);
  const float top = height * 0.07f;
  layout.viewfinder.min = ImVec2((width - frame_width) * 0.5f, top);
  layout.viewfinder.max = ImVec2(layout.viewfinder.min.x + frame_width, top + frame_height);
  layout.prompt_y = layout.viewfinder.max.y + m.gap * 2.0f;
  const float button = m.touch * 0.8f;
  layout.staff_button.max = ImVec2(width - m.pad * 0.5f, height - m.pad * 0.5f);
  layout.staff_button.min = ImVec2(layout.staff_button.max.x - button, layout.staff_button.max.y - button);
  return layout;
}

void ScanView::draw(UiContext& context) {
  const KioskState& state = context.state;
  if (options_.read_wedge_scanner) {
    for (std::string& code : wedge_.take_from_imgui(ImGui::GetIO(), state.now_ms))
      context.intents.emplace_back(intent::ScannedText{std::move(code)});
  }

  const ui::Metrics m = ui::metrics();
  const Layout l = layout(m);
  const Language language = ui::cycling_language(state.now_ms);
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImFont* large = ui::font_or_default(context.fonts.large);

  ui::begin_screen("##scan", ui::colour::background);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float text_width = m.display.x - 2 * m.pad;

  if (!state.event.name.empty()) {
    ui::draw_text_line(draw, body, body->FontSize, state.event.name, ImVec2(m.pad, m.pad * 0.6f), text_width,
                       Align::centre, ui::colour::muted);
  }

  ui::draw_viewfinder(context, l.viewfinder, options_.mirror_preview);

  float y = l.prompt_y;
  y += ui::draw_text_line(draw, large, large->FontSize, context.texts.get(language, "scan.prompt"), ImVec2(m.pad, y),
                          text_width, Align::centre, ui::colour::text);
  y += m.gap * 0.5f;
  // Without a working camera (none configured, or lost) the badge goes under the hand scanner.
  const bool camera = state.device.camera == CameraStatus::running || state.device.camera == CameraStatus::starting;
  y += ui::draw_text_line(draw, body, body->FontSize,
                          context.texts.get(language, camera ? "scan.hint" : "scan.hint_scanner"), ImVec2(m.pad, y),
                          text_width, Align::centre, ui::colour::muted);
  y += m.gap;
  const float strip = ui::language_strip_width(body, body->FontSize);
  ui::draw_language_strip(draw, body, body->FontSize, ImVec2((m.display.x - strip) * 0.5f, y), language);

  // Where this kiosk counts, small, for staff walking past and for the attendee's reassurance.
  if (const Checkpoint* checkpoint = state.current_checkpoint()) {
    std::string place = checkpoint->name;
    if (checkpoint->rule == CheckpointRule::in_out) {
      place += " · ";
      place += context.texts.get(language, state.direction == Direction::exit ? "direction.exit" : "direction.entry");
    }
    const float bottom = m.display.y - m.pad * 0.5f - body->FontSize;
    ui::draw_text_line(draw, body, body->FontSize, place, ImVec2(m.pad * 0.6f, bottom),
                       l.staff_button.min.x - m.pad * 1.2f, Align::left, ui::colour::muted);
  }

  if (state.staff.available) {
    if (ui::touch_button("##staff", "", l.staff_button.min, l.staff_button.size(), body, ui::ButtonKind::quiet))
      context.intents.emplace_back(intent::OpenStaff{});
    ui::draw_glyph(draw, ui::Icon::lock, l.staff_button.centre(), l.staff_button.height() * 0.3f, ui::colour::faint);
  }

  ui::end_screen();
}

}  // namespace passerelle::kiosk
