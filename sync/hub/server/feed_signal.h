// Wakes live streams when new entries may be in the feed: an upload through this server notifies
// it after its commit, so a stream answers at once instead of polling the database. Writes by
// other processes (the hub's CLI) are found by each stream's slow periodic re-read instead.
//
// Streams hold no thread (live_stream.h): they subscribe a waker, which notify() and close() call
// on the notifying thread (a worker), under the signal's lock. A waker must therefore be quick and
// must not call back into the signal: the connection's posts a timer cancel to its own strand.
// After unsubscribe() returns, the waker is never called again.
//
// Thread-safe; close() is final and wakes every subscriber (server shutdown).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

namespace passerelle::hub {

class FeedSignal {
 public:
  using Waker = std::function<void()>;

  std::uint64_t generation() const {
    std::lock_guard lock(mutex_);
    return generation_;
  }

  void notify() {
    std::lock_guard lock(mutex_);
    ++generation_;
    for (auto& [id, waker] : wakers_) waker();
  }

  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    for (auto& [id, waker] : wakers_) waker();
  }

  bool closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }

  std::uint64_t subscribe(Waker waker) {
    std::lock_guard lock(mutex_);
    wakers_.emplace(++next_id_, std::move(waker));
    return next_id_;
  }

  void unsubscribe(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    wakers_.erase(id);
  }

 private:
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  bool closed_ = false;
  std::uint64_t next_id_ = 0;
  std::map<std::uint64_t, Waker> wakers_;
};

}  // namespace passerelle::hub
