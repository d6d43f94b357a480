// Wakes live streams when new entries may be in the feed: an upload through this server notifies
// it after its commit, so a stream answers at once instead of polling the database. Writes by
// other processes (the hub's CLI) are found by each stream's slow periodic re-read instead.
//
// Thread-safe; close() is final and wakes every waiter (server shutdown).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace passerelle::hub {

class FeedSignal {
 public:
  std::uint64_t generation() const {
    std::lock_guard lock(mutex_);
    return generation_;
  }

  void notify() {
    {
      std::lock_guard lock(mutex_);
      ++generation_;
    }
    changed_.notify_all();
  }

  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
  }

  bool closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }

  // Returns when the generation moved past `seen`, on close, or after `timeout`; false once closed.
  bool wait(std::uint64_t seen, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return closed_ || generation_ != seen; });
    return !closed_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t generation_ = 0;
  bool closed_ = false;
};

}  // namespace passerelle::hub
