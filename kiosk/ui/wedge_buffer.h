// WedgeBuffer: collects what a keyboard-wedge barcode scanner "types" into complete codes.
// A wedge scanner sends a code as fast keystrokes ended by Enter; the buffer returns the code when
// the Enter (or a '\r' / '\n' character) arrives. Stray keystrokes are forgotten: a partial code
// older than the idle gap is dropped before the next character, and an over-long one is dropped
// whole, so a leaning elbow on a keyboard never becomes a scan.
//
// Thread safety: none; one owner (the UI thread). Failure: none, bad input is discarded.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::kiosk {

class WedgeBuffer {
 public:
  struct Limits {
    std::int64_t idle_gap_ms = 1000;  // scanners type a code within a few hundred ms
    std::size_t max_bytes = 4096;     // far above any badge code
  };

  WedgeBuffer() = default;
  explicit WedgeBuffer(Limits limits) : limits_(limits) {}

  // One typed character (a Unicode code point). Returns the code when `c` is '\r' or '\n' and a
  // code is pending. Control characters other than those are ignored.
  std::optional<std::string> feed(char32_t c, std::int64_t now_ms);
  // The Enter key, for input paths that report it as a key rather than a character.
  std::optional<std::string> enter(std::int64_t now_ms);
  void clear();
  std::string_view pending() const { return pending_; }

  // Reads this frame's typed characters (io.InputQueueCharacters) and Enter key presses from
  // `io`, in that order, and returns the codes completed. Call once per frame, inside the frame.
  //
  // Caveat of ImGui 1.86: a key pressed and released between two frames never shows up as a key
  // press (io.KeysDown is sampled per frame), and wedge scanners type that fast. The app shell
  // should therefore also queue '\r' as a character on SDL_KEYDOWN of Return / keypad Enter
  // (io.AddInputCharacter('\r')); a duplicate Enter is harmless, an empty code is never returned.
  std::vector<std::string> take_from_imgui(const ImGuiIO& io, std::int64_t now_ms);

 private:
  Limits limits_;
  std::string pending_;
  std::int64_t last_ms_ = 0;
  bool overflowed_ = false;  // drop everything up to the next Enter
};

}  // namespace passerelle::kiosk
