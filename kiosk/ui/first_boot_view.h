// FirstBootView: a kiosk without an event (docs/OPERATIONS.md, "First boot"). Two ways, side by
// side: with a network, hold the hub's enrolment code up to the camera or scanner; without, insert
// the USB stick with this kiosk's bundle and tap it. Below them, what is happening (asking the hub,
// receiving the registry with its progress, copying a bundle) or what went wrong, in the staff
// language. No keyboard is needed at any point.
//
// Emits intent::UseBundle; scanned codes reach the controller from the app, as on every screen.
// The layout is a public pure function of the display so that tests can aim at the buttons.
// Thread safety: UI thread only.
#pragma once

#include <array>

#include "kiosk/ui/theme.h"
#include "kiosk/ui/view.h"

namespace passerelle::kiosk {

class FirstBootView : public View {
 public:
  static constexpr std::size_t kMaxBundlesShown = 4;

  void draw(UiContext& context) override;

  struct Layout {
    ui::Box title;
    ui::Box network;                                // the left panel
    ui::Box alone;                                  // the right panel
    ui::Box viewfinder;                             // the camera's picture, in the left panel
    std::array<ui::Box, kMaxBundlesShown> bundles;  // in the right panel, top to bottom
    ui::Box status;
  };
  static Layout layout(const ui::Metrics& metrics);
};

}  // namespace passerelle::kiosk
