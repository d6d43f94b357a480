// MeetingView: an accepted scan at a B2B area (docs/B2B_AREA.md). The table in huge letters, the
// partner, and where the meeting stands: confirmed (both scanned), waiting for the partner, or the
// next meeting later today; or that none is left. A button offers a meeting without appointment
// (walk_in_view.h). A tap elsewhere returns to the scan screen early.
//
// Thread safety: UI thread only.
#pragma once

#include "kiosk/ui/theme.h"
#include "kiosk/ui/view.h"

namespace passerelle::kiosk {

class MeetingView : public View {
 public:
  void draw(UiContext& context) override;

  // Where the "meeting without appointment" button sits: public, so that tests aim at it.
  static ui::Box walk_in_button(const ui::Metrics& metrics);
};

}  // namespace passerelle::kiosk
