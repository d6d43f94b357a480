// The sections of the unlocked staff screen: search, checkpoint, operator, language, device (and the
// link with the hub beside it). The date is in staff_date.cpp, the checks in staff_checks.cpp.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/text/translations.h"
#include "core/util/strings.h"
#include "kiosk/model/readiness.h"
#include "kiosk/ui/info_rows.h"
#include "kiosk/ui/staff_view.h"
#include "kiosk/ui/touch_list.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {
namespace {

using ui::Align;
using ui::begin_touch_list;
using ui::Box;
using ui::draw_info_rows;
using ui::end_touch_list;
using ui::InfoRow;

// Translation keys follow core's names for the enums, so they are derived, not listed twice.
std::string status_key(ParticipantStatus status) {
  return "staff.search.status_" + std::string(to_string(status));
}

std::string rule_key(CheckpointRule rule) {
  return "staff.checkpoint.rule_" + std::string(to_string(rule));
}

std::string_view camera_key(CameraStatus status) {
  switch (status) {
    case CameraStatus::none:
      return "staff.device.camera_none";
    case CameraStatus::starting:
      return "staff.device.camera_starting";
    case CameraStatus::running:
      return "staff.device.camera_running";
    case CameraStatus::lost:
      return "staff.device.camera_lost";
  }
  return "staff.device.camera_none";
}

}  // namespace

void StaffView::draw_search(UiContext& context, const Box& content) {
  const Translations& texts = context.texts;
  const Language language = context.state.ui_language;
  const EditLayout layout = edit_layout(content, ui::metrics());
  const auto action = draw_editor(context, layout, search_text_, texts.get(language, "staff.search.placeholder"),
                                  texts.get(language, "staff.search.button"));
  if (action != OnscreenKeyboard::Action::none) context.intents.emplace_back(intent::Search{search_text_});
  draw_results(context, layout.side);
}

void StaffView::draw_results(UiContext& context, const Box& box) {
  const StaffState& staff = context.state.staff;
  const Translations& texts = context.texts;
  const Language language = context.state.ui_language;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float size = body->FontSize;

  Box list = box;
  if (staff.operator_name.empty()) {
    // Manual check-ins are recorded with the operator's name.
    const float height =
        ui::wrapped_height(body, size, texts.get(language, "staff.search.needs_operator"), box.width(), 2);
    ui::draw_text_wrapped(draw, body, size, texts.get(language, "staff.search.needs_operator"),
                          ImVec2(box.min.x, box.max.y - height), box.width(), Align::left, ui::colour::caution, 2);
    list.max.y -= height + m.gap;
  }

  std::string note;
  if (staff.search_pending) {
    note = texts.get(language, "staff.search.pending");
  } else if (search_text_.empty() && staff.search_results.empty()) {
    note = texts.get(language, "staff.search.hint");
  } else if (staff.search_results.empty()) {
    note = texts.format(language, "staff.search.no_results", {{"text", search_text_}});
  }
  if (!note.empty()) {
    const float height =
        ui::draw_text_wrapped(draw, body, size, note, list.min, list.width(), Align::left, ui::colour::muted, 3);
    list.min.y += height + m.gap;
  }
  if (staff.search_results.empty() || list.height() < m.touch) return;

  begin_touch_list("##results", list);
  ImDrawList* list_draw = ImGui::GetWindowDrawList();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float row = std::max(m.touch * 1.1f, size * 3.0f);
  const float button_width = width * 0.34f;
  for (std::size_t i = 0; i < staff.search_results.size(); ++i) {
    const SearchHit& hit = staff.search_results[i];
    const float top = start.y + row * static_cast<float>(i);
    if (!ImGui::IsRectVisible(ImVec2(start.x, top), ImVec2(start.x + width, top + row))) continue;
    const float text_width = width - button_width - m.gap * 2;
    list_draw->AddRectFilled(ImVec2(start.x, top), ImVec2(start.x + width, top + row - m.gap * 0.5f),
                             ui::colour::surface, m.rounding);
    ui::draw_text_line(list_draw, body, size * 1.15f, hit.name, ImVec2(start.x + m.gap, top + m.gap * 0.5f), text_width,
                       Align::left, ui::colour::text);
    std::string detail = hit.organisation;
    if (!hit.country.empty()) detail += (detail.empty() ? "" : " · ") + hit.country;
    if (!hit.external_id.empty()) detail += (detail.empty() ? "" : " · ") + hit.external_id;
    ui::draw_text_line(list_draw, body, size * 0.9f, detail, ImVec2(start.x + m.gap, top + m.gap * 0.5f + size * 1.3f),
                       text_width, Align::left, ui::colour::muted);

    const Box button{ImVec2(start.x + width - button_width - m.gap * 0.5f, top + (row - m.touch * 0.8f) * 0.5f),
                     ImVec2(start.x + width - m.gap * 0.5f, top + (row + m.touch * 0.8f) * 0.5f - m.gap * 0.5f)};
    if (hit.status == ParticipantStatus::registered) {
      ImGui::PushID(static_cast<int>(i));
      if (ui::touch_button("##checkin", texts.get(language, "staff.search.checkin"), button.min, button.size(), body,
                           ui::ButtonKind::primary))
        context.intents.emplace_back(intent::ManualCheckin{hit.participant_id});
      ImGui::PopID();
    } else {
      // No button for a cancelled or blocked registration: the desk sorts that out, not the kiosk.
      const float mark = size * 0.45f;
      ui::draw_glyph(list_draw, hit.status == ParticipantStatus::blocked ? ui::Icon::lock : ui::Icon::ban,
                     ImVec2(button.min.x + mark, button.centre().y), mark, ui::colour::danger);
      ui::draw_text_line(list_draw, body, size, texts.get(language, status_key(hit.status)),
                         ImVec2(button.min.x + mark * 2.6f, button.centre().y - size * 0.5f),
                         button.width() - mark * 2.6f, Align::left, ui::colour::danger);
    }
  }
  end_touch_list(start, width, row * static_cast<float>(staff.search_results.size()));
}

