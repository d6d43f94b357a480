// TextSource: a device that delivers whole badge codes as text — a handheld scanner that acts as
// a keyboard (EvdevScanner) or as a serial port (SerialScanner). The ScannerWorker drives it.
//
// Threads: one thread at a time drives a source; describe() may be called from any thread (a value
// fixed at construction). Failure: start() and next_text() return errors for things outside the
// program (no device, no permission, unplugged). An error is never fatal: the worker reports it,
// calls stop(), waits, and calls start() again. No text within the timeout is not an error.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/util/result.h"

namespace passerelle::scan {

class TextSource {
 public:
  virtual ~TextSource() = default;

  // Opens the device. start() on a started source is a bug; after stop() it starts afresh.
  virtual Status start() = 0;
  // Waits at most `timeout` for the next complete code (one line, one Enter).
  virtual Result<std::optional<std::string>> next_text(std::chrono::milliseconds timeout) = 0;
  // Closes the device; safe when not started, and more than once.
  virtual void stop() = 0;
  // "scanner at /dev/input/event5", for staff and logs.
  virtual std::string describe() const = 0;
};

}  // namespace passerelle::scan
