// The purge `serve` runs (retention.h): once at start, then every day while it serves. A run that
// fails (a busy file, a reader keeping the write-ahead log) is tried again an hour later.
//
// Ownership: owns one thread and opens its own Store on `db_path`, as every thread of the hub
// does. The clock is borrowed and must outlive it; so must `log`, which receives one line per run
// that erased something or failed (each written with a single insertion, so lines do not mix).
// The destructor stops the thread, waiting for a run in progress to finish.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <thread>

#include "core/util/clock.h"

namespace passerelle::hub::privacy {

class DailyPurge {
 public:
  DailyPurge(std::filesystem::path db_path, const Clock& clock, std::ostream& log);
  ~DailyPurge();
  DailyPurge(const DailyPurge&) = delete;
  DailyPurge& operator=(const DailyPurge&) = delete;

 private:
  void run();
  bool run_once();  // true when it succeeded

  std::filesystem::path db_path_;
  const Clock* clock_;
  std::ostream* log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace passerelle::hub::privacy
