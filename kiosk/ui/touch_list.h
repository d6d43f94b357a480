// A scrolling region that follows a finger, as the staff screen's long lists use (search results,
// checkpoints, the checklist): ImGui 1.86 scrolls only by wheel or scrollbar.
// Thread safety: UI thread only, inside an ImGui window. Every begin_touch_list needs its
// end_touch_list, whatever it returned (ImGui's BeginChild/EndChild rule).
#pragma once

#include "kiosk/ui/theme.h"

namespace passerelle::kiosk::ui {

// A child window over `box`; a drag inside it scrolls it. touch_button ignores a press that
// travelled, so dragging over a row never clicks it.
bool begin_touch_list(const char* id, const Box& box);
// Declares the content's height (from `start`, the cursor after begin_touch_list) so that the
// child knows how far it may scroll, and ends it.
void end_touch_list(ImVec2 start, float width, float content_height);

}  // namespace passerelle::kiosk::ui
