#include "core/worker/retry_backoff.h"

#include <algorithm>

namespace passerelle {

RetryBackoff::RetryBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds max, double jitter,
                           std::uint64_t seed)
    : initial_(std::max(initial, std::chrono::milliseconds(1))),
      max_(std::max(max, initial_)),
      jitter_(std::clamp(jitter, 0.0, 0.99)),
      random_(seed) {}

std::chrono::milliseconds RetryBackoff::next() {
  ++failures_;
  // Doubling stops at the cap, which also keeps the shift far from overflowing.
  std::int64_t base = initial_.count();
  for (int i = 1; i < failures_ && base < max_.count(); ++i) base *= 2;
  base = std::min(base, max_.count());
  if (jitter_ <= 0.0) return std::chrono::milliseconds(base);
  std::uniform_real_distribution<double> spread(1.0 - jitter_, 1.0);
  const auto drawn = static_cast<std::int64_t>(static_cast<double>(base) * spread(random_));
  return std::chrono::milliseconds(std::max<std::int64_t>(1, drawn));
}

}  // namespace passerelle
