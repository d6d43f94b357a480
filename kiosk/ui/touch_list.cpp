#include "kiosk/ui/touch_list.h"

#include <imgui.h>

#include <algorithm>

namespace passerelle::kiosk::ui {

bool begin_touch_list(const char* id, const Box& box) {
  const Metrics m = metrics();
  ImGui::SetCursorScreenPos(box.min);
  ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, m.unit * 2.5f);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, colour::background);
  const bool open = ImGui::BeginChild(id, box.size(), false, ImGuiWindowFlags_NoNav);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && ImGui::IsMouseDragging(0))
    ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
  return open;
}

void end_touch_list(ImVec2 start, float width, float content_height) {
  ImGui::SetCursorScreenPos(start);
  ImGui::Dummy(ImVec2(std::max(1.0f, width), std::max(1.0f, content_height)));
  ImGui::EndChild();
}

}  // namespace passerelle::kiosk::ui
