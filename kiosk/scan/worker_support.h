// Pieces shared by the decode worker (camera) and the scanner worker (handheld scanners): device
// status reports and the re-read filter. Their threads, waits and reconnection back-off come from
// core/worker.
//
// Thread safety: a RereadFilter belongs to one thread. Failure: none.
#pragma once

#include <chrono>
#include <string>
#include <unordered_map>

namespace passerelle::scan {

// What a worker tells the app about its device, with a detail for staff ("camera at /dev/video0",
// "no camera at /dev/video0; retrying in 2 s").
enum class DeviceStatus {
  // The device works, for the first time since the worker started: a camera's first frame came,
  // a scanner opened.
  started,
  // It failed, stalled or never opened; the worker retries by itself. Also the last report of a
  // worker whose thread ended on an exception ("... worker stopped: ..."), which retries no more.
  lost,
  recovered,  // it works again after being lost
};
const char* device_status_name(DeviceStatus status);

// Holds back a text read again soon after: a badge stays in front of a camera for many frames,
// and a presentation scanner reads it again and again. Each reading restarts the interval, so a
// badge is reported once however long it is held up; it is reported again only after it has been
// out of sight for `interval`. A zero interval reports every reading.
class RereadFilter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RereadFilter(std::chrono::milliseconds interval) : interval_(interval) {}

  // Whether to report `text`, read at `at`. Times must not go backwards for one text.
  bool admit(const std::string& text, Clock::time_point at);

 private:
  std::chrono::milliseconds interval_;
  std::unordered_map<std::string, Clock::time_point> last_read_;
};

// "2 s", "500 ms": for status details.
std::string describe_duration(std::chrono::milliseconds duration);

}  // namespace passerelle::scan
