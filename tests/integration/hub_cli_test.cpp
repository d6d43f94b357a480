// passerelle-hub as a user runs it: the real binary, real files, exit statuses.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <memory>

#include "core/csv/csv.h"
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
    const auto demo = testing::copy_demo_hub(db_);
    ASSERT_EQ(demo.status, 0) << demo.output;
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

// The organiser's desk at an event of three days around today (issue #14): a French-speaking
// event whose participants' names are spelt as they are; one cancelled, one blocked.
class HubCliDesk : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("desk.db").string();
    // The hub's clock is the real one: the event's days are yesterday, today and tomorrow (UTC),
    // so a check-in made now falls on one of them even across midnight.
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    for (const auto day : {today - std::chrono::days(1), today, today + std::chrono::days(1)})
      days_.push_back(iso_date(day));
    testing::write_file(dir_.file("event.toml"),
                        "[event]\nname = \"Desk\"\ntimezone = \"UTC\"\nlanguage = \"fr\"\ndays = [\"" + days_[0] +
                            "\", \"" + days_[1] + "\", \"" + days_[2] +
                            "\"]\n\n[[checkpoint]]\nname = \"Entrance\"\nrule = \"once_per_day\"\n\n"
                            "[[checkpoint]]\nname = \"Terrace\"\nrule = \"in_out\"\n\n"
                            "[[checkpoint]]\nname = \"Gala dinner\"\n");
    const auto init = hub({"--db", db_, "init", "--event-config", dir_.file("event.toml").string()});
    ASSERT_EQ(init.status, 0) << init.output;
    testing::write_file(dir_.file("people.csv"),
                        "external_id,first_name,last_name,email,status\n"
                        "P1,Ewa,Dąbrowska,ewa@ex.eu,registered\n"
                        "P2,Loïc,Dubois,loic@ex.eu,registered\n"
                        "P3,Per,Ågesen,per@ex.eu,registered\n"
                        "P4,Mehmet,Yılmaz,mehmet@ex.eu,registered\n"
                        "P5,Ayşe,Çelik,ayse@ex.eu,registered\n"
                        "P6,Anna,Zoë,anna@ex.eu,registered\n"
                        "P7,Jan,van der Berg,jan@ex.eu,registered\n"
                        "P8,Carla,Adams,carla@ex.eu,cancelled\n"
                        "P9,Bob,Brown,bob@ex.eu,blocked\n");
    const auto imported = hub({"--db", db_, "import", "participants", dir_.file("people.csv").string()});
    ASSERT_EQ(imported.status, 0) << imported.output;
  }

  static std::string iso_date(std::chrono::sys_days day) {
    const std::chrono::year_month_day date{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int{date.year()}, unsigned{date.month()}, unsigned{date.day()});
    return text;
  }

  // The rows of a CSV export after its header (BOM, CRLF and quotes as csv::parse reads them).
  static std::vector<std::vector<std::string>> rows_of(const std::string& path) {
    auto table = csv::parse(testing::read_file(path));
    EXPECT_TRUE(table) << table.error().message;
    std::vector<std::vector<std::string>> rows;
    if (table) {
      rows.push_back(table->header);
      for (auto& record : table->rows) rows.push_back(std::move(record.fields));
    }
    return rows;
  }

  // The first column of every row but the header: the external ids, in the file's order.
  static std::vector<std::string> ids_in(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::string> ids;
    for (std::size_t i = 1; i < rows.size(); ++i) ids.push_back(rows[i].front());
    return ids;
  }

  testing::TempDir dir_;
  std::string db_;
  std::vector<std::string> days_;
};

TEST_F(HubCliDesk, ExportAttendanceHasAColumnPerDayAtADailyDoorAndOneForTheGala) {
  ASSERT_EQ(hub({"--db", db_, "checkin", "--manual", "P2", "--operator", "Desk"}).status, 0);
  ASSERT_EQ(hub({"--db", db_, "checkin", "--manual", "P2", "--operator", "Desk", "--checkpoint", "gala dinner"}).status,
            0);
  const auto out = dir_.file("attendance.csv").string();
  const auto run = hub({"--db", db_, "export", "attendance", out});
  ASSERT_EQ(run.status, 0) << run.output;
  const auto rows = rows_of(out);
  ASSERT_EQ(rows.size(), 10u);
  std::vector<std::string> header{"external_id", "first_name", "last_name", "organisation", "country", "status"};
  for (const auto& day : days_) header.push_back("Entrance " + day);
  for (const auto& day : days_) header.push_back("Terrace " + day);
  header.push_back("Gala dinner");
  EXPECT_EQ(rows[0], header);
  const auto dubois = std::find_if(rows.begin(), rows.end(), [](const auto& row) { return row[0] == "P2"; });
  ASSERT_NE(dubois, rows.end());
  // Checked in at the entrance on one day (today, or tomorrow had midnight just passed).
  EXPECT_EQ(std::count_if(dubois->begin() + 6, dubois->begin() + 9, [](const auto& cell) { return !cell.empty(); }), 1);
  EXPECT_FALSE((*dubois)[12].empty()) << "the gala, once per event: one column";
}

