// Label and value rows, as the staff screen's device, hub and date sections list their facts.
// Thread safety: UI thread only (draws into an ImGui draw list).
#pragma once

#include <string>
#include <vector>

#include "kiosk/ui/theme.h"
#include "kiosk/ui/widgets.h"

namespace passerelle::kiosk::ui {

struct InfoRow {
  std::string label;
  std::string value;
  ImU32 colour = colour::text;
};

// The rows in `box`, labels taking `label_share` of its width, rows shrinking to fit; a value
// too long for its column wraps (up to three lines). Returns the y below the last row.
float draw_info_rows(ImDrawList* draw, ImFont* font, const Box& box, const std::vector<InfoRow>& rows,
                     float label_share);

}  // namespace passerelle::kiosk::ui
