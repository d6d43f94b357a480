// Collects what workers report from their own threads, for tests to wait on and inspect.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace passerelle::scan::testing {

template <class T>
class Recorder {
 public:
  void add(T item) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
    }
    changed_.notify_all();
  }

  std::vector<T> items() const {
    std::lock_guard lock(mutex_);
    return items_;
  }

  // Waits until `done(items)` holds; false after `timeout` (a generous bound, not a timing check).
  bool wait_until(const std::function<bool(const std::vector<T>&)>& done,
                  std::chrono::milliseconds timeout = std::chrono::seconds(120)) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return done(items_); });
  }

  bool wait_for_count(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(120)) const {
    return wait_until([count](const std::vector<T>& items) { return items.size() >= count; }, timeout);
  }

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<T> items_;
};

// Polls `condition` every few milliseconds until it holds; false after `timeout`.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = std::chrono::seconds(120)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

}  // namespace passerelle::scan::testing
