// `passerelle-hub schedule-instance` through the real binary: the three verdicts' exit statuses,
// the schedule file written whatever the verdict, and every bad input refused with its reason
// before anything is written.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "tests/integration/hub_runner.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

class HubScheduleCli : public ::testing::Test {
 protected:
  // An instance directory: `params` as given, requests and unavailable slots as CSV text.
  std::string instance(const std::string& name, const std::string& params, const std::string& requests,
                       const std::string& unavailable = "participant,slot\n") {
    const auto dir = dir_.file(name);
    std::filesystem::create_directories(dir);
    write_file(dir / "params.json", params);
    write_file(dir / "requests.csv", requests);
    write_file(dir / "unavailable.csv", unavailable);
    return dir.string();
  }

  testing::Run schedule(const std::string& dir, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> arguments{"schedule-instance", dir, "--out", out()};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return hub(arguments);
  }

  std::string out() const { return dir_.file("schedule.csv").string(); }

  TempDir dir_;
};

constexpr const char* kThreeSlots =
    R"({"participants": 4, "meetings": 3, "tables": 2, "slots": 3, "morning_slots": 2})";

TEST_F(HubScheduleCli, EveryMeetingPlacedExitsZeroAndWritesTheSchedule) {
  const auto dir =
      instance("fits", kThreeSlots, "meeting,a,b,window,fixed_slot\n1,1,2,any,\n2,1,3,morning,\n3,3,4,,3\n");
  const auto run = schedule(dir);
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("every meeting placed"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("meetings placed: 3 of 3"), std::string::npos) << run.output;
  const auto csv = read_file(out());
  EXPECT_EQ(csv.rfind("meeting,slot,table\n", 0), 0u) << csv;
  EXPECT_NE(csv.find("\n3,3,"), std::string::npos) << "the pinned meeting keeps slot 3:\n" << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
}

TEST_F(HubScheduleCli, AnOverloadedParticipantIsProvenNamedAndExits20) {
  // Participant 1 has three meetings and is free in two of the three slots.
  const auto dir = instance("overloaded", kThreeSlots, "meeting,a,b,window,fixed_slot\n1,1,2,,\n2,1,3,,\n3,1,4,,\n",
                            "participant,slot\n1,2\n");
  const auto run = schedule(dir);
  EXPECT_EQ(run.status, 20) << run.output;
  EXPECT_NE(run.output.find("participant 1 has 3 meetings and only 2 slots shared with their partners"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("meetings placed: 2 of 3 (at most 2 can be)"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("left out: meeting"), std::string::npos) << run.output;
  const auto csv = read_file(out());
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3) << csv;
}

TEST_F(HubScheduleCli, BadRowsAreNamedByFileLineAndColumnAndNothingIsWritten) {
  const auto bad_window =
      instance("window", kThreeSlots, "meeting,a,b,window,fixed_slot\n1,1,2,any,\n2,1,3,evening,\n3,3,4,,\n");
  auto run = schedule(bad_window);
  EXPECT_EQ(run.status, 3) << run.output;
  EXPECT_NE(run.output.find("requests.csv line 3, column window"), std::string::npos) << run.output;
  EXPECT_FALSE(std::filesystem::exists(out()));

  const auto bad_participant = instance("participant", kThreeSlots, "meeting,a,b\n1,1,2\n2,1,9\n3,3,4\n");
  run = schedule(bad_participant);
  EXPECT_EQ(run.status, 3) << run.output;
  EXPECT_NE(run.output.find("requests.csv line 3, column b"), std::string::npos) << run.output;

  const auto bad_params = instance("params", R"({"participants": 4, "tables": 2, "slots": [3]})", "meeting,a,b\n");
  run = schedule(bad_params);
  EXPECT_EQ(run.status, 3) << run.output;
  EXPECT_NE(run.output.find("params.json"), std::string::npos) << run.output;
  EXPECT_FALSE(std::filesystem::exists(out()));
}

TEST_F(HubScheduleCli, AFileOverSixteenMebibytesIsRefusedUnread) {
  const auto dir = instance("huge", kThreeSlots, "meeting,a,b\n1,1,2\n");
  write_file(std::filesystem::path(dir) / "requests.csv", "meeting,a,b\n" + std::string(16u << 20, '\n'));
  const auto run = schedule(dir);
  EXPECT_EQ(run.status, 3) << run.output;
  EXPECT_NE(run.output.find("larger than"), std::string::npos) << run.output;
  EXPECT_FALSE(std::filesystem::exists(out()));
}

TEST_F(HubScheduleCli, TheCommandLineIsChecked) {
  const auto dir = instance("fits", kThreeSlots, "meeting,a,b\n1,1,2\n2,1,3\n3,3,4\n");
  EXPECT_EQ(hub({"schedule-instance", dir}).status, 2) << "no --out";
  for (const char* limit : {"abc", "0", "-1", "1e9", "nan"}) {
    const auto run = schedule(dir, {"--time-limit", limit});
    EXPECT_EQ(run.status, 3) << limit << ": " << run.output;
    EXPECT_NE(run.output.find("--time-limit"), std::string::npos) << run.output;
  }
  EXPECT_EQ(schedule(dir, {"--time-limit", "0.5"}).status, 0);
  const auto missing = hub({"schedule-instance", dir_.file("nowhere").string(), "--out", out()});
  EXPECT_EQ(missing.status, 1) << missing.output;
}

}  // namespace
}  // namespace passerelle::testing
