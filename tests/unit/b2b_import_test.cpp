// The B2B imports' planners (core/import/b2b_import.h): headers in four languages, presets,
// mapping files, and every kind of bad row named by line, column and reason.
#include "core/import/b2b_import.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/import/column_synonyms.h"
#include "tests/support/test_support.h"

namespace passerelle::import {
namespace {

std::vector<Participant> people() {
  std::vector<Participant> out;
  const char* names[][3] = {{"P1", "Anna", "ann@example.org"},
                            {"P2", "Bram", "bram@example.org"},
                            {"P3", "Chloé", "chloe@example.org"},
                            {"P4", "Dieter", "dieter@example.org"},
                            {"P5", "Els", ""},
                            {"P6", "Femke", "femke@example.org"}};
  std::int64_t id = 1;
  for (const auto& [external_id, first, email] : names) {
    Participant person;
    person.id = id++;
    person.record.external_id = external_id;
    person.record.first_name = first;
    person.record.last_name = "Test";
    person.record.email = email;
    out.push_back(person);
  }
  return out;
}

B2bSession session() {
  B2bSession day;
  day.day = "2026-12-08";
  day.start_minute = 10 * 60;
  day.afternoon_start_minute = 14 * 60;
  day.slot_minutes = 20;
  day.pause_minutes = 5;
  day.morning_slots = 4;
  day.afternoon_slots = 2;
  day.tables = 10;
  return day;
}

// "line: column: reason" of every error, for compact expectations.
std::vector<std::string> errors_of(const B2bFileInfo& file) {
  std::vector<std::string> out;
  for (const auto& error : file.errors)
    out.push_back(std::to_string(error.line) + ": " + error.column + ": " + error.reason);
  return out;
}

bool has_error(const B2bFileInfo& file, std::size_t line, const std::string& column, const std::string& words) {
  for (const auto& error : file.errors)
    if (error.line == line && error.column == column && error.reason.find(words) != std::string::npos) return true;
  return false;
}

class B2bImport : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = TimeZone::create("Europe/Brussels");
    ASSERT_TRUE(created);
    zone_.emplace(std::move(*created));
  }

  SchedulePlan schedule(const std::string& csv, bool with_session = true, const B2bImportOptions& options = {}) {
    ScheduleFrame frame;
    frame.session = with_session ? &session_ : nullptr;
    frame.zone = &*zone_;
    frame.event_days = days_;
    auto plan = plan_schedule(csv, directory_, frame, options);
    EXPECT_TRUE(plan) << plan.error().message;
    return plan ? std::move(*plan) : SchedulePlan{};
  }

  std::int64_t at(int hour, int minute) {  // Brussels is UTC+1 in December
    return *zone_->start_of_day("2026-12-08") + (std::int64_t{hour} * 60 + minute) * 60'000;
  }

  ParticipantDirectory directory_{people()};
  B2bSession session_ = session();
  std::vector<std::string> days_{"2026-12-08", "2026-12-09"};
  std::optional<TimeZone> zone_;
};

TEST(B2bColumns, NoHeaderMeansTwoFieldsOfOneKind) {
  std::map<std::pair<B2bKind, std::string>, B2bField> seen;
  for (const auto& synonym : b2b_header_synonyms()) {
    const auto [at, fresh] = seen.emplace(std::pair{synonym.kind, fold_key(synonym.header)}, synonym.field);
    EXPECT_TRUE(fresh || at->second == synonym.field)
        << synonym.header << " means " << to_string(at->second) << " and " << to_string(synonym.field);
  }
}

TEST(B2bColumns, AFileWithoutTheParticipantsColumnsIsRefusedOnTheHeader) {
  const auto resolved = resolve_b2b_columns({"who", "whom"}, B2bKind::requests, B2bPreset::automatic, nullptr);
  ASSERT_FALSE(resolved);
  EXPECT_NE(resolved.error().message.find("line 1: the header needs the two participants"), std::string::npos);
  const auto unavailable =
      resolve_b2b_columns({"participant", "from"}, B2bKind::unavailable, B2bPreset::automatic, nullptr);
  ASSERT_FALSE(unavailable);
  EXPECT_NE(unavailable.error().message.find("slot or from and until"), std::string::npos);
}

