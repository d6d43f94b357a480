#include "core/b2b/schedule.h"

#include <algorithm>
#include <map>

namespace passerelle::b2b {

int Schedule::placed() const {
  return static_cast<int>(std::count_if(placements.begin(), placements.end(),
                                        [](const std::optional<Placement>& place) { return place.has_value(); }));
}

int idle_gaps(const Problem& problem, const Schedule& schedule) {
  // busy[participant] = the slots they meet in.
  std::vector<std::vector<bool>> busy(static_cast<std::size_t>(problem.participants) + 1,
                                      std::vector<bool>(static_cast<std::size_t>(problem.slots) + 1, false));
  for (std::size_t i = 0; i < schedule.placements.size() && i < problem.meetings.size(); ++i) {
    if (!schedule.placements[i]) continue;
    const auto slot = static_cast<std::size_t>(schedule.placements[i]->slot);
    busy[static_cast<std::size_t>(problem.meetings[i].a)][slot] = true;
    busy[static_cast<std::size_t>(problem.meetings[i].b)][slot] = true;
  }
  int gaps = 0;
  const std::pair<int, int> halves[] = {{1, problem.morning_slots}, {problem.morning_slots + 1, problem.slots}};
  for (const auto& row : busy) {
    for (const auto& [first, last] : halves) {
      int seen = -1;
      for (int slot = first; slot <= last; ++slot) {
        if (!row[static_cast<std::size_t>(slot)]) continue;
        if (seen >= 0) gaps += slot - seen - 1;
        seen = slot;
      }
    }
  }
  return gaps;
}

void number_tables(Schedule& schedule) {
  std::map<int, int> used;
  for (auto& place : schedule.placements)
    if (place) place->table = ++used[place->slot];
}

}  // namespace passerelle::b2b
