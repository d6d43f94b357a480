#include "tests/b2b/schedule_validator.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <utility>

namespace passerelle::testing {

namespace {

std::string meeting_name(const b2b::Problem& problem, std::size_t index) {
  return "meeting " + std::to_string(problem.meetings[index].id);
}

std::string range_text(int first, int last) {
  return std::to_string(first) + ".." + std::to_string(last);
}

bool slot_in_range(const b2b::Problem& problem, int slot) {
  return slot >= 1 && slot <= problem.slots;
}

// Written out again rather than taken from problem.cpp: this file must not share the scheduler's
// reading of the rules.
bool slot_fits_window(const b2b::Problem& problem, b2b::Window window, int slot) {
  switch (window) {
    case b2b::Window::any:
      return true;
    case b2b::Window::morning:
      return slot >= 1 && slot <= problem.morning_slots;
    case b2b::Window::afternoon:
      return slot > problem.morning_slots && slot <= problem.slots;
  }
  return false;
}

std::string window_text(const b2b::Problem& problem, b2b::Window window) {
  switch (window) {
    case b2b::Window::any:
      return "any (" + range_text(1, problem.slots) + ")";
    case b2b::Window::morning:
      return "morning (" + range_text(1, problem.morning_slots) + ")";
    case b2b::Window::afternoon:
      return "afternoon (" + range_text(problem.morning_slots + 1, problem.slots) + ")";
  }
  return "unknown";
}

}  // namespace

int count_placed(const b2b::Schedule& schedule) {
  return static_cast<int>(std::count_if(schedule.placements.begin(), schedule.placements.end(),
                                        [](const auto& p) { return p.has_value(); }));
}

std::vector<std::string> schedule_violations(const b2b::Problem& problem, const b2b::Schedule& schedule) {
  std::vector<std::string> violations;
  if (schedule.placements.size() != problem.meetings.size()) {
    violations.push_back("placements: the schedule has " + std::to_string(schedule.placements.size()) +
                         " placements for " + std::to_string(problem.meetings.size()) + " meetings");
    return violations;
  }

  const std::set<std::pair<int, int>> unavailable(problem.unavailable.begin(), problem.unavailable.end());
  std::map<std::pair<int, int>, std::size_t> table_holder;        // (slot, table) -> meeting index
  std::map<std::pair<int, int>, std::size_t> participant_holder;  // (participant, slot) -> meeting index
  std::map<int, int> meetings_in_slot;

  for (std::size_t i = 0; i < problem.meetings.size(); ++i) {
    if (!schedule.placements[i]) continue;
    const b2b::MeetingRequest& meeting = problem.meetings[i];
    const b2b::Placement& place = *schedule.placements[i];
    const std::string name = meeting_name(problem, i);

    if (meeting.pinned_slot && place.slot != *meeting.pinned_slot) {
      violations.push_back("pinned: " + name + " is pinned to slot " + std::to_string(*meeting.pinned_slot) +
                           " but placed in slot " + std::to_string(place.slot));
    }
    if (!slot_in_range(problem, place.slot)) {
      violations.push_back("slot range: " + name + " is in slot " + std::to_string(place.slot) + ", outside " +
                           range_text(1, problem.slots));
      // Nothing else about a slot that does not exist means anything.
      continue;
    }
    if (place.table < 1 || place.table > problem.tables) {
      violations.push_back("table range: " + name + " is at table " + std::to_string(place.table) + ", outside " +
                           range_text(1, problem.tables));
    }
    const auto [holder, table_free] = table_holder.emplace(std::pair{place.slot, place.table}, i);
    if (!table_free) {
      violations.push_back("shared table: " + meeting_name(problem, holder->second) + " and " + name +
                           " are both at table " + std::to_string(place.table) + " in slot " +
                           std::to_string(place.slot));
    }
    ++meetings_in_slot[place.slot];

    for (const int participant : {meeting.a, meeting.b}) {
      const auto [busy, free] = participant_holder.emplace(std::pair{participant, place.slot}, i);
      // A meeting of a participant with themselves is check_problem's to refuse, not a double booking.
      if (!free && busy->second != i) {
        violations.push_back("double booking: participant " + std::to_string(participant) + " is in " +
                             meeting_name(problem, busy->second) + " and " + name + " in slot " +
                             std::to_string(place.slot));
      }
      if (unavailable.contains({participant, place.slot})) {
        violations.push_back("unavailable: " + name + " is in slot " + std::to_string(place.slot) +
                             ", where participant " + std::to_string(participant) + " is unavailable");
      }
    }
    if (!slot_fits_window(problem, meeting.window, place.slot)) {
      violations.push_back("window: " + name + " is in slot " + std::to_string(place.slot) + ", outside its window " +
                           window_text(problem, meeting.window));
    }
  }

  for (const auto& [slot, count] : meetings_in_slot) {
    if (count > problem.tables) {
      violations.push_back("too many tables: slot " + std::to_string(slot) + " holds " + std::to_string(count) +
                           " meetings and there are " + std::to_string(problem.tables) + " tables");
    }
  }
  return violations;
}

int count_idle_gaps(const b2b::Problem& problem, const b2b::Schedule& schedule) {
  // (participant, half-day) -> the slots they meet in; a set, so a double booking counts once.
  std::map<std::pair<int, int>, std::set<int>> busy;
  const std::size_t count = std::min(problem.meetings.size(), schedule.placements.size());
  for (std::size_t i = 0; i < count; ++i) {
    if (!schedule.placements[i]) continue;
    const int slot = schedule.placements[i]->slot;
    if (!slot_in_range(problem, slot)) continue;
    const int half = slot <= problem.morning_slots ? 0 : 1;
    busy[{problem.meetings[i].a, half}].insert(slot);
    busy[{problem.meetings[i].b, half}].insert(slot);
  }
  int gaps = 0;
  for (const auto& [who, slots] : busy) {
    const int span = *slots.rbegin() - *slots.begin() + 1;
    gaps += span - static_cast<int>(slots.size());
  }
  return gaps;
}

}  // namespace passerelle::testing
