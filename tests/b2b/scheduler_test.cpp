// The B2B scheduler (core/b2b/scheduler.h) on the benchmark's twelve real forums, on planted
// problems that are feasible by construction and on overloaded ones whose optimum is known. Every
// schedule it returns is judged by the independent checker (schedule_validator.h), never by the
// scheduler's own helpers.
#include "core/b2b/scheduler.h"

#include <gtest/gtest.h>

#include <chrono>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "tests/b2b/instance_generators.h"
#include "tests/b2b/schedule_validator.h"
#include "tests/b2b/shared_instances.h"
#include "tests/support/param_name.h"

namespace passerelle {
namespace {

using namespace std::chrono_literals;
using b2b::Verdict;

std::string one_per_line(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += "\n  " + line;
  return text;
}

std::string verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::all_placed:
      return "all_placed";
    case Verdict::most_placed:
      return "most_placed";
    case Verdict::not_settled:
      return "not_settled";
  }
  return "?";
}

// What every outcome owes its caller, whatever the verdict.
void expect_sound_outcome(const b2b::Problem& problem, const b2b::Outcome& outcome) {
  const int meetings = static_cast<int>(problem.meetings.size());
  const auto violations = testing::schedule_violations(problem, outcome.schedule);
  EXPECT_TRUE(violations.empty()) << violations.size() << " broken rules:" << one_per_line(violations);
  EXPECT_EQ(outcome.placed, testing::count_placed(outcome.schedule));
  EXPECT_EQ(outcome.placed, outcome.schedule.placed());
  EXPECT_EQ(outcome.idle_gaps, testing::count_idle_gaps(problem, outcome.schedule));
  EXPECT_LE(outcome.placed, outcome.bound);
  EXPECT_LE(outcome.bound, meetings);

  ASSERT_EQ(outcome.left_out.size(), static_cast<std::size_t>(meetings - outcome.placed));
  std::set<std::size_t> named;
  for (const auto& left : outcome.left_out) {
    ASSERT_LT(left.meeting, problem.meetings.size());
    EXPECT_TRUE(named.insert(left.meeting).second) << "meeting index " << left.meeting << " left out twice";
    if (left.meeting < outcome.schedule.placements.size()) {
      EXPECT_FALSE(outcome.schedule.placements[left.meeting].has_value())
          << "meeting " << problem.meetings[left.meeting].id << " is placed and said left out";
    }
    EXPECT_FALSE(left.reason.empty()) << "meeting " << problem.meetings[left.meeting].id
                                      << " left out without a reason";
  }

  switch (outcome.verdict) {
    case Verdict::all_placed:
      EXPECT_EQ(outcome.placed, meetings);
      EXPECT_TRUE(outcome.explanation.empty()) << one_per_line(outcome.explanation);
      break;
    case Verdict::most_placed:
      EXPECT_EQ(outcome.placed, outcome.bound);
      EXPECT_LT(outcome.placed, meetings);
      EXPECT_FALSE(outcome.explanation.empty()) << "meetings left out with no word of why";
      break;
    case Verdict::not_settled:
      EXPECT_LT(outcome.placed, outcome.bound) << "the bound is reached: the verdict is settled";
      break;
  }
}

// The explanation and every left-out meeting's reason, for looking a sentence up.
std::string all_reasons(const b2b::Outcome& outcome) {
  std::vector<std::string> lines = outcome.explanation;
  for (const auto& left : outcome.left_out) lines.push_back(left.reason);
  return one_per_line(lines);
}

void record_outcome(const b2b::Outcome& outcome) {
  ::testing::Test::RecordProperty("verdict", verdict_name(outcome.verdict));
  ::testing::Test::RecordProperty("placed", outcome.placed);
  ::testing::Test::RecordProperty("bound", outcome.bound);
  ::testing::Test::RecordProperty("idle_gaps", outcome.idle_gaps);
  ::testing::Test::RecordProperty("elapsed_ms", static_cast<int>(outcome.elapsed.count()));
}

