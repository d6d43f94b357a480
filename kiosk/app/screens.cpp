#include "kiosk/app/screens.h"

#include "kiosk/ui/config_error_view.h"
#include "kiosk/ui/first_boot_view.h"
#include "kiosk/ui/meeting_view.h"
#include "kiosk/ui/out_of_order_view.h"
#include "kiosk/ui/refusal_view.h"
#include "kiosk/ui/scan_view.h"
#include "kiosk/ui/staff_view.h"
#include "kiosk/ui/walk_in_view.h"
#include "kiosk/ui/welcome_view.h"

namespace passerelle::kiosk {

Screens make_screens() {
  Screens screens;
  ScanView::Options scan_options;
  // The app reads the keyboard-wedge scanner from SDL events itself (app.cpp), where a key pressed
  // and released between two frames is not lost.
  scan_options.read_wedge_scanner = false;
  screens.scan = std::make_unique<ScanView>(scan_options);
  screens.welcome = std::make_unique<WelcomeView>();
  screens.meeting = std::make_unique<MeetingView>();
  screens.walk_in = std::make_unique<WalkInView>();
  screens.refused = std::make_unique<RefusalView>();
  screens.staff = std::make_unique<StaffView>();
  screens.out_of_order = std::make_unique<OutOfOrderView>();
  screens.config_error = std::make_unique<ConfigErrorView>();
  screens.first_boot = std::make_unique<FirstBootView>();
  return screens;
}

}  // namespace passerelle::kiosk
