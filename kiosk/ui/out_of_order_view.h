// OutOfOrderView: the store cannot write, so nothing may be shown as accepted. Attendees read "out
// of order" in the four languages in turn and are sent to another kiosk; staff find the detail in
// small type, in the staff language: what they can do (state.fatal_reason: "the disk is full: call
// the technician"), then the error's class (state.fatal_message); no personal data. The corner
// button to the staff screen stays.
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
