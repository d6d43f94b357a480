#include "core/b2b/reschedule.h"

#include <algorithm>
#include <map>
#include <set>

namespace passerelle::b2b {
namespace {

Status check_published(const Problem& problem, const Schedule& published) {
  if (published.placements.size() != problem.meetings.size())
    return make_error(Errc::invalid_input, "the published schedule has " + std::to_string(published.placements.size()) +
                                               " meetings; the problem " + std::to_string(problem.meetings.size()));
  std::set<std::pair<int, int>> tables;
  for (std::size_t i = 0; i < published.placements.size(); ++i) {
    const auto& place = published.placements[i];
    if (!place) continue;
    const std::string name = "published meeting " + std::to_string(problem.meetings[i].id);
    if (place->slot < 1 || place->slot > problem.slots) return make_error(Errc::invalid_input, name + ": no such slot");
    if (place->table < 1 || place->table > problem.tables)
      return make_error(Errc::invalid_input, name + ": no such table");
    if (!tables.emplace(place->slot, place->table).second)
      return make_error(Errc::invalid_input, name + ": its table is taken by another meeting of that slot");
  }
  return {};
}

}  // namespace

Result<Rescheduled> reschedule(const Problem& problem, const Schedule& published,
                               const std::vector<std::size_t>& movable, const Options& options) {
  PSL_TRY(check_problem(problem));
  PSL_TRY(check_published(problem, published));
  std::vector<bool> moves(problem.meetings.size(), false);
  for (const std::size_t meeting : movable) {
    if (meeting >= problem.meetings.size())
      return make_error(Errc::invalid_input, "a movable meeting is not in the problem");
    moves[meeting] = true;
  }

  // Fixed meetings are pinned, held (never dropped) and exempt from the unavailability the
  // caller added: a participant marked away keeps a fixed meeting only if the caller left it fixed.
  Problem pinned = problem;
  std::set<std::pair<int, int>> held;  // (participant, slot) of fixed meetings
  for (std::size_t i = 0; i < problem.meetings.size(); ++i) {
    const auto& place = published.placements[i];
    if (moves[i] || !place) continue;
    pinned.meetings[i].pinned_slot = place->slot;
    pinned.meetings[i].window = Window::any;  // a fixed meeting stays, whatever its window says now
    pinned.meetings[i].must_hold = true;      // and is never dropped to make room for a moved one
    for (const int participant : {problem.meetings[i].a, problem.meetings[i].b})
      if (!held.emplace(participant, place->slot).second)
        return make_error(Errc::invalid_input, "published meeting " + std::to_string(problem.meetings[i].id) +
                                                   ": participant " + std::to_string(participant) +
                                                   " has another fixed meeting in slot " + std::to_string(place->slot));
  }
  pinned.unavailable.erase(std::remove_if(pinned.unavailable.begin(), pinned.unavailable.end(),
                                          [&](const std::pair<int, int>& busy) { return held.count(busy) != 0; }),
                           pinned.unavailable.end());

  PSL_ASSIGN_OR_RETURN(auto outcome, schedule(pinned, options));

  // Tables: fixed meetings keep theirs; the others take the lowest free table of their slot.
  std::map<int, std::set<int>> taken;
  for (std::size_t i = 0; i < problem.meetings.size(); ++i) {
    auto& place = outcome.schedule.placements[i];
    if (place && !moves[i] && published.placements[i]) {
      place->table = published.placements[i]->table;
      taken[place->slot].insert(place->table);
    }
  }
  for (std::size_t i = 0; i < problem.meetings.size(); ++i) {
    auto& place = outcome.schedule.placements[i];
    if (!place || (!moves[i] && published.placements[i])) continue;
    auto& used = taken[place->slot];
    int table = 1;
    while (used.count(table) != 0) ++table;
    place->table = table;
    used.insert(table);
  }

  Rescheduled result;
  std::set<int> participants;
  for (std::size_t i = 0; i < problem.meetings.size(); ++i) {
    const auto& before = published.placements[i];
    const auto& after = outcome.schedule.placements[i];
    const bool same = before.has_value() == after.has_value() &&
                      (!before || (before->slot == after->slot && before->table == after->table));
    if (same) continue;
    result.changes.push_back(AgendaChange{i, before, after});
    participants.insert(problem.meetings[i].a);
    participants.insert(problem.meetings[i].b);
  }
  result.participants.assign(participants.begin(), participants.end());
  result.outcome = std::move(outcome);
  return result;
}

}  // namespace passerelle::b2b
