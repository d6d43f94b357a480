#include "sync/hub/store/last_sync_throttle.h"

#include <algorithm>
#include <vector>

namespace passerelle::hub {

bool LastSyncThrottle::due(std::string_view device_id, std::int64_t now_ms) {
  const std::lock_guard lock(mutex_);
  const auto found = written_ms_.find(std::string(device_id));
  if (found != written_ms_.end()) {
    // A clock set back makes the difference negative: write, rather than stay silent until the
    // clock catches up.
    const std::int64_t since = now_ms - found->second;
    if (since >= 0 && since < kWriteIntervalMs) return false;
    found->second = now_ms;
    return true;
  }
  if (written_ms_.size() >= kMaxDevices) {
    std::vector<std::int64_t> times;
    times.reserve(written_ms_.size());
    for (const auto& [id, at] : written_ms_) times.push_back(at);
    const auto middle = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
    std::nth_element(times.begin(), middle, times.end());
    std::erase_if(written_ms_, [cutoff = *middle](const auto& entry) { return entry.second < cutoff; });
  }
  written_ms_.emplace(device_id, now_ms);
  return true;
}

}  // namespace passerelle::hub
