// The staff screen's frame: PIN pad, header, section buttons and the shared text editor. The
// sections themselves are in staff_sections.cpp.
#include "kiosk/ui/staff_view.h"

#include <algorithm>
#include <string>

#include "core/text/translations.h"
#include "kiosk/model/readiness.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {
namespace {

// The controller reports staff actions as keys (kiosk_state.h); manual check-ins name the person
// and, when refused, the reason in the staff's language; enrolments give the hub's reason.
std::string staff_message_text(const KioskState& state, const Translations& texts, Language language) {
  const std::string key = "staff.message." + state.staff.message;
  std::string name;
  std::string reason;
  if (state.last_scan) {
    name = state.last_scan->first_name + " " + state.last_scan->last_name;
    reason = std::string(texts.get(language, "refusal." + std::string(to_string(state.last_scan->outcome)) + ".title"));
  }
  return texts.format(language, key, {{"name", name}, {"reason", reason}, {"detail", state.sync.enrolment_message}});
}

using ui::Align;
using ui::Box;

constexpr std::array<std::string_view, StaffView::kSectionCount> kSectionKeys{
    "staff.section.search", "staff.section.checkpoint", "staff.section.operator", "staff.section.language",
    "staff.section.device", "staff.section.date",       "staff.section.checks",
};

Box corner_button(const ui::Metrics& m) {
  const float width = std::max(m.touch * 2.0f, m.display.x * 0.14f);
  const float height = m.touch * 0.8f;
  const ImVec2 max(m.display.x - m.pad * 0.5f, m.pad * 0.5f + height);
  return {ImVec2(max.x - width, m.pad * 0.5f), max};
}

std::int64_t seconds_left(std::int64_t until_ms, std::int64_t now_ms) {
  return std::max<std::int64_t>(1, (until_ms - now_ms + 999) / 1000);
}

}  // namespace

StaffView::PinLayout StaffView::pin_layout(const ui::Metrics& m) {
  PinLayout layout;
  layout.cancel = corner_button(m);
  layout.title_y = m.pad;
  layout.dots_y = m.display.y * 0.16f;
  layout.message_y = m.display.y * 0.235f;
  const float top = m.display.y * 0.30f;
  const float bottom = m.display.y - m.pad * 0.5f;
  const float pitch_y = (bottom - top) / 4.0f;
  const float key_height = pitch_y - m.gap;
  const float key_width = std::min(key_height * 1.9f, (m.display.x - 2 * m.pad) / 3.0f - m.gap);
  const float pitch_x = key_width + m.gap;
  const float left = (m.display.x - (3 * pitch_x - m.gap)) * 0.5f;
  const auto key = [&](int column, int row) {
    const ImVec2 min(left + pitch_x * static_cast<float>(column), top + pitch_y * static_cast<float>(row));
    return Box{min, ImVec2(min.x + key_width, min.y + key_height)};
  };
  for (int digit = 1; digit <= 9; ++digit) layout.digits[digit] = key((digit - 1) % 3, (digit - 1) / 3);
  layout.erase = key(0, 3);
  layout.digits[0] = key(1, 3);
  layout.submit = key(2, 3);
  return layout;
}

StaffView::PanelLayout StaffView::panel_layout(const ui::Metrics& m) {
  PanelLayout layout;
  layout.close = corner_button(m);
  layout.header = {ImVec2(m.pad * 0.5f, m.pad * 0.5f), ImVec2(layout.close.min.x - m.gap, layout.close.max.y)};
  const float top = layout.close.max.y + m.gap;
  const float height = m.touch * 0.8f;
  const float pitch = (m.display.x - m.pad) / static_cast<float>(kSectionCount);
  for (std::size_t i = 0; i < kSectionCount; ++i) {
    const float left = m.pad * 0.5f + pitch * static_cast<float>(i);
    layout.sections[i] = {ImVec2(left, top), ImVec2(left + pitch - m.gap, top + height)};
  }
  layout.content = {ImVec2(m.pad * 0.5f, top + height + m.gap * 1.5f),
                    ImVec2(m.display.x - m.pad * 0.5f, m.display.y - m.pad * 0.5f)};
  return layout;
}

StaffView::EditLayout StaffView::edit_layout(const Box& content, const ui::Metrics& m) {
  EditLayout layout;
  const float split = content.min.x + content.width() * 0.42f;
  layout.side = {content.min, ImVec2(split - m.gap, content.max.y)};
  const float field_height = m.touch * 0.8f;
  const float button_width = (content.max.x - split) * 0.28f;
  layout.button = {ImVec2(content.max.x - button_width, content.min.y),
                   ImVec2(content.max.x, content.min.y + field_height)};
  layout.field = {ImVec2(split + m.gap, content.min.y), ImVec2(layout.button.min.x - m.gap, layout.button.max.y)};
  layout.keyboard = {ImVec2(split, layout.field.max.y + m.gap), content.max};
  return layout;
}

