// EvdevScanner: a handheld scanner that acts as a USB keyboard, read from its evdev node
// (/dev/input/eventN; /dev/input/by-id/usb-...-event-kbd keeps its name across reboots). The key
// codes are translated with the scanner's own layout from the config (keyboard_layout.h), so the
// host's layout plays no part, and one text is delivered per Enter.
//
// With `grab` (the default) the device is taken with EVIOCGRAB: its key presses reach no other
// program, so a scan never types into whatever has the keyboard focus. The grab ends when the
// device is closed. Without `grab`, any readable stream of struct input_event records will do,
// which is how tests feed it (a pipe, opened through /proc/self/fd/N). When the kernel reports
// lost events (SYN_DROPPED), the text being typed is discarded: better no code than a wrong one.
//
// Ownership: the source owns its descriptor (RAII). Threads and failure: as TextSource says.
// start() fails with "no scanner at ..." (not_found), a permission hint (input group), or, when
// grabbing, "... is held by another program" or "... is not an input device" (io); next_text()
// fails with "... was disconnected" when the scanner is unplugged.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "kiosk/scan/keyboard_layout.h"
#include "kiosk/scan/text_source.h"
#include "kiosk/scan/unique_fd.h"

namespace passerelle::scan {

struct EvdevScannerConfig {
  std::string device;
  KeyboardLayout layout = KeyboardLayout::us;
  bool grab = true;
};

class EvdevScanner final : public TextSource {
 public:
  explicit EvdevScanner(EvdevScannerConfig config);

  Status start() override;
  Result<std::optional<std::string>> next_text(std::chrono::milliseconds timeout) override;
  void stop() override;
  std::string describe() const override;

  // Key presses the configured layout has no character for, since construction: a scanner set to
  // another layout shows up here. Same thread as next_text().
  std::uint64_t unknown_keys() const { return translator_.unknown_keys(); }

 private:
  EvdevScannerConfig config_;
  UniqueFd fd_;
  KeyTranslator translator_;
  std::vector<std::uint8_t> pending_;  // a partial input_event record from the last read
  std::deque<std::string> texts_;      // complete texts not handed out yet
};

}  // namespace passerelle::scan
