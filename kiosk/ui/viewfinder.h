// The camera's picture in a frame with corner marks, as the scan screen shows it and the first-boot
// screen too (where the technician aims the hub's enrolment code): the newest preview cropped to
// fill the frame, or a QR pictogram with the camera's state when there is no picture.
// Thread safety: UI thread only (ImGui).
#pragma once

#include <optional>

#include "kiosk/ui/theme.h"
#include "kiosk/ui/view.h"

namespace passerelle::kiosk::ui {

// `mirror`: a camera facing the person reads as a mirror (ScanView::Options::mirror_preview).
// `language`: the camera's state in that language; none: cycling through the event's languages,
// as the attendee-facing scan screen does.
void draw_viewfinder(UiContext& context, const Box& frame, bool mirror, std::optional<Language> language = {});

}  // namespace passerelle::kiosk::ui
