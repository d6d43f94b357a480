// The scheduling problem as SAT clauses on a SatSolver: x(meeting, slot) for each slot a meeting
// may take, placed(meeting), one slot per placed meeting, one meeting per participant and slot.
// The tables' limit is added lazily, for a slot once a model overfills it (most slots of real
// forums never could); idle-gap counting is added on demand.
//
// Ownership: borrows the problem, its analysis and the solver, which must outlive it.
// Thread safety: one thread.
#pragma once

#include <vector>

#include "core/b2b/analysis.h"
#include "core/b2b/sat_solver.h"
#include "core/b2b/schedule.h"

namespace passerelle::b2b {

class PlacementModel {
 public:
  PlacementModel(const Problem& problem, const Analysis& analysis, SatSolver& solver);

  // The literal "meeting i is placed"; 0 for a meeting no slot can hold.
  int placed(std::size_t meeting) const { return placed_[meeting]; }
  // "not placed", for every meeting some slot could hold.
  std::vector<int> unplaced_literals() const;

  // After a sat answer: adds the tables' limit for every slot the model overfills. True when it
  // added one (the model is then not a schedule: solve again).
  bool limit_overfull_slots();
  Schedule decode();

  // Adds the idle-gap indicators (once) and returns them: each true when its participant sits idle
  // in that slot between two of their meetings of the half-day.
  const std::vector<int>& idle_literals();

 private:
  const Problem& problem_;
  const Analysis& analysis_;
  SatSolver& solver_;
  std::vector<int> placed_;
  std::vector<std::vector<int>> x_;  // aligned with analysis.slots_of
  std::vector<bool> slot_limited_;
  std::vector<int> idle_;
  bool idle_built_ = false;
};

}  // namespace passerelle::b2b
