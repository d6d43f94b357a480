// Clock: the injectable source of time (LevelDB's Env, narrowed to what we need).
//
// Thread safety: implementations must be callable from any thread.
#pragma once

#include <atomic>
#include <cstdint>

namespace passerelle {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, milliseconds since the Unix epoch, UTC. May jump (NTP, a kiosk without RTC).
  virtual std::int64_t wall_ms() const = 0;
  // Never goes backwards within one boot; used to order entries when the wall clock jumps.
  virtual std::int64_t monotonic_ns() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t wall_ms() const override;
  std::int64_t monotonic_ns() const override;
  static SystemClock& instance();
};

// A clock tests move by hand. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t wall_ms) : wall_ms_(wall_ms) {}
  std::int64_t wall_ms() const override { return wall_ms_.load(); }
  std::int64_t monotonic_ns() const override { return monotonic_ns_.load(); }
  void set_wall_ms(std::int64_t value) { wall_ms_.store(value); }
  void advance_ms(std::int64_t delta) {
    wall_ms_.fetch_add(delta);
    monotonic_ns_.fetch_add(delta * 1'000'000);
  }

 private:
  std::atomic<std::int64_t> wall_ms_;
  std::atomic<std::int64_t> monotonic_ns_{1'000'000'000};
};

}  // namespace passerelle
