#include "sync/hub/privacy/daily_purge.h"

#include <chrono>
#include <string>

#include "core/store/store.h"
#include "sync/hub/privacy/retention.h"

namespace passerelle::hub::privacy {

DailyPurge::DailyPurge(std::filesystem::path db_path, const Clock& clock, std::ostream& log)
    : db_path_(std::move(db_path)), clock_(&clock), log_(&log) {
  thread_ = std::thread([this] { run(); });
}

DailyPurge::~DailyPurge() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void DailyPurge::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    const bool succeeded = run_once();
    lock.lock();
    const auto pause = succeeded ? std::chrono::hours(24) : std::chrono::hours(1);
    wake_.wait_for(lock, pause, [this] { return stopping_; });
  }
}

bool DailyPurge::run_once() {
  auto store = Store::open(db_path_, *clock_);
  if (!store) {
    *log_ << ("passerelle-hub: purge: " + store.error().message + "\n") << std::flush;
    return false;
  }
  auto purged = purge(*store, "serve");
  if (!purged) {
    *log_ << ("passerelle-hub: purge: " + purged.error().message + "\n") << std::flush;
    return false;
  }
  for (const auto& event : *purged)
    *log_ << ("passerelle-hub: retention of event " + std::to_string(event.event_id) + ": " + describe(event.file) +
              "\n")
          << std::flush;
  return true;
}

}  // namespace passerelle::hub::privacy
