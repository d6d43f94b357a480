#include "core/b2b/scheduler.h"

#include <algorithm>
#include <optional>

#include "core/b2b/analysis.h"
#include "core/b2b/greedy.h"
#include "core/b2b/placement_model.h"
#include "core/b2b/sat_solver.h"

namespace passerelle::b2b {
namespace {

using SteadyClock = std::chrono::steady_clock;
using Answer = SatSolver::Answer;

// The first budget of a search that alternates between two questions; doubled every round.
constexpr std::int64_t kFirstConflictBudget = 20'000;
// Counting idle gaps exactly costs about (indicators x gaps) clauses; beyond this the scheduler
// only asks for a schedule without any gap and keeps the best it has otherwise.
constexpr std::size_t kGapCounterClauses = 4'000'000;
// Meetings a conflict explanation names at most.
constexpr std::size_t kCoreNamed = 8;

std::string list_meetings(const Problem& problem, const std::vector<std::size_t>& meetings) {
  std::string text;
  const std::size_t named = std::min(meetings.size(), kCoreNamed);
  for (std::size_t i = 0; i < named; ++i) {
    if (i > 0) text += i + 1 == named && named == meetings.size() ? " and " : ", ";
    const auto& meeting = problem.meetings[meetings[i]];
    text += std::to_string(meeting.id) + " (" + participant_name(problem, meeting.a) + " with " +
            participant_name(problem, meeting.b);
    if (meeting.pinned_slot) text += ", pinned to slot " + std::to_string(*meeting.pinned_slot);
    text += ")";
  }
  if (named < meetings.size()) text += " and " + std::to_string(meetings.size() - named) + " more";
  return text;
}

class Search {
 public:
  Search(const Problem& problem, const Options& options)
      : problem_(problem),
        options_(options),
        start_(SteadyClock::now()),
        deadline_(start_ + options.time_limit),
        analysis_(analyse(problem)),
        model_(problem, analysis_, solver_) {}

  Outcome run() {
    best_ = greedy_schedule(problem_, analysis_);
    best_left_ = left_out(best_);
    lower_left_ = analysis_.least_left_out;
    // Counts the meetings some slot could hold that are left out, up to what the greedy left.
    const int impossible = static_cast<int>(analysis_.impossible.size());
    left_counter_ = solver_.counter(model_.unplaced_literals(), best_left_ - impossible + 1);
    settle_placement();
    placement_time_ = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start_);
    if (options_.minimise_gaps) minimise_gaps();
    return outcome();
  }

 private:
  int left_out(const Schedule& schedule) const {
    return static_cast<int>(problem_.meetings.size()) - schedule.placed();
  }

  // Assumptions for "at most `left` meetings left out".
  std::vector<int> at_most_left(int left) const {
    const int index = left - static_cast<int>(analysis_.impossible.size());
    if (index < 0 || index >= static_cast<int>(left_counter_.size())) return {};
    return {-left_counter_[static_cast<std::size_t>(index)]};
  }

  // Solves, adding the tables' limit for slots a model overfills until a model respects it.
  Answer solve(const std::vector<int>& assumptions, std::int64_t conflicts = -1,
               std::optional<SteadyClock::time_point> until = std::nullopt) {
    for (;;) {
      const auto answer = solver_.solve(assumptions, until ? std::min(*until, deadline_) : deadline_, conflicts);
      if (answer != Answer::sat || !model_.limit_overfull_slots()) return answer;
    }
  }

  void take_model() {
    auto schedule = model_.decode();
    const int left = left_out(schedule);
    if (left < best_left_ || (left == best_left_ && idle_gaps(problem_, schedule) < idle_gaps(problem_, best_))) {
      best_ = std::move(schedule);
      best_left_ = left;
    }
  }

  // Most meetings placed, proven: asks "at most `lower` left out" (a sat answer settles it, an
  // unsat one proves one more must go) and, while that is undecided, "one fewer than the best
  // found" to improve the schedule in hand. Budgets double each round until the deadline.
  void settle_placement() {
    std::int64_t budget = kFirstConflictBudget;
    while (lower_left_ < best_left_ && SteadyClock::now() < deadline_) {
      auto answer = solve(at_most_left(lower_left_), budget);
      if (answer == Answer::sat) {
        take_model();
        continue;
      }
      if (answer == Answer::unsat) {
        ++lower_left_;
        raised_by_search_ = true;
        continue;
      }
      if (best_left_ - 1 > lower_left_) {
        answer = solve(at_most_left(best_left_ - 1), budget);
        if (answer == Answer::sat) take_model();
        if (answer == Answer::unsat) {
          lower_left_ = best_left_;
          raised_by_search_ = true;
        }
      }
      budget *= 2;
    }
  }

  // Fewer idle gaps among schedules leaving out no more than the best: first "none at all"
  // (real forums often allow it), then one fewer than the best found, until proven or out of time.
  void minimise_gaps() {
    if (best_.placed() == 0 || SteadyClock::now() >= deadline_) return;
    const auto& idle = model_.idle_literals();
    const auto keep = at_most_left(best_left_);
    best_gaps_ = idle_gaps(problem_, best_);
    if (best_gaps_ == 0) {
      gaps_proven_ = true;
      return;
    }
    std::vector<int> none = keep;
    for (const int literal : idle) none.push_back(-literal);
    // Half of the time left: "none" is the usual answer on real forums, but where pinned
    // meetings make gaps, proving it impossible can take long, and stepping down still pays.
    auto answer = solve(none, -1, SteadyClock::now() + (deadline_ - SteadyClock::now()) / 2);
    if (answer == Answer::sat) {
      take_model();
      best_gaps_ = idle_gaps(problem_, best_);
      gaps_proven_ = best_gaps_ == 0;
      return;
    }
    if (idle.size() * static_cast<std::size_t>(best_gaps_) > kGapCounterClauses) return;
    const auto counter = solver_.counter(idle, best_gaps_);
    while (best_gaps_ > 0 && SteadyClock::now() < deadline_) {
      auto step = keep;
      step.push_back(-counter[static_cast<std::size_t>(best_gaps_ - 1)]);
      answer = solve(step);
      if (answer == Answer::unsat) {
        gaps_proven_ = true;
        return;
      }
      if (answer != Answer::sat) return;
      take_model();
      best_gaps_ = idle_gaps(problem_, best_);
    }
    gaps_proven_ = best_gaps_ == 0;
  }

