// A private X server for UI tests (Xvfb on a free display, learnt through -displayfd) and a way to
// run a program under it with a time limit.
//
// Ownership: an Xvfb owns its server process and kills it (SIGTERM, then waits) when destroyed.
// Thread safety: none; one test at a time uses an Xvfb. Failure: start() returns Errc::not_found
// when there is no Xvfb on PATH and Errc::io when it does not come up.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace passerelle::testing {

class Xvfb {
 public:
  static bool available();
  static Result<std::unique_ptr<Xvfb>> start();
  ~Xvfb();
  Xvfb(const Xvfb&) = delete;
  Xvfb& operator=(const Xvfb&) = delete;

  // ":N", for DISPLAY.
  const std::string& display() const { return display_; }

 private:
  Xvfb(pid_t pid, std::string display) : pid_(pid), display_(std::move(display)) {}
  pid_t pid_;
  std::string display_;
};

struct ProcessResult {
  int status = -1;         // exit status; -1 when killed or it died on a signal
  bool timed_out = false;  // killed after the time limit
  std::string output;      // stdout and stderr together
};

// Runs `argv` with `environment` ("NAME=value") added to ours; output goes through `log_file`.
ProcessResult run_process(const std::vector<std::string>& argv, const std::vector<std::string>& environment,
                          std::chrono::seconds limit, const std::filesystem::path& log_file);

}  // namespace passerelle::testing
