// `passerelle-hub report` (issue #14) on the demo event: its requests scheduled, a morning of
// check-ins over two days written into the journal (one kiosk an hour slow, corrected by the
// offset the hub recorded), five meetings held, two participants erased. The commands run in
// this process (run_hub_cli), and the report is made once for the suite: the whole suite takes
// about a second.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "core/db/sqlite.h"
#include "core/store/store.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/store/open_hub_store.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

CliRun cli(const std::vector<std::string>& arguments) {
  std::ostringstream out;
  std::ostringstream err;
  const int status = hub::run_hub_cli(arguments, out, err);
  return {status, out.str(), err.str()};
}

// 2026-12-08 and -09 at 00:00 in Maastricht (UTC+1).
constexpr std::int64_t kDay1Ms = 1796684400000;
constexpr std::int64_t kDay2Ms = kDay1Ms + 24 * 3600 * 1000LL;
constexpr std::int64_t kMinute = 60'000;

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

class HubReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->file("hub.db").string();
    ASSERT_EQ(cli({"--db", db_, "init", "--event-config", demo_asset("event.toml")}).status, 0);
    ASSERT_EQ(cli({"--db", db_, "import", "participants", demo_asset("participants.csv")}).status, 0);
    // Three names whose order byte comparison gets wrong (docs/REPORT.md, "Attendance lists").
    write_file(dir_->file("more.csv"),
               "external_id,first_name,last_name,email,organisation,country\n"
               "X-1,Aksel,Ågesen,aksel@example.org,Nordhavn ApS,DK\n"
               "X-2,Anna,Dąbrowska,anna@example.org,Politechnika,PL\n"
               "X-3,Deniz,Yılmaz,deniz@example.org,Rhein GmbH,DE\n");
    ASSERT_EQ(cli({"--db", db_, "import", "participants", dir_->file("more.csv").string()}).status, 0);
    ASSERT_EQ(cli({"--db", db_, "import", "meetings", demo_asset("meetings.csv")}).status, 0);
    ASSERT_EQ(cli({"--db", db_, "schedule", "--time-limit", "10"}).status, 0);
    ASSERT_NO_FATAL_FAILURE(write_journal());
    out_ = dir_->file("report").string();
    const auto run = cli({"--db", db_, "report", "--event", "1", "--out", out_, "--at", "2026-12-10 12:00"});
    ASSERT_EQ(run.status, 0) << run.out << run.err;
  }
  static void TearDownTestSuite() {
    // To look at the files: PASSERELLE_KEEP_REPORT=/some/folder keeps a copy there.
    if (const char* keep = std::getenv("PASSERELLE_KEEP_REPORT"); keep != nullptr && dir_ != nullptr)
      std::filesystem::copy(
          out_, keep, std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
    delete dir_;
    dir_ = nullptr;
  }

  static std::int64_t id_of(db::Database& database, const std::string& external_id) {
    auto select = database.query("SELECT id FROM participant WHERE external_id = ?");
    select->bind_all(external_id);
    EXPECT_TRUE(*select->step()) << external_id;
    return select->column_int(0);
  }

  static void write_journal() {
    ASSERT_TRUE(hub::open_hub_store(db_));  // the hub's tables, hub_received among them
    auto store = Store::open(db_);
    ASSERT_TRUE(store);
    auto& database = store->database();
    const auto point = [&](const std::string& name) {
      auto found = store->find_checkpoint(1, name);
      EXPECT_TRUE(found && *found);
      return (*found)->id;
    };
    const std::int64_t entrance = point("Entrance");
    const std::int64_t hall = point("B2B tables: Hall Maas");
    auto transaction = db::Transaction::begin(database);
    ASSERT_TRUE(transaction);
    const auto append = [&](std::int64_t participant, std::int64_t checkpoint, EntryKind kind, std::int64_t at,
                            std::string day) {
      JournalEntry entry;
      entry.event_id = 1;
      entry.kind = kind;
      entry.participant_id = participant;
      entry.checkpoint_id = checkpoint;
      entry.wall_ms = at;
      entry.local_day = std::move(day);
      auto stored = store->append_in_transaction(entry);
      EXPECT_TRUE(stored);
      return stored ? stored->uuid : std::string();
    };
    // Day 1: the first 40 registered demo participants from 08:30, one a minute; day 2: 20 of them.
    for (int i = 1; i <= 40; ++i) {
      char external[24];
      std::snprintf(external, sizeof external, "EIF26-%04d", i + 10);
      const auto id = id_of(database, external);
      append(id, entrance, EntryKind::checkin, kDay1Ms + (8 * 60 + 30 + i) * kMinute, "2026-12-08");
      if (i <= 20) append(id, entrance, EntryKind::checkin, kDay2Ms + (9 * 60 + i) * kMinute, "2026-12-09");
    }
    for (const char* external : {"X-1", "X-2", "X-3", "EIF26-0002"})
      append(id_of(database, external), entrance, EntryKind::checkin, kDay1Ms + 9 * 60 * kMinute, "2026-12-08");
    // A kiosk an hour slow: its clock said 07:10; the hub measured +1 h when the entry arrived.
    const auto slow = append(id_of(database, "EIF26-0060"), entrance, EntryKind::checkin,
                             kDay1Ms + (7 * 60 + 10) * kMinute, "2026-12-08");
    auto received = database.query(
        "INSERT INTO hub_received (uuid, uploader, received_ms, clock_offset_ms) "
        "VALUES (?, 'kiosk', 0, 3600000)");
    ASSERT_TRUE(received);
    received->bind_all(slow);
    ASSERT_TRUE(received->step());
    // Both sides of the first five meetings of the day scan at their table.
    auto meetings = database.query(
        "SELECT participant_a, participant_b, slot_start_ms FROM meeting ORDER BY slot_start_ms, id LIMIT 5");
    ASSERT_TRUE(meetings);
    std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> held;
    while (*meetings->step())
      held.emplace_back(meetings->column_int(0), meetings->column_int(1), meetings->column_int(2));
    for (const auto& [a, b, start] : held) {
      append(a, hall, EntryKind::meeting_held, start + kMinute, "2026-12-08");
      append(b, hall, EntryKind::meeting_held, start + 2 * kMinute, "2026-12-08");
    }
    ASSERT_TRUE(transaction->commit());
    // Two of day 1's participants erased, as retention does (core/privacy): names, email and
    // organisation empty, the rest kept.
    ASSERT_TRUE(
        database.exec("UPDATE participant SET first_name = '', last_name = '', email = '', "
                      "organisation = '' WHERE external_id IN ('EIF26-0011', 'EIF26-0012')"));
  }

  static std::string file(const std::string& name) { return read_file(std::filesystem::path(out_) / name); }
  static std::string pdf_text(const std::string& name) {
    return run_command("pdftotext -layout -enc UTF-8 " + shell_quote(out_ + "/" + name) + " -").text;
  }

  static TempDir* dir_;
  static std::string db_;
  static std::string out_;
};

