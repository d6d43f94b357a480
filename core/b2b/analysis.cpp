#include "core/b2b/analysis.h"

#include <algorithm>
#include <functional>
#include <set>

namespace passerelle::b2b {
namespace {

std::string why_impossible(const Problem& problem, const MeetingRequest& meeting,
                           const std::vector<std::vector<bool>>& unavailable) {
  const auto free = [&](int participant, int slot) {
    return !unavailable[static_cast<std::size_t>(participant)][static_cast<std::size_t>(slot)];
  };
  if (meeting.pinned_slot) {
    const int slot = *meeting.pinned_slot;
    const std::string pinned = "pinned to slot " + std::to_string(slot);
    if (!in_window(problem, meeting.window, slot))
      return pinned + ", outside its " + std::string(window_name(meeting.window)) + " window";
    for (const int participant : {meeting.a, meeting.b})
      if (!free(participant, slot))
        return pinned + ", where " + participant_name(problem, participant) + " is unavailable";
  }
  if (meeting.window != Window::any)
    return "no slot of its " + std::string(window_name(meeting.window)) + " window has both participants free";
  return "no slot of the session has both participants free";
}

// Kuhn's augmenting paths: meetings (left) to slots (right). Small graphs: one participant's
// meetings against the day's slots.
struct Matching {
  std::vector<int> slot_of;     // per meeting, -1 if unmatched
  std::vector<int> meeting_of;  // per slot index, -1 if free
};

Matching match(const std::vector<std::vector<int>>& edges, int slots) {
  Matching result{std::vector<int>(edges.size(), -1), std::vector<int>(static_cast<std::size_t>(slots) + 1, -1)};
  std::vector<int> visited(static_cast<std::size_t>(slots) + 1, -1);
  std::function<bool(int, int)> augment = [&](int meeting, int round) {
    for (const int slot : edges[static_cast<std::size_t>(meeting)]) {
      if (visited[static_cast<std::size_t>(slot)] == round) continue;
      visited[static_cast<std::size_t>(slot)] = round;
      const int holder = result.meeting_of[static_cast<std::size_t>(slot)];
      if (holder < 0 || augment(holder, round)) {
        result.meeting_of[static_cast<std::size_t>(slot)] = meeting;
        result.slot_of[static_cast<std::size_t>(meeting)] = slot;
        return true;
      }
    }
    return false;
  };
  for (int meeting = 0; meeting < static_cast<int>(edges.size()); ++meeting) augment(meeting, meeting);
  return result;
}

// König: from the unmatched meetings, the meetings reachable by alternating paths and the slots
// they reach; these meetings outnumber those slots by the matching's deficiency (Hall's witness).
std::optional<Overload> hall_witness(int participant, const std::vector<std::size_t>& meetings,
                                     const std::vector<std::vector<int>>& edges, const Matching& matching) {
  std::vector<bool> meeting_seen(edges.size(), false);
  std::set<int> slots;
  std::vector<int> stack;
  for (std::size_t i = 0; i < edges.size(); ++i)
    if (matching.slot_of[i] < 0) {
      meeting_seen[i] = true;
      stack.push_back(static_cast<int>(i));
    }
  if (stack.empty()) return std::nullopt;
  while (!stack.empty()) {
    const int meeting = stack.back();
    stack.pop_back();
    for (const int slot : edges[static_cast<std::size_t>(meeting)]) {
      if (!slots.insert(slot).second) continue;
      const int holder = matching.meeting_of[static_cast<std::size_t>(slot)];
      if (holder >= 0 && !meeting_seen[static_cast<std::size_t>(holder)]) {
        meeting_seen[static_cast<std::size_t>(holder)] = true;
        stack.push_back(holder);
      }
    }
  }
  Overload overload;
  overload.participant = participant;
  for (std::size_t i = 0; i < edges.size(); ++i)
    if (meeting_seen[i]) overload.meetings.push_back(meetings[i]);
  overload.slots.assign(slots.begin(), slots.end());
  overload.all_meetings = overload.meetings.size() == meetings.size();
  return overload;
}

}  // namespace

Analysis analyse(const Problem& problem) {
  Analysis analysis;
  const auto participants = static_cast<std::size_t>(problem.participants);
  std::vector<std::vector<bool>> unavailable(participants + 1,
                                             std::vector<bool>(static_cast<std::size_t>(problem.slots) + 1, false));
  for (const auto& [participant, slot] : problem.unavailable)
    unavailable[static_cast<std::size_t>(participant)][static_cast<std::size_t>(slot)] = true;

  analysis.slots_of.resize(problem.meetings.size());
  analysis.meetings_of.resize(participants + 1);
  for (std::size_t i = 0; i < problem.meetings.size(); ++i) {
    const auto& meeting = problem.meetings[i];
    auto& slots = analysis.slots_of[i];
    for (int slot = 1; slot <= problem.slots; ++slot) {
      if (meeting.pinned_slot && slot != *meeting.pinned_slot) continue;
      if (!in_window(problem, meeting.window, slot)) continue;
      if (unavailable[static_cast<std::size_t>(meeting.a)][static_cast<std::size_t>(slot)]) continue;
      if (unavailable[static_cast<std::size_t>(meeting.b)][static_cast<std::size_t>(slot)]) continue;
      slots.push_back(slot);
    }
    if (slots.empty()) {
      analysis.impossible.emplace_back(i, why_impossible(problem, meeting, unavailable));
    } else {
      analysis.meetings_of[static_cast<std::size_t>(meeting.a)].push_back(i);
      analysis.meetings_of[static_cast<std::size_t>(meeting.b)].push_back(i);
    }
  }

  int largest_excess = 0;
  for (int participant = 1; participant <= problem.participants; ++participant) {
    const auto& meetings = analysis.meetings_of[static_cast<std::size_t>(participant)];
    if (meetings.empty()) continue;
    std::vector<std::vector<int>> edges;
    for (const std::size_t meeting : meetings) edges.push_back(analysis.slots_of[meeting]);
    const auto matching = match(edges, problem.slots);
    if (auto overload = hall_witness(participant, meetings, edges, matching)) {
      largest_excess = std::max(largest_excess, overload->excess());
      analysis.overloads.push_back(std::move(*overload));
    }
  }
  analysis.least_left_out = static_cast<int>(analysis.impossible.size()) + largest_excess;
  return analysis;
}

std::string describe(const Problem& problem, const Overload& overload) {
  std::string text = participant_name(problem, overload.participant) + " has " +
                     std::to_string(overload.meetings.size()) + " meetings and only " +
                     std::to_string(overload.slots.size()) + " slots shared with their partners";
  if (!overload.all_meetings) {
    text += " (their meetings with ";
    for (std::size_t i = 0; i < overload.meetings.size(); ++i) {
      const auto& meeting = problem.meetings[overload.meetings[i]];
      if (i > 0) text += i + 1 == overload.meetings.size() ? " and " : ", ";
      text += participant_name(problem, meeting.a == overload.participant ? meeting.b : meeting.a);
    }
    text += ")";
  }
  return text;
}

}  // namespace passerelle::b2b
