// A screen of the kiosk: a small type with a draw() (ImHex's views/view_*.cpp). Views read the
// state and append intents; they never touch the store, the camera or the network.
//
// Thread safety: UI thread only (inside an ImGui frame).
#pragma once

#include <vector>

#include "kiosk/model/kiosk_state.h"

struct ImFont;

namespace passerelle {
class Translations;
}

namespace passerelle::kiosk {

struct UiFonts {
  ImFont* body = nullptr;   // ~1/40 of the screen height: staff lists, details
  ImFont* large = nullptr;  // ~1/14: names, headlines, buttons
  ImFont* huge = nullptr;   // ~1/7: the outcome itself, readable from 2 m
};

// The camera preview uploaded by the app shell as a GL texture (0 when there is none).
struct PreviewTexture {
  unsigned int gl_texture = 0;
  int width = 0;
  int height = 0;
};

struct UiContext {
  const KioskState& state;
  const Translations& texts;
  const UiFonts& fonts;
  const PreviewTexture& preview;
  std::vector<Intent>& intents;
};

class View {
 public:
  virtual ~View() = default;
  // Draws the whole screen (one fullscreen ImGui window).
  virtual void draw(UiContext& context) = 0;
};

}  // namespace passerelle::kiosk