TempDir* HubReport::dir_ = nullptr;
std::string HubReport::db_;
std::string HubReport::out_;

TEST_F(HubReport, WritesTheHtmlThePdfTheCsvFilesAndOneAttendanceListPerDay) {
  for (const char* name :
       {"report.html", "report.pdf", "participants.csv", "by-country.csv", "by-region.csv", "by-sector.csv",
        "by-organisation-type.csv", "arrivals.csv", "attendance.csv", "meetings.csv", "meetings-by-sector.csv",
        "meetings-by-country-pair.csv", "attendance-2026-12-08.pdf", "attendance-2026-12-09.pdf"})
    EXPECT_TRUE(std::filesystem::is_regular_file(std::filesystem::path(out_) / name)) << name;
  for (const auto& entry : std::filesystem::directory_iterator(out_))
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
}

TEST_F(HubReport, TheHtmlIsSelfContainedWithItsChartsAndFigures) {
  const std::string html = file("report.html");
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_GE(count_of(html, "<svg "), 8u);  // four groupings, two days of arrivals, per day, meetings
  for (const char* absent : {"<script", "src=", "href=", "@import", "url("})
    EXPECT_EQ(html.find(absent), std::string::npos) << absent;
  // 363 registrations, 8 cancelled and 2 blocked; 45 came on day 1 (the slow kiosk's included),
  // and the meetings' partners who checked in nowhere else.
  EXPECT_NE(html.find("Registered<b>353</b>"), std::string::npos);
  EXPECT_NE(html.find("B2B meetings held<b>5</b>"), std::string::npos);
  EXPECT_NE(html.find("By country"), std::string::npos);
  EXPECT_NE(html.find("Arrivals on 2026-12-08"), std::string::npos);
}

