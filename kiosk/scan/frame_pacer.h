// FramePacer: the frame clock of the sources that make their own frames (demo camera, image
// folder). In real time it hands out frame numbers at `fps` like a camera: a caller that comes
// late skips to the frame of the moment instead of catching up. Otherwise frames come at once,
// stamped with virtual time (frame number / fps), so tests and benchmarks run as fast as the
// machine goes and still see the same frame times.
//
// Thread safety: one thread at a time, like the source that owns it. Failure: none; fps must be
// positive (assert).
#pragma once

#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <thread>

namespace passerelle::scan {

class FramePacer {
 public:
  using Clock = std::chrono::steady_clock;
  struct Tick {
    std::uint64_t sequence = 0;
    Clock::time_point stamp;
  };

  FramePacer(double fps, bool real_time)
      : period_(std::chrono::nanoseconds(std::llround(1e9 / fps))), real_time_(real_time) {
    assert(fps > 0);
  }

  // Frame 0 is due now.
  void restart() {
    next_ = 0;
    started_at_ = Clock::now();
  }

  // Sleeps until the next frame is due, or for `timeout` if it is due later than that (nullopt).
  std::optional<Tick> wait_next(std::chrono::milliseconds timeout) {
    if (!real_time_) {
      const std::uint64_t sequence = next_++;
      return Tick{sequence, Clock::time_point{} + period_ * static_cast<std::int64_t>(sequence)};
    }
    const Clock::time_point now = Clock::now();
    const Clock::time_point due = started_at_ + period_ * static_cast<std::int64_t>(next_);
    if (due > now + timeout) {
      std::this_thread::sleep_for(timeout);
      return std::nullopt;
    }
    std::uint64_t sequence = next_;
    if (due > now) {
      std::this_thread::sleep_until(due);
    } else {
      const auto elapsed_frames = static_cast<std::uint64_t>((now - started_at_) / period_);
      if (elapsed_frames > sequence) sequence = elapsed_frames;
    }
    next_ = sequence + 1;
    return Tick{sequence, started_at_ + period_ * static_cast<std::int64_t>(sequence)};
  }

 private:
  std::chrono::nanoseconds period_;
  bool real_time_;
  std::uint64_t next_ = 0;
  Clock::time_point started_at_;
};

}  // namespace passerelle::scan
