// One view per screen (kiosk/ui), built once at start-up and chosen each frame by state.screen.
//
// Ownership: Screens owns its views. Thread safety: UI thread only.
#pragma once

#include <memory>

#include "kiosk/model/kiosk_state.h"
#include "kiosk/ui/view.h"

namespace passerelle::kiosk {

struct Screens {
  std::unique_ptr<View> scan;
  std::unique_ptr<View> welcome;
  std::unique_ptr<View> meeting;
  std::unique_ptr<View> walk_in;
  std::unique_ptr<View> refused;
  std::unique_ptr<View> staff;
  std::unique_ptr<View> out_of_order;
  std::unique_ptr<View> config_error;
  std::unique_ptr<View> first_boot;

  View& operator[](ScreenId screen) const {
    switch (screen) {
      case ScreenId::scan:
        return *scan;
      case ScreenId::welcome:
        return *welcome;
      case ScreenId::meeting:
        return *meeting;
      case ScreenId::walk_in:
        return *walk_in;
      case ScreenId::refused:
        return *refused;
      case ScreenId::staff:
        return *staff;
      case ScreenId::out_of_order:
        return *out_of_order;
      case ScreenId::config_error:
        return *config_error;
      case ScreenId::first_boot:
        return *first_boot;
    }
    return *scan;
  }
};

Screens make_screens();

}  // namespace passerelle::kiosk
