// The B2B scheduler: meeting requests to slots and tables (docs/SCHEDULER.md).
//
// It places as many meetings as any valid schedule can hold, and proves it: when not every
// meeting fits, the answer says so only with a proof (an exact SAT search), names the meetings
// left out and why, in words an organiser can act on. Among schedules holding that many it
// prefers fewer idle gaps (schedule.h). Within the time limit it may not settle: it then returns
// the best valid schedule found and the proven bound.
//
// Thread safety: schedule() is reentrant; one call uses one thread. No I/O; time is read from
// the steady clock only to keep the time limit. Failure: Errc::invalid_input when the problem
// fails check_problem(); an infeasible problem is an Outcome, not an error.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/b2b/problem.h"
#include "core/b2b/schedule.h"
#include "core/util/result.h"

namespace passerelle::b2b {

enum class Verdict {
  all_placed,   // every meeting placed
  most_placed,  // proven: no valid schedule holds more than `placed`
  not_settled,  // time ran out: `placed` found, `bound` is the most that might fit
};

struct LeftOut {
  std::size_t meeting = 0;  // index in problem.meetings
  std::string reason;       // "participant 1 has 8 meetings and only 7 slots shared with their partners"
};

struct Outcome {
  Verdict verdict = Verdict::not_settled;
  Schedule schedule;  // always valid
  int placed = 0;
  int bound = 0;  // proven: no valid schedule places more
  int idle_gaps = 0;
  bool gaps_proven_least = false;  // no schedule placing as many has fewer idle gaps
  std::vector<LeftOut> left_out;   // one per meeting left out of `schedule`
  // Why not everything fits, one sentence each (empty when all are placed).
  std::vector<std::string> explanation;
  std::chrono::milliseconds placement_time{0};  // until the verdict on placement (then: idle gaps)
  std::chrono::milliseconds elapsed{0};
};

struct Options {
  // The whole call, gap minimisation included. Placement is settled first.
  std::chrono::milliseconds time_limit{10'000};
  bool minimise_gaps = true;
};

Result<Outcome> schedule(const Problem& problem, const Options& options = {});

}  // namespace passerelle::b2b
