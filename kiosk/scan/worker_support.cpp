#include "kiosk/scan/worker_support.h"

#include <algorithm>

namespace passerelle::scan {
namespace {

// The filter forgets texts it no longer needs once it holds more than this many.
constexpr std::size_t kPruneAbove = 64;

}  // namespace

const char* device_status_name(DeviceStatus status) {
  switch (status) {
    case DeviceStatus::started:
      return "started";
    case DeviceStatus::lost:
      return "lost";
    case DeviceStatus::recovered:
      return "recovered";
  }
  return "lost";
}

bool RereadFilter::admit(const std::string& text, Clock::time_point at) {
  const auto [entry, first_reading] = last_read_.try_emplace(text, at);
  const bool admitted = first_reading || interval_.count() == 0 || at - entry->second >= interval_;
  entry->second = at;
  if (last_read_.size() > kPruneAbove) {
    std::erase_if(last_read_, [&](const auto& item) { return at - item.second >= interval_; });
  }
  return admitted;
}

std::string describe_duration(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + " s";
  return std::to_string(duration.count()) + " ms";
}

}  // namespace passerelle::scan