void StaffView::draw(UiContext& context) {
  const StaffState& staff = context.state.staff;
  if (staff.unlocked && !was_unlocked_) {
    // A fresh session starts where the state is, not where the last operator left the view.
    section_ = Section::search;
    search_text_ = staff.search_text;
    operator_text_ = staff.operator_name;
  }
  was_unlocked_ = staff.unlocked;

  ui::begin_screen("##staff", ui::colour::background);
  if (staff.unlocked) {
    draw_unlocked(context);
  } else {
    draw_pin(context);
  }
  ui::end_screen();
}

void StaffView::draw_pin(UiContext& context) {
  const KioskState& state = context.state;
  const StaffState& staff = state.staff;
  const Translations& texts = context.texts;
  const Language language = state.ui_language;
  const ui::Metrics m = ui::metrics();
  const PinLayout l = pin_layout(m);
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImFont* large = ui::font_or_default(context.fonts.large);
  ImDrawList* draw = ImGui::GetWindowDrawList();

  const float title_width = l.cancel.min.x - 2 * m.pad;
  ui::draw_text_line(draw, large, large->FontSize, texts.get(language, "staff.pin.title"),
                     ImVec2(m.pad + (m.display.x - 2 * m.pad - title_width) * 0.5f, l.title_y), title_width,
                     Align::centre, ui::colour::text);
  if (ui::touch_button("##cancel", texts.get(language, "staff.pin.cancel"), l.cancel.min, l.cancel.size(), body,
                       ui::ButtonKind::normal))
    context.intents.emplace_back(intent::CloseStaff{});

  // One dot per digit typed, and at least four slots so the length of a PIN is not given away.
  const std::size_t typed = staff.pin_entry.size();
  const std::size_t slots = std::max<std::size_t>(4, typed);
  const float dot = m.unit * 1.6f;
  const float spacing = dot * 3.2f;
  float x = (m.display.x - spacing * static_cast<float>(slots - 1)) * 0.5f;
  for (std::size_t i = 0; i < slots; ++i) {
    const ImVec2 centre(x, l.dots_y + dot);
    if (i < typed) {
      draw->AddCircleFilled(centre, dot, ui::colour::text, 24);
    } else {
      draw->AddCircle(centre, dot, ui::colour::muted, 24, std::max(1.5f, m.unit * 0.3f));
    }
    x += spacing;
  }

  const bool locked = staff.locked_until_ms > state.now_ms;
  std::string message;
  ImU32 message_colour = ui::colour::muted;
  if (locked) {
    message = texts.format(language, "staff.pin.locked",
                           {{"seconds", std::to_string(seconds_left(staff.locked_until_ms, state.now_ms))}});
    message_colour = ui::colour::danger;
  } else if (staff.failed_attempts > 0 && typed == 0) {
    message = texts.get(language, "staff.pin.wrong");
    message_colour = ui::colour::danger;
  } else if (typed == 0) {
    message = texts.get(language, "staff.pin.prompt");
  }
  if (!message.empty()) {
    const float width = m.display.x - 2 * m.pad;
    if (message_colour == ui::colour::danger) {
      // A mark beside the words, so the warning does not rest on the red alone.
      const float text_width = std::min(width, ui::text_size(body, body->FontSize, message).x);
      const float mark = body->FontSize * 0.5f;
      ui::draw_glyph(draw, ui::Icon::cross, ImVec2((m.display.x - text_width) * 0.5f - mark * 1.6f, l.message_y + mark),
                     mark, message_colour);
    }
    ui::draw_text_line(draw, body, body->FontSize, message, ImVec2(m.pad, l.message_y), width, Align::centre,
                       message_colour);
  }

  ImFont* key_font = large;
  for (int digit = 0; digit <= 9; ++digit) {
    const char label[2] = {static_cast<char>('0' + digit), '\0'};
    const Box& box = l.digits[digit];
    const std::string id = std::string("##digit") + label;
    if (ui::touch_button(id.c_str(), label, box.min, box.size(), key_font, ui::ButtonKind::normal, !locked))
      context.intents.emplace_back(intent::PinDigit{label[0]});
  }
  if (ui::touch_button("##erase", texts.get(language, "staff.pin.delete"), l.erase.min, l.erase.size(), body,
                       ui::ButtonKind::normal, !locked && typed > 0))
    context.intents.emplace_back(intent::PinBackspace{});
  if (ui::touch_button("##submit", texts.get(language, "staff.pin.ok"), l.submit.min, l.submit.size(), key_font,
                       ui::ButtonKind::primary, !locked && typed > 0))
    context.intents.emplace_back(intent::PinSubmit{});
}

