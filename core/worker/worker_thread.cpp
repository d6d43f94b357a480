#include "core/worker/worker_thread.h"

#include <cassert>
#include <exception>
#include <mutex>

namespace passerelle {
namespace {

void tell(const WorkerThread::Report& report, std::string_view what) noexcept {
  try {
    report(what);
  } catch (...) {
    // The report was the last way to tell anyone; the thread ends either way.
  }
}

// The top of every worker thread: nothing gets past it.
void run_guarded(const WorkerThread::Body& body, const WorkerThread::Report& report, std::stop_token stop) noexcept {
  try {
    body(std::move(stop));
  } catch (const std::exception& error) {
    tell(report, error.what());
  } catch (...) {
    tell(report, "unknown error");
  }
}

}  // namespace

WorkerThread::~WorkerThread() {
  stop();
}

void WorkerThread::start(Body body, Report report) {
  assert(body && report);
  assert(!thread_.joinable() && "stop() a worker thread before starting it again");
  thread_ = std::jthread([body = std::move(body), report = std::move(report)](std::stop_token stop) {
    run_guarded(body, report, std::move(stop));
  });
}

void WorkerThread::request_stop() {
  // The stop token's callbacks wake the body's waits.
  thread_.request_stop();
}

void WorkerThread::stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  thread_.join();
}

bool WorkerThread::sleep_for(std::stop_token stop, std::chrono::milliseconds duration) {
  // Nobody notifies a sleep but the stop request, so the mutex and the variable can be its own.
  std::mutex mutex;
  std::condition_variable_any wake;
  std::unique_lock lock(mutex);
  wake.wait_for(lock, stop, duration, [] { return false; });
  return !stop.stop_requested();
}

}  // namespace passerelle
