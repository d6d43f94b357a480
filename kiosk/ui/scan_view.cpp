#include "kiosk/ui/scan_view.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "core/text/translations.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk {
namespace {

using ui::Align;
using ui::Box;

// A stylised QR code (three finder patterns and a few modules) where the camera picture would be.
void draw_qr_pictogram(ImDrawList* draw, ImVec2 centre, float size, ImU32 colour) {
  const float module = size / 7.0f;
  const ImVec2 origin(centre.x - size * 0.5f, centre.y - size * 0.5f);
  const auto cell = [&](float x, float y) { return ImVec2(origin.x + x * module, origin.y + y * module); };
  const auto finder = [&](float x, float y) {
    draw->AddRect(cell(x, y), cell(x + 2.6f, y + 2.6f), colour, 0.0f, ImDrawFlags_None, module * 0.5f);
    draw->AddRectFilled(cell(x + 0.85f, y + 0.85f), cell(x + 1.75f, y + 1.75f), colour);
  };
  finder(0, 0);
  finder(4.4f, 0);
  finder(0, 4.4f);
  const float modules[][2] = {{4.6f, 4.6f}, {5.8f, 4.6f}, {4.6f, 5.8f}, {6.2f, 6.2f}, {3.2f, 3.2f}, {3.2f, 5.4f}};
  for (const auto& [x, y] : modules) draw->AddRectFilled(cell(x, y), cell(x + 0.8f, y + 0.8f), colour);
}

void draw_corner_marks(ImDrawList* draw, const Box& frame, float thickness, ImU32 colour) {
  const float length = std::min(frame.width(), frame.height()) * 0.14f;
  const float inset = thickness * 0.5f;
  const ImVec2 corners[4] = {frame.min, ImVec2(frame.max.x, frame.min.y), frame.max, ImVec2(frame.min.x, frame.max.y)};
  const float directions[4][2] = {{1, 1}, {-1, 1}, {-1, -1}, {1, -1}};
  for (int i = 0; i < 4; ++i) {
    const float dx = directions[i][0];
    const float dy = directions[i][1];
    const ImVec2 corner(corners[i].x + dx * inset, corners[i].y + dy * inset);
    draw->PathLineTo(ImVec2(corner.x + dx * length, corner.y));
    draw->PathLineTo(corner);
    draw->PathLineTo(ImVec2(corner.x, corner.y + dy * length));
    draw->PathStroke(colour, ImDrawFlags_None, thickness);
  }
}

std::string_view camera_status_key(CameraStatus status) {
  switch (status) {
    case CameraStatus::starting:
      return "scan.camera_starting";
    case CameraStatus::lost:
      return "scan.camera_lost";
    case CameraStatus::none:
    case CameraStatus::running:
      break;
  }
  return {};
}

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

  draw_viewfinder(context, l.viewfinder);

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

void ScanView::draw_viewfinder(UiContext& context, const ui::Box& frame) {
  const ui::Metrics m = ui::metrics();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const PreviewTexture& preview = context.preview;
  const float corner_thickness = std::max(2.0f, m.unit * 0.9f);
  const float inset = corner_thickness * 1.5f;
  const Box picture{ImVec2(frame.min.x + inset, frame.min.y + inset), ImVec2(frame.max.x - inset, frame.max.y - inset)};

  if (preview.gl_texture != 0 && preview.width > 0 && preview.height > 0) {
    // Fill the frame and crop the overflow, as a camera app does.
    const float frame_aspect = picture.width() / std::max(1.0f, picture.height());
    const float image_aspect = static_cast<float>(preview.width) / static_cast<float>(preview.height);
    ImVec2 uv_min(0, 0);
    ImVec2 uv_max(1, 1);
    if (image_aspect > frame_aspect) {
      const float margin = (1.0f - frame_aspect / image_aspect) * 0.5f;
      uv_min.x = margin;
      uv_max.x = 1.0f - margin;
    } else {
      const float margin = (1.0f - image_aspect / frame_aspect) * 0.5f;
      uv_min.y = margin;
      uv_max.y = 1.0f - margin;
    }
    if (options_.mirror_preview) std::swap(uv_min.x, uv_max.x);
    const auto texture = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(preview.gl_texture));
    draw->AddImageRounded(texture, picture.min, picture.max, uv_min, uv_max, ui::rgba(255, 255, 255), m.rounding);
  } else {
    draw->AddRectFilled(picture.min, picture.max, ui::colour::surface, m.rounding);
    const float pictogram = std::min(picture.width(), picture.height()) * 0.36f;
    const ImVec2 centre = picture.centre();
    draw_qr_pictogram(draw, ImVec2(centre.x, centre.y - pictogram * 0.12f), pictogram, ui::colour::faint);
    const std::string_view status_key = camera_status_key(context.state.device.camera);
    if (!status_key.empty()) {
      ImFont* body = ui::font_or_default(context.fonts.body);
      const Language language = ui::cycling_language(context.state.now_ms);
      ui::draw_text_wrapped(draw, body, body->FontSize, context.texts.get(language, status_key),
                            ImVec2(picture.min.x + m.gap, centre.y + pictogram * 0.5f + m.gap),
                            picture.width() - 2 * m.gap, Align::centre, ui::colour::muted, 2);
    }
  }
  draw_corner_marks(draw, frame, corner_thickness, ui::colour::text);
}

}  // namespace passerelle::kiosk
