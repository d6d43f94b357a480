// ConfigErrorView: the configuration is unusable. Says so in the staff language, with what is
// wrong and where (state.fatal_message) in a framed box, instead of a crash loop. No staff button:
// the staff screen needs a configuration to work from.
//
// Thread safety: UI thread only.
#pragma once

#include "kiosk/ui/view.h"

namespace passerelle::kiosk {

class ConfigErrorView : public View {
 public:
  void draw(UiContext& context) override;
};

}  // namespace passerelle::kiosk
