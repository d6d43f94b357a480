#include "kiosk/ui/info_rows.h"

#include <algorithm>

namespace passerelle::kiosk::ui {

float draw_info_rows(ImDrawList* draw, ImFont* font, const Box& box, const std::vector<InfoRow>& rows,
                     float label_share) {
  const Metrics m = metrics();
  const float size = font->FontSize;
  const float label_width = box.width() * label_share;
  const float row = std::min(size * 1.8f, box.height() / static_cast<float>(rows.size() + 1));
  float y = box.min.y;
  const float value_width = box.width() - label_width;
  for (const InfoRow& each : rows) {
    draw_text_line(draw, font, size, each.label, ImVec2(box.min.x, y), label_width - m.gap, Align::left, colour::muted);
    // A sentence (a warning for staff) wraps rather than shrink out of reading: shrinking is for
    // values a little too long, such as a path or an id.
    if (text_size(font, size, each.value).x * 0.8f > value_width) {
      const float height = draw_text_wrapped(draw, font, size, each.value, ImVec2(box.min.x + label_width, y),
                                             value_width, Align::left, each.colour, 3);
      y += std::max(row, height + (row - size));
    } else {
      draw_text_line(draw, font, size, each.value, ImVec2(box.min.x + label_width, y), value_width, Align::left,
                     each.colour);
      y += row;
    }
  }
  return y;
}

}  // namespace passerelle::kiosk::ui