  // The meetings `left` conflicts with: with every meeting of the best schedule placed, `left`
  // cannot be (or the schedule would not be the best); the solver's failed assumptions name a
  // set of them, shrunk one meeting at a time while time allows.
  std::vector<std::size_t> conflict_of(std::size_t left) {
    const auto assume = [&](const std::vector<std::size_t>& meetings) {
      std::vector<int> assumptions{model_.placed(left)};
      for (const std::size_t meeting : meetings) assumptions.push_back(model_.placed(meeting));
      return assumptions;
    };
    const auto failed_of = [&](const std::vector<std::size_t>& meetings) {
      std::vector<std::size_t> kept;
      for (const std::size_t meeting : meetings)
        if (solver_.failed(model_.placed(meeting))) kept.push_back(meeting);
      return kept;
    };
    std::vector<std::size_t> core;
    for (std::size_t i = 0; i < problem_.meetings.size(); ++i)
      if (best_.placements[i]) core.push_back(i);
    if (solve(assume(core), kFirstConflictBudget) != Answer::unsat) return {};
    core = failed_of(core);
    for (std::size_t i = 0; i < core.size() && SteadyClock::now() < deadline_;) {
      auto without = core;
      without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
      if (solve(assume(without), kFirstConflictBudget / 4) == Answer::unsat) {
        core = failed_of(without);
      } else {
        ++i;
      }
    }
    return core;
  }

  Outcome outcome() {
    Outcome result;
    result.placed = best_.placed();
    result.bound = static_cast<int>(problem_.meetings.size()) - lower_left_;
    const bool settled = best_left_ == lower_left_;
    result.verdict = best_left_ == 0 ? Verdict::all_placed : settled ? Verdict::most_placed : Verdict::not_settled;
    result.idle_gaps = idle_gaps(problem_, best_);
    result.gaps_proven_least = gaps_proven_ && result.idle_gaps == best_gaps_;

    std::vector<std::string> reasons(problem_.meetings.size());
    for (const auto& [meeting, why] : analysis_.impossible) {
      reasons[meeting] = why;
      const auto& request = problem_.meetings[meeting];
      result.explanation.push_back("meeting " + std::to_string(request.id) + " (" +
                                   participant_name(problem_, request.a) + " and " +
                                   participant_name(problem_, request.b) + "): " + why);
    }
    for (const auto& overload : analysis_.overloads) {
      const auto text = describe(problem_, overload);
      const int excess = overload.excess();
      result.explanation.push_back(text + ": " + std::to_string(excess) + " of them cannot take place");
      // A meeting between two overloaded participants (the usual way out) names both.
      for (const std::size_t meeting : overload.meetings)
        if (!best_.placements[meeting]) reasons[meeting] += (reasons[meeting].empty() ? "" : "; ") + text;
    }
    for (std::size_t meeting = 0; meeting < problem_.meetings.size(); ++meeting) {
      if (best_.placements[meeting] || !reasons[meeting].empty()) continue;
      if (!settled) {
        reasons[meeting] = "not placed within the time limit; a schedule holding it may exist";
        continue;
      }
      const auto core = conflict_of(meeting);
      if (core.empty()) {
        reasons[meeting] = "no schedule holds it together with all the others placed";
      } else {
        reasons[meeting] =
            "it needs a slot held by meetings " + list_meetings(problem_, core) + ", and no schedule holds them all";
        result.explanation.push_back("meeting " + std::to_string(problem_.meetings[meeting].id) +
                                     " cannot take place with meetings " + list_meetings(problem_, core) + " all held");
      }
    }
    if (raised_by_search_ && settled && lower_left_ > analysis_.least_left_out)
      result.explanation.push_back("the search proved that no schedule holds more than " +
                                   std::to_string(result.bound) + " of the " +
                                   std::to_string(problem_.meetings.size()) + " meetings");
    for (std::size_t meeting = 0; meeting < problem_.meetings.size(); ++meeting)
      if (!best_.placements[meeting]) result.left_out.push_back(LeftOut{meeting, reasons[meeting]});
    result.schedule = std::move(best_);
    result.placement_time = placement_time_;
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start_);
    return result;
  }

  const Problem& problem_;
  const Options& options_;
  SteadyClock::time_point start_;
  SteadyClock::time_point deadline_;
  Analysis analysis_;
  SatSolver solver_;
  PlacementModel model_;
  std::vector<int> left_counter_;
  Schedule best_;
  int best_left_ = 0;
  int lower_left_ = 0;
  bool raised_by_search_ = false;
  std::chrono::milliseconds placement_time_{0};
  int best_gaps_ = 0;
  bool gaps_proven_ = false;
};

}  // namespace

Result<Outcome> schedule(const Problem& problem, const Options& options) {
  PSL_TRY(check_problem(problem));
  Search search(problem, options);
  return search.run();
}

}  // namespace passerelle::b2b
