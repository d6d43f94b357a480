// Pieces shared by the decode worker (camera) and the scanner worker (handheld scanners): device
// status reports, the re-read filter, the reconnection back-off and an interruptible wait.
//
// Thread safety: RereadFilter and RetryBackoff belong to one thread; StopSignal is shared by a
// worker's threads and whoever stops them. Failure: none.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <unordered_map>

namespace passerelle::scan {

// What a worker tells the app about its device, with a detail for staff ("camera at /dev/video0",
// "no camera at /dev/video0; retrying in 2 s").
enum class DeviceStatus {
  // The device works, for the first time since the worker started: a camera's first frame came,
  // a scanner opened.
  started,
  lost,       // it failed, stalled or never opened; the worker retries by itself
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

// Waits between attempts to reopen a lost device: first, then doubling up to at most `longest`
// (1 s, 2 s, 4 s, 8 s, 10 s, 10 s ... by default).
class RetryBackoff {
 public:
  RetryBackoff(std::chrono::milliseconds first, std::chrono::milliseconds longest) : first_(first), longest_(longest) {}

  std::chrono::milliseconds next();
  void reset() { next_ = first_; }

 private:
  std::chrono::milliseconds first_;
  std::chrono::milliseconds longest_;
  std::chrono::milliseconds next_{first_};
};

// A stop request that sleeping threads notice at once.
class StopSignal {
 public:
  void request() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
  }
  void clear() {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  bool requested() const {
    std::lock_guard lock(mutex_);
    return stopping_;
  }
  // Sleeps for `duration` unless a stop is requested first; true when stopping.
  bool wait_for(std::chrono::milliseconds duration) {
    std::unique_lock lock(mutex_);
    return wake_.wait_for(lock, duration, [this] { return stopping_; });
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

// "2 s", "500 ms": for status details.
std::string describe_duration(std::chrono::milliseconds duration);

}  // namespace passerelle::scan
