// The report's figures as a pure function (core/report/event_report.h): rows in, figures out, no
// file. What the demo's report (hub_report_test.cpp) does not reach: the day of a presence from
// its corrected time, hourly bins, presences after --at, erased people, the programme's keys.
#include "core/report/event_report.h"

#include <gtest/gtest.h>

#include "core/report/programme_report.h"
#include "core/report/report_builder.h"
#include "core/report/report_csv.h"
#include "core/report/report_html.h"

namespace passerelle::report {
namespace {

// 2026-12-08 00:00 in Brussels (UTC+1).
constexpr std::int64_t kDay1 = 1796684400000;
constexpr std::int64_t kHour = 3'600'000;

ReportInput two_days() {
  ReportInput input;
  input.event.id = 1;
  input.event.name = "Forum";
  input.event.timezone = "Europe/Brussels";
  input.event.days = {"2026-12-08", "2026-12-09"};
  for (const auto& [id, name] : {std::pair<std::int64_t, const char*>{10, "Entrance"}, {11, "Hall"}}) {
    Checkpoint point;
    point.id = id;
    point.event_id = 1;
    point.name = name;
    input.checkpoints.push_back(point);
  }
  input.now_ms = kDay1 + 72 * kHour;
  const auto person = [](std::int64_t id, std::string last, std::string organisation_key, std::string email_key) {
    ReportPerson p;
    p.id = id;
    p.external_id = "E" + std::to_string(id);
    p.first_name = "F";
    p.last_name = std::move(last);
    p.organisation = "Org " + organisation_key;
    p.country = "BE";
    p.organisation_key = std::move(organisation_key);
    p.email_key = std::move(email_key);
    return p;
  };
  input.people = {person(1, "Zeller", "a", "k1"), person(2, "Adam", "a", "k2"), person(3, "Moreau", "b", "k3")};
  input.people[2].status = ParticipantStatus::cancelled;
  return input;
}

TEST(EventReport, ADayIsTheCorrectedTimesLocalDayAndEachPersonArrivesOnceADay) {
  auto input = two_days();
  input.checkins = {{1, 10, kDay1 + 9 * kHour},
                    {1, 11, kDay1 + 10 * kHour},      // one arrival, two points
                    {2, 10, kDay1 + 24 * kHour + 1},  // 00:00 on day 2 in Brussels
                    {3, 10, kDay1 - 7 * 24 * kHour},  // a week before (a rehearsal): no day of the event
                    {2, 10, input.now_ms + 1}};       // after the report's moment
  const auto report = compute_event_report(input);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->participants.registered, 2);
  EXPECT_EQ(report->participants.attended, 2);
  EXPECT_EQ(report->cancelled, 1);
  EXPECT_EQ(report->organisations.registered, 1);  // "a" twice
  EXPECT_EQ(report->outside_days, 1);
  EXPECT_EQ(report->days[0].attended, 1);
  EXPECT_EQ(report->days[1].attended, 1);
  EXPECT_EQ(report->days[0].by_checkpoint, (std::vector<int>{1, 1}));
  EXPECT_EQ(report->checkpoint_totals, (std::vector<int>{2, 1}));
  ASSERT_EQ(report->sheets[0].rows.size(), 1u);
  EXPECT_EQ(report->sheets[0].rows[0].time, "09:00");
  EXPECT_EQ(report->sheets[1].rows[0].time, "00:00");
  // 00:00 to 09:00 spreads over more than eight hours: hourly bins.
  EXPECT_EQ(report->bin_minutes, 60);
  EXPECT_EQ(report->arrivals[0].by_bin.at(9), 1);
}

TEST(EventReport, ErasedPeopleAreCountedButNeverListed) {
  auto input = two_days();
  input.people[0].first_name = input.people[0].last_name = input.people[0].organisation = "";
  input.people[0].erased = true;
  input.checkins = {{1, 10, kDay1 + 9 * kHour}, {2, 10, kDay1 + 9 * kHour + 60'000}};
  const auto report = compute_event_report(input);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->participants.attended, 2);
  EXPECT_EQ(report->organisations.attended, 1);  // through the key kept for the erased person
  EXPECT_EQ(report->by_country.at("BE").attended, 2);
  EXPECT_EQ(report->sheets[0].erased, 1);
  ASSERT_EQ(report->sheets[0].rows.size(), 1u);
  EXPECT_EQ(report->sheets[0].rows[0].last_name, "Adam");
  EXPECT_EQ(report->bin_minutes, 15);

  const auto texts = Translations::load(PASSERELLE_SOURCE_DIR "/assets/i18n");
  ASSERT_TRUE(texts);
  const auto sheets = attendance_sheets(*report, *texts);
  EXPECT_EQ(sheets[0].erased_line, "1 participants whose data was erased");
  EXPECT_EQ(sheets[1].erased_line, "");
  // A day nobody came to is a sheet that says so.
  EXPECT_TRUE(sheets[1].rows.empty());
  EXPECT_EQ(sheets[1].none, "Nobody attended on this day.");
}

TEST(EventReport, TheHtmlEscapesWhatTheRegistrationFormsSupplied) {
  auto input = two_days();
  input.people[0].sector = "<script>alert(1)</script>";
  input.checkins = {{1, 10, kDay1 + 9 * kHour}};
  const auto report = compute_event_report(input);
  ASSERT_TRUE(report);
  const auto texts = Translations::load(PASSERELLE_SOURCE_DIR "/assets/i18n");
  ASSERT_TRUE(texts);
  const auto document = event_document(*report, *texts, "now");
  const std::string html = render_html(document);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  // A cell a spreadsheet would run is written as text.
  for (const auto& file : render_csv(document, csv::Delimiter::comma))
    EXPECT_EQ(file.content.find(",="), std::string::npos) << file.name;
}

TEST(ProgrammeReport, ReturningIsTwoEventsOrMoreByKeyAndAMissingEmailNeverMatches) {
  auto first = two_days();
  first.checkins = {{1, 10, kDay1 + 9 * kHour}, {2, 10, kDay1 + 9 * kHour}};
  auto second = two_days();
  second.people[1].email_key = "";  // k2 gave no email this time
  second.checkins = {{1, 10, kDay1 + 9 * kHour}, {2, 10, kDay1 + 9 * kHour}};
  std::vector<EventReport> reports;
  for (const auto& input : {first, second}) {
    auto report = compute_event_report(input);
    ASSERT_TRUE(report);
    reports.push_back(std::move(*report));
  }
  const auto programme = compute_programme_report(std::move(reports));
  EXPECT_EQ(programme.participants.attended, 4);
  EXPECT_EQ(programme.returning_participants, 1);  // k1
  EXPECT_EQ(programme.distinct_attendees, 3);      // k1, k2, and the one without an email
  EXPECT_EQ(programme.returning_organisations, 1);
  EXPECT_EQ(programme.attendees_by_events.at(2), 1);
  EXPECT_EQ(programme.attendees_by_events.at(1), 2);
}

}  // namespace
}  // namespace passerelle::report
