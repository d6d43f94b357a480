// What `schedule` and `schedule-instance` share on the command line: the time limit they read and
// the exit status their verdict gives (docs/cli.md, "Exit statuses").
#pragma once

#include <chrono>

#include "core/b2b/scheduler.h"
#include "core/util/result.h"
#include "sync/hub/cli/args.h"

namespace passerelle::hub {

// --time-limit S: seconds, fractions allowed, more than 0 and at most 3600; 10 s when absent.
// Errc::invalid_input otherwise.
Result<std::chrono::milliseconds> schedule_time_limit(const ParsedArgs& args);

// 0 every meeting placed, 20 proven most placed, 21 not settled.
int exit_code_for(b2b::Verdict verdict);

}  // namespace passerelle::hub
