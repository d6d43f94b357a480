// HubStore::live_rows, the organisers' live view's rows (docs/LIVE_VIEW.md, "The figures"): on
// every backend of hub_store_backends(), each checked against what the scenario
// (tests/hub/live_scenario.h) must give, and both backends against each other.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "tests/hub/hub_store_suite.h"
#include "tests/hub/live_scenario.h"

namespace passerelle::testing {
namespace {

// The suite's backend and store, with the live scenario's event beside the suite's own.
class HubStoreLive : public HubStoreSuite {
 protected:
  void SetUp() override {
    HubStoreSuite::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto scenario = build_live_scenario(*backend_, *store_, clock_);
    ASSERT_TRUE(scenario) << scenario.error().message;
    live_ = *scenario;
  }

  hub::LiveRows rows(std::int64_t now_ms = kLiveStartMs + 60 * kMinuteMs) {
    return value_or_fail(store_->live_rows(live_.event_id, now_ms), "live_rows");
  }

  static std::map<std::string, std::int64_t> ids_by_external_id(const hub::LiveRows& rows) {
    std::map<std::string, std::int64_t> ids;
    for (const auto& person : rows.input.people) ids.emplace(person.external_id, person.id);
    return ids;
  }

  static std::int64_t at(int minutes) { return kLiveStartMs + minutes * kMinuteMs; }

  LiveScenario live_;
};

TEST_P(HubStoreSuite, LiveRowsOfAnUnknownEventAreNotFound) {
  const auto rows = store_->live_rows(event_ + 1000, kStartMs);
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, Errc::not_found);
}

TEST_P(HubStoreSuite, LiveRowsOfAnEventWithoutB2bSessionHoldNoMeetingRows) {
  const auto device = enrol("Door");
  upload(device, {checkin(device.id(), 1, "EXT-1")});
  const auto rows = value_or_fail(store_->live_rows(event_, kStartMs), "live_rows");
  EXPECT_EQ(rows.input.event.name, "Hub suite");
  EXPECT_EQ(rows.input.people.size(), 5u);
  EXPECT_EQ(rows.input.checkins.size(), 1u);
  EXPECT_FALSE(rows.input.session);
  EXPECT_TRUE(rows.input.meetings.people.empty());
  EXPECT_TRUE(rows.input.meetings.meetings.empty());
  EXPECT_EQ(rows.input.meetings.requested, 0);
}

TEST_P(HubStoreLive, HoldTheEventItsPeopleAndCheckpoints) {
  const auto live = rows();
  const auto& input = live.input;
  EXPECT_EQ(input.event.id, live_.event_id);
  EXPECT_EQ(input.event.name, "Live");
  EXPECT_EQ(input.event.venue, "Lille");
  EXPECT_EQ(input.event.timezone, "Europe/Brussels");
  EXPECT_EQ(input.event.days, std::vector<std::string>{"2026-01-01"});
  EXPECT_EQ(input.event.language, Language::fr);
  EXPECT_EQ(input.now_ms, at(60));
  const auto event = value_or_fail(store_->event(live_.event_id), "event");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->language, Language::fr) << "HubStore::event as live_rows";
  EXPECT_EQ(event->days, input.event.days);

  ASSERT_EQ(input.checkpoints.size(), 3u);
  EXPECT_EQ(input.checkpoints[0].name, "Entrance");
  EXPECT_EQ(input.checkpoints[1].rule, CheckpointRule::in_out);
  EXPECT_EQ(input.checkpoints[2].kind, CheckpointKind::b2b_area);
  EXPECT_EQ(live.inside.size(), input.checkpoints.size());

  // By last name then first name, ASCII case ignored, as the event file lists them.
  std::vector<std::string> order;
  for (const auto& person : input.people) order.push_back(person.external_id);
  EXPECT_EQ(order, (std::vector<std::string>{"P-7", "P-3", "P-1", "P-2", "P-6", "P-4", "P-5"}));
  const auto& adams = input.people.front();
  EXPECT_EQ(adams.status, ParticipantStatus::cancelled);
  EXPECT_EQ(adams.country, "DE");
  EXPECT_EQ(adams.organisation, "Org P-7");
  EXPECT_FALSE(adams.erased);
  EXPECT_TRUE(adams.email_key.empty()) << "the live view makes no identity keys";
  EXPECT_EQ(input.people[1].org_type, OrgType::research_centre);
}

