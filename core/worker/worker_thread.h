// WorkerThread: the thread under each of the kiosk's worker loops (check-in, registry, sync,
// camera capture and decode, handheld scanner), so that every loop stops, wakes, joins and fails
// the same way.
//
// The body runs on a std::jthread and is given its std::stop_token. Whatever escapes the body, a
// std::exception or anything else, is caught at the top of the thread and passed to the owner's
// Report, because no exception may leave a thread (docs/ERROR_POLICY.md): the owner turns it into
// its usual error path (an error answer, a sync status, a lost device), which reaches the UI
// through its RunQueue. After a report the thread has ended; it is not restarted.
//
// Waiting: the body sleeps in wait() or wait_until() on a condition that the owner guards with a
// mutex of its own; whoever changes that condition does so under the mutex, then calls notify().
// sleep_for() is a wait on no condition (back-off). A stop request wakes every one of them at once
// (std::condition_variable_any with the stop token), so loops keep no stop flag. Each returns false
// once stop has been requested, whatever the condition says: the body should then return.
//
// Ownership: owns the thread, the body and the report. The owner declares it after every member
// the body uses, or calls stop() in its destructor, so that the thread is joined before they go.
// Thread safety: start(), request_stop(), stop() and the destructor from one controlling thread,
// never from the body or the report (a thread cannot join itself). notify() from any thread. The
// waits from the body, with the stop token it was given.
// Failure: start() lets std::system_error through when no thread can be created (as std::jthread
// does); nothing else throws. The report runs on the worker's thread; what it throws is dropped.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <stop_token>
#include <string_view>
#include <thread>
#include <utility>

namespace passerelle {

class WorkerThread {
 public:
  using Body = std::function<void(std::stop_token)>;
  // `what` is the exception's what(), or "unknown error" for a throw of anything else; it lives
  // only for the call.
  using Report = std::function<void(std::string_view what)>;

  WorkerThread() = default;
  ~WorkerThread();  // stop()
  WorkerThread(const WorkerThread&) = delete;
  WorkerThread& operator=(const WorkerThread&) = delete;

  // Runs `body` on a new thread. Both must be set; a started thread must be stopped before it is
  // started again.
  void start(Body body, Report report);
  // Asks the body to return and wakes its waits, without joining: an owner with two threads asks
  // both before joining either.
  void request_stop();
  // request_stop(), then joins. Safe when never started or already stopped.
  void stop();

  // Wakes the body's wait() or wait_until() to look at its condition again.
  void notify() { wake_.notify_all(); }

  // Blocks until `ready()` holds or stop is requested. `lock` holds the owner's mutex that guards
  // what `ready` reads. False once stop is requested.
  template <class Lock, class Ready>
  bool wait(Lock& lock, std::stop_token stop, Ready ready) {
    wake_.wait(lock, stop, std::move(ready));
    return !stop.stop_requested();
  }

  // As wait(), also returning at `deadline`; the caller looks at its condition to tell which.
  template <class Lock, class Clock, class Duration, class Ready>
  bool wait_until(Lock& lock, std::stop_token stop, const std::chrono::time_point<Clock, Duration>& deadline,
                  Ready ready) {
    wake_.wait_until(lock, stop, deadline, std::move(ready));
    return !stop.stop_requested();
  }

  // Sleeps for `duration` unless stop is requested first; false when it was.
  static bool sleep_for(std::stop_token stop, std::chrono::milliseconds duration);

 private:
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: joined before wake_ is destroyed
};

}  // namespace passerelle