void StaffView::draw_unlocked(UiContext& context) {
  const KioskState& state = context.state;
  const Translations& texts = context.texts;
  const Language language = state.ui_language;
  const ui::Metrics m = ui::metrics();
  const PanelLayout l = panel_layout(m);
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImFont* large = ui::font_or_default(context.fonts.large);
  ImDrawList* draw = ImGui::GetWindowDrawList();

  // Header: who is on duty on the left, the last action's result in the middle.
  const float title_width = l.header.width() * 0.3f;
  const float title_size = std::min(large->FontSize, l.header.height() * 0.55f);
  ui::draw_text_line(draw, large, title_size, texts.get(language, "staff.title"), l.header.min, title_width,
                     Align::left, ui::colour::text);
  const std::string operator_line =
      state.staff.operator_name.empty()
          ? std::string(texts.get(language, "staff.operator.none"))
          : texts.format(language, "staff.operator.current", {{"name", state.staff.operator_name}});
  ui::draw_text_line(draw, body, body->FontSize, operator_line, ImVec2(l.header.min.x, l.header.max.y - body->FontSize),
                     title_width, Align::left, ui::colour::muted);
  if (!state.staff.message.empty()) {
    const float left = l.header.min.x + title_width + m.gap;
    ui::draw_text_wrapped(draw, body, body->FontSize, staff_message_text(state, texts, language),
                          ImVec2(left, l.header.centre().y - body->FontSize * 1.15f), l.header.max.x - left,
                          Align::centre, ui::colour::text, 2);
  }
  if (ui::touch_button("##close", texts.get(language, "staff.close"), l.close.min, l.close.size(), body,
                       ui::ButtonKind::normal))
    context.intents.emplace_back(intent::CloseStaff{});

  for (std::size_t i = 0; i < kSectionCount; ++i) {
    const auto section = static_cast<Section>(i);
    const std::string id = "##section" + std::to_string(i);
    const auto kind = section == section_ ? ui::ButtonKind::selected : ui::ButtonKind::normal;
    if (ui::touch_button(id.c_str(), texts.get(language, kSectionKeys[i]), l.sections[i].min, l.sections[i].size(),
                         body, kind))
      section_ = section;
  }
  {
    // The checklist's worst finding on its button, so that a problem shows from any section.
    const CheckLevel level = overall_level(readiness_checks(state, state.now_ms));
    const Box& button = l.sections[static_cast<std::size_t>(Section::checks)];
    const float dot = std::min(button.height() * 0.14f, m.unit * 1.2f);
    draw->AddCircleFilled(ImVec2(button.max.x - dot * 1.8f, button.min.y + dot * 1.8f), dot,
                          level == CheckLevel::ok        ? ui::colour::success
                          : level == CheckLevel::warning ? ui::colour::caution
                                                         : ui::colour::danger,
                          16);
  }

  switch (section_) {
    case Section::search:
      draw_search(context, l.content);
      break;
    case Section::checkpoint:
      draw_checkpoints(context, l.content);
      break;
    case Section::operator_name:
      draw_operator(context, l.content);
      break;
    case Section::language:
      draw_language(context, l.content);
      break;
    case Section::device:
      draw_device(context, l.content);
      break;
    case Section::date:
      draw_date(context, l.content);
      break;
    case Section::checks:
      draw_checks(context, l.content);
      break;
  }
}

OnscreenKeyboard::Action StaffView::draw_editor(UiContext& context, const EditLayout& layout, std::string& text,
                                                std::string_view placeholder, std::string_view button_label) {
  const Translations& texts = context.texts;
  const Language language = context.state.ui_language;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImDrawList* draw = ImGui::GetWindowDrawList();

  const Box& field = layout.field;
  draw->AddRectFilled(field.min, field.max, ui::colour::surface, m.rounding);
  draw->AddRect(field.min, field.max, ui::colour::border, m.rounding, ImDrawFlags_None, std::max(1.0f, m.unit * 0.2f));
  const float size = std::min(body->FontSize * 1.2f, field.height() * 0.6f);
  const ImVec2 text_pos(field.min.x + m.gap, field.centre().y - size * 0.5f);
  const float text_width = field.width() - 2 * m.gap;
  if (text.empty()) {
    ui::draw_text_line(draw, body, size, placeholder, text_pos, text_width, Align::left, ui::colour::faint);
  } else {
    // Keep the end of a long text in view, where the typing happens.
    const float width = ui::text_size(body, size, text).x;
    const float shift = std::max(0.0f, width - text_width + size);
    const ImVec4 clip(field.min.x + m.gap, field.min.y, field.max.x - m.gap, field.max.y);
    draw->AddText(body, size, ImVec2(text_pos.x - shift, text_pos.y), ui::colour::text, text.data(),
                  text.data() + text.size(), 0.0f, &clip);
    const float caret = text_pos.x - shift + width + m.unit * 0.3f;
    draw->AddLine(ImVec2(caret, text_pos.y), ImVec2(caret, text_pos.y + size), ui::colour::accent,
                  std::max(1.0f, m.unit * 0.25f));
  }

  auto action = OnscreenKeyboard::Action::none;
  if (ui::touch_button("##field_button", button_label, layout.button.min, layout.button.size(), body,
                       ui::ButtonKind::primary))
    action = OnscreenKeyboard::Action::submitted;
  OnscreenKeyboard::Labels labels{texts.get(language, "keyboard.space"), texts.get(language, "keyboard.delete"),
                                  texts.get(language, "keyboard.clear"), texts.get(language, "keyboard.shift"),
                                  texts.get(language, "keyboard.enter")};
  const auto typed = keyboard_.draw(text, layout.keyboard.min, layout.keyboard.size(), body, labels);
  if (typed != OnscreenKeyboard::Action::none) action = typed;
  return action;
}

}  // namespace passerelle::kiosk
