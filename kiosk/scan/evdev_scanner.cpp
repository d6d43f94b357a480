#include "kiosk/scan/evdev_scanner.h"

#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>

#include <array>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "kiosk/scan/device_io.h"

namespace passerelle::scan {

EvdevScanner::EvdevScanner(EvdevScannerConfig config) : config_(std::move(config)), translator_(config_.layout) {}

std::string EvdevScanner::describe() const {
  return "scanner at " + config_.device;
}

Status EvdevScanner::start() {
  assert(!fd_.valid());
  const int fd = ::open(config_.device.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return describe_scanner_open_error(config_.device, errno, "input");
  fd_.reset(fd);
  if (config_.grab && ::ioctl(fd, EVIOCGRAB, 1) != 0) {
    const int error_number = errno;
    fd_.reset();
    if (error_number == EBUSY) return make_error(Errc::io, describe() + " is held by another program");
    if (error_number == ENOTTY || error_number == EINVAL) {
      return make_error(Errc::io, config_.device + " is not an input device");
    }
    return make_error(
        Errc::io, "cannot take " + config_.device + " for the kiosk: " + std::system_category().message(error_number));
  }
  translator_.reset();
  pending_.clear();
  texts_.clear();
  return {};
}

void EvdevScanner::stop() {
  fd_.reset();
}

Result<std::optional<std::string>> EvdevScanner::next_text(std::chrono::milliseconds timeout) {
  assert(fd_.valid());
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + timeout;
  std::array<std::uint8_t, 64 * sizeof(input_event)> buffer;
  while (texts_.empty()) {
    const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    PSL_ASSIGN_OR_RETURN(const std::size_t count, wait_and_read(fd_.get(), remaining, buffer, describe()));
    if (count == 0) {
      if (remaining.count() <= 0) return std::optional<std::string>();
      continue;
    }
    pending_.insert(pending_.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(count));
    std::size_t used = 0;
    for (; pending_.size() - used >= sizeof(input_event); used += sizeof(input_event)) {
      input_event event{};
      std::memcpy(&event, pending_.data() + used, sizeof event);
      if (event.type == EV_SYN && event.code == SYN_DROPPED) {
        // The kernel's buffer overflowed and key events were lost: the text being typed is
        // incomplete and the modifier state unknown. Better no code than a wrong one.
        translator_.reset();
        continue;
      }
      if (event.type != EV_KEY) continue;
      if (std::optional<std::string> text = translator_.feed(event.code, event.value))
        texts_.push_back(std::move(*text));
    }
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(used));
  }
  std::string text = std::move(texts_.front());
  texts_.pop_front();
  return std::optional<std::string>(std::move(text));
}

}  // namespace passerelle::scan
