// A checker of b2b schedules written apart from the scheduler (core/b2b): it re-reads the rules of
// core/b2b/problem.h and schedule.h from their text and shares no code with the implementation, so
// that a mistake in the scheduler's own helpers (in_window, idle_gaps, ...) cannot hide itself.
// Uses only the plain fields of Problem and Schedule: it links nothing of the b2b library.
//
// Contract: the problem is taken as given (its own bounds are check_problem's business); the
// schedule is judged against it. A meeting left out (an empty placement) breaks no rule.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "core/b2b/problem.h"
#include "core/b2b/schedule.h"

namespace passerelle::testing {

// Every broken rule, one sentence each, starting with the rule's name and a colon so that a test
// can tell which rule it caught:
//   "placements:"      the schedule's size differs from the number of meetings (nothing else is
//                      judged then: placements cannot be matched to meetings)
//   "slot range:"      a slot outside 1..slots
//   "table range:"     a table outside 1..tables
//   "shared table:"    two meetings on one table in one slot
//   "too many tables:" more than `tables` meetings in one slot
//   "double booking:"  a participant in two meetings of one slot
//   "window:"          a slot outside the meeting's window (morning 1..morning_slots, afternoon the rest)
//   "unavailable:"     a participant unavailable in the meeting's slot
//   "pinned:"          a pinned meeting placed in another slot than its pinned one
// Meetings are named by their id. Empty when the schedule is valid.
std::vector<std::string> schedule_violations(const b2b::Problem& problem, const b2b::Schedule& schedule);

// Idle gaps, counted from the definition: per participant and half-day, the slots between their
// first and last meeting of that half-day in which they have none. Placements whose slot is out of
// range are not counted (schedule_violations reports them).
int count_idle_gaps(const b2b::Problem& problem, const b2b::Schedule& schedule);

// The number of meetings the schedule places (non-empty placements).
int count_placed(const b2b::Schedule& schedule);

}  // namespace passerelle::testing
