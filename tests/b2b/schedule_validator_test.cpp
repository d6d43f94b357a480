// The scheduler's suite judges every schedule with schedule_violations and count_idle_gaps, and
// trusts the generators' planted schedules: both are checked here first, on hand-made schedules
// where the answer is known, each rule broken once.
#include "tests/b2b/schedule_validator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "core/b2b/problem.h"
#include "core/b2b/schedule.h"
#include "tests/b2b/instance_generators.h"
#include "tests/support/param_name.h"

namespace passerelle {
namespace {

using b2b::Placement;
using b2b::Problem;
using b2b::Schedule;
using b2b::Window;
using testing::count_idle_gaps;
using testing::schedule_violations;

b2b::MeetingRequest request(int id, int a, int b, Window window = Window::any, std::optional<int> pinned = {}) {
  b2b::MeetingRequest meeting;
  meeting.id = id;
  meeting.a = a;
  meeting.b = b;
  meeting.window = window;
  meeting.pinned_slot = pinned;
  return meeting;
}

// Eight participants, four slots (two in the morning), three tables. Ids are not indices, so that
// a message naming an index instead of an id shows.
Problem small_problem() {
  Problem problem;
  problem.participants = 8;
  problem.slots = 4;
  problem.morning_slots = 2;
  problem.tables = 3;
  problem.meetings = {
      request(11, 1, 2),
      request(12, 3, 4),
      request(13, 1, 3, Window::morning),
      request(14, 2, 4, Window::afternoon),
      request(15, 1, 5),
      request(16, 5, 6, Window::afternoon),
      request(17, 7, 8, Window::any, 1),
  };
  problem.unavailable = {{2, 1}, {4, 4}};
  return problem;
}

// Valid, and every participant's meetings of a half-day are back to back: no idle gap.
Schedule small_schedule() {
  Schedule schedule;
  schedule.placements = {
      Placement{2, 1}, Placement{2, 2}, Placement{1, 1}, Placement{3, 1},
      Placement{3, 2}, Placement{4, 1}, Placement{1, 2},
  };
  return schedule;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += "\n  " + line;
  return text;
}

TEST(ScheduleValidator, FindsNothingWrongWithAValidSchedule) {
  EXPECT_EQ(schedule_violations(small_problem(), small_schedule()), std::vector<std::string>{});
}

TEST(ScheduleValidator, LeavingMeetingsOutBreaksNoRule) {
  Schedule schedule = small_schedule();
  for (auto& placement : schedule.placements) placement.reset();
  EXPECT_EQ(schedule_violations(small_problem(), schedule), std::vector<std::string>{});
}

struct BrokenRule {
  const char* name;
  void (*mutate)(Problem&, Schedule&);
  const char* rule;    // the violation's prefix, before the colon
  const char* detail;  // a word the sentence must hold, e.g. the meeting's id
  bool alone;          // the only violation: the mutation breaks no other rule
};

const BrokenRule kBrokenRules[] = {
    {"placements_fewer", [](Problem&, Schedule& s) { s.placements.pop_back(); }, "placements", "6 placements", true},
    {"placements_more", [](Problem&, Schedule& s) { s.placements.emplace_back(); }, "placements", "8 placements", true},
    {"slot_after_the_day", [](Problem&, Schedule& s) { s.placements[1]->slot = 5; }, "slot range", "meeting 12", true},
    {"slot_zero", [](Problem&, Schedule& s) { s.placements[0]->slot = 0; }, "slot range", "meeting 11", true},
    {"table_past_the_last", [](Problem&, Schedule& s) { s.placements[2]->table = 4; }, "table range", "meeting 13",
     true},
    {"table_zero", [](Problem&, Schedule& s) { s.placements[5]->table = 0; }, "table range", "meeting 16", true},
    {"shared_table", [](Problem&, Schedule& s) { s.placements[1]->table = 1; }, "shared table", "meeting 12", true},
    // With distinct tables in 1..tables a slot cannot overflow: it takes fewer tables to show.
    {"more_meetings_than_tables", [](Problem& p, Schedule&) { p.tables = 1; }, "too many tables", "slot 2", false},
    {"double_booking",
     [](Problem&, Schedule& s) {
       s.placements[5] = Placement{3, 3};
     },
     "double booking", "participant 5", true},
    {"morning_meeting_in_the_afternoon",
     [](Problem&, Schedule& s) {
       s.placements[2] = Placement{4, 2};
     },
     "window", "meeting 13", true},
    {"afternoon_meeting_in_the_last_morning_slot",
     [](Problem&, Schedule& s) {
       s.placements[5] = Placement{2, 3};
     },
     "window", "meeting 16", true},
    {"participant_unavailable",
     [](Problem&, Schedule& s) {
       s.placements[1] = Placement{4, 2};
     },
     "unavailable", "participant 4", true},
    {"pinned_meeting_moved",
     [](Problem&, Schedule& s) {
       s.placements[6] = Placement{4, 2};
     },
     "pinned", "meeting 17", true},
};

void PrintTo(const BrokenRule& broken, std::ostream* out) {
  *out << broken.name;
}

class ScheduleValidatorRule : public ::testing::TestWithParam<BrokenRule> {};

TEST_P(ScheduleValidatorRule, NamesTheBrokenRule) {
  const BrokenRule& broken = GetParam();
  Problem problem = small_problem();
  Schedule schedule = small_schedule();
  broken.mutate(problem, schedule);
  const auto violations = schedule_violations(problem, schedule);
  const std::string prefix = std::string(broken.rule) + ":";
  const auto hit = std::find_if(violations.begin(), violations.end(), [&](const std::string& violation) {
    return violation.starts_with(prefix) && violation.find(broken.detail) != std::string::npos;
  });
  EXPECT_NE(hit, violations.end()) << "no \"" << prefix << " ..." << broken.detail << "\" in" << joined(violations);
  if (broken.alone) {
    EXPECT_EQ(violations.size(), 1U) << joined(violations);
  }
}

INSTANTIATE_TEST_SUITE_P(B2b, ScheduleValidatorRule, ::testing::ValuesIn(kBrokenRules), testing::ParamName{});

TEST(ScheduleValidator, ReportsEveryBrokenRuleAtOnce) {
  Schedule schedule = small_schedule();
  schedule.placements[1]->table = 1;         // shared table
  schedule.placements[6] = Placement{4, 2};  // pinned meeting moved
  schedule.placements[2]->slot = 9;          // slot range
  const auto violations = schedule_violations(small_problem(), schedule);
  EXPECT_EQ(violations.size(), 3U) << joined(violations);
}

TEST(ScheduleValidator, CountsNoGapInABackToBackSchedule) {
  EXPECT_EQ(count_idle_gaps(small_problem(), small_schedule()), 0);
}

// Morning of five slots, afternoon of three.
Problem gap_problem(std::vector<b2b::MeetingRequest> meetings) {
  Problem problem;
  problem.participants = 4;
  problem.slots = 8;
  problem.morning_slots = 5;
  problem.tables = 4;
  problem.meetings = std::move(meetings);
  return problem;
}

TEST(ScheduleValidator, CountsTheEmptySlotsBetweenAParticipantsMeetings) {
  // The header's example: meetings at slots 2 and 5 of the morning leave slots 3 and 4 idle, for
  // participant 1; participants 2 and 3 have one meeting each.
  const Problem problem = gap_problem({request(1, 1, 2), request(2, 1, 3)});
  Schedule schedule;
  schedule.placements = {Placement{2, 1}, Placement{5, 1}};
  EXPECT_EQ(count_idle_gaps(problem, schedule), 2);
}

TEST(ScheduleValidator, CountsGapsOfBothParticipantsOfAMeeting) {
  // Participant 1 at 1 and 3 (one gap), 2 at 1 and 4 (two), 3 at 3 and 4 (none).
  const Problem problem = gap_problem({request(1, 1, 2), request(2, 1, 3), request(3, 2, 3)});
  Schedule schedule;
  schedule.placements = {Placement{1, 1}, Placement{3, 1}, Placement{4, 1}};
  EXPECT_EQ(count_idle_gaps(problem, schedule), 3);
}

TEST(ScheduleValidator, CountsNoGapAcrossTheLunchBreak) {
  // Slot 2 of the morning and slot 7, the afternoon's second: each half-day has one meeting.
  const Problem problem = gap_problem({request(1, 1, 2), request(2, 1, 3)});
  Schedule schedule;
  schedule.placements = {Placement{2, 1}, Placement{7, 1}};
  EXPECT_EQ(count_idle_gaps(problem, schedule), 0);
  // 5 and 6 are the last of the morning and the first of the afternoon: still no gap.
  schedule.placements = {Placement{5, 1}, Placement{8, 1}};
  EXPECT_EQ(count_idle_gaps(problem, schedule), 0);
}

TEST(ScheduleValidator, CountsGapsOfEachHalfDayApart) {
  // Participant 1 at 1, 4 (two gaps) and 6, 8 (one gap).
  const Problem problem = gap_problem({request(1, 1, 2), request(2, 1, 3), request(3, 1, 4), request(4, 1, 2)});
  Schedule schedule;
  schedule.placements = {Placement{1, 1}, Placement{4, 1}, Placement{6, 1}, Placement{8, 1}};
  // Participant 2: 1 and 8 are in different half-days, no gap.
  EXPECT_EQ(count_idle_gaps(problem, schedule), 3);
}

TEST(ScheduleValidator, CountsNoGapForAMeetingLeftOut) {
  const Problem problem = gap_problem({request(1, 1, 2), request(2, 1, 3), request(3, 1, 4)});
  Schedule schedule;
  schedule.placements = {Placement{1, 1}, std::nullopt, Placement{2, 1}};
  EXPECT_EQ(count_idle_gaps(problem, schedule), 0);
}

// The generators' promises, on which the scheduler's suite builds its expectations.

TEST(InstanceGenerators, PlantValidSchedulesWithTightTables) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const auto instance = testing::planted_instance(seed, testing::options_for_seed(seed));
    ASSERT_GE(instance.problem.meetings.size(), 30U);
    EXPECT_EQ(schedule_violations(instance.problem, instance.planted), std::vector<std::string>{});
    EXPECT_EQ(testing::count_placed(instance.planted), static_cast<int>(instance.problem.meetings.size()));
    std::map<int, int> per_slot;
    for (const auto& placement : instance.planted.placements) ++per_slot[placement->slot];
    int busiest = 0;
    for (const auto& [slot, count] : per_slot) busiest = std::max(busiest, count);
    EXPECT_EQ(instance.problem.tables, busiest);
  }
}