// The twelve forums (../shared/data/b2b-forums/README.md says which cannot be scheduled whole).

enum class Expected {
  all_placed,
  most_placed,  // proven, with fewer than every meeting
};

struct ForumCase {
  std::string name;
  std::string directory;
  Expected expected = Expected::all_placed;
  std::chrono::seconds time_limit = 20s;
  bool no_idle_gaps = false;  // the real forums were scheduled without a gap
  std::vector<std::string> explanation_mentions = {};
};

std::vector<ForumCase> forum_cases() {
  return {
      {.name = "forum_13_fixed040_Forb", .directory = "forum-13.fixed040-Forb"},
      {.name = "forum_13_forb0007", .directory = "forum-13.forb0007"},
      {.name = "forum_13_original", .directory = "forum-13.original", .no_idle_gaps = true},
      {.name = "forum_14_fixed040_Forb", .directory = "forum-14.fixed040-Forb"},
      // Participant 68 has 22 meetings and is unavailable in slot 9 of 22: at most 301 of 302 fit,
      // whatever the README says of a plain SAT encoding (Hall's condition proves it; SAT could not).
      {.name = "forum_14_forb0007",
       .directory = "forum-14.forb0007",
       .expected = Expected::most_placed,
       .time_limit = 5s,
       .explanation_mentions = {"participant 68", "only 21 slots"}},
      {.name = "forum_14_original", .directory = "forum-14.original", .no_idle_gaps = true},
      {.name = "tic_12_fixed040_Forb", .directory = "tic-12.fixed040-Forb", .expected = Expected::most_placed},
      {.name = "tic_12_forb0007",
       .directory = "tic-12.forb0007",
       .expected = Expected::most_placed,
       .explanation_mentions = {"participant 1", "participant 6", "only 7 slots"}},
      {.name = "tic_12_original", .directory = "tic-12.original", .no_idle_gaps = true},
      {.name = "tic_13_fixed040_Forb", .directory = "tic-13.fixed040-Forb"},
      {.name = "tic_13_forb0007",
       .directory = "tic-13.forb0007",
       .expected = Expected::most_placed,
       .explanation_mentions = {"participant 18", "participant 35", "only 9 slots"}},
      {.name = "tic_13_original", .directory = "tic-13.original", .no_idle_gaps = true},
  };
}

void PrintTo(const ForumCase& forum, std::ostream* out) {
  *out << forum.directory;
}

class ForumInstance : public ::testing::TestWithParam<ForumCase> {};

