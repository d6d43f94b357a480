// MeetingView: an accepted scan at a B2B area (docs/B2B_AREA.md). The table in huge letters, the
// partner, and where the meeting stands: confirmed (both scanned), waiting for the partner, or the
// next meeting later today; or that none is left. A tap returns to the scan screen early.
//
// Thread safety: UI thread only.
#pragma once

#include "kiosk/ui/view.h"

namespace passerelle::kiosk {

class MeetingView : public View {
 public:
  void draw(UiContext& context) override;
};

}  // namespace passerelle::kiosk