TEST_P(HubStoreLive, PresencesAreOnTheHubsClock) {
  const auto live = rows();
  const auto id = ids_by_external_id(live);
  const auto& checkpoints = live.input.checkpoints;
  ASSERT_EQ(checkpoints.size(), 3u);
  std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> presences;
  for (const auto& checkin : live.input.checkins)
    presences.emplace_back(checkin.participant_id, checkin.checkpoint_id, checkin.at_ms);
  std::sort(presences.begin(), presences.end());
  const std::int64_t entrance = checkpoints[0].id;
  const std::int64_t hall = checkpoints[1].id;
  const std::int64_t area = checkpoints[2].id;
  // Check-ins and accepted B2B scans, never check-outs; each at its kiosk's clock plus the offset
  // recorded when it arrived, the hub desk's as it is.
  std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> expected = {
      {id.at("P-1"), entrance, at(-30) + kK1OffsetMs},
      {id.at("P-1"), hall, at(-25) + kK1OffsetMs},
      {id.at("P-2"), hall, at(-19) + kK1OffsetMs},
      {id.at("P-3"), hall, at(-10) + kK1OffsetMs},
      {id.at("P-1"), area, at(2) + kK1OffsetMs},
      {id.at("P-1"), hall, at(-15) + kK2OffsetMs},
      {id.at("P-2"), area, at(3) + kK2OffsetMs},
      {id.at("P-3"), area, at(25) + kK2OffsetMs},
      {id.at("P-4"), entrance, at(5)},
  };
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(presences, expected);
}

TEST_P(HubStoreLive, InsideCountsTheLatestPassagePerPersonAcrossDevices) {
  const auto live = rows();
  // P-1: in, out on K1, then in on K2: inside. P-2: in on K1, out on K2: outside. P-3: K1's later
  // sequence is an exit, though its clock put it a minute before the entry: outside.
  EXPECT_EQ(live.inside, (std::vector<std::int64_t>{0, 1, 0}));

  // Out on K2 again: nobody inside. Then in through K1: one.
  ASSERT_TRUE(upload_all(*store_, live_.k2,
                         {live_entry(live_.k2, 2, 7, EntryKind::checkout, "P-1", "Hall", at(30), live_.event_id)},
                         kK2OffsetMs, at(30)));
  EXPECT_EQ(rows().inside, (std::vector<std::int64_t>{0, 0, 0}));
  ASSERT_TRUE(upload_all(*store_, live_.k1,
                         {live_entry(live_.k1, 1, 11, EntryKind::checkin, "P-2", "Hall", at(31), live_.event_id)},
                         kK1OffsetMs, at(31)));
  EXPECT_EQ(rows().inside, (std::vector<std::int64_t>{0, 1, 0}));
}

TEST_P(HubStoreLive, FeedPositionMovesWithEntriesOnly) {
  const std::int64_t before = rows().feed_seq;
  EXPECT_GT(before, 0);
  EXPECT_EQ(rows().feed_seq, before) << "reading moves nothing";

  // A registry change is no entry.
  ParticipantRecord late;
  late.external_id = "P-8";
  late.first_name = "Late";
  late.last_name = "Comer";
  ASSERT_TRUE(backend_->upsert_participants(live_.event_id, {late}));
  EXPECT_EQ(rows().feed_seq, before);
  // Nor is another event's entry.
  const auto other = enrol("Other event's kiosk");
  upload(other, {checkin(other.id(), 1, "EXT-1")});
  EXPECT_EQ(rows().feed_seq, before);

  ASSERT_TRUE(upload_all(*store_, live_.k1,
                         {live_entry(live_.k1, 1, 11, EntryKind::checkin, "P-8", "Entrance", at(40), live_.event_id)},
                         kK1OffsetMs, at(40)));
  const auto after = rows();
  EXPECT_GT(after.feed_seq, before);
  EXPECT_EQ(after.input.checkins.size(), 10u);
}