void StaffView::draw_checkpoints(UiContext& context, const Box& content) {
  const KioskState& state = context.state;
  const Translations& texts = context.texts;
  const Language language = state.ui_language;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float size = body->FontSize;

  const Box left{content.min, ImVec2(content.min.x + content.width() * 0.58f, content.max.y)};
  const Box right{ImVec2(left.max.x + m.gap * 2, content.min.y), content.max};
  float y = left.min.y;
  y += ui::draw_text_line(draw, body, size, texts.get(language, "staff.checkpoint.label"), ImVec2(left.min.x, y),
                          left.width(), Align::left, ui::colour::muted);
  y += m.gap * 0.5f;
  if (state.checkpoints.empty()) {
    ui::draw_text_line(draw, body, size, texts.get(language, "staff.checkpoint.none"), ImVec2(left.min.x, y),
                       left.width(), Align::left, ui::colour::text);
  } else {
    const Box list{ImVec2(left.min.x, y), left.max};
    begin_touch_list("##checkpoints", list);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float row = m.touch * 0.9f;
    for (std::size_t i = 0; i < state.checkpoints.size(); ++i) {
      const Checkpoint& checkpoint = state.checkpoints[i];
      const ImVec2 top_left(start.x, start.y + row * static_cast<float>(i));
      if (!ImGui::IsRectVisible(top_left, ImVec2(top_left.x + width, top_left.y + row))) continue;
      const std::string label = checkpoint.name + " · " + std::string(texts.get(language, rule_key(checkpoint.rule)));
      const auto kind = checkpoint.id == state.checkpoint_id ? ui::ButtonKind::selected : ui::ButtonKind::normal;
      ImGui::PushID(static_cast<int>(i));
      if (ui::touch_button("##checkpoint", label, top_left, ImVec2(width, row - m.gap * 0.7f), body, kind) &&
          checkpoint.id != state.checkpoint_id)
        context.intents.emplace_back(intent::SelectCheckpoint{checkpoint.id});
      ImGui::PopID();
    }
    end_touch_list(start, width, row * static_cast<float>(state.checkpoints.size()));
  }

  // Entry or exit only means something where the checkpoint counts who is inside.
  const Checkpoint* current = state.current_checkpoint();
  if (current == nullptr || current->rule != CheckpointRule::in_out) return;
  y = right.min.y;
  y += ui::draw_text_line(draw, body, size, texts.get(language, "staff.checkpoint.direction"), ImVec2(right.min.x, y),
                          right.width(), Align::left, ui::colour::muted);
  y += m.gap * 0.5f;
  const float half = (right.width() - m.gap) * 0.5f;
  const Direction directions[] = {Direction::entry, Direction::exit};
  const char* ids[] = {"##entry", "##exit"};
  for (int i = 0; i < 2; ++i) {
    const Direction direction = directions[i];
    const auto kind = state.direction == direction ? ui::ButtonKind::selected : ui::ButtonKind::normal;
    const std::string_view label =
        texts.get(language, direction == Direction::exit ? "direction.exit" : "direction.entry");
    if (ui::touch_button(ids[i], label, ImVec2(right.min.x + (half + m.gap) * static_cast<float>(i), y),
                         ImVec2(half, m.touch), body, kind) &&
        state.direction != direction)
      context.intents.emplace_back(intent::SelectDirection{direction});
  }
  y += m.touch + m.gap;
  if (state.inside_count >= 0) {
    ui::draw_text_line(
        draw, body, size,
        texts.format(language, "staff.checkpoint.inside", {{"count", std::to_string(state.inside_count)}}),
        ImVec2(right.min.x, y), right.width(), Align::left, ui::colour::text);
  }
}

