// ScanView: the waiting screen. Camera preview in a viewfinder, "please scan your badge" cycling
// through the four languages, the checkpoint (and direction) in small type, and a discreet staff
// button in the bottom-right corner. Codes typed by a keyboard-wedge scanner become ScannedText.
//
// Thread safety: UI thread only.
#pragma once

#include "kiosk/ui/theme.h"
#include "kiosk/ui/view.h"
#include "kiosk/ui/wedge_buffer.h"

namespace passerelle::kiosk {

class ScanView : public View {
 public:
  struct Options {
    // A camera facing the attendee reads as a mirror; one looking down at a badge tray does not.
    bool mirror_preview = true;
    // The app shell may read the wedge scanner itself (e.g. from SDL events); then turn this off
    // so that a code is not submitted twice.
    bool read_wedge_scanner = true;
  };

  ScanView() = default;
  explicit ScanView(Options options) : options_(options) {}

  void draw(UiContext& context) override;

  struct Layout {
    ui::Box viewfinder;
    ui::Box staff_button;
    float prompt_y = 0;
  };
  static Layout layout(const ui::Metrics& metrics);

 private:
  Options options_;
  WedgeBuffer wedge_;
};

}  // namespace passerelle::kiosk
