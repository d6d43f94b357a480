// Partial redraws: when the only change since the last frame is the pixels of one texture (the
// camera preview), only the area showing it is drawn again. With software GL (llvmpipe on a kiosk
// box without a GPU, Xvfb in tests) a full 1920x1080 frame costs ~20 ms of CPU, so redrawing it
// all for a 15 fps preview would cost a third of a core; the viewfinder alone is a fifth of that.
//
// Thread safety: pure functions on ImGui's draw data (UI thread).
#pragma once

#include <imgui.h>

namespace passerelle::kiosk {

// The screen rectangle (x1, y1, x2, y2), in whole pixels, covered by draw commands that sample
// `texture`, each clipped to its clip rectangle; empty (x2 <= x1) when none does.
ImVec4 texture_bounds(const ImDrawData& data, ImTextureID texture);

// Restricts every draw command to `rect` (their clip rectangles intersected with it), so that
// rendering touches no pixel outside it.
void clip_draw_data(ImDrawData& data, const ImVec4& rect);

}  // namespace passerelle::kiosk