TEST_F(HubReport, TheCsvFilesHoldTheFigures) {
  const std::string participants = file("participants.csv");
  EXPECT_EQ(participants.rfind("\xEF\xBB\xBF", 0), 0u);  // the BOM of every export
  EXPECT_NE(participants.find("Participants,353,"), std::string::npos) << participants;
  const std::string meetings = file("meetings.csv");
  EXPECT_NE(meetings.find("Meetings requested,420,"), std::string::npos) << meetings;
  EXPECT_NE(meetings.find("Meetings scheduled,420,"), std::string::npos) << meetings;
  EXPECT_NE(meetings.find("Meetings held,5,"), std::string::npos) << meetings;
  const std::string arrivals = file("arrivals.csv");
  EXPECT_NE(arrivals.find("2026-12-08,08:00,1\r\n"), std::string::npos) << arrivals;  // the slow kiosk's, corrected
  const std::string attendance = file("attendance.csv");
  EXPECT_NE(attendance.find("Entrance,45,20,45\r\n"), std::string::npos) << attendance;
  EXPECT_NE(file("by-country.csv").find("PL,1,1,100%"), std::string::npos);
}

TEST_F(HubReport, ThePdfSaysWhatTheHtmlSays) {
  const std::string text = pdf_text("report.pdf");
  for (const char* part : {"Event report: Euregio Innovation Forum 2026", "By country", "Arrivals on 2026-12-08",
                           "Meetings held", "Attendance per day and checkpoint", "Page 1 of"})
    EXPECT_NE(text.find(part), std::string::npos) << part;
}

TEST_F(HubReport, TheDaysListIsSortedInTheEventsLanguageWithTimesAndASignatureColumn) {
  const std::string text = pdf_text("attendance-2026-12-08.pdf");
  for (const char* part : {"Euregio Innovation Forum 2026", "MECC Maastricht", "Attendance list", "2026-12-08",
                           "Signature", "Check-in", "Page 1 of 2", "2 participants whose data was erased"})
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  const auto agesen = text.find("Ågesen, Aksel");
  const auto dabrowska = text.find("Dąbrowska, Anna");
  const auto dubois = text.find("Dubois, Loïc");
  const auto yilmaz = text.find("Yılmaz, Deniz");
  ASSERT_NE(agesen, std::string::npos) << text;
  ASSERT_NE(yilmaz, std::string::npos) << text;
  EXPECT_LT(agesen, dabrowska);  // among the A, not after Z
  EXPECT_LT(dabrowska, dubois);
  EXPECT_LT(dubois, yilmaz);
  // The slow kiosk's 07:10 is 08:10 on the hub's clock.
  const auto person = text.find("08:10");
  EXPECT_NE(person, std::string::npos) << text;
  // Both erased participants came back on day 2, Ågesen did not.
  const std::string day2 = pdf_text("attendance-2026-12-09.pdf");
  EXPECT_NE(day2.find("2 participants whose data was erased"), std::string::npos) << day2;
  EXPECT_EQ(day2.find("Ågesen"), std::string::npos) << day2;
}

TEST_F(HubReport, BadInputIsRefusedWithItsExitStatus) {
  const auto unknown = cli({"--db", db_, "report", "--event", "9", "--out", dir_->file("x").string()});
  EXPECT_EQ(unknown.status, 4) << unknown.err;
  EXPECT_NE(unknown.err.find("9"), std::string::npos) << unknown.err;
  write_file(dir_->file("a-file"), "x");
  const auto blocked = cli({"--db", db_, "report", "--event", "1", "--out", dir_->file("a-file").string() + "/sub"});
  EXPECT_EQ(blocked.status, 1) << blocked.err;
  EXPECT_NE(blocked.err.find("cannot create the report folder"), std::string::npos) << blocked.err;
  const auto programme = cli({"--db", db_, "report", "--programme", "1", "7", "--out", dir_->file("y").string()});
  EXPECT_EQ(programme.status, 4) << programme.err;
  EXPECT_NE(programme.err.find("--programme names event 7, which this database lacks"), std::string::npos)
      << programme.err;
  const auto both = cli({"--db", db_, "report", "--event", "1", "--programme", "1", "--out", dir_->file("z").string()});
  EXPECT_EQ(both.status, 2) << both.err;
  EXPECT_NE(both.err.find("not both"), std::string::npos) << both.err;
  EXPECT_FALSE(std::filesystem::exists(dir_->file("x")));
  EXPECT_FALSE(std::filesystem::exists(dir_->file("y")));
}