void StaffView::draw_operator(UiContext& context, const Box& content) {
  const KioskState& state = context.state;
  const Translations& texts = context.texts;
  const Language language = state.ui_language;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float size = body->FontSize;
  const EditLayout layout = edit_layout(content, m);

  float y = layout.side.min.y;
  y += ui::draw_text_line(draw, body, size, texts.get(language, "staff.operator.label"), ImVec2(layout.side.min.x, y),
                          layout.side.width(), Align::left, ui::colour::muted);
  y += m.gap * 0.5f;
  const std::string current =
      state.staff.operator_name.empty()
          ? std::string(texts.get(language, "staff.operator.none"))
          : texts.format(language, "staff.operator.current", {{"name", state.staff.operator_name}});
  y += ui::draw_text_wrapped(draw, body, size * 1.2f, current, ImVec2(layout.side.min.x, y), layout.side.width(),
                             Align::left, ui::colour::text, 2);
  y += m.gap;
  ui::draw_text_wrapped(draw, body, size, texts.get(language, "staff.operator.hint"), ImVec2(layout.side.min.x, y),
                        layout.side.width(), Align::left, ui::colour::muted, 4);

  const auto action = draw_editor(context, layout, operator_text_, texts.get(language, "staff.operator.label"),
                                  texts.get(language, "staff.operator.save"));
  if (action == OnscreenKeyboard::Action::submitted)
    context.intents.emplace_back(intent::SetOperator{std::string(trim(operator_text_))});
}

void StaffView::draw_language(UiContext& context, const Box& content) {
  const KioskState& state = context.state;
  const Translations& texts = context.texts;
  const Language language = state.ui_language;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImFont* large = ui::font_or_default(context.fonts.large);
  ImDrawList* draw = ImGui::GetWindowDrawList();

  float y = content.min.y;
  y += ui::draw_text_line(draw, body, body->FontSize, texts.get(language, "staff.language.label"),
                          ImVec2(content.min.x, y), content.width(), Align::left, ui::colour::muted);
  y += m.gap;
  // Two by two: each button names its language in that language, so anyone finds their own.
  const float width = (content.width() - m.gap) * 0.5f;
  const float height = m.touch * 1.2f;
  for (std::size_t i = 0; i < kAllLanguages.size(); ++i) {
    const Language each = kAllLanguages[i];
    const ImVec2 pos(content.min.x + (width + m.gap) * static_cast<float>(i % 2),
                     y + (height + m.gap) * static_cast<float>(i / 2));
    const std::string id = "##language" + std::to_string(i);
    const auto kind = each == language ? ui::ButtonKind::selected : ui::ButtonKind::normal;
    if (ui::touch_button(id.c_str(), texts.get(each, "language.name"), pos, ImVec2(width, height), large, kind) &&
        each != language)
      context.intents.emplace_back(intent::SelectLanguage{each});
  }
  y += (height + m.gap) * 2 + m.gap;
  ui::draw_text_wrapped(draw, body, body->FontSize, texts.get(language, "staff.language.note"),
                        ImVec2(content.min.x, y), content.width(), Align::left, ui::colour::muted, 2);
}

