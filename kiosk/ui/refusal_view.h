// RefusalView: a refused scan. One icon per outcome class (cross: not a valid badge of ours,
// question mark: unknown code, barred circle: revoked or cancelled, lock: blocked, no-entry bar:
// not admitted here, clock: already checked in), a title, the explanation and what to do next.
// Known participants read it in their own language; unknown codes cycle through all four.
// A tap anywhere returns to the scan screen early (intent::Dismiss).
//
// Thread safety: UI thread only.
#pragma once

#include <string>

#include "kiosk/ui/view.h"

namespace passerelle::kiosk {

class RefusalView : public View {
 public:
  void draw(UiContext& context) override;

  // The title and explanation keys for a scan at the given state, e.g. the "already checked out"
  // variants at the exit of an in/out checkpoint. Public for tests.
  struct Keys {
    std::string title;
    std::string explanation;
    std::string action;
  };
  static Keys keys_for(const ScanDisplay& scan, const KioskState& state);

  // Who the screen names, read by the whole queue: the least that helps. A first name where the
  // refusal is routine (already checked in, not admitted here, not an event day), so that the
  // holder knows the kiosk read their badge and not a colleague's; nothing where it says something
  // about the person (blocked, cancelled, revoked) or the code is not known. Never the
  // organisation: staff who come over find the rest on the staff screen.
  static std::string name_shown(const ScanDisplay& scan);
};

}  // namespace passerelle::kiosk
