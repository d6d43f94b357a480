// SerialScanner: a handheld scanner in USB serial (CDC-ACM) mode, /dev/ttyACM0 and the like
// (/dev/serial/by-id/... keeps its name across reboots). The port is set raw at the configured
// speed; the scanner sends one code per line, ended by CR, LF or both. Raw bytes are taken as
// they come (scanners send ASCII, or UTF-8 when set to), less control characters; an empty line
// is no code.
//
// Ownership: the source owns its descriptor (RAII). Threads and failure: as TextSource says.
// start() fails with "no scanner at ..." (not_found), a permission hint (dialout group), an
// unsupported speed or "... is not a serial port" (invalid_input / io); next_text() fails with
// "... was disconnected" when the scanner is unplugged. A line longer than kMaxLineBytes is
// dropped whole.
#pragma once

#include <deque>
#include <string>

#include "kiosk/scan/text_source.h"
#include "kiosk/scan/unique_fd.h"

namespace passerelle::scan {

struct SerialScannerConfig {
  std::string device = "/dev/ttyACM0";
  int baud = 9600;  // 9600, 19200, 38400, 57600 or 115200
};

class SerialScanner final : public TextSource {
 public:
  static constexpr std::size_t kMaxLineBytes = 4096;

  explicit SerialScanner(SerialScannerConfig config);

  Status start() override;
  Result<std::optional<std::string>> next_text(std::chrono::milliseconds timeout) override;
  void stop() override;
  std::string describe() const override;

 private:
  void take(std::uint8_t byte);

  SerialScannerConfig config_;
  UniqueFd fd_;
  std::string line_;
  bool overlong_ = false;
  std::deque<std::string> texts_;
};

}  // namespace passerelle::scan