namespace {

// The link with the hub: the sync worker's last status (sync/client/sync_status.h).
void draw_sync(UiContext& context, const Box& box) {
  const SyncStatus& sync = context.state.sync;
  const Translations& texts = context.texts;
  const Language language = context.state.ui_language;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float size = body->FontSize;
  const auto text = [&](std::string_view key) { return std::string(texts.get(language, key)); };

  std::vector<InfoRow> rows;
  std::string link = text("staff.sync." + std::string(to_string(sync.link)));
  if (sync.link == SyncLink::offline)
    link = texts.format(language, "staff.sync.offline",
                        {{"seconds", std::to_string(std::max<std::int64_t>(1, (sync.retry_in_ms + 999) / 1000))}});
  const ImU32 link_colour = sync.link == SyncLink::online ? ui::colour::success
                            : sync.link == SyncLink::revoked || sync.link == SyncLink::unauthorised ? ui::colour::danger
                            : sync.link == SyncLink::offline ? ui::colour::caution
                                                             : ui::colour::text;
  rows.push_back({text("staff.sync.link"), link, link_colour});
  if (!sync.hub_url.empty()) rows.push_back({text("staff.sync.hub"), sync.hub_url});
  rows.push_back({text("staff.sync.unsent"), std::to_string(sync.unsent)});
  rows.push_back({text("staff.sync.last_sync"), sync.last_sync_ms ? sync.last_sync_local : text("staff.sync.never")});
  if (!sync.clock_offset_ms) {
    rows.push_back({text("staff.sync.clock"), text("staff.sync.clock_unknown")});
  } else if (!sync.clock_warning()) {
    rows.push_back({text("staff.sync.clock"), text("staff.sync.clock_ok")});
  } else {
    // offset = hub - kiosk: positive means this kiosk's clock is behind.
    const std::int64_t minutes = (std::abs(*sync.clock_offset_ms) + 30000) / 60000;
    rows.push_back(
        {text("staff.sync.clock"),
         texts.format(language, *sync.clock_offset_ms > 0 ? "staff.sync.clock_behind" : "staff.sync.clock_ahead",
                      {{"minutes", std::to_string(minutes)}}),
         ui::colour::caution});
  }
  // The door's own clock, measured without a hub (core/checkin/door_clock.h): a date that cannot
  // be right, then the last jump.
  const ClockStatus& clock = context.state.clock;
  if (clock.known && !clock.date_plausible)
    rows.push_back({text("staff.sync.door_clock"),
                    texts.format(language, "staff.sync.clock_wrong_date",
                                 {{"day", clock.raw_day}, {"first", clock.first_day}, {"last", clock.last_day}}),
                    ui::colour::danger});
  if (clock.jumped)
    rows.push_back(
        {text("staff.sync.door_clock"),
         texts.format(language, clock.jump_back ? "staff.sync.clock_went_back" : "staff.sync.clock_went_forward",
                      {{"minutes", std::to_string(clock.jump_minutes)}, {"time", clock.jump_at}}),
         ui::colour::caution});
  rows.push_back({text("staff.sync.doubles"), std::to_string(sync.double_checkins),
                  sync.double_checkins > 0 ? ui::colour::caution : ui::colour::text});
  if (sync.download_remaining > 0)
    rows.push_back({text("staff.sync.download"),
                    texts.format(language, "staff.sync.download_progress",
                                 {{"done", std::to_string(sync.download_done)},
                                  {"total", std::to_string(sync.download_done + sync.download_remaining)}})});
  if (sync.quarantined > 0)
    rows.push_back({text("staff.sync.quarantined"), std::to_string(sync.quarantined), ui::colour::caution});
  if (sync.hub_missing > 0)
    rows.push_back({text("staff.sync.hub_missing"), std::to_string(sync.hub_missing), ui::colour::danger});
  if (sync.enrolment == EnrolmentState::pending)
    rows.push_back({text("staff.sync.enrolment"), text("staff.message.enrol_pending")});
  if (sync.enrolment == EnrolmentState::done && !sync.enrolment_message.empty())
    rows.push_back({text("staff.sync.enrolment"), sync.enrolment_message, ui::colour::caution});

  float y = box.min.y;
  y += ui::draw_text_line(draw, body, size * 1.2f, text("staff.sync.title"), ImVec2(box.min.x, y), box.width(),
                          Align::left, ui::colour::text);
  y = draw_info_rows(draw, body, Box{ImVec2(box.min.x, y + m.gap), box.max}, rows, 0.42f);

  // What staff can do about the link, or why it failed, below the figures.
  std::string note;
  ImU32 note_colour = ui::colour::muted;
  if (sync.link == SyncLink::not_enrolled) {
    note = text("staff.sync.enrol_hint");
  } else if (sync.link == SyncLink::revoked || sync.link == SyncLink::unauthorised) {
    note = text("staff.sync.revoked_note");
    note_colour = ui::colour::danger;
  }
  if (!sync.last_error.empty()) note += (note.empty() ? "" : "\n") + text("staff.sync.error") + ": " + sync.last_error;
  if (!note.empty() && y < box.max.y)
    ui::draw_text_wrapped(draw, body, size * 0.9f, note, ImVec2(box.min.x, y + m.gap * 0.5f), box.width(), Align::left,
                          note_colour, 4);
}

}  // namespace

