// RunQueue: how workers hand results to the UI thread (Tracy's RunQueue, ImHex's doLater).
//
// Workers post closures from any thread; the UI thread runs them all at the start of a frame,
// so state is only ever touched by the UI thread and the UI never waits on a worker.
// Thread safety: post() from any thread; drain() from the UI thread only. The waker is fixed at
// construction and must itself be safe to call from any thread.
#pragma once

#include <functional>
#include <mutex>
#include <vector>

namespace passerelle::kiosk {

class RunQueue {
 public:
  RunQueue() = default;
  // `on_post` runs after every post(), on the posting thread: the app wakes its event loop with
  // it (an SDL user event), so an idle kiosk can sleep until there is work.
  explicit RunQueue(std::function<void()> on_post) : on_post_(std::move(on_post)) {}

  void post(std::function<void()> task) {
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    if (on_post_) on_post_();
  }

  // Runs what was posted before the call; tasks posted while draining wait for the next frame.
  // Returns how many ran, so an idle frame can be detected.
  std::size_t drain() {
    std::vector<std::function<void()>> batch;
    {
      std::lock_guard lock(mutex_);
      batch.swap(tasks_);
    }
    for (auto& task : batch) task();
    return batch.size();
  }

 private:
  std::mutex mutex_;
  std::vector<std::function<void()>> tasks_;
  const std::function<void()> on_post_;
};

}  // namespace passerelle::kiosk