TEST(B2bColumns, TheEmailColumnIsPreferredToTheNameColumn) {
  const auto resolved = resolve_b2b_columns({"Host", "Host e-mail", "Guest", "Guest Email"}, B2bKind::requests,
                                            B2bPreset::automatic, nullptr);
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(resolved->of(B2bField::a), 1u);
  EXPECT_EQ(resolved->of(B2bField::b), 3u);
  EXPECT_EQ(resolved->ignored, (std::vector<std::string>{"Host", "Guest"}));
}

TEST(B2bColumns, AMappingFileNamesColumnsAndItsMistakesAreNamedByLine) {
  auto mapping = parse_b2b_mapping_toml(
      "[columns]\na = \"Wer\"\nb = \"Mit wem\"\nlocation = \"Tisch-Nr\"\n"
      "date_order = \"day-first\"\n",
      "map.toml", B2bKind::schedule);
  // date_order inside [columns] is not a field
  ASSERT_FALSE(mapping);
  EXPECT_NE(mapping.error().message.find("map.toml:5: [columns] 'date_order' is not a field"), std::string::npos)
      << mapping.error().message;
  mapping = parse_b2b_mapping_toml("date_order = \"day-first\"\n[columns]\na = \"Wer\"\nb = \"Mit wem\"\n", "map.toml",
                                   B2bKind::schedule);
  ASSERT_TRUE(mapping) << mapping.error().message;
  EXPECT_EQ(mapping->date_order, DateOrder::day_first);
  const auto resolved =
      resolve_b2b_columns({"Mit wem", "Wer", "Beginn"}, B2bKind::schedule, B2bPreset::automatic, &*mapping);
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(resolved->of(B2bField::a), 1u);
  EXPECT_EQ(resolved->of(B2bField::b), 0u);
  EXPECT_EQ(resolved->of(B2bField::start), 2u);

  const auto missing = resolve_b2b_columns({"Wer", "Beginn"}, B2bKind::schedule, B2bPreset::automatic, &*mapping);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("a column 'Mit wem' that this file does not have"), std::string::npos);

  for (const auto& [text, words] : std::vector<std::pair<std::string, std::string>>{
           {"[columns]\nwindow = \"W\"\n", "'window' is not a field of a schedule file"},
           {"date_order = \"ymd\"\n", "date_order must be"},
           {"colums = 1\n", "unknown key 'colums'"},
           {"[columns]\na = 3\n", "must name one column"},
           {"[columns\n", "map.toml:1"}}) {
    const auto bad = parse_b2b_mapping_toml(text, "map.toml", B2bKind::schedule);
    ASSERT_FALSE(bad) << text;
    EXPECT_NE(bad.error().message.find(words), std::string::npos) << bad.error().message;
  }
}

TEST_F(B2bImport, RequestsInDutchWithWishesInFourLanguages) {
  const auto plan = plan_meeting_requests(
      "Aanvrager;Genodigde;Dagdeel\nP1;bram@example.org;ochtend\nP3;P4;après-midi\nP5;P6;\nP1;P3;Vormittag\n",
      directory_, {});
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_TRUE(plan->file.errors.empty()) << errors_of(plan->file).front();
  ASSERT_EQ(plan->rows.size(), 4u);
  EXPECT_EQ(plan->rows[0].half_day, "morning");
  EXPECT_EQ(plan->rows[1].half_day, "afternoon");
  EXPECT_EQ(plan->rows[2].half_day, "any");
  EXPECT_EQ(plan->rows[3].half_day, "morning");
  EXPECT_EQ(plan->rows[0].b, 2);  // found by email, case ignored
}

