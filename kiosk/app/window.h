// The kiosk's window: SDL, one SDL_Window with an OpenGL 3.0 context, and a Dear ImGui context with
// its SDL2 and OpenGL3 backends, torn down in reverse order by the destructor.
//
// Ownership: a Display owns every handle it creates; it is neither copied nor moved (ImGui's
// backends keep pointers to the window), hence std::unique_ptr from open().
// Thread safety: UI thread only: SDL video, GL and ImGui all belong to the thread that opened them.
// Failure: open() returns Errc::unsupported when SDL, the window or the GL context cannot be had
// (no display, no GL 3.0), and Errc::io when the fonts cannot be read.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/util/result.h"
#include "kiosk/app/config.h"
#include "kiosk/ui/view.h"

namespace passerelle::kiosk {

// Font sizes for a window `height` pixels tall (UiFonts: body ~1/40, large ~1/14, huge ~1/7), with
// a floor so that a 480-pixel screen stays legible.
struct FontSizes {
  float body = 0.0f;
  float large = 0.0f;
  float huge = 0.0f;
};
FontSizes font_sizes_for_height(int height);

// GL 3.3, or an extension, lets a one-channel texture be sampled as grey or as coverage.
// Needs a current GL context.
bool gl_has_texture_swizzle();

// The mouse (or touch) as the app saw it in SDL events. ImGui 1.86's SDL backend reads positions
// and buttons from SDL's global state, which SDL_PushEvent does not change; feeding ImGui from the
// events makes a pushed click (UI tests) and a real one the same. A press released before the
// next frame still counts as one frame down, so a quick tap is never lost.
struct PointerState {
  bool known = false;
  float x = 0.0f;
  float y = 0.0f;
  bool down = false;
  bool pressed = false;  // went down since the last frame
};

class Display {
 public:
  // Initialises SDL video and events, opens the window (fullscreen on the desktop's size unless
  // `window.windowed`), makes a GL 3.0 context current, sets up ImGui and builds the fonts from
  // `fonts_dir` (DejaVuSans.ttf, DejaVuSans-Bold.ttf).
  static Result<std::unique_ptr<Display>> open(const WindowConfig& window, const std::filesystem::path& fonts_dir);
  ~Display();
  Display(const Display&) = delete;
  Display& operator=(const Display&) = delete;

  SDL_Window* window() const { return window_; }
  const UiFonts& fonts() const { return fonts_; }
  // Window size in ImGui's coordinates (SDL window units).
  int width() const;
  int height() const;

  // Rebuilds the fonts if the window's height changed since they were built; call between frames.
  // Returns false (fonts unchanged) if the font files could not be read again.
  bool refresh_fonts();

  // Starts an ImGui frame (backends, then ImGui::NewFrame) with the pointer as the events left it;
  // clears pointer.pressed.
  void begin_frame(PointerState& pointer);
  // What changed since the last frame besides what ImGui's draw data shows.
  struct RenderHint {
    bool full = false;                 // draw everything: the back buffer will be read (screenshots)
    unsigned int changed_texture = 0;  // a GL texture whose pixels changed (the camera preview)
  };
  // Ends the ImGui frame and draws it, unless it is the same as the last one; returns whether it
  // drew (then present()). When only `changed_texture` changed, only the area showing it is
  // drawn again (damage.h), where the back buffer is known to survive a swap.
  bool render(const RenderHint& hint);
  // Reads the back buffer as tightly packed RGB rows, top row first.
  std::vector<std::uint8_t> read_back_buffer_rgb(int& width, int& height) const;
  // Presents the back buffer; only after a render() that rendered.
  void present();
  // The next render() draws even if nothing changed (window exposed or resized).
  void invalidate() { last_hash_ = 0; }

  std::string gl_description() const;
  bool partial_redraws() const { return back_buffer_kept_; }
  // "fonts 27/77/154 px, atlas 4096x2048" for the verbose log.
  std::string fonts_description() const;

 private:
  Display() = default;
  Status build_fonts(int height);
  void upload_font_texture();
  bool probe_back_buffer();

  bool sdl_ready_ = false;
  SDL_Window* window_ = nullptr;
  SDL_GLContext gl_context_ = nullptr;
  bool imgui_context_ = false;
  bool sdl_backend_ = false;
  bool gl_backend_ = false;
  bool texture_swizzle_ = false;
  unsigned int font_texture_ = 0;
  std::uint64_t last_hash_ = 0;
  // Software GL on X11 swaps by copying, so the back buffer still holds the last frame: partial
  // redraws are possible. Checked at start-up (probe_back_buffer), never assumed.
  bool back_buffer_kept_ = false;
  std::filesystem::path fonts_dir_;
  int fonts_height_ = 0;
  UiFonts fonts_;
};

}  // namespace passerelle::kiosk
