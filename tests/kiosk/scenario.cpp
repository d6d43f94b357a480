#include "tests/kiosk/scenario.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>

#include "core/util/strings.h"
#include "kiosk/app/window.h"
#include "kiosk/ui/first_boot_view.h"
#include "kiosk/ui/meeting_view.h"
#include "kiosk/ui/onscreen_keyboard.h"
#include "kiosk/ui/scan_view.h"
#include "kiosk/ui/staff_view.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/walk_in_view.h"

namespace passerelle::testing {
namespace {

using kiosk::StaffView;
using kiosk::ui::Box;

struct Geometry {
  int width;
  int height;
  kiosk::ui::Metrics m;
  float body;  // the body font's size, as the app loads it for this height
};

Box centred(ImVec2 centre) {
  return Box{centre, centre};
}

std::optional<Box> target(const Geometry& g, std::string_view name) {
  const auto& m = g.m;
  if (name == "staff_button") return kiosk::ScanView::layout(m).staff_button;
  if (name == "walk_in_button") return kiosk::MeetingView::walk_in_button(m);
  if (name == "walk_in_cancel") return kiosk::WalkInView::cancel_button(m);
  if (name == "first_bundle") return kiosk::FirstBootView::layout(m).bundles[0];
  const auto pin = StaffView::pin_layout(m);
  if (name == "pin_ok") return pin.submit;
  if (name == "pin_cancel") return pin.cancel;
  const auto panel = StaffView::panel_layout(m);
  if (name == "staff_close") return panel.close;
  const std::array<std::string_view, StaffView::kSectionCount> sections{
      "section_search", "section_checkpoint", "section_operator", "section_language",
      "section_device", "section_date",       "section_checks"};
  for (std::size_t i = 0; i < sections.size(); ++i)
    if (name == sections[i]) return panel.sections[i];
  const auto date = StaffView::date_layout(panel.content, m);
  if (name == "confirm_date") return date.confirm;
  if (name == "rehearsal_toggle") return date.rehearsal;
  if (name == "rehearsal_clear") return date.clear;
  const auto edit = StaffView::edit_layout(panel.content, m);
  if (name == "editor_button") return edit.button;
  if (name == "first_result") {
    // staff_sections.cpp, draw_results(): rows of max(touch * 1.1, 3 lines of body text) from the
    // top of the side box, the "check in" button on the right third of the row.
    const float row = std::max(m.touch * 1.1f, g.body * 3.0f);
    const float width = edit.side.width();
    const float button_width = width * 0.34f;
    return centred(ImVec2(edit.side.min.x + width - button_width * 0.5f - m.gap * 0.5f, edit.side.min.y + row * 0.5f));
  }
  if (name.starts_with("checkpoint_")) {
    // staff_sections.cpp, draw_checkpoints(): a label line, then rows touch * 0.9 high in the left
    // 58% of the content; checkpoint_1 is the first.
    int index = 0;
    for (const char c : name.substr(11)) {
      if (c < '0' || c > '9') return std::nullopt;
      index = index * 10 + (c - '0');
    }
    if (index < 1) return std::nullopt;
    const float row = m.touch * 0.9f;
    const float top = panel.content.min.y + g.body + m.gap * 0.5f;
    return centred(ImVec2(panel.content.min.x + panel.content.width() * 0.2f,
                          top + row * static_cast<float>(index - 1) + (row - m.gap * 0.7f) * 0.5f));
  }
  if (name.starts_with("language_")) {
    // staff_sections.cpp, draw_language(): a label line, then two by two buttons touch * 1.2 high.
    const std::array<std::string_view, 4> languages{"en", "fr", "de", "nl"};
    const auto which = std::find(languages.begin(), languages.end(), name.substr(9));
    if (which == languages.end()) return std::nullopt;
    const auto i = static_cast<std::size_t>(which - languages.begin());
    const float button_width = (panel.content.width() - m.gap) * 0.5f;
    const float button_height = m.touch * 1.2f;
    const float top = panel.content.min.y + g.body + m.gap;
    return centred(
        ImVec2(panel.content.min.x + (button_width + m.gap) * static_cast<float>(i % 2) + button_width * 0.5f,
               top + (button_height + m.gap) * static_cast<float>(i / 2) + button_height * 0.5f));
  }
  return std::nullopt;
}

std::string click_line(const Geometry& g, ImVec2 point) {
  // The script runner clicks at fraction * (size - 1).
  char line[64];
  std::snprintf(line, sizeof line, "click %.5f %.5f", point.x / static_cast<float>(g.width - 1),
                point.y / static_cast<float>(g.height - 1));
  return line;
}

Result<std::string> substitute(std::string_view text, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto open = text.find('{', at);
    if (open == std::string_view::npos) {
      out += text.substr(at);
      break;
    }
    const auto close = text.find('}', open);
    if (close == std::string_view::npos) return make_error(Errc::invalid_input, "unclosed '{'");
    out += text.substr(at, open - at);
    const std::string name(text.substr(open + 1, close - open - 1));
    const auto value = values.find(name);
    if (value == values.end()) return make_error(Errc::invalid_input, "no value for {" + name + "}");
    out += value->second;
    at = close + 1;
  }
  return out;
}

}  // namespace

Result<std::string> expand_scenario(std::string_view text, int width, int height,
                                    const std::map<std::string, std::string>& values) {
  PSL_ASSIGN_OR_RETURN(const std::string plain, substitute(text, values));
  Geometry g{width, height, kiosk::ui::metrics_for(ImVec2(static_cast<float>(width), static_cast<float>(height))),
             kiosk::font_sizes_for_height(height).body};
  const auto panel = StaffView::panel_layout(g.m);
  const auto edit = StaffView::edit_layout(panel.content, g.m);
  const kiosk::OnscreenKeyboard keyboard;  // letters, unshifted: the layer a fresh session shows
  const auto keys = keyboard.layout(edit.keyboard.min, edit.keyboard.size());

  std::ostringstream out;
  std::istringstream in(plain);
  for (std::string line; std::getline(in, line);) {
    const auto body = trim(line);
    if (body.starts_with("@click ")) {
      const auto name = trim(body.substr(7));
      const auto box = target(g, name);
      if (!box) return make_error(Errc::invalid_input, "no click target '" + std::string(name) + "'");
      out << click_line(g, box->centre()) << '\n';
    } else if (body.starts_with("@pin ")) {
      const auto pin = StaffView::pin_layout(g.m);
      for (const char digit : trim(body.substr(5))) {
        if (digit < '0' || digit > '9') return make_error(Errc::invalid_input, "@pin takes digits");
        out << click_line(g, pin.digits[static_cast<std::size_t>(digit - '0')].centre()) << '\n';
      }
      out << click_line(g, pin.submit.centre()) << '\n';
    } else if (body.starts_with("@type ")) {
      for (const char c : body.substr(6)) {
        const auto key = std::find_if(keys.begin(), keys.end(), [c](const kiosk::OnscreenKeyboard::Key& k) {
          return k.text == std::string(1, c);
        });
        if (key == keys.end()) return make_error(Errc::invalid_input, std::string("no key for '") + c + "'");
        out << click_line(g, ImVec2((key->min.x + key->max.x) * 0.5f, (key->min.y + key->max.y) * 0.5f)) << '\n';
      }
    } else {
      out << line << '\n';
    }
  }
  return out.str();
}

}  // namespace passerelle::testing
