// WelcomeView: an accepted scan. A big check mark with "Checked in", the greeting in the
// participant's language, the name (huge, readable from two metres), the organisation and today's
// B2B meetings. At an exit, a door-and-arrow mark with "Checked out" and a goodbye instead.
// A tap anywhere returns to the scan screen early (intent::Dismiss).
//
// Thread safety: UI thread only.
#pragma once

#include "kiosk/ui/view.h"

namespace passerelle::kiosk {

class WelcomeView : public View {
 public:
  void draw(UiContext& context) override;
};

}  // namespace passerelle::kiosk