TEST_F(B2bImport, EveryBadRequestRowIsNamedOnce) {
  const auto plan = plan_meeting_requests(
      "a,b,window\n"
      "P1,P2,any\n"
      "P1,NOBODY,any\n"
      "P3,P3,any\n"
      "P2,P1,morning\n"
      "P4,P5,evening\n"
      ",P6,any\n",
      directory_, {});
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->file.errors.size(), 5u);
  EXPECT_TRUE(has_error(plan->file, 3, "b", "no participant 'NOBODY'"));
  EXPECT_TRUE(has_error(plan->file, 4, "b", "cannot meet themselves"));
  EXPECT_TRUE(has_error(plan->file, 5, "b", "already asked to meet on line 2"));
  EXPECT_TRUE(has_error(plan->file, 6, "window", "'evening' is not any, morning or afternoon"));
  EXPECT_TRUE(has_error(plan->file, 7, "a", "no participant given"));
  // A row longer than the header is the CSV reader's error: the file cannot be read as a table.
  const auto ragged = plan_meeting_requests("a,b\nP1,P2\nP3,P4,P5\n", directory_, {});
  ASSERT_FALSE(ragged);
  EXPECT_NE(ragged.error().message.find("line 3"), std::string::npos) << ragged.error().message;
}

TEST_F(B2bImport, UnavailableBySlotOrByTimeRange) {
  const auto plan = plan_unavailable("Teilnehmer;Zeitfenster;Von;Bis\nP1;2;;\nP2;;10:30;11:10\nP3;;14:00;18:00\n",
                                     directory_, session_, {});
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_TRUE(plan->file.errors.empty());
  const std::set<std::pair<std::int64_t, std::int64_t>> rows(plan->rows.begin(), plan->rows.end());
  // Slots start 10:00, 10:25, 10:50, 11:15 | 14:00, 14:25: 10:30-11:10 overlaps slots 2 and 3.
  EXPECT_EQ(rows, (std::set<std::pair<std::int64_t, std::int64_t>>{{1, 2}, {2, 2}, {2, 3}, {3, 5}, {3, 6}}));

  const auto bad = plan_unavailable("participant,slot,from,until\nP1,7,,\nP2,,11:00,10:00\nP3,,9h,10:00\nX,1,,\n",
                                    directory_, session_, {});
  ASSERT_TRUE(bad);
  EXPECT_TRUE(has_error(bad->file, 2, "slot", "'7' is not a slot from 1 to 6"));
  EXPECT_TRUE(has_error(bad->file, 3, "until", "is not a time after"));
  EXPECT_TRUE(has_error(bad->file, 4, "from", "'9h' is not a time"));
  EXPECT_TRUE(has_error(bad->file, 5, "participant", "no participant 'X'"));
}

TEST_F(B2bImport, AScheduleOnTheSessionsSlotsAndTables) {
  const auto plan = schedule(
      "Host;Guest;Date;Start;End;Table\n"
      "P1;P2;08.12.2026;10:00;10:15;Table 3\n"
      "P3;P4;2026-12-08;10:00;;T4\n"
      "P1;P3;2026-12-08;10:25 AM;;Hall A, table 4\n"
      "P5;P6;;2026-12-08T13:00:00Z;;10\n");
  EXPECT_TRUE(plan.file.errors.empty()) << errors_of(plan.file).front();
  ASSERT_EQ(plan.rows.size(), 4u);
  EXPECT_EQ(plan.rows[0].start_ms, at(10, 0));
  EXPECT_EQ(plan.rows[0].end_ms, at(10, 15));  // the platform's end, inside the slot
  EXPECT_EQ(plan.rows[0].location, "table 3");
  EXPECT_EQ(plan.rows[1].end_ms, at(10, 20));  // no end: the slot's
  EXPECT_EQ(plan.rows[2].start_ms, at(10, 25));
  EXPECT_EQ(plan.rows[2].location, "table 4");
  EXPECT_EQ(plan.rows[3].start_ms, at(14, 0));  // 13:00 UTC is 14:00 in Brussels
}

