#include "kiosk/ui/viewfinder.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "core/text/translations.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk::ui {
namespace {

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

void draw_viewfinder(UiContext& context, const Box& frame, bool mirror, std::optional<Language> language) {
  const Metrics m = metrics();
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
    if (mirror) std::swap(uv_min.x, uv_max.x);
    const auto texture = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(preview.gl_texture));
    draw->AddImageRounded(texture, picture.min, picture.max, uv_min, uv_max, rgba(255, 255, 255), m.rounding);
  } else {
    draw->AddRectFilled(picture.min, picture.max, colour::surface, m.rounding);
    const float pictogram = std::min(picture.width(), picture.height()) * 0.36f;
    const ImVec2 centre = picture.centre();
    draw_qr_pictogram(draw, ImVec2(centre.x, centre.y - pictogram * 0.12f), pictogram, colour::faint);
    const std::string_view status_key = camera_status_key(context.state.device.camera);
    if (!status_key.empty()) {
      ImFont* body = font_or_default(context.fonts.body);
      const Language shown = language.value_or(cycling_language(context.state.now_ms));
      draw_text_wrapped(draw, body, body->FontSize, context.texts.get(shown, status_key),
                        ImVec2(picture.min.x + m.gap, centre.y + pictogram * 0.5f + m.gap), picture.width() - 2 * m.gap,
                        Align::centre, colour::muted, 2);
    }
  }
  draw_corner_marks(draw, frame, corner_thickness, colour::text);
}

}  // namespace passerelle::kiosk::ui
