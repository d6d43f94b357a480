#include "core/b2b/placement_model.h"

namespace passerelle::b2b {

PlacementModel::PlacementModel(const Problem& problem, const Analysis& analysis, SatSolver& solver)
    : problem_(problem),
      analysis_(analysis),
      solver_(solver),
      placed_(problem.meetings.size(), 0),
      x_(problem.meetings.size()),
      slot_limited_(static_cast<std::size_t>(problem.slots) + 1, false) {
  for (std::size_t meeting = 0; meeting < problem.meetings.size(); ++meeting) {
    const auto& slots = analysis.slots_of[meeting];
    if (slots.empty()) continue;
    placed_[meeting] = solver_.new_var();
    auto& x = x_[meeting];
    for (std::size_t i = 0; i < slots.size(); ++i) x.push_back(solver_.new_var());
    std::vector<int> some_slot{-placed_[meeting]};
    for (const int literal : x) {
      some_slot.push_back(literal);
      solver_.clause({-literal, placed_[meeting]});
    }
    solver_.clause(some_slot);
    solver_.at_most_one(x);
    solver_.prefer(placed_[meeting]);
    if (problem.meetings[meeting].must_hold) solver_.clause({placed_[meeting]});
  }
  // One meeting per participant and slot.
  for (int participant = 1; participant <= problem.participants; ++participant) {
    std::vector<std::vector<int>> by_slot(static_cast<std::size_t>(problem.slots) + 1);
    for (const std::size_t meeting : analysis.meetings_of[static_cast<std::size_t>(participant)]) {
      const auto& slots = analysis.slots_of[meeting];
      for (std::size_t i = 0; i < slots.size(); ++i)
        by_slot[static_cast<std::size_t>(slots[i])].push_back(x_[meeting][i]);
    }
    for (const auto& literals : by_slot)
      if (literals.size() > 1) solver_.at_most_one(literals);
  }
}

std::vector<int> PlacementModel::unplaced_literals() const {
  std::vector<int> literals;
  for (const int literal : placed_)
    if (literal != 0) literals.push_back(-literal);
  return literals;
}

bool PlacementModel::limit_overfull_slots() {
  std::vector<std::vector<int>> by_slot(static_cast<std::size_t>(problem_.slots) + 1);
  std::vector<int> load(static_cast<std::size_t>(problem_.slots) + 1, 0);
  for (std::size_t meeting = 0; meeting < x_.size(); ++meeting) {
    const auto& slots = analysis_.slots_of[meeting];
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const auto slot = static_cast<std::size_t>(slots[i]);
      by_slot[slot].push_back(x_[meeting][i]);
      if (solver_.value(x_[meeting][i])) ++load[slot];
    }
  }
  bool added = false;
  for (std::size_t slot = 1; slot < by_slot.size(); ++slot) {
    if (slot_limited_[slot] || load[slot] <= problem_.tables) continue;
    const auto count = solver_.counter(by_slot[slot], problem_.tables + 1);
    solver_.clause({-count[static_cast<std::size_t>(problem_.tables)]});
    slot_limited_[slot] = true;
    added = true;
  }
  return added;
}

Schedule PlacementModel::decode() {
  Schedule schedule;
  schedule.placements.resize(problem_.meetings.size());
  for (std::size_t meeting = 0; meeting < x_.size(); ++meeting) {
    for (std::size_t i = 0; i < x_[meeting].size(); ++i)
      if (solver_.value(x_[meeting][i])) {
        schedule.placements[meeting] = Placement{analysis_.slots_of[meeting][i], 0};
        break;
      }
  }
  number_tables(schedule);
  return schedule;
}

const std::vector<int>& PlacementModel::idle_literals() {
  if (idle_built_) return idle_;
  idle_built_ = true;
  const auto slots = static_cast<std::size_t>(problem_.slots);
  const std::pair<int, int> halves[] = {{1, problem_.morning_slots}, {problem_.morning_slots + 1, problem_.slots}};
  for (int participant = 1; participant <= problem_.participants; ++participant) {
    const auto& meetings = analysis_.meetings_of[static_cast<std::size_t>(participant)];
    if (meetings.size() < 2) continue;
    std::vector<std::vector<int>> at(slots + 1);
    for (const std::size_t meeting : meetings)
      for (std::size_t i = 0; i < x_[meeting].size(); ++i)
        at[static_cast<std::size_t>(analysis_.slots_of[meeting][i])].push_back(x_[meeting][i]);
    for (const auto& [first, last] : halves) {
      if (last - first < 2) continue;  // no slot between two others
      // busy(s) <=> one of the participant's meetings is in s; 0 when none can be.
      std::vector<int> busy(slots + 2, 0);
      int possible = 0;
      for (int slot = first; slot <= last; ++slot) {
        const auto& literals = at[static_cast<std::size_t>(slot)];
        if (literals.empty()) continue;
        ++possible;
        const int var = solver_.new_var();
        std::vector<int> some{-var};
        for (const int literal : literals) {
          solver_.clause({-literal, var});
          some.push_back(literal);
        }
        solver_.clause(some);
        busy[static_cast<std::size_t>(slot)] = var;
      }
      if (possible < 2) continue;
      // before(s): a meeting at or before s in this half-day; after(s): at or after s. Only
      // forced true; a solver setting one true for nothing only counts more idle slots.
      std::vector<int> before(slots + 2, 0), after(slots + 2, 0);
      for (int slot = first; slot <= last; ++slot) {
        const auto s = static_cast<std::size_t>(slot);
        before[s] = solver_.new_var();
        solver_.prefer(-before[s]);
        if (busy[s] != 0) solver_.clause({-busy[s], before[s]});
        if (slot > first) solver_.clause({-before[s - 1], before[s]});
      }
      for (int slot = last; slot >= first; --slot) {
        const auto s = static_cast<std::size_t>(slot);
        after[s] = solver_.new_var();
        solver_.prefer(-after[s]);
        if (busy[s] != 0) solver_.clause({-busy[s], after[s]});
        if (slot < last) solver_.clause({-after[s + 1], after[s]});
      }
      for (int slot = first + 1; slot < last; ++slot) {
        const auto s = static_cast<std::size_t>(slot);
        const int idle = solver_.new_var();
        std::vector<int> clause{-before[s - 1], -after[s + 1], idle};
        if (busy[s] != 0) clause.push_back(busy[s]);
        solver_.clause(clause);
        solver_.prefer(-idle);
        idle_.push_back(idle);
      }
    }
  }
  return idle_;
}

}  // namespace passerelle::b2b
