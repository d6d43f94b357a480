#include "core/b2b/problem.h"

#include <set>

namespace passerelle::b2b {
namespace {

Error invalid_problem(std::string message) {
  return make_error(Errc::invalid_input, std::move(message));
}

}  // namespace

Status check_problem(const Problem& problem) {
  if (problem.participants < 0) return invalid_problem("the number of participants is negative");
  if (problem.slots < 1) return invalid_problem("a B2B session needs at least one slot");
  if (problem.morning_slots < 0 || problem.morning_slots > problem.slots)
    return invalid_problem("morning slots must be 0 to " + std::to_string(problem.slots));
  if (problem.tables < 1) return invalid_problem("a B2B session needs at least one table");
  std::set<int> ids;
  for (const auto& meeting : problem.meetings) {
    const std::string name = "meeting " + std::to_string(meeting.id);
    if (!ids.insert(meeting.id).second) return invalid_problem(name + " is listed twice");
    for (const int participant : {meeting.a, meeting.b})
      if (participant < 1 || participant > problem.participants)
        return invalid_problem(name + ": participant " + std::to_string(participant) + " is not 1 to " +
                               std::to_string(problem.participants));
    if (meeting.a == meeting.b) return invalid_problem(name + ": a participant cannot meet themselves");
    if (meeting.must_hold && !meeting.pinned_slot) return invalid_problem(name + ": only a pinned meeting can be held");
    if (meeting.pinned_slot && (*meeting.pinned_slot < 1 || *meeting.pinned_slot > problem.slots))
      return invalid_problem(name + ": pinned slot " + std::to_string(*meeting.pinned_slot) + " is not 1 to " +
                             std::to_string(problem.slots));
  }
  for (const auto& [participant, slot] : problem.unavailable) {
    if (participant < 1 || participant > problem.participants)
      return invalid_problem("unavailable: participant " + std::to_string(participant) + " is not 1 to " +
                             std::to_string(problem.participants));
    if (slot < 1 || slot > problem.slots)
      return invalid_problem("unavailable: slot " + std::to_string(slot) + " is not 1 to " +
                             std::to_string(problem.slots));
  }
  return {};
}

bool in_window(const Problem& problem, Window window, int slot) {
  switch (window) {
    case Window::any:
      return true;
    case Window::morning:
      return slot <= problem.morning_slots;
    case Window::afternoon:
      return slot > problem.morning_slots;
  }
  return false;
}

int half_day(const Problem& problem, int slot) {
  return slot <= problem.morning_slots ? 0 : 1;
}

std::string participant_name(const Problem& problem, int participant) {
  const auto index = static_cast<std::size_t>(participant);
  if (participant > 0 && index < problem.names.size() && !problem.names[index].empty()) return problem.names[index];
  return "participant " + std::to_string(participant);
}

std::string_view window_name(Window window) {
  switch (window) {
    case Window::any:
      return "any";
    case Window::morning:
      return "morning";
    case Window::afternoon:
      return "afternoon";
  }
  return "any";
}

}  // namespace passerelle::b2b
