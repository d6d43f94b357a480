// What can be said of a B2B problem before searching: each meeting's possible slots, the
// meetings no slot can hold, and the participants with more meetings than slots to hold them
// (Hall's condition on the meetings of one participant). Used by the scheduler for its bound and
// for reasons an organiser can act on.
// Thread safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/b2b/problem.h"

namespace passerelle::b2b {

struct Overload {
  int participant = 0;
  std::vector<std::size_t> meetings;  // the participant's meetings competing for too few slots
  std::vector<int> slots;             // every slot any of them could take
  bool all_meetings = false;          // `meetings` are all of the participant's meetings
  int excess() const { return static_cast<int>(meetings.size() - slots.size()); }
};

struct Analysis {
  std::vector<std::vector<int>> slots_of;             // per meeting: the slots it may take, ascending
  std::vector<std::vector<std::size_t>> meetings_of;  // per participant (index 0 unused)
  // Meetings no slot can hold, with why ("pinned to slot 9, where participant 3 is unavailable").
  std::vector<std::pair<std::size_t, std::string>> impossible;
  std::vector<Overload> overloads;
  // Proven: at least this many meetings cannot be placed (impossible ones + the largest excess).
  int least_left_out = 0;
};

Analysis analyse(const Problem& problem);

// "participant 1 has 8 meetings and only 7 slots shared with their partners"
std::string describe(const Problem& problem, const Overload& overload);

}  // namespace passerelle::b2b
