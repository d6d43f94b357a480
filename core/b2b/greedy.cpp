#include "core/b2b/greedy.h"

#include <algorithm>
#include <numeric>

namespace passerelle::b2b {

Schedule greedy_schedule(const Problem& problem, const Analysis& analysis) {
  const auto slots = static_cast<std::size_t>(problem.slots);
  std::vector<std::vector<bool>> busy(static_cast<std::size_t>(problem.participants) + 1,
                                      std::vector<bool>(slots + 2, false));
  std::vector<int> load(slots + 1, 0);
  Schedule schedule;
  schedule.placements.resize(problem.meetings.size());

  std::vector<std::size_t> order(problem.meetings.size());
  std::iota(order.begin(), order.end(), 0);
  const auto degree = [&](std::size_t meeting) {
    const auto& request = problem.meetings[meeting];
    return analysis.meetings_of[static_cast<std::size_t>(request.a)].size() +
           analysis.meetings_of[static_cast<std::size_t>(request.b)].size();
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t left, std::size_t right) {
    const auto left_slots = analysis.slots_of[left].size();
    const auto right_slots = analysis.slots_of[right].size();
    if (left_slots != right_slots) return left_slots < right_slots;
    return degree(left) > degree(right);
  });

  for (const std::size_t meeting : order) {
    const auto a = static_cast<std::size_t>(problem.meetings[meeting].a);
    const auto b = static_cast<std::size_t>(problem.meetings[meeting].b);
    int best = 0;
    int best_score = 0;
    for (const int slot : analysis.slots_of[meeting]) {
      const auto s = static_cast<std::size_t>(slot);
      if (busy[a][s] || busy[b][s] || load[s] >= problem.tables) continue;
      // Next to a meeting of the same half-day keeps the day without gaps; a lighter slot keeps
      // room for the meetings still to come.
      int score = load[s];
      for (const auto participant : {a, b}) {
        const bool before =
            slot > 1 && half_day(problem, slot - 1) == half_day(problem, slot) && busy[participant][s - 1];
        const bool after =
            slot < problem.slots && half_day(problem, slot + 1) == half_day(problem, slot) && busy[participant][s + 1];
        if (before || after) score -= 2 * problem.tables;
      }
      if (best == 0 || score < best_score) {
        best = slot;
        best_score = score;
      }
    }
    if (best == 0) continue;
    const auto s = static_cast<std::size_t>(best);
    busy[a][s] = busy[b][s] = true;
    ++load[s];
    schedule.placements[meeting] = Placement{best, 0};
  }
  number_tables(schedule);
  return schedule;
}

}  // namespace passerelle::b2b
