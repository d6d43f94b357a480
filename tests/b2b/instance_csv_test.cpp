// Reading an instance in the benchmark's CSV form (core/b2b/instance_csv.h), and writing a schedule
// back. The exact words of an error are the parser's; what a reader needs from one is checked here:
// the file and the line of the first bad value.
#include "core/b2b/instance_csv.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "tests/support/param_name.h"

namespace passerelle {
namespace {

using b2b::Window;

constexpr const char* kParams = R"({
 "participants": 4,
 "meetings": 3,
 "tables": 2,
 "slots": 6,
 "morning_slots": 3
})";

constexpr const char* kRequestsHeader = "meeting,a,b,window,fixed_slot\n";
constexpr const char* kRequests =
    "meeting,a,b,window,fixed_slot\n"
    "1,1,2,morning,\n"
    "2,1,3,any,5\n"
    "3,2,4,afternoon,\n";
constexpr const char* kUnavailable =
    "participant,slot\n"
    "3,2\n"
    "4,6\n";

TEST(InstanceCsv, ReadsEveryFieldOfAGoodInstance) {
  auto problem = b2b::parse_instance(kParams, kRequests, kUnavailable);
  ASSERT_TRUE(problem) << problem.error().message;
  EXPECT_EQ(problem->participants, 4);
  EXPECT_EQ(problem->tables, 2);
  EXPECT_EQ(problem->slots, 6);
  EXPECT_EQ(problem->morning_slots, 3);
  ASSERT_EQ(problem->meetings.size(), 3U);
  const auto& first = problem->meetings[0];
  EXPECT_EQ(first.id, 1);
  EXPECT_EQ(first.a, 1);
  EXPECT_EQ(first.b, 2);
  EXPECT_EQ(first.window, Window::morning);
  EXPECT_FALSE(first.pinned_slot.has_value());
  EXPECT_EQ(problem->meetings[1].window, Window::any);
  EXPECT_EQ(problem->meetings[1].pinned_slot, std::optional<int>(5));
  EXPECT_EQ(problem->meetings[2].window, Window::afternoon);
  EXPECT_EQ(problem->meetings[2].a, 2);
  EXPECT_EQ(problem->meetings[2].b, 4);
  const std::vector<std::pair<int, int>> unavailable{{3, 2}, {4, 6}};
  EXPECT_EQ(problem->unavailable, unavailable);
}

TEST(InstanceCsv, ReadsFilesWithoutAFinalNewlineAndNoUnavailableSlot) {
  std::string requests = kRequests;
  requests.pop_back();
  auto problem = b2b::parse_instance(kParams, requests, "participant,slot\n");
  ASSERT_TRUE(problem) << problem.error().message;
  EXPECT_EQ(problem->meetings.size(), 3U);
  EXPECT_TRUE(problem->unavailable.empty());
}

struct BadInstance {
  const char* name;
  std::string params;
  std::string requests;
  std::string unavailable;
  const char* file;  // the file the message must name
  int line;          // and its line, counting the header as line 1; 0: no line asked for
};

std::string requests_with(const std::string& rows) {
  return std::string(kRequestsHeader) + rows;
}

const std::vector<BadInstance> kBadInstances = {
    {"unknown_window", kParams, requests_with("1,1,2,morning,\n2,1,3,any,\n3,2,4,evening,\n"), kUnavailable,
     "requests.csv", 4},
    {"meeting_with_oneself", kParams, requests_with("1,1,2,morning,\n2,3,3,any,\n3,2,4,any,\n"), kUnavailable,
     "requests.csv", 3},
    {"participant_past_the_last", kParams, requests_with("1,1,2,any,\n2,1,3,any,\n3,2,9,any,\n"), kUnavailable,
     "requests.csv", 4},
    {"participant_zero", kParams, requests_with("1,0,2,any,\n2,1,3,any,\n3,2,4,any,\n"), kUnavailable, "requests.csv",
     2},
    {"participant_not_a_number", kParams, requests_with("1,x,2,any,\n2,1,3,any,\n3,2,4,any,\n"), kUnavailable,
     "requests.csv", 2},
    {"meeting_not_a_number", kParams, requests_with("1,1,2,any,\n2,1,3,any,\nthree,2,4,any,\n"), kUnavailable,
     "requests.csv", 4},
    {"fixed_slot_not_a_number", kParams, requests_with("1,1,2,any,\n2,1,3,any,5th\n3,2,4,any,\n"), kUnavailable,
     "requests.csv", 3},
    {"requests_without_header", kParams, "1,1,2,morning,\n2,1,3,any,5\n3,2,4,afternoon,\n", kUnavailable,
     "requests.csv", 1},
    {"requests_empty", kParams, "", kUnavailable, "requests.csv", 0},
    {"meeting_listed_twice", kParams, requests_with("1,1,2,any,\n1,1,3,any,\n3,2,4,any,\n"), kUnavailable,
     "requests.csv", 3},
    {"unavailable_without_header", kParams, kRequests, "3,2\n4,6\n", "unavailable.csv", 1},
    {"unavailable_participant_past_the_last", kParams, kRequests, "participant,slot\n3,2\n5,6\n", "unavailable.csv", 3},
    {"unavailable_slot_not_a_number", kParams, kRequests, "participant,slot\nfirst,2\n", "unavailable.csv", 2},
    {"params_without_tables", R"({"participants": 4, "meetings": 3, "slots": 6, "morning_slots": 3})", kRequests,
     kUnavailable, "params.json", 0},
    {"params_not_json", "participants = 4", kRequests, kUnavailable, "params.json", 0},
};

void PrintTo(const BadInstance& bad, std::ostream* out) {
  *out << bad.name;
}

class InstanceCsvRefuses : public ::testing::TestWithParam<BadInstance> {};

TEST_P(InstanceCsvRefuses, NamingTheFileAndLine) {
  const BadInstance& bad = GetParam();
  auto problem = b2b::parse_instance(bad.params, bad.requests, bad.unavailable);
  ASSERT_FALSE(problem) << "read without complaint";
  EXPECT_EQ(problem.error().code, Errc::invalid_input);
  const std::string& message = problem.error().message;
  EXPECT_NE(message.find(bad.file), std::string::npos) << message;
  if (bad.line > 0) {
    EXPECT_NE(message.find("line " + std::to_string(bad.line)), std::string::npos) << message;
  }
}

INSTANTIATE_TEST_SUITE_P(B2b, InstanceCsvRefuses, ::testing::ValuesIn(kBadInstances), testing::ParamName{});

TEST(InstanceCsv, WritesPlacedMeetingsInTheProblemsOrder) {
  auto problem = b2b::parse_instance(kParams, kRequests, kUnavailable);
  ASSERT_TRUE(problem) << problem.error().message;
  b2b::Schedule schedule;
  schedule.placements = {b2b::Placement{2, 1}, std::nullopt, b2b::Placement{4, 2}};
  std::string text = b2b::schedule_csv(*problem, schedule);
  std::erase(text, '\r');
  if (!text.ends_with('\n')) text += '\n';  // a last newline or none: both are CSV
  EXPECT_EQ(text, "meeting,slot,table\n1,2,1\n3,4,2\n");
}

}  // namespace
}  // namespace passerelle