TEST_F(HubReport, AProgrammeCountsReturningPeopleByTheirKeysNotTheirNames) {
  // A second forum today: two of the demo's day-1 participants again (one email in capitals,
  // another name), and somebody new.
  ASSERT_EQ(cli({"--db", db_, "init", "--event", "Second forum", "--timezone", "Europe/Amsterdam"}).status, 0);
  std::vector<std::string> emails;
  {
    auto database = db::Database::open(db_);
    auto select = database->query(
        "SELECT email FROM participant WHERE external_id IN ('EIF26-0013', 'EIF26-0014') "
        "ORDER BY external_id");
    while (*select->step()) emails.push_back(select->column_text(0));
  }
  ASSERT_EQ(emails.size(), 2u);
  std::string upper = emails[1];
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  write_file(dir_->file("second.csv"),
             "external_id,first_name,last_name,email,organisation,country\n"
             "S-1,Someone,Else," +
                 emails[0] +
                 ",Another Name Ltd,BE\n"
                 "S-2,Shouting,Person," +
                 upper +
                 ",Other,NL\n"
                 "S-3,New,Comer,new@example.org,Newco,DE\n");
  ASSERT_EQ(cli({"--db", db_, "import", "participants", dir_->file("second.csv").string(), "--event", "2"}).status, 0);
  {
    auto store = Store::open(db_);
    ASSERT_TRUE(store);
    auto entrance = store->find_checkpoint(2, "Entrance");
    ASSERT_TRUE(entrance && *entrance);
    auto transaction = db::Transaction::begin(store->database());
    for (const char* external : {"S-1", "S-2", "S-3"}) {
      JournalEntry entry;
      entry.event_id = 2;
      entry.participant_id = id_of(store->database(), external);
      entry.checkpoint_id = (*entrance)->id;
      ASSERT_TRUE(store->append_in_transaction(entry));
    }
    ASSERT_TRUE(transaction->commit());
  }
  const std::string out = dir_->file("programme").string();
  const auto run = cli({"--db", db_, "report", "--programme", "1", "2", "--out", out, "--at", "2030-01-01 00:00"});
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  const std::string totals = read_file(std::filesystem::path(out) / "programme-totals.csv");
  EXPECT_NE(totals.find("Returning participants (2 or more events),2\r\n"), std::string::npos) << totals;
  const std::string events = read_file(std::filesystem::path(out) / "programme-events.csv");
  EXPECT_NE(events.find("Euregio Innovation Forum 2026,2026-12-08 – 2026-12-09,353,"), std::string::npos) << events;
  EXPECT_NE(events.find("Second forum,"), std::string::npos) << events;
  const std::string html = read_file(std::filesystem::path(out) / "report.html");
  EXPECT_NE(html.find("<h1>Programme report</h1>"), std::string::npos);
  EXPECT_GE(count_of(html, "<svg "), 2u);
  EXPECT_TRUE(std::filesystem::is_regular_file(std::filesystem::path(out) / "report.pdf"));

  // The second forum in French, for Excel set to French: the event's language and --excel.
  {
    auto database = db::Database::open(db_);
    ASSERT_TRUE(database->exec("UPDATE event SET language = 'fr' WHERE id = 2"));
  }
  const std::string french = dir_->file("french").string();
  const auto fr = cli({"--db", db_, "report", "--event", "2", "--out", french, "--excel", "--at", "2030-01-01 00:00"});
  ASSERT_EQ(fr.status, 0) << fr.out << fr.err;
  EXPECT_NE(read_file(std::filesystem::path(french) / "report.html").find("<html lang=\"fr\">"), std::string::npos);
  const std::string participants = read_file(std::filesystem::path(french) / "participants.csv");
  EXPECT_NE(participants.find("Participants;3;3;100%"), std::string::npos) << participants;
  std::string sheet;
  for (const auto& entry : std::filesystem::directory_iterator(french))
    if (entry.path().filename().string().rfind("attendance-", 0) == 0)
      sheet = run_command("pdftotext -enc UTF-8 " + shell_quote(entry.path().string()) + " -").text;
  EXPECT_NE(sheet.find("Liste de présence"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("Comer, New"), std::string::npos) << sheet;

  // Erased for real (core/privacy): still returning, through the keys kept for them.
  const auto erased = cli({"--db", db_, "erase", "--external-id", "EIF26-0013", "--event", "1", "--reason", "asked"});
  ASSERT_EQ(erased.status, 0) << erased.out << erased.err;
  const std::string again = dir_->file("programme-after-erasure").string();
  ASSERT_EQ(cli({"--db", db_, "report", "--programme", "1", "2", "--out", again, "--at", "2030-01-01 00:00"}).status,
            0);
  EXPECT_EQ(read_file(std::filesystem::path(again) / "programme-totals.csv"), totals);
}

}  // namespace
}  // namespace passerelle::testing