TEST_F(B2bImport, EveryScheduleClashIsNamedOnTheLaterLine) {
  const auto plan = schedule(
      "a,b,start,end,table\n"
      "P1,P2,10:00,,1\n"             // 2
      "P1,P3,10:00,,2\n"             // 3: P1 busy
      "P4,P5,10:00,,1\n"             // 4: table 1 taken
      "P3,P4,10:10,,3\n"             // 5: not a slot start
      "P3,P4,10:25,10:50,3\n"        // 6: after the slot's end
      "P3,P4,10:25,,Booth A\n"       // 7: no table number
      "P3,P4,10:25,,11\n"            // 8: no such table
      "P2,P1,10:25,,4\n"             // 9: the pair again
      "P3,P4,2026-12-09 10:25,,4\n"  // 10: not the session's day
      "P3,P4,10:25,10:20,4\n"        // 11: ends before it starts
      "P3,P4,25:00,,4\n");           // 12: not a time
  EXPECT_TRUE(plan.rows.size() == 1u) << plan.rows.size();
  EXPECT_TRUE(has_error(plan.file, 3, "a", "Anna Test already meets Bram Test at 10:00 (line 2)"));
  EXPECT_TRUE(has_error(plan.file, 4, "table", "'table 1' already holds a meeting at 10:00 (line 2)"));
  EXPECT_TRUE(has_error(plan.file, 5, "start", "10:10 is not the start of a slot of the B2B session"));
  EXPECT_TRUE(has_error(plan.file, 6, "end", "is after the slot's end (10:45)"));
  EXPECT_TRUE(has_error(plan.file, 7, "table", "'Booth A' names no table"));
  EXPECT_TRUE(has_error(plan.file, 8, "table", "'11' is not a table of the B2B session (1 to 10)"));
  EXPECT_TRUE(has_error(plan.file, 9, "b", "these two already meet on line 2"));
  EXPECT_TRUE(has_error(plan.file, 10, "start", "the B2B session is on 2026-12-08, not 2026-12-09"));
  EXPECT_TRUE(has_error(plan.file, 11, "end", "is not after the start"));
  EXPECT_TRUE(has_error(plan.file, 12, "start", "'25:00' is not a time"));
  EXPECT_EQ(plan.file.errors.size(), 10u);
}

TEST_F(B2bImport, WithoutASessionAnyTimeOfTheEventAndAnyPlace) {
  auto plan = schedule(
      "a,b,date,start,end,location\n"
      "P1,P2,2026-12-09,09:10,09:40,Booth 7 (Hall Geul)\n"
      "P3,P4,2026-12-09,09:10,09:40,Booth 7 (Hall Geul)\n"
      "P5,P6,2026-12-10,09:10,09:40,Café\n"
      "P1,P3,2026-12-09,09:40,10:00,\n",
      false);
  ASSERT_EQ(plan.rows.size(), 2u);
  EXPECT_EQ(plan.rows[0].location, "Booth 7 (Hall Geul)");
  EXPECT_EQ(plan.rows[1].location, "");  // back to back with 09:10-09:40: no clash
  EXPECT_TRUE(has_error(plan.file, 3, "location", "'Booth 7 (Hall Geul)' already holds a meeting at 09:10"));
  EXPECT_TRUE(has_error(plan.file, 4, "start", "2026-12-10 is not a day of the event"));

  // Two event days and no date: which day is not guessed.
  plan = schedule("a,b,start,end\nP1,P2,09:10,09:40\n", false);
  EXPECT_TRUE(has_error(plan.file, 2, "start", "no date: the event has several days"));

  ScheduleFrame frame;
  frame.zone = &*zone_;
  frame.event_days = days_;
  const auto no_end = plan_schedule("a,b,start\nP1,P2,2026-12-09 09:10\n", directory_, frame, {});
  ASSERT_FALSE(no_end);
  EXPECT_NE(no_end.error().message.find("line 1: the header needs the meetings' end"), std::string::npos);
}

