// FrameSource: where camera frames come from (a V4L2 camera, the synthetic demo camera, a folder
// of images, or a test's fake), behind one interface so that the decode worker and its tests need
// no hardware (DESIGN.md: no camera on the build machines).
//
// Ownership: the source owns the frame memory. The FrameView inside a CapturedFrame stays valid
// until the next call to next_frame(), stop() or the destructor, whichever comes first; a caller
// that keeps pixels longer copies them (the decode worker does, into its newest-frame slot).
// Threads: one thread at a time drives a source (the decode worker's capture thread); a source
// need not be safe to call from two threads at once, and the calls need not come from the thread
// that constructed it. describe() may be called from any thread: implementations return a value
// fixed at construction.
// Failure: start() and next_frame() return errors for things outside the program (no device, a
// device unplugged, an unreadable file). An error is never fatal: the worker reports it to staff,
// calls stop(), waits, and calls start() again. A frame that simply did not come within the
// timeout is not an error (an empty optional).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/util/result.h"
#include "kiosk/scan/frame.h"

namespace passerelle::scan {

struct CapturedFrame {
  FrameView view;
  // When the frame was taken. Real sources use steady_clock::now(); sources that run faster than
  // real time (tests, benchmarks) use a virtual time of frame number / fps, so that intervals
  // measured between frames (re-reads, preview rate) do not depend on how fast the machine is.
  std::chrono::steady_clock::time_point captured_at;
  // Counts frames from 0 since start(); a gap means the source skipped frames.
  std::uint64_t sequence = 0;
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;

  // Opens the device or loads what the source needs. Calling start() on a started source is a
  // bug; start() after stop() (or after an error) starts afresh.
  virtual Status start() = 0;

  // Waits at most `timeout` for the next frame. Empty optional: none came in time.
  virtual Result<std::optional<CapturedFrame>> next_frame(std::chrono::milliseconds timeout) = 0;

  // Releases the device. Safe to call when not started, and more than once.
  virtual void stop() = 0;

  // For staff and logs: "camera at /dev/video0 (1280x720 YUYV)", "demo camera".
  virtual std::string describe() const = 0;
};

}  // namespace passerelle::scan
