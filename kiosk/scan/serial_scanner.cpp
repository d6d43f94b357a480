#include "kiosk/scan/serial_scanner.h"

#include <fcntl.h>
#include <termios.h>

#include <array>
#include <cassert>
#include <cerrno>
#include <optional>
#include <system_error>

#include "kiosk/scan/device_io.h"

namespace passerelle::scan {
namespace {

std::optional<speed_t> speed_for(int baud) {
  switch (baud) {
    case 9600:
      return B9600;
    case 19200:
      return B19200;
    case 38400:
      return B38400;
    case 57600:
      return B57600;
    case 115200:
      return B115200;
    default:
      return std::nullopt;
  }
}

}  // namespace

SerialScanner::SerialScanner(SerialScannerConfig config) : config_(std::move(config)) {}

std::string SerialScanner::describe() const {
  return "scanner at " + config_.device;
}

Status SerialScanner::start() {
  assert(!fd_.valid());
  const std::optional<speed_t> speed = speed_for(config_.baud);
  if (!speed) {
    return make_error(Errc::invalid_input, "unsupported serial speed " + std::to_string(config_.baud) + " baud for " +
                                               config_.device + " (use 9600, 19200, 38400, 57600 or 115200)");
  }
  // O_NOCTTY: the scanner must never become the kiosk's controlling terminal.
  const int fd = ::open(config_.device.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return describe_scanner_open_error(config_.device, errno, "dialout");
  fd_.reset(fd);
  termios settings{};
  if (::tcgetattr(fd, &settings) != 0) {
    const int error_number = errno;
    fd_.reset();
    if (error_number == ENOTTY) return make_error(Errc::io, config_.device + " is not a serial port");
    return make_error(Errc::io, "cannot read the settings of " + config_.device + ": " +
                                    std::system_category().message(error_number));
  }
  ::cfmakeraw(&settings);
  settings.c_cflag |= CLOCAL | CREAD;
  settings.c_cc[VMIN] = 0;
  settings.c_cc[VTIME] = 0;
  ::cfsetispeed(&settings, *speed);
  ::cfsetospeed(&settings, *speed);
  if (::tcsetattr(fd, TCSANOW, &settings) != 0) {
    const int error_number = errno;
    fd_.reset();
    return make_error(Errc::io,
                      "cannot set up " + config_.device + ": " + std::system_category().message(error_number));
  }
  // Whatever was sent before we listened belongs to nobody.
  ::tcflush(fd, TCIFLUSH);
  line_.clear();
  overlong_ = false;
  texts_.clear();
  return {};
}

void SerialScanner::stop() {
  fd_.reset();
}

void SerialScanner::take(std::uint8_t byte) {
  if (byte == '\r' || byte == '\n') {
    if (!line_.empty() && !overlong_) texts_.push_back(line_);
    line_.clear();
    overlong_ = false;
    return;
  }
  if (byte < 0x20 || byte == 0x7f || overlong_) return;
  if (line_.size() >= kMaxLineBytes) {
    overlong_ = true;
    line_.clear();
    return;
  }
  line_ += static_cast<char>(byte);
}

Result<std::optional<std::string>> SerialScanner::next_text(std::chrono::milliseconds timeout) {
  assert(fd_.valid());
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + timeout;
  std::array<std::uint8_t, 512> buffer;
  while (texts_.empty()) {
    const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    PSL_ASSIGN_OR_RETURN(const std::size_t count, wait_and_read(fd_.get(), remaining, buffer, describe()));
    if (count == 0) {
      if (remaining.count() <= 0) return std::optional<std::string>();
      continue;
    }
    for (std::size_t i = 0; i < count; ++i) take(buffer[i]);
  }
  std::string text = std::move(texts_.front());
  texts_.pop_front();
  return std::optional<std::string>(std::move(text));
}

}  // namespace passerelle::scan
