#include "kiosk/ui/first_boot_view.h"

#include <algorithm>
#include <filesystem>
#include <string>

#include "core/text/translations.h"
#include "kiosk/ui/viewfinder.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {
namespace {

using ui::Align;
using ui::Box;

// "2.1 MB": enough to tell a bundle from an empty file, no more.
std::string size_text(std::int64_t bytes) {
  char text[32];
  if (bytes >= 1'000'000)
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  else
    std::snprintf(text, sizeof text, "%lld kB", static_cast<long long>((bytes + 999) / 1000));
  return text;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void draw_panel(ImDrawList* draw, const UiContext& context, const Box& box, std::string_view title,
                std::string_view how) {
  const ui::Metrics m = ui::metrics();
  ImFont* large = ui::font_or_default(context.fonts.large);
  ImFont* body = ui::font_or_default(context.fonts.body);
  draw->AddRectFilled(box.min, box.max, ui::colour::surface, m.rounding);
  draw->AddRect(box.min, box.max, ui::colour::border, m.rounding);
  const float inner = box.width() - 2 * m.gap;
  float y = box.min.y + m.gap;
  y += ui::draw_text_line(draw, large, large->FontSize * 0.6f, title, ImVec2(box.min.x + m.gap, y), inner, Align::left,
                          ui::colour::text);
  y += m.gap * 0.5f;
  ui::draw_text_wrapped(draw, body, body->FontSize, how, ImVec2(box.min.x + m.gap, y), inner, Align::left,
                        ui::colour::muted, 4);
}

}  // namespace

FirstBootView::Layout FirstBootView::layout(const ui::Metrics& m) {
  Layout layout;
  const float width = m.display.x - 2 * m.pad;
  layout.title = Box{ImVec2(m.pad, m.pad), ImVec2(m.display.x - m.pad, m.pad + m.unit * 14)};
  const float panels_top = layout.title.max.y + m.gap;
  const float status_height = m.unit * 16;
  const float panels_bottom = m.display.y - m.pad - status_height - m.gap;
  const float half = (width - m.gap) * 0.5f;
  layout.network = Box{ImVec2(m.pad, panels_top), ImVec2(m.pad + half, panels_bottom)};
  layout.alone = Box{ImVec2(m.pad + half + m.gap, panels_top), ImVec2(m.display.x - m.pad, panels_bottom)};
  // Below each panel's explanation: the camera's picture on the left, the bundles on the right.
  const float buttons_top = panels_top + m.unit * 20;
  const float side = std::min(layout.network.width() - 2 * m.gap, panels_bottom - m.gap - buttons_top);
  const float centre_x = (layout.network.min.x + layout.network.max.x) * 0.5f;
  layout.viewfinder =
      Box{ImVec2(centre_x - side * 0.5f, buttons_top), ImVec2(centre_x + side * 0.5f, buttons_top + side)};
  const float button_height = std::min(m.touch, (panels_bottom - m.gap - buttons_top) / kMaxBundlesShown - m.gap);
  for (std::size_t i = 0; i < kMaxBundlesShown; ++i) {
    const float top = buttons_top + static_cast<float>(i) * (button_height + m.gap);
    layout.bundles[i] =
        Box{ImVec2(layout.alone.min.x + m.gap, top), ImVec2(layout.alone.max.x - m.gap, top + button_height)};
  }
  layout.status =
      Box{ImVec2(m.pad, m.display.y - m.pad - status_height), ImVec2(m.display.x - m.pad, m.display.y - m.pad)};
  return layout;
}

void FirstBootView::draw(UiContext& context) {
  const KioskState& state = context.state;
  const FirstBootState& boot = state.first_boot;
  const Translations& texts = context.texts;
  const Language language = state.ui_language;
  const ui::Metrics m = ui::metrics();
  const Layout l = layout(m);
  ImFont* large = ui::font_or_default(context.fonts.large);
  ImFont* body = ui::font_or_default(context.fonts.body);

  ui::begin_screen("##first_boot", ui::colour::background);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float y = l.title.min.y;
  y += ui::draw_text_line(draw, large, large->FontSize, texts.get(language, "first_boot.title"), l.title.min,
                          l.title.width(), Align::left, ui::colour::text);
  ui::draw_text_wrapped(draw, body, body->FontSize, texts.get(language, "first_boot.subtitle"),
                        ImVec2(l.title.min.x, y + m.gap * 0.5f), l.title.width(), Align::left, ui::colour::muted, 2);

  draw_panel(draw, context, l.network, texts.get(language, "first_boot.network"),
             texts.get(language, "first_boot.network_how"));
  ui::draw_viewfinder(context, l.viewfinder, true, language);  // the technician's language, not cycling
  draw_panel(draw, context, l.alone, texts.get(language, "first_boot.alone"),
             texts.get(language, "first_boot.alone_how"));

  const bool idle = boot.phase == FirstBootState::Phase::waiting;
  if (boot.bundles.empty()) {
    ui::draw_text_wrapped(draw, body, body->FontSize,
                          texts.format(language, "first_boot.no_bundle", {{"folders", joined(boot.bundle_folders)}}),
                          l.bundles[0].min, l.bundles[0].width(), Align::left, ui::colour::faint, 3);
  }
  for (std::size_t i = 0; i < boot.bundles.size() && i < kMaxBundlesShown; ++i) {
    const BundleChoice& bundle = boot.bundles[i];
    // The stick's own name (its folder's last part) tells two sticks apart; the whole path would
    // not fit a button on a small panel.
    const std::string stick = std::filesystem::path(bundle.folder).filename().string();
    const std::string label = texts.format(language, "first_boot.use", {{"file", bundle.file_name}}) + "  (" +
                              size_text(bundle.bytes) + (stick.empty() ? "" : ", " + stick) + ")";
    const std::string id = "##bundle" + std::to_string(i);
    if (ui::touch_button(id.c_str(), label, l.bundles[i].min, l.bundles[i].size(), body,
                         i == 0 ? ui::ButtonKind::primary : ui::ButtonKind::normal, idle))
      context.intents.push_back(intent::UseBundle{bundle.path});
  }

  // What is happening now, or what went wrong last.
  std::string status;
  ImU32 colour = ui::colour::text;
  switch (boot.phase) {
    case FirstBootState::Phase::waiting:
      if (!boot.problem.empty()) {
        status = texts.format(language, "first_boot.problem", {{"problem", boot.problem}});
        colour = ui::colour::danger;
      } else if (boot.not_a_ticket) {
        status = std::string(texts.get(language, "first_boot.not_a_ticket"));
        colour = ui::colour::caution;
      }
      break;
    case FirstBootState::Phase::enrolling:
      status = std::string(texts.get(language, "first_boot.enrolling"));
      break;
    case FirstBootState::Phase::installing:
      status = std::string(texts.get(language, "first_boot.installing"));
      break;
    case FirstBootState::Phase::receiving:
      if (boot.retry_in_ms > 0) {
        status =
            texts.format(language, "first_boot.retrying",
                         {{"seconds", std::to_string((boot.retry_in_ms + 999) / 1000)}, {"problem", boot.problem}});
        colour = ui::colour::caution;
      } else if (boot.event_name.empty()) {
        status = std::string(texts.get(language, "first_boot.receiving"));
      } else {
        status = texts.format(language, "first_boot.receiving_event",
                              {{"event", boot.event_name},
                               {"received", std::to_string(boot.received)},
                               {"remaining", std::to_string(boot.remaining)}});
      }
      break;
  }
  const Box& box = l.status;
  if (boot.phase == FirstBootState::Phase::receiving && boot.received + boot.remaining > 0) {
    const float done = static_cast<float>(boot.received) / static_cast<float>(boot.received + boot.remaining);
    const float bar = m.unit * 1.2f;
    draw->AddRectFilled(box.min, ImVec2(box.max.x, box.min.y + bar), ui::colour::surface, bar * 0.5f);
    draw->AddRectFilled(box.min, ImVec2(box.min.x + box.width() * std::clamp(done, 0.0f, 1.0f), box.min.y + bar),
                        ui::colour::accent, bar * 0.5f);
  }
  ui::draw_text_wrapped(draw, body, body->FontSize, status, ImVec2(box.min.x, box.min.y + m.unit * 2.5f), box.width(),
                        Align::left, colour, 3);
  ui::draw_text_line(draw, body, body->FontSize * 0.8f,
                     texts.format(language, "first_boot.database", {{"path", boot.database_path}}),
                     ImVec2(box.min.x, box.max.y - body->FontSize), box.width(), Align::left, ui::colour::faint);
  ui::end_screen();
}

}  // namespace passerelle::kiosk
