// The organisers' live view's figures (sync/hub/live/live_figures.h) from rows made by hand: what
// a dashboard and a wall page are told at one moment of an event day, and the bounds on every list.
#include "sync/hub/live/live_figures.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace passerelle::hub {
namespace {

using nlohmann::json;

constexpr std::int64_t kTen = 1796461200000;  // 2026-12-05 10:00 in Brussels
constexpr std::int64_t kMinute = 60'000;
const char* const kCountries[] = {"BE", "NL", "DE", "FR", "LU", "PL", "IT", "ES", "DK", "SE", "AT", "CZ", "PT", "IE"};

LiveInputs day_at_ten() {
  LiveInputs inputs;
  auto& input = inputs.rows.input;
  input.event.id = 1;
  input.event.name = "Forum";
  input.event.timezone = "Europe/Brussels";
  input.event.days = {"2026-12-05"};
  Checkpoint entrance;
  entrance.id = 1;
  entrance.name = "Entrance";
  entrance.rule = CheckpointRule::once_per_day;
  Checkpoint hall;
  hall.id = 2;
  hall.name = "Hall";
  hall.rule = CheckpointRule::in_out;
  input.checkpoints = {entrance, hall};
  inputs.rows.inside = {0, 3};
  // 14 people, one country each: the by-country list keeps 12 and sums the rest as "other".
  for (int i = 0; i < 14; ++i) {
    report::ReportPerson person;
    person.id = i + 1;
    person.first_name = "P" + std::to_string(i + 1);
    person.last_name = "Person";
    person.organisation = "Org " + std::to_string(i + 1);
    person.country = kCountries[i];
    person.sector = i % 2 ? "Energy" : "Health";
    input.people.push_back(person);
  }
  // Arrivals at 08:05, 08:10 and 08:50 (bins 08:00, 08:15 empty, 08:30 empty, 08:45); 25
  // presences in all, the newest at 09:59.
  for (int i = 0; i < 25; ++i) {
    const std::int64_t at = i < 2 ? kTen - 115 * kMinute + i * 5 * kMinute : kTen - 70 * kMinute + i * 2 * kMinute;
    input.checkins.push_back({(i % 6) + 1, i % 3 == 0 ? 2 : 1, at});
  }
  B2bSession session;
  session.day = "2026-12-05";
  session.start_minute = 10 * 60;
  session.afternoon_start_minute = 14 * 60;
  session.slot_minutes = 20;
  session.morning_slots = 2;
  session.tables = 3;
  input.session = session;
  auto& meetings = input.meetings;
  meetings.requested = 5;
  meetings.meetings = {{1, 2, kTen, kTen + 20 * kMinute, false, "table 1"},
                       {3, 4, kTen, kTen + 20 * kMinute, false, "table 2"},
                       {5, 6, kTen, kTen + 20 * kMinute, false, "table 3"},
                       {7, 8, kTen + 20 * kMinute, kTen + 40 * kMinute, false, "table 1"}};
  for (const auto& person : input.people) meetings.people[person.id] = {person.country, person.sector};
  meetings.scans = {{1, {kTen + 2 * kMinute}}, {2, {kTen + 3 * kMinute}}, {3, {kTen + kMinute}}};
  input.now_ms = kTen + 10 * kMinute;
  DeviceInfo door;
  door.device_id = "d-1";
  door.name = "Door 1";
  door.last_sync_ms = kTen;
  door.clock_offset_ms = -1200;
  door.authored = {{"d-1", 40, 43, 3}};
  inputs.devices = {door};
  for (int i = 0; i < 25; ++i) {
    Alert alert;
    alert.id = i + 1;
    alert.created_ms = kTen + i;
    alert.kind = "double_checkin";
    alert.detail = "alert " + std::to_string(i + 1);
    inputs.alerts.push_back(alert);
  }
  inputs.quarantined = 2;
  inputs.rows.feed_seq = 77;
  return inputs;
}

json figures_of(LiveInputs inputs, std::int64_t now) {
  inputs.rows.input.now_ms = now;
  auto figures = render_live_figures(inputs);
  EXPECT_TRUE(figures) << figures.error().message;
  if (!figures) return {};
  EXPECT_EQ(figures->feed, 77);
  return json::parse(figures->json);
}

TEST(LiveFiguresTest, SaysWhoIsHereTodayAndWhereTheyArrivedFrom) {
  const auto figures = figures_of(day_at_ten(), kTen + 10 * kMinute);
  EXPECT_EQ(figures["event"]["today"], "2026-12-05");
  EXPECT_EQ(figures["feed"], 77);
  EXPECT_EQ(figures["participants"]["expected"], 14);
  EXPECT_EQ(figures["participants"]["checked_in"], 6);
  EXPECT_EQ(figures["organisations"]["expected"], 14);  // by their names' normal form: no key is made
  EXPECT_EQ(figures["organisations"]["attended"], 6);
  EXPECT_EQ(figures["checkpoints"][0]["inside"], nullptr);
  EXPECT_EQ(figures["checkpoints"][1]["inside"], 3);
  EXPECT_EQ(figures["checkpoints"][1]["rule"], "in_out");
  EXPECT_EQ(figures["checkpoints"][1]["kind"], "door");
  const auto& bins = figures["arrivals"]["bins"];
  EXPECT_EQ(figures["arrivals"]["bin_minutes"], 15);
  ASSERT_GE(bins.size(), 2u);
  EXPECT_EQ(bins[0]["start"], "08:00");
  EXPECT_EQ(bins[0]["count"], 2);  // the first arrivals of persons 1 and 2
  int arrivals = 0;
  for (const auto& bin : bins) arrivals += bin["count"].get<int>();
  EXPECT_EQ(arrivals, 6);  // first arrivals only: six people
  const auto& countries = figures["by_country"];
  ASSERT_EQ(countries.size(), 13u);  // 12 and "other"
  EXPECT_EQ(countries[0]["attended"], 1);
  EXPECT_EQ(countries[12]["key"], "other");
  EXPECT_EQ(countries[12]["registered"], 2);
  EXPECT_EQ(figures["by_sector"].size(), 2u);
  EXPECT_EQ(figures["by_org_type"][0]["key"], "unspecified");
}

TEST(LiveFiguresTest, ShowsTheCurrentAndNextRoundsTables) {
  // 10:05: the next round's scan window (from 10 minutes before its start) is not open yet.
  const auto figures = figures_of(day_at_ten(), kTen + 5 * kMinute);
  const auto& current = figures["rounds"]["current"];
  ASSERT_TRUE(current.is_object());
  EXPECT_EQ(current["start_ms"], kTen);
  EXPECT_EQ(current["end_ms"], kTen + 20 * kMinute);
  ASSERT_EQ(current["tables"].size(), 3u);
  EXPECT_EQ(current["tables"][0]["table"], "table 1");
  EXPECT_EQ(current["tables"][0]["state"], "held");
  EXPECT_EQ(current["tables"][0]["a"]["name"], "P1 Person");
  EXPECT_EQ(current["tables"][1]["state"], "one_side");
  EXPECT_EQ(current["tables"][2]["state"], "waiting");
  const auto& next = figures["rounds"]["next"];
  ASSERT_EQ(next["tables"].size(), 1u);
  EXPECT_EQ(next["tables"][0]["state"], "upcoming");
  EXPECT_EQ(figures["meetings"]["held"], 1);
  EXPECT_EQ(figures["meetings"]["running"], 2);
  EXPECT_EQ(figures["meetings"]["upcoming"], 1);

  // Between the rounds' grace and the next: the last round's unheld tables are no-shows, and
  // once every round is over there is neither a current nor a next one.
  const auto later = figures_of(day_at_ten(), kTen + 90 * kMinute);
  EXPECT_TRUE(later["rounds"]["current"].is_null());
  EXPECT_TRUE(later["rounds"]["next"].is_null());
  EXPECT_EQ(later["meetings"]["no_show"], 3);
}

TEST(LiveFiguresTest, AMeetingIsJudgedByItsPartnersScansAsTheTablesAre) {
  auto inputs = day_at_ten();
  auto& input = inputs.rows.input;
  const auto state = [&](std::size_t meeting, std::int64_t now) {
    input.now_ms = now;
    return live_meeting_state(input, input.meetings.meetings[meeting]);
  };
  EXPECT_EQ(state(0, kTen + 5 * kMinute), "held");
  EXPECT_EQ(state(1, kTen + 5 * kMinute), "one_side");
  EXPECT_EQ(state(2, kTen + 5 * kMinute), "waiting");
  EXPECT_EQ(state(3, kTen + 5 * kMinute), "upcoming");
  EXPECT_EQ(state(1, kTen + 90 * kMinute), "no_show");
  EXPECT_EQ(state(0, kTen + 90 * kMinute), "held");
  // A scan after the moment judged is not counted yet.
  EXPECT_EQ(state(0, kTen + 2 * kMinute + 30'000), "one_side");
  input.session.reset();
  EXPECT_EQ(state(0, kTen + 5 * kMinute), "");
}

TEST(LiveFiguresTest, KiosksAlertsAndRecentCheckInsAreBounded) {
  const auto figures = figures_of(day_at_ten(), kTen + 10 * kMinute);
  ASSERT_EQ(figures["kiosks"].size(), 1u);
  EXPECT_EQ(figures["kiosks"][0]["unsent"], 3);
  EXPECT_EQ(figures["kiosks"][0]["clock_offset_ms"], -1200);
  EXPECT_EQ(figures["kiosks_more"], 0);
  EXPECT_EQ(figures["alerts"]["total"], 25);
  EXPECT_EQ(figures["alerts"]["quarantined"], 2);
  ASSERT_EQ(figures["alerts"]["recent"].size(), static_cast<std::size_t>(kLiveRecent));
  EXPECT_EQ(figures["alerts"]["recent"][0]["detail"], "alert 25");  // newest first
  ASSERT_EQ(figures["recent"].size(), static_cast<std::size_t>(kLiveRecent));
  EXPECT_GE(figures["recent"][0]["at_ms"].get<std::int64_t>(), figures["recent"][1]["at_ms"].get<std::int64_t>());
  EXPECT_EQ(figures["recent"][0]["checkpoint"], "Hall");  // the 25th presence, at the hall

  auto crowd = day_at_ten();
  for (int i = 0; i < kLiveMaxKiosks + 5; ++i) {
    DeviceInfo device;
    device.device_id = "k-" + std::to_string(i);
    device.name = "Kiosk " + std::to_string(i);
    crowd.devices.push_back(device);
  }
  const auto many = figures_of(crowd, kTen);
  EXPECT_EQ(many["kiosks"].size(), static_cast<std::size_t>(kLiveMaxKiosks));
  EXPECT_EQ(many["kiosks_more"], 6);
}

TEST(LiveFiguresTest, ACheckInWhoseKioskClockIsALittleAheadCountsAtOnce) {
  auto inputs = day_at_ten();
  const auto before = figures_of(inputs, kTen);
  // Person 7 arrives; their kiosk's corrected clock says 3 s after the hub's now.
  inputs.rows.input.checkins.push_back({7, 1, kTen + 3000});
  const auto after = figures_of(inputs, kTen);
  EXPECT_EQ(after["participants"]["checked_in"].get<int>(), before["participants"]["checked_in"].get<int>() + 1);
  EXPECT_EQ(after["recent"][0]["name"], "P7 Person");
  EXPECT_EQ(after["recent"][0]["at_ms"], kTen);
}

TEST(LiveFiguresTest, AnEventWithoutB2bHasNoRoundsAndAnUnknownZoneIsAnError) {
  auto inputs = day_at_ten();
  inputs.rows.input.session.reset();
  const auto figures = figures_of(inputs, kTen);
  EXPECT_TRUE(figures["meetings"].is_null());
  EXPECT_TRUE(figures["rounds"].is_null());
  inputs.rows.input.event.timezone = "Mars/Olympus";
  EXPECT_FALSE(render_live_figures(inputs));
}

}  // namespace
}  // namespace passerelle::hub
