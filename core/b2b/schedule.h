// A schedule of a b2b::Problem and what it is measured by.
// Thread safety: plain values and pure functions.
#pragma once

#include <optional>
#include <vector>

#include "core/b2b/problem.h"

namespace passerelle::b2b {

struct Placement {
  int slot = 0;   // 1..slots
  int table = 0;  // 1..tables, distinct within the slot

  bool operator==(const Placement&) const = default;
};

// placements[i] is problem.meetings[i]'s place, or empty when it is left out.
struct Schedule {
  std::vector<std::optional<Placement>> placements;

  int placed() const;
};

// Idle gaps: for each participant and half-day, the slots between their first and last meeting
// of that half-day in which they have no meeting, summed. A participant with meetings at slots 2
// and 5 of the morning has 2 (slots 3 and 4).
int idle_gaps(const Problem& problem, const Schedule& schedule);

// Numbers the tables of each slot 1, 2, ... in meeting order, keeping none of the old numbers.
void number_tables(Schedule& schedule);

}  // namespace passerelle::b2b
