// RetryBackoff: how long the sync worker waits after each failed attempt while the hub is out of
// reach. Exponential (initial, doubling, capped) with jitter, so that a room of kiosks coming back
// from a network cut does not knock on the hub's door in step.
//
// Pure apart from its seeded generator: tests pass jitter 0 (or a fixed seed) to know the delays.
// Thread safety: none; one owner (the sync worker's thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace passerelle::kiosk {

class RetryBackoff {
 public:
  // `jitter` in [0, 1): each delay is drawn from [base * (1 - jitter), base], base being
  // initial * 2^(failures - 1) capped at `max`; the cap is never exceeded.
  RetryBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds max, double jitter, std::uint64_t seed);

  // The wait before the next attempt after one more failure.
  std::chrono::milliseconds next();
  // After a success: the next failure waits `initial` again.
  void reset() { failures_ = 0; }
  int failures() const { return failures_; }
  std::chrono::milliseconds max() const { return max_; }

 private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds max_;
  double jitter_;
  int failures_ = 0;
  std::mt19937_64 random_;
};

}  // namespace passerelle::kiosk
