// Changing a published schedule without moving what people already hold (issue #12): a walk-in
// meeting added during the day, or the meetings of a participant who did not come re-placed in
// later slots. Every published meeting not named movable keeps its slot and its table; the
// scheduler places the movable ones (and any meeting that has no published place) around them,
// with the same proofs and reasons as schedule().
//
// Thread safety: reentrant, one thread per call. No I/O.
// Failure: Errc::invalid_input when the problem fails check_problem() or `published` does not fit
// it (size, a slot or table out of range, two published meetings on one table of one slot).
#pragma once

#include <optional>
#include <vector>

#include "core/b2b/scheduler.h"

namespace passerelle::b2b {

struct AgendaChange {
  std::size_t meeting = 0;  // index in problem.meetings
  std::optional<Placement> before;
  std::optional<Placement> after;
};

struct Rescheduled {
  Outcome outcome;                    // over the whole problem; its schedule keeps every fixed place
  std::vector<AgendaChange> changes;  // meetings whose place changed, in problem order
  std::vector<int> participants;      // whose agenda changed, ascending: tell them
};

// `published.placements[i]` is meeting i's place as published (empty: never placed, or new).
// `movable` lists published meetings that may move (or be left out). Unavailable slots added to
// `problem` (a participant who did not come in the morning) apply to movable meetings only: a
// fixed meeting stays where it is.
Result<Rescheduled> reschedule(const Problem& problem, const Schedule& published,
                               const std::vector<std::size_t>& movable, const Options& options = {});

}  // namespace passerelle::b2b