TEST(InstanceGenerators, AreDeterministicForASeed) {
  const auto first = testing::planted_instance(7, testing::options_for_seed(7));
  const auto second = testing::planted_instance(7, testing::options_for_seed(7));
  ASSERT_EQ(first.problem.meetings.size(), second.problem.meetings.size());
  for (std::size_t i = 0; i < first.problem.meetings.size(); ++i) {
    EXPECT_EQ(first.problem.meetings[i].a, second.problem.meetings[i].a);
    EXPECT_EQ(first.problem.meetings[i].b, second.problem.meetings[i].b);
    EXPECT_EQ(first.planted.placements[i]->slot, second.planted.placements[i]->slot);
  }
  EXPECT_EQ(first.problem.unavailable, second.problem.unavailable);
}

TEST(InstanceGenerators, OverloadOneParticipantByAKnownCount) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const auto instance = testing::overloaded_instance(seed, testing::options_for_seed(seed));
    const Problem& problem = instance.problem;
    const int p = instance.participant;
    int meetings = 0;
    std::set<int> partners;
    for (const auto& meeting : problem.meetings) {
      if (meeting.a != p && meeting.b != p) continue;
      ++meetings;
      partners.insert(meeting.a == p ? meeting.b : meeting.a);
      EXPECT_EQ(meeting.window, Window::any);
      EXPECT_FALSE(meeting.pinned_slot.has_value());
    }
    EXPECT_EQ(meetings, instance.participant_meetings);
    const std::set<std::pair<int, int>> unavailable(problem.unavailable.begin(), problem.unavailable.end());
    int usable = 0;
    for (int slot = 1; slot <= problem.slots; ++slot) {
      if (unavailable.contains({p, slot})) continue;
      ++usable;
      for (const int partner : partners) EXPECT_FALSE(unavailable.contains({partner, slot})) << "partner " << partner;
    }
    EXPECT_EQ(usable, instance.usable_slots);
    EXPECT_LT(instance.usable_slots, instance.participant_meetings);
    EXPECT_EQ(instance.most_placeable,
              static_cast<int>(problem.meetings.size()) - (instance.participant_meetings - instance.usable_slots));
  }
}

TEST(InstanceGenerators, PlantASkewedEventOfAThousandParticipants) {
  const auto event = testing::planted_event(1);
  const Problem& problem = event.problem;
  EXPECT_EQ(problem.participants, 1000);
  EXPECT_EQ(problem.meetings.size(), 4000U);
  EXPECT_EQ(problem.slots, 27);
  EXPECT_EQ(problem.morning_slots, 14);
  EXPECT_EQ(problem.tables, 200);
  EXPECT_EQ(schedule_violations(problem, event.planted), std::vector<std::string>{});
  std::map<int, int> meetings_of;
  for (const auto& meeting : problem.meetings) {
    ++meetings_of[meeting.a];
    ++meetings_of[meeting.b];
  }
  int busy = 0;
  int light = 0;
  for (const auto& [participant, count] : meetings_of) {
    busy += count >= 15 ? 1 : 0;
    light += count >= 2 && count <= 8 ? 1 : 0;
  }
  EXPECT_GE(busy, 50);
  EXPECT_GE(light, 500);
  EXPECT_EQ(testing::synthetic_event(1).meetings.size(), problem.meetings.size());
}

}  // namespace
}  // namespace passerelle