void StaffView::draw_device(UiContext& context, const Box& content) {
  const KioskState& state = context.state;
  const DeviceInfo& device = state.device;
  const Translations& texts = context.texts;
  const Language language = state.ui_language;
  const ui::Metrics m = ui::metrics();
  ImFont* body = ui::font_or_default(context.fonts.body);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float size = body->FontSize;

  const Checkpoint* checkpoint = state.current_checkpoint();
  std::string place = checkpoint != nullptr ? checkpoint->name : "";
  if (checkpoint != nullptr && checkpoint->rule == CheckpointRule::in_out)
    place += " · " + std::string(texts.get(language,
                                           state.direction == Direction::exit ? "direction.exit" : "direction.entry"));
  const auto text = [&](std::string_view key) { return std::string(texts.get(language, key)); };
  std::vector<InfoRow> rows{
      {text("staff.device.id"), device.device_id},
      {text("staff.device.event"), state.event.name},
      {text("staff.section.checkpoint"), place},
      {text("staff.device.database"), device.database_path},
      {text("staff.device.source"), device.source_description},
      {text("staff.device.camera"), text(camera_key(device.camera))},
      {text("staff.device.journal_entries"), std::to_string(device.journal_entries)},
      {text("staff.device.free_space"),
       device.free_bytes ? format_bytes(*device.free_bytes) : text("staff.sync.clock_unknown"),
       !device.free_bytes || *device.free_bytes < kDiskWarningBytes ? ui::colour::caution : ui::colour::text},
      {text("staff.device.participants"), std::to_string(device.participants)},
  };
  if (state.inside_count >= 0)
    rows.push_back({text("staff.checkpoint.label"), texts.format(language, "staff.checkpoint.inside",
                                                                 {{"count", std::to_string(state.inside_count)}})});

  // The device on the left, its link with the hub on the right.
  const Box left{content.min, ImVec2(content.min.x + content.width() * 0.52f, content.max.y)};
  const Box right{ImVec2(left.max.x + m.gap * 2, content.min.y), content.max};
  float y = left.min.y;
  y += ui::draw_text_line(draw, body, size * 1.2f, text("staff.device.title"), ImVec2(left.min.x, y), left.width(),
                          Align::left, ui::colour::text);
  draw_info_rows(draw, body, Box{ImVec2(left.min.x, y + m.gap), left.max}, rows, 0.36f);
  draw_sync(context, right);
}

}  // namespace passerelle::kiosk
