// OutOfOrderView: the store cannot write, so nothing may be shown as accepted. Attendees read "out
// of order" in the four languages in turn and are sent to another kiosk; staff find the detail
// (state.fatal_message, no personal data) in small type and keep the corner button to the staff
// screen.
//
// Thread safety: UI thread only.
#pragma once

#include "kiosk/ui/view.h"

namespace passerelle::kiosk {

class OutOfOrderView : public View {
 public:
  void draw(UiContext& context) override;
};

}  // namespace passerelle::kiosk
