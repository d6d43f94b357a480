#include "kiosk/app/damage.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace passerelle::kiosk {
namespace {

ImVec4 unite(const ImVec4& a, const ImVec4& b) {
  return ImVec4(std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.z, b.z), std::max(a.w, b.w));
}

ImVec4 intersect(const ImVec4& a, const ImVec4& b) {
  return ImVec4(std::max(a.x, b.x), std::max(a.y, b.y), std::min(a.z, b.z), std::min(a.w, b.w));
}

}  // namespace

ImVec4 texture_bounds(const ImDrawData& data, ImTextureID texture) {
  const ImVec4 nothing(FLT_MAX, FLT_MAX, -FLT_MAX, -FLT_MAX);
  ImVec4 bounds = nothing;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList* list = data.CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback != nullptr || cmd.TextureId != texture) continue;
      ImVec4 area = nothing;
      for (unsigned int i = 0; i < cmd.ElemCount; ++i) {
        const auto index = list->IdxBuffer[static_cast<int>(cmd.IdxOffset + i)];
        const ImVec2 pos = list->VtxBuffer[static_cast<int>(cmd.VtxOffset + index)].pos;
        area = unite(area, ImVec4(pos.x, pos.y, pos.x, pos.y));
      }
      area = intersect(area, cmd.ClipRect);
      if (area.z > area.x && area.w > area.y) bounds = unite(bounds, area);
    }
  }
  if (bounds.z <= bounds.x) return ImVec4(0, 0, 0, 0);
  // Whole pixels, with one to spare for the filtering at the edges.
  return ImVec4(std::floor(bounds.x) - 1, std::floor(bounds.y) - 1, std::ceil(bounds.z) + 1, std::ceil(bounds.w) + 1);
}

void clip_draw_data(ImDrawData& data, const ImVec4& rect) {
  for (int n = 0; n < data.CmdListsCount; ++n)
    for (ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) cmd.ClipRect = intersect(cmd.ClipRect, rect);
}

}  // namespace passerelle::kiosk