TEST_P(ForumInstance, IsScheduledAsTheBenchmarkSays) {
  PASSERELLE_REQUIRE_B2B_FORUMS();
  const ForumCase& forum = GetParam();
  auto problem = testing::read_instance(testing::b2b_forums_dir() / forum.directory);
  ASSERT_TRUE(problem) << problem.error().message;
  const int meetings = static_cast<int>(problem->meetings.size());

  // Idle gaps are minimised where the test holds them to a figure (0 on the real forums); the
  // other variants' gaps only cost CI time (the benchmark measures them).
  auto outcome =
      b2b::schedule(*problem, b2b::Options{.time_limit = forum.time_limit, .minimise_gaps = forum.no_idle_gaps});
  ASSERT_TRUE(outcome) << outcome.error().message;
  record_outcome(*outcome);
  SCOPED_TRACE(forum.directory + ": " + verdict_name(outcome->verdict) + ", " + std::to_string(outcome->placed) +
               " of " + std::to_string(meetings) + " placed, bound " + std::to_string(outcome->bound) + ", " +
               std::to_string(outcome->idle_gaps) + " idle gaps, " + std::to_string(outcome->elapsed.count()) + " ms");
  expect_sound_outcome(*problem, *outcome);

  switch (forum.expected) {
    case Expected::all_placed:
      EXPECT_EQ(outcome->verdict, Verdict::all_placed);
      EXPECT_EQ(outcome->placed, meetings);
      break;
    case Expected::most_placed:
      EXPECT_EQ(outcome->verdict, Verdict::most_placed);
      EXPECT_EQ(outcome->placed, outcome->bound);
      EXPECT_LT(outcome->placed, meetings);
      break;
  }
    // The gaps are minimised within the time limit: under the sanitizers, three times slower, a
    // loaded machine may stop the search short of 0 (seen in CI). That pass checks the search's
    // memory; the release pass holds it to the figure.
#if !defined(__SANITIZE_ADDRESS__)
  if (forum.no_idle_gaps) {
    EXPECT_EQ(outcome->idle_gaps, 0);
  }
#endif
  // Only a settled answer owes an explanation.
  if (outcome->verdict == Verdict::most_placed) {
    const std::string explanation = one_per_line(outcome->explanation);
    for (const auto& words : forum.explanation_mentions) {
      EXPECT_NE(explanation.find(words), std::string::npos) << "no \"" << words << "\" in" << explanation;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(B2b, ForumInstance, ::testing::ValuesIn(forum_cases()), testing::ParamName{});

// Planted problems: a valid schedule placing everything exists, so anything short of all_placed is
// the scheduler's failure, a time-out included.

struct SeedCase {
  std::string name;
  unsigned seed = 0;
};

void PrintTo(const SeedCase& seed, std::ostream* out) {
  *out << seed.name;
}

// Placement settles within a fraction of a second on these sizes; the rest of the limit goes to
// idle gaps, which are judged here only for being counted right.
constexpr auto kSeededTimeLimit = 5s;

std::vector<SeedCase> seed_cases(unsigned first, unsigned count) {
  std::vector<SeedCase> cases;
  for (unsigned seed = first; seed < first + count; ++seed) cases.push_back({"seed_" + std::to_string(seed), seed});
  return cases;
}

class PlantedProblem : public ::testing::TestWithParam<SeedCase> {};

TEST_P(PlantedProblem, HasEveryMeetingPlaced) {
  const unsigned seed = GetParam().seed;
  const auto instance = testing::planted_instance(seed, testing::options_for_seed(seed));
  const b2b::Problem& problem = instance.problem;
  const int meetings = static_cast<int>(problem.meetings.size());

  auto outcome = b2b::schedule(problem, b2b::Options{.time_limit = kSeededTimeLimit, .minimise_gaps = false});
  ASSERT_TRUE(outcome) << outcome.error().message;
  record_outcome(*outcome);
  SCOPED_TRACE(std::to_string(problem.participants) + " participants, " + std::to_string(meetings) + " meetings, " +
               std::to_string(problem.slots) + " slots, " + std::to_string(problem.tables) + " tables: " +
               verdict_name(outcome->verdict) + ", " + std::to_string(outcome->placed) + " placed, bound " +
               std::to_string(outcome->bound) + ", " + std::to_string(outcome->elapsed.count()) + " ms");
  expect_sound_outcome(problem, *outcome);
  EXPECT_EQ(outcome->verdict, Verdict::all_placed) << all_reasons(*outcome);
  EXPECT_EQ(outcome->placed, meetings);
  // The planted schedule places them all: a smaller bound would be a false proof.
  EXPECT_EQ(outcome->bound, meetings);
}

INSTANTIATE_TEST_SUITE_P(B2b, PlantedProblem, ::testing::ValuesIn(seed_cases(1, 30)), testing::ParamName{});

// Overloaded problems: participant P has d meetings and k < d usable slots, and the rest was planted,
// so exactly d - k meetings must be left out and P is the reason.

class OverloadedProblem : public ::testing::TestWithParam<SeedCase> {};

TEST_P(OverloadedProblem, LeavesOutTheOverloadAndSaysWhy) {
  const unsigned seed = GetParam().seed;
  const auto instance = testing::overloaded_instance(seed, testing::options_for_seed(seed));
  const b2b::Problem& problem = instance.problem;
  const std::string reason = "participant " + std::to_string(instance.participant) + " has " +
                             std::to_string(instance.participant_meetings) + " meetings and only " +
                             std::to_string(instance.usable_slots) + " slots";

  auto outcome = b2b::schedule(problem, b2b::Options{.time_limit = kSeededTimeLimit, .minimise_gaps = false});
  ASSERT_TRUE(outcome) << outcome.error().message;
  record_outcome(*outcome);
  SCOPED_TRACE(std::to_string(problem.meetings.size()) + " meetings, at most " +
               std::to_string(instance.most_placeable) + " placeable (" + reason +
               "): " + verdict_name(outcome->verdict) + ", " + std::to_string(outcome->placed) + " placed, bound " +
               std::to_string(outcome->bound) + ", " + std::to_string(outcome->elapsed.count()) + " ms");
  expect_sound_outcome(problem, *outcome);
  EXPECT_NE(outcome->verdict, Verdict::all_placed);
  EXPECT_LE(outcome->placed, instance.most_placeable);
  // The planted schedule without P's lost meetings holds most_placeable: a smaller bound is false.
  EXPECT_GE(outcome->bound, instance.most_placeable);
  if (outcome->verdict == Verdict::most_placed) {
    EXPECT_EQ(outcome->placed, instance.most_placeable);
    const std::string reasons = all_reasons(*outcome);
    EXPECT_NE(reasons.find(reason), std::string::npos) << "no \"" << reason << "\" in" << reasons;
  }
}

INSTANTIATE_TEST_SUITE_P(B2b, OverloadedProblem, ::testing::ValuesIn(seed_cases(101, 20)), testing::ParamName{});

b2b::MeetingRequest meeting_between(int id, int a, int b, std::optional<int> pinned = {}) {
  b2b::MeetingRequest meeting;
  meeting.id = id;
  meeting.a = a;
  meeting.b = b;
  meeting.pinned_slot = pinned;
  return meeting;
}

TEST(Scheduler, LeavesOutAMeetingPinnedWhereItsParticipantIsUnavailable) {
  b2b::Problem problem;
  problem.participants = 3;
  problem.slots = 3;
  problem.morning_slots = 3;
  problem.tables = 2;
  problem.meetings = {meeting_between(1, 1, 2, 2), meeting_between(2, 1, 3)};
  problem.unavailable = {{1, 2}};

  auto outcome = b2b::schedule(problem, b2b::Options{.time_limit = 5s});
  ASSERT_TRUE(outcome) << outcome.error().message;
  expect_sound_outcome(problem, *outcome);
  EXPECT_EQ(outcome->verdict, Verdict::most_placed);
  EXPECT_EQ(outcome->placed, 1);
  ASSERT_EQ(outcome->left_out.size(), 1U);
  EXPECT_EQ(outcome->left_out[0].meeting, 0U);
  EXPECT_NE(outcome->left_out[0].reason.find("pinned"), std::string::npos) << outcome->left_out[0].reason;
}

TEST(Scheduler, PlacesEveryMeetingOfAnEmptyDay) {
  b2b::Problem problem;
  problem.participants = 2;
  problem.slots = 1;
  problem.morning_slots = 1;
  problem.tables = 1;
  auto outcome = b2b::schedule(problem);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->verdict, Verdict::all_placed);
  EXPECT_EQ(outcome->placed, 0);
  EXPECT_TRUE(outcome->schedule.placements.empty());
}

TEST(Scheduler, RefusesAProblemThatFailsItsBounds) {
  b2b::Problem problem;
  problem.participants = 3;
  problem.slots = 3;
  problem.morning_slots = 3;
  problem.tables = 2;
  problem.meetings = {meeting_between(1, 1, 2), meeting_between(2, 3, 3)};
  auto outcome = b2b::schedule(problem);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, Errc::invalid_input);
}

}  // namespace
}  // namespace passerelle
