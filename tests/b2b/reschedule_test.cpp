// b2b::reschedule: a published schedule changes only where it must. Every outcome is checked by the
// independent validator; every fixed meeting keeps its slot and its table.
#include "core/b2b/reschedule.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "tests/b2b/instance_generators.h"
#include "tests/b2b/schedule_validator.h"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;

struct Published {
  b2b::Problem problem;
  b2b::Schedule schedule;
};

// A planted forum, scheduled and published.
Published published_forum(unsigned seed) {
  PlantedOptions options;
  options.participants = 30;
  options.meetings = 80;
  options.slots = 10;
  options.morning_slots = 5;
  options.table_cap = 12;
  options.pinned_fraction = 0;
  auto planted = planted_instance(seed, options);
  auto outcome = b2b::schedule(planted.problem, b2b::Options{.time_limit = 5s, .minimise_gaps = false});
  EXPECT_TRUE(outcome);
  EXPECT_EQ(outcome->verdict, b2b::Verdict::all_placed);
  return Published{planted.problem, outcome->schedule};
}

void expect_fixed_kept(const Published& before, const b2b::Schedule& after, const std::set<std::size_t>& movable) {
  for (std::size_t i = 0; i < before.schedule.placements.size(); ++i) {
    if (movable.count(i) != 0 || !before.schedule.placements[i]) continue;
    ASSERT_TRUE(after.placements[i]) << "fixed meeting " << i << " was dropped";
    EXPECT_EQ(after.placements[i]->slot, before.schedule.placements[i]->slot) << i;
    EXPECT_EQ(after.placements[i]->table, before.schedule.placements[i]->table) << i;
  }
}

TEST(Reschedule, AWalkInMeetingIsPlacedAroundThePublishedOnes) {
  auto forum = published_forum(7);
  // Two participants who ask for a meeting at the B2B desk during the day.
  auto problem = forum.problem;
  problem.meetings.push_back(b2b::MeetingRequest{1000, 1, 2, b2b::Window::any, std::nullopt});
  auto published = forum.schedule;
  published.placements.emplace_back();

  auto result = b2b::reschedule(problem, published, {});
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_TRUE(schedule_violations(problem, result->outcome.schedule).empty());
  expect_fixed_kept(forum, result->outcome.schedule, {});
  const auto& walk_in = result->outcome.schedule.placements.back();
  if (walk_in) {
    ASSERT_EQ(result->changes.size(), 1u);
    EXPECT_EQ(result->changes[0].meeting, problem.meetings.size() - 1);
    EXPECT_EQ(result->participants, (std::vector<int>{1, 2}));
  } else {
    // No slot where both are free: left out, with its reason, and nobody's agenda changed.
    ASSERT_EQ(result->outcome.left_out.size(), 1u);
    EXPECT_FALSE(result->outcome.left_out[0].reason.empty());
    EXPECT_TRUE(result->participants.empty());
  }
}

TEST(Reschedule, AnAbsentParticipantsMorningMeetingsMoveAndOnlyTheirPartnersAreTold) {
  auto forum = published_forum(11);
  // The participant with the most morning meetings did not come in the morning.
  std::map<int, int> morning;
  for (std::size_t i = 0; i < forum.problem.meetings.size(); ++i)
    if (forum.schedule.placements[i]->slot <= forum.problem.morning_slots) {
      ++morning[forum.problem.meetings[i].a];
      ++morning[forum.problem.meetings[i].b];
    }
  const int absent =
      std::max_element(morning.begin(), morning.end(), [](auto& l, auto& r) { return l.second < r.second; })->first;
  auto problem = forum.problem;
  std::set<std::size_t> movable;
  std::set<int> told{absent};
  for (std::size_t i = 0; i < problem.meetings.size(); ++i) {
    const auto& meeting = problem.meetings[i];
    if ((meeting.a == absent || meeting.b == absent) && forum.schedule.placements[i]->slot <= problem.morning_slots) {
      movable.insert(i);
      told.insert(meeting.a == absent ? meeting.b : meeting.a);
    }
  }
  for (int slot = 1; slot <= problem.morning_slots; ++slot) problem.unavailable.emplace_back(absent, slot);

  auto result = b2b::reschedule(problem, forum.schedule, {movable.begin(), movable.end()});
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_TRUE(schedule_violations(problem, result->outcome.schedule).empty());
  expect_fixed_kept(forum, result->outcome.schedule, movable);
  for (const std::size_t meeting : movable) {
    const auto& place = result->outcome.schedule.placements[meeting];
    if (place) {
      EXPECT_GT(place->slot, problem.morning_slots) << "moved to the afternoon";
    }
  }
  for (const int participant : result->participants) EXPECT_EQ(told.count(participant), 1u) << participant;
  EXPECT_EQ(result->changes.size(), movable.size());
}

TEST(Reschedule, APublishedScheduleThatDoesNotFitIsRefused) {
  auto forum = published_forum(3);
  auto clash = forum.schedule;
  // Two meetings of one slot on one table.
  std::size_t first = 0;
  for (std::size_t i = 1; i < clash.placements.size(); ++i)
    if (clash.placements[i]->slot == clash.placements[first]->slot) {
      clash.placements[i]->table = clash.placements[first]->table;
      break;
    }
  auto refused = b2b::reschedule(forum.problem, clash, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::invalid_input);
  EXPECT_NE(refused.error().message.find("table"), std::string::npos) << refused.error().message;

  auto shorter = forum.schedule;
  shorter.placements.pop_back();
  EXPECT_FALSE(b2b::reschedule(forum.problem, shorter, {}));
  EXPECT_FALSE(b2b::reschedule(forum.problem, forum.schedule, {forum.problem.meetings.size()}));
}

}  // namespace
}  // namespace passerelle::testing