TEST_P(HubStoreLive, MeetingsCarryTheirTablesAndWalkInsTheirs) {
  const auto live = rows();
  const auto id = ids_by_external_id(live);
  ASSERT_TRUE(live.input.session);
  EXPECT_EQ(live.input.session->slot_minutes, 20);
  EXPECT_EQ(live.input.session->areas.size(), 2u);
  EXPECT_EQ(live.input.session->areas.at(1).name, "Hall B");
  const auto& meetings = live.input.meetings;
  EXPECT_EQ(meetings.requested, 4);
  ASSERT_EQ(meetings.meetings.size(), 3u) << "the cancelled one is left out; the walk-in the row holds too";
  const auto& first = meetings.meetings[0];
  EXPECT_EQ(std::minmax(first.a, first.b), std::minmax(id.at("P-1"), id.at("P-2")));
  EXPECT_EQ(first.start_ms, at(0));
  EXPECT_EQ(first.end_ms, at(20));
  EXPECT_EQ(first.table_label, "Hall A, table 1");
  EXPECT_FALSE(first.walk_in);
  EXPECT_EQ(meetings.meetings[1].table_label, "Hall A, table 2");
  // Recorded twice: once, with its earliest entry's table, on its kiosk's corrected clock, one slot long.
  const auto& walk_in = meetings.meetings[2];
  EXPECT_TRUE(walk_in.walk_in);
  EXPECT_EQ(std::minmax(walk_in.a, walk_in.b), std::minmax(id.at("P-5"), id.at("P-6")));
  EXPECT_EQ(walk_in.start_ms, at(20) + kK1OffsetMs);
  EXPECT_EQ(walk_in.end_ms, at(40) + kK1OffsetMs);
  EXPECT_EQ(walk_in.table_label, "Hall B, table 4");

  EXPECT_EQ(meetings.people.size(), 7u);
  EXPECT_EQ(meetings.people.at(id.at("P-2")).country, "BE");
  EXPECT_EQ(meetings.scans.at(id.at("P-1")), std::vector<std::int64_t>{at(2) + kK1OffsetMs});
  EXPECT_EQ(meetings.scans.at(id.at("P-3")), std::vector<std::int64_t>{at(25) + kK2OffsetMs});
  ASSERT_EQ(meetings.answers.size(), 2u);
  const auto& answer = meetings.answers[0];
  EXPECT_EQ(answer.participant, id.at("P-1"));
  EXPECT_EQ(answer.partner, id.at("P-2"));
  EXPECT_EQ(answer.meeting_start_ms, at(0));
  EXPECT_EQ(answer.answer, MeetingAnswer::cooperation);
  EXPECT_EQ(answer.at_ms, at(19) + kK1OffsetMs);
}

TEST_P(HubStoreLive, OnlyPostgresqlStorageWatchesTheFeed) {
  auto watch = store_->watch_feed([] {});
  ASSERT_TRUE(watch) << watch.error().message;
  // SQLite: the server re-reads on its own; PostgreSQL: pg_feed_watch_test.cpp.
  EXPECT_EQ(*watch != nullptr, GetParam().name == "Postgresql");
}

INSTANTIATE_TEST_SUITE_P(Backends, HubStoreLive, ::testing::ValuesIn(hub_store_backends()),
                         [](const ::testing::TestParamInfo<HubStoreBackendFactory>& backend) {
                           return backend.param.name;
                         });

// The same event built on each backend reads the same, but for the storage's own row ids and feed
// positions (describe() leaves them out).
TEST(HubStoreLiveBackends, EveryBackendGivesTheSameRows) {
  std::vector<std::pair<std::string, std::string>> described;
  for (const auto& factory : hub_store_backends()) {
    SCOPED_TRACE(factory.name);
    ManualClock clock(kLiveStartMs);
    auto backend = factory.make(clock);
    if (::testing::Test::IsSkipped() || ::testing::Test::HasFailure()) return;  // no PostgreSQL here
    auto store = backend->open_store(clock);
    ASSERT_TRUE(store) << store.error().message;
    auto scenario = build_live_scenario(*backend, **store, clock);
    ASSERT_TRUE(scenario) << scenario.error().message;
    auto rows = (*store)->live_rows(scenario->event_id, kLiveStartMs + 60 * kMinuteMs);
    ASSERT_TRUE(rows) << rows.error().message;
    described.emplace_back(factory.name, describe(*rows));
  }
  ASSERT_GE(described.size(), 2u);
  for (std::size_t i = 1; i < described.size(); ++i)
    EXPECT_EQ(described[i].second, described[0].second) << described[i].first << " against " << described[0].first;
}

}  // namespace
}  // namespace passerelle::testing