TEST_F(HubCliDesk, BadgesExportsAndAttendanceListPeopleByNameInTheEventsLanguage) {
  // Ågesen, Çelik, Dąbrowska, Dubois, van der Berg, Yılmaz, Zoë: not in byte order, where every
  // accented initial and "van" come after Z.
  const std::vector<std::string> registered{"P3", "P5", "P1", "P2", "P7", "P4", "P6"};
  const auto codes = dir_.file("codes.csv").string();
  ASSERT_EQ(hub({"--db", db_, "export", "badges", codes}).status, 0);
  EXPECT_EQ(ids_in(rows_of(codes)), registered);

  const auto attendance = dir_.file("attendance.csv").string();
  ASSERT_EQ(hub({"--db", db_, "export", "attendance", attendance}).status, 0);
  EXPECT_EQ(ids_in(rows_of(attendance)),
            (std::vector<std::string>{"P8", "P3", "P9", "P5", "P1", "P2", "P7", "P4", "P6"}))
      << "everyone, Adams and Brown (cancelled, blocked) among them";

  // The badges' PDF, one badge a page: its text in page order names them in the same order.
  const auto pdf = dir_.file("badges.pdf").string();
  ASSERT_EQ(hub({"--db", db_, "badges", "--layout", "a6", "--out", pdf}).status, 0);
  const auto text = testing::run_command("pdftotext -enc UTF-8 " + testing::shell_quote(pdf) + " -").text;
  std::vector<std::size_t> positions;
  for (const char* name : {"Ågesen", "Çelik", "Dąbrowska", "Dubois", "van der Berg", "Yılmaz", "Zoë"}) {
    positions.push_back(text.find(name));
    EXPECT_NE(positions.back(), std::string::npos) << name << " in:\n" << text;
  }
  EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end())) << text;
}

TEST_F(HubCliDesk, ExportBadgesLeavesOutCancelledAndBlockedAndSaysSo) {
  const auto codes = dir_.file("codes.csv").string();
  const auto run = hub({"--db", db_, "export", "badges", codes});
  ASSERT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("wrote 7 badge codes to " + codes + " (1 cancelled, 1 blocked left out)"),
            std::string::npos)
      << run.output;
  const auto rows = rows_of(codes);
  ASSERT_EQ(rows.size(), 8u);
  for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i][4], "registered") << rows[i][0];
}

TEST_F(HubCliDesk, ExcelExportsAreSemicolonSeparatedWithBomAndCrlf) {
  for (const std::string what : {"attendance", "badges"}) {
    const auto out = dir_.file(what + ".csv").string();
    const auto run = hub({"--db", db_, "export", what, out, "--excel"});
    ASSERT_EQ(run.status, 0) << run.output;
    const auto text = testing::read_file(out);
    EXPECT_EQ(text.rfind("\xEF\xBB\xBF"
                         "external_id;first_name;last_name;",
                         0),
              0u)
        << what << ": " << text.substr(0, 80);
    EXPECT_NE(text.find(";Dąbrowska;"), std::string::npos) << what;
    EXPECT_EQ(text.find(','), std::string::npos) << what << ": no comma separates cells";
    EXPECT_NE(text.find("\r\n"), std::string::npos) << what;
  }
  EXPECT_NE(hub({"export", "badges", "--help"}).output.find("--excel"), std::string::npos);
}

TEST_F(HubCliDesk, AnUnknownCheckpointNameListsTheEventsCheckpoints) {
  const auto run = hub({"--db", db_, "checkin", "--manual", "P2", "--operator", "Desk", "--checkpoint", "Entrnce"});
  EXPECT_EQ(run.status, 4) << run.output;
  EXPECT_NE(run.output.find("event 1 has no checkpoint named 'Entrnce'; it has: Entrance, Terrace, Gala dinner"),
            std::string::npos)
      << run.output;
}

TEST_F(HubCliDesk, ImportWarnsOfRowsWithoutALastNameAndOfSharedEmailsAndStillImports) {
  std::string csv = "external_id,first_name,last_name,email\n";
  csv += "S1,Ann,Smith,team@ex.eu\n";  // line 2
  for (int i = 0; i < 24; ++i)         // lines 3 to 26: first names only
    csv += "F" + std::to_string(i) + ",Stromae" + std::to_string(i) + ",,\n";
  csv += "S2,Bea,Smith,TEAM@ex.eu\n";  // line 27
  testing::write_file(dir_.file("warn.csv"), csv);
  const auto run = hub({"--db", db_, "import", "participants", dir_.file("warn.csv").string()});
  ASSERT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("26 new"), std::string::npos) << run.output;
  const std::string file = dir_.file("warn.csv").string();
  EXPECT_NE(run.output.find("warning: " + file + ": lines 2 and 27 share the email team@ex.eu"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("warning: " + file + ": line 3: no last name"), std::string::npos) << run.output;
  // 25 warnings: the first 20 by line, then how many more.
  EXPECT_NE(run.output.find("warning: " + file + ": line 21: no last name"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("line 22: no last name"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("warning: ... and 5 more"), std::string::npos) << run.output;
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
