#include "sync/hub/server/login_limiter.h"

#include <algorithm>

namespace passerelle::hub {
namespace {

std::string name_slot(const std::string& key) {
  return "n:" + key;
}
std::string address_slot(const std::string& address) {
  return "a:" + address;
}

}  // namespace

int LoginLimiter::count(const std::string& key, std::int64_t now_ms) {
  const auto found = failures_.find(key);
  if (found == failures_.end()) return 0;
  auto& times = found->second;
  while (!times.empty() && now_ms - times.front() >= limits_.window_ms) times.pop_front();
  if (times.empty()) {
    failures_.erase(found);
    return 0;
  }
  return static_cast<int>(times.size());
}

bool LoginLimiter::allows(const std::string& name_key, const std::string& address, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  return count(name_slot(name_key), now_ms) < limits_.failures_per_name &&
         count(address_slot(address), now_ms) < limits_.failures_per_address;
}

void LoginLimiter::add(const std::string& key, int limit, std::int64_t now_ms) {
  auto found = failures_.find(key);
  if (found == failures_.end()) {
    if (failures_.size() >= limits_.max_keys) {
      const auto oldest = std::min_element(failures_.begin(), failures_.end(), [](const auto& x, const auto& y) {
        return x.second.back() < y.second.back();
      });
      failures_.erase(oldest);
    }
    found = failures_.emplace(key, Failures{}).first;
  }
  auto& times = found->second;
  times.push_back(now_ms);
  // Only the newest `limit` failures decide, so no key holds more.
  while (times.size() > static_cast<std::size_t>(std::max(1, limit))) times.pop_front();
}

void LoginLimiter::failed(const std::string& name_key, const std::string& address, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  add(name_slot(name_key), limits_.failures_per_name, now_ms);
  add(address_slot(address), limits_.failures_per_address, now_ms);
}

void LoginLimiter::succeeded(const std::string& name_key) {
  std::lock_guard lock(mutex_);
  failures_.erase(name_slot(name_key));
}

}  // namespace passerelle::hub
