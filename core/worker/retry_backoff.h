// RetryBackoff: how long a worker waits before trying again what failed: the sync worker while
// the hub is out of reach, the camera and scanner workers while their device is missing.
// Exponential (initial, doubling, capped at `max`), with optional jitter, so that a room of kiosks
// coming back from a network cut does not knock on the hub's door in step. Without jitter the
// waits are exact: 1 s, 2 s, 4 s, 8 s, 10 s, 10 s ... for (1 s, 10 s).
//
// Pure apart from its seeded generator: tests pass jitter 0 (or a fixed seed) to know the delays.
// Thread safety: none; one owner (a worker's thread). Failure: none.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace passerelle {

class RetryBackoff {
 public:
  // Without jitter.
  RetryBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds max) : RetryBackoff(initial, max, 0.0, 1) {}
  // `jitter` in [0, 1): each delay is drawn from [base * (1 - jitter), base], base being
  // initial * 2^(failures - 1) capped at `max`; the cap is never exceeded. `initial` is at least
  // 1 ms and `max` at least `initial`.
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

}  // namespace passerelle
