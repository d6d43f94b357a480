// WalkInView: a meeting without appointment (docs/B2B_AREA.md, "Walk-ins"), in the language of the
// person who asked for it. While it waits: "scan your partner's badge", the seconds left and a
// cancel button. Then the table in huge letters with the partner and the times; or that no table is
// free (the meeting is recorded all the same); or that the pair already has a meeting now.
//
// Thread safety: UI thread only.
#pragma once

#include "kiosk/ui/theme.h"
#include "kiosk/ui/view.h"

namespace passerelle::kiosk {

class WalkInView : public View {
 public:
  void draw(UiContext& context) override;

  // The cancel button while waiting: public, so that tests aim at it.
  static ui::Box cancel_button(const ui::Metrics& metrics);
};

}  // namespace passerelle::kiosk
