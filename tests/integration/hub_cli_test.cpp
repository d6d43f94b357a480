// passerelle-hub as a user runs it: the real binary, real files, exit statuses.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

#include "tests/integration/hub_runner.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

using testing::hub;
using testing::Run;

class HubCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("hub.db").string();
    auto init = hub({"--db", db_, "init", "--event-config", testing::demo_asset("event.toml")});
    ASSERT_EQ(init.status, 0) << init.output;
    auto imported = hub({"--db", db_, "import", "participants", testing::demo_asset("participants.csv")});
    ASSERT_EQ(imported.status, 0) << imported.output;
  }
  testing::TempDir dir_;
  std::string db_;
};

TEST_F(HubCli, HelpOnEverySubcommand) {
  for (const auto& words : std::vector<std::vector<std::string>>{
           {"init"}, {"import", "participants"}, {"search"}, {"checkin"}, {"export", "attendance"}}) {
    auto arguments = words;
    arguments.push_back("--help");
    const auto run = hub(arguments);
    EXPECT_EQ(run.status, 0) << run.output;
    EXPECT_NE(run.output.find("usage: passerelle-hub"), std::string::npos) << run.output;
  }
  EXPECT_EQ(hub({}).status, 2);
  EXPECT_EQ(hub({"--db", db_, "frobnicate"}).status, 2);
  EXPECT_EQ(hub({"--db", db_, "checkin", "X", "--bogus"}).status, 2);
}

TEST_F(HubCli, ReimportingTheDemoChangesNothing) {
  const auto run = hub({"--db", db_, "import", "participants", testing::demo_asset("participants.csv")});
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("0 new, 0 updated, 360 unchanged"), std::string::npos) << run.output;
}

TEST_F(HubCli, SearchFoldsAccents) {
  const auto run = hub({"--db", db_, "search", "muller"});
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("Müller"), std::string::npos) << run.output;
  EXPECT_EQ(hub({"--db", db_, "search", "qqqqzzzz"}).status, 4);
}

TEST_F(HubCli, CheckinExitStatusesPerOutcome) {
  // Ticket codes of the demo event: a registered holder, then the same code twice.
  const auto csv = testing::read_file(testing::demo_asset("participants.csv"));
  auto code_of = [&](const std::string& status) {
    std::size_t line_start = 0;
    while (line_start < csv.size()) {
      const auto line_end = csv.find('\n', line_start);
      const auto line = csv.substr(line_start, line_end - line_start);
      line_start = line_end == std::string::npos ? csv.size() : line_end + 1;
      if (line.find("EIF-TKT-") == std::string::npos || line.find("," + status) == std::string::npos) continue;
      const auto at = line.find("EIF-TKT-");
      return line.substr(at, 14);
    }
    return std::string();
  };
  const auto registered = code_of("registered");
  const auto cancelled = code_of("cancelled");
  const auto blocked = code_of("blocked");
  ASSERT_FALSE(registered.empty());
  EXPECT_EQ(hub({"--db", db_, "checkin", registered}).status, 0);
  const auto again = hub({"--db", db_, "checkin", registered});
  EXPECT_EQ(again.status, 10) << again.output;
  EXPECT_NE(again.output.find("already checked in"), std::string::npos) << again.output;
  EXPECT_EQ(hub({"--db", db_, "checkin", "NOT-A-CODE"}).status, 14);
  ASSERT_FALSE(cancelled.empty());
  ASSERT_FALSE(blocked.empty());
  EXPECT_EQ(hub({"--db", db_, "checkin", cancelled}).status, 13);
  EXPECT_EQ(hub({"--db", db_, "checkin", blocked}).status, 12);
  EXPECT_EQ(hub({"--db", db_, "checkin", registered, "--checkpoint", "No such room"}).status, 4);
  EXPECT_EQ(hub({"--db", db_, "checkin", registered, "--checkpoint", "b2b AREA"}).status, 0);
  EXPECT_EQ(hub({"--db", db_, "checkin", registered, "--checkpoint", "B2B area", "--exit"}).status, 0);
  EXPECT_EQ(hub({"--db", db_, "checkin", "--manual", "EIF26-0001"}).status, 3);  // no operator
}

TEST_F(HubCli, ExportAttendanceWritesOneRowPerParticipant) {
  const auto out = dir_.file("attendance.csv").string();
  const auto run = hub({"--db", db_, "export", "attendance", out});
  EXPECT_EQ(run.status, 0) << run.output;
  const auto csv = testing::read_file(out);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF"
                      "external_id,",
                      0),
            0u);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 361);
}

TEST_F(HubCli, BrokenFilesGiveClearErrorsAndChangeNothing) {
  testing::write_file(dir_.file("nul.csv"), std::string("external_id,first_name,last_name\nA\0,B,C\n", 38));
  const auto nul = hub({"--db", db_, "import", "participants", dir_.file("nul.csv").string()});
  EXPECT_EQ(nul.status, 3) << nul.output;
  EXPECT_NE(nul.output.find("line 2"), std::string::npos) << nul.output;

  testing::write_file(dir_.file("quote.csv"), "external_id,first_name,last_name\nA1,\"Anna,B\n");
  const auto quote = hub({"--db", db_, "import", "participants", dir_.file("quote.csv").string()});
  EXPECT_EQ(quote.status, 3) << quote.output;
  EXPECT_NE(quote.output.find("line 2"), std::string::npos) << quote.output;

  testing::write_file(dir_.file("nocol.csv"), "first_name,last_name\nAnna,B\n");
  EXPECT_EQ(hub({"--db", db_, "import", "participants", dir_.file("nocol.csv").string()}).status, 3);

  EXPECT_EQ(hub({"--db", db_, "import", "participants", dir_.file("absent.csv").string()}).status, 1);

  const auto after = hub({"--db", db_, "import", "participants", testing::demo_asset("participants.csv")});
  EXPECT_NE(after.output.find("0 new, 0 updated, 360 unchanged"), std::string::npos) << after.output;
}

TEST_F(HubCli, SeveralEventsNeedAnEventId) {
  ASSERT_EQ(hub({"--db", db_, "init", "--event", "Second"}).status, 0);
  const auto ambiguous = hub({"--db", db_, "search", "muller"});
  EXPECT_EQ(ambiguous.status, 3);
  EXPECT_NE(ambiguous.output.find("--event"), std::string::npos) << ambiguous.output;
  EXPECT_EQ(hub({"--db", db_, "search", "muller", "--event", "1"}).status, 0);
  EXPECT_EQ(hub({"--db", db_, "search", "muller", "--event", "x"}).status, 3);
}

TEST(HubCliInit, BadConfigIsRejectedWithItsLine) {
  testing::TempDir dir;
  testing::write_file(dir.file("bad.toml"), "[event]\nname = \"X\"\ndays = [\"2026-02-30\"]\n");
  const auto run = hub({"--db", dir.file("h.db").string(), "init", "--event-config", dir.file("bad.toml").string()});
  EXPECT_EQ(run.status, 3);
  EXPECT_NE(run.output.find("bad.toml:3"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace passerelle