TEST_F(B2bImport, AZeristaScheduleIsRecognisedAndItsSlashDatesNeedAnOrder) {
  const std::string zerista =
      "Meeting ID,Subject,Start Date,Start Time,End Date,End Time,Location,Organizer,Confirmed\n"
      ",Intro,12/08/2026,10:00 AM,12/08/2026,10:20 AM,Table 2,ann@example.org,ann@example.org; bram@example.org\n"
      ",Talk,12/08/2026,10:25 AM,12/08/2026,10:45 AM,Table 2,chloe@example.org,P4;P5\n";
  auto plan = schedule(zerista);
  EXPECT_EQ(plan.file.columns.preset, B2bPreset::zerista);
  EXPECT_TRUE(has_error(plan.file, 2, "Start Date", "need date_order in a mapping file"))
      << errors_of(plan.file).front();

  B2bMapping mapping;
  mapping.date_order = DateOrder::month_first;
  B2bImportOptions options;
  options.mapping = &mapping;
  plan = schedule(zerista, true, options);
  ASSERT_EQ(plan.rows.size(), 1u) << errors_of(plan.file).front();
  EXPECT_EQ(plan.rows[0].a, 1);
  EXPECT_EQ(plan.rows[0].b, 2);  // the organizer taken out of Confirmed
  EXPECT_TRUE(has_error(plan.file, 3, "Confirmed", "3 participants: only one-to-one meetings are imported"));
  EXPECT_EQ(plan.file.columns.ignored, (std::vector<std::string>{"Meeting ID", "Subject"}));
}

TEST_F(B2bImport, ALocationOrAMappingFileTooLongIsRefused) {
  const auto plan = schedule("a,b,date,start,end,location\nP1,P2,2026-12-09,09:00,09:20," + std::string(201, 'x') +
                                 "\nP3,P4,2026-12-09,09:00,09:20,Bar\x07\n",
                             false);
  EXPECT_TRUE(has_error(plan.file, 2, "location", "longer than 200 bytes"));
  EXPECT_TRUE(has_error(plan.file, 3, "location", "control character"));

  const testing::TempDir dir;
  testing::write_file(dir.file("big.toml"), "# " + std::string(64 * 1024, 'x') + "\n[columns]\na = \"A\"\n");
  const auto big = load_b2b_mapping_file(dir.file("big.toml"), B2bKind::requests);
  ASSERT_FALSE(big);
  EXPECT_NE(big.error().message.find("at most 64 KiB"), std::string::npos) << big.error().message;
}

TEST(B2bTimes, ClocksAndDatesAsPlatformsWriteThem) {
  EXPECT_EQ(parse_time_of_day_minutes("9:05"), 9 * 60 + 5);
  EXPECT_EQ(parse_time_of_day_minutes("09:05:00"), 9 * 60 + 5);
  EXPECT_EQ(parse_time_of_day_minutes("12:30 AM"), 30);
  EXPECT_EQ(parse_time_of_day_minutes("12:30 pm"), 12 * 60 + 30);
  EXPECT_EQ(parse_time_of_day_minutes("1:00 p.m."), 13 * 60);
  for (const char* bad : {"", "9", "9h05", "24:00", "09:60", "09:05:30", "13:00 PM", "0:30 AM", "-1:00", "09:5"})
    EXPECT_EQ(parse_time_of_day_minutes(bad), std::nullopt) << bad;

  EXPECT_EQ(parse_date("2026-12-08", DateOrder::unknown), "2026-12-08");
  EXPECT_EQ(parse_date("8.12.2026", DateOrder::unknown), "2026-12-08");
  EXPECT_EQ(parse_date("08/12/2026", DateOrder::day_first), "2026-12-08");
  EXPECT_EQ(parse_date("12/08/2026", DateOrder::month_first), "2026-12-08");
  for (const char* bad : {"08/12/2026", "2026-02-30", "2026-12", "12.2026", "2026/12/08", "x-y-z", "31.13.2026"})
    EXPECT_EQ(parse_date(bad, DateOrder::unknown), "") << bad;
}

}  // namespace
}  // namespace passerelle::import
