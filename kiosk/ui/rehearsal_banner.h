// The band across the top of every attendee screen while the kiosk is in rehearsal mode, so that
// nobody takes a rehearsal scan for a check-in (docs/CLOCKS.md, "Rehearsal"). In the staff's
// language: rehearsals are for staff.
// Thread safety: UI thread only, inside an ImGui frame (draws on the foreground draw list).
#pragma once

#include "kiosk/ui/view.h"

namespace passerelle::kiosk::ui {

// Draws nothing unless context.state.rehearsal.on.
void draw_rehearsal_banner(UiContext& context);

}  // namespace passerelle::kiosk::ui
