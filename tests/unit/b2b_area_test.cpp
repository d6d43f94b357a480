// B2B areas (docs/B2B_AREA.md): a meeting's state derived from its partners' scans, the meeting a
// scan is about, a B2B area checkpoint that takes every valid scan as a side of a meeting, and the
// event description's words for it.
#include <gtest/gtest.h>

#include <vector>

#include "core/checkin/checkin.h"
#include "core/config/event_config.h"
#include "core/meetings/figures.h"
#include "core/meetings/meeting_state.h"
#include "core/store/b2b_store.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kStart = 1'796'720'400'000;  // 2026-12-08 10:00 in Brussels
constexpr std::int64_t kEnd = kStart + 20 * kMinute;

B2bSession session() {
  B2bSession day;
  day.early_minutes = 10;
  day.late_minutes = 5;
  day.grace_minutes = 15;
  return day;
}

using meetings::MeetingState;

MeetingState state_of(std::vector<std::int64_t> a, std::vector<std::int64_t> b, std::int64_t now) {
  return meetings::judge_meeting(kStart, kEnd, a, b, session(), now).state;
}

TEST(MeetingState, HeldWhenBothScannedWithinTheWindowInAnyOrder) {
  EXPECT_EQ(state_of({kStart + 3 * kMinute}, {kStart - 10 * kMinute}, kStart), MeetingState::held);
  EXPECT_EQ(state_of({kEnd + 5 * kMinute}, {kStart}, kEnd + kMinute), MeetingState::held) << "the window's edges count";
  // Scans need not be consecutive: others' scans (other meetings) in between change nothing.
  EXPECT_EQ(state_of({kStart - 30 * kMinute, kStart + kMinute, kEnd + 30 * kMinute}, {kEnd}, kEnd), MeetingState::held);
}

TEST(MeetingState, OutsideTheWindowAScanDoesNotCount) {
  EXPECT_EQ(state_of({kStart - 10 * kMinute - 1}, {kStart}, kStart), MeetingState::open);
  EXPECT_EQ(state_of({kEnd + 5 * kMinute + 1}, {kStart}, kEnd + 6 * kMinute), MeetingState::open);
}

TEST(MeetingState, UpcomingOpenThenNoShowAfterTheGraceAndWhoCameIsKept) {
  EXPECT_EQ(state_of({}, {}, kStart - 11 * kMinute), MeetingState::upcoming);
  EXPECT_EQ(state_of({}, {}, kStart - 10 * kMinute), MeetingState::open);
  EXPECT_EQ(state_of({kStart}, {}, kEnd + 15 * kMinute), MeetingState::open);
  const auto late =
      meetings::judge_meeting(kStart, kEnd, std::vector<std::int64_t>{kStart}, {}, session(), kEnd + 15 * kMinute + 1);
  EXPECT_EQ(late.state, MeetingState::no_show);
  EXPECT_TRUE(late.a_came);
  EXPECT_FALSE(late.b_came);
  // A late upload brings B's scan: the same meeting, judged again, is held.
  EXPECT_EQ(state_of({kStart}, {kStart + 2 * kMinute}, kEnd + 60 * kMinute), MeetingState::held);
}

TEST(MeetingState, AScanIsAboutTheCurrentMeetingThenTheNextAndLateForTheLast) {
  const std::vector<std::pair<std::int64_t, std::int64_t>> day{
      {kStart, kEnd}, {kEnd + 5 * kMinute, kEnd + 25 * kMinute}, {kStart + 4 * 60 * kMinute, kStart + 250 * kMinute}};
  const auto pick = [&](std::int64_t now) { return meetings::pick_meeting(day, session(), now); };
  EXPECT_EQ(pick(kStart - 60 * kMinute)->index, 0u);
  EXPECT_FALSE(pick(kStart - 60 * kMinute)->current) << "an hour early: the next, not yet open";
  EXPECT_TRUE(pick(kStart + kMinute)->current);
  // In the pause between two meetings a scan is about the next one, open already.
  EXPECT_EQ(pick(kEnd + 2 * kMinute)->index, 1u);
  EXPECT_TRUE(pick(kEnd + 2 * kMinute)->current);
  EXPECT_EQ(pick(kEnd + 60 * kMinute)->index, 2u);
  EXPECT_FALSE(pick(kEnd + 60 * kMinute)->current);
  EXPECT_EQ(pick(kStart + 253 * kMinute)->index, 2u) << "three minutes after the last end";
  EXPECT_TRUE(pick(kStart + 253 * kMinute)->current);
  EXPECT_FALSE(pick(kStart + 256 * kMinute)) << "nothing left today";
}

// Figures from a small day: six meetings, each of a kind, judged two hours after the first.
TEST(MeetingFigures, CountEachMeetingOnceAndShareOfTheHeld) {
  meetings::FigureInput input;
  input.requested = 7;
  input.people = {{1, {"BE", "Energy"}}, {2, {"NL", "Energy"}}, {3, {"BE", "ICT"}},
                  {4, {"BE", "Health"}}, {5, {"DE", "ICT"}},    {6, {"", ""}}};
  const auto at = [](int minutes) { return kStart + minutes * kMinute; };
  input.meetings = {
      {1, 2, at(0), at(20), false, ""},     // held, BE-NL, both answer
      {1, 3, at(25), at(45), false, ""},    // held, BE-BE, scanned by two kiosks each (counted once)
      {2, 4, at(50), at(70), false, ""},    // no-show, only 2 came
      {3, 5, at(75), at(95), false, ""},    // no-show, nobody
      {4, 5, at(100), at(120), true, ""},   // walk-in, held
      {5, 6, at(200), at(220), false, ""},  // upcoming
  };
  input.scans = {
      {1, {at(1), at(24), at(26)}}, {2, {at(2), at(49)}}, {3, {at(30), at(31)}}, {4, {at(100)}}, {5, {at(101)}}};
  input.answers = {{1, 2, at(0), MeetingAnswer::informative, at(19)},
                   {1, 2, at(0), MeetingAnswer::cooperation, at(21)},  // changed their mind: the newest counts
                   {2, 1, at(0), MeetingAnswer::no_interest, at(20)},
                   {4, 5, at(100), MeetingAnswer::informative, at(119)}};
  const auto figures = meetings::compute_figures(input, session(), at(120));
  EXPECT_EQ(figures.requested, 7);
  EXPECT_EQ(figures.scheduled, 5);
  EXPECT_EQ(figures.walk_in, 1);
  EXPECT_EQ(figures.held, 3);
  EXPECT_EQ(figures.no_show, 2);
  EXPECT_EQ(figures.no_show_one_side, 1);
  EXPECT_EQ(figures.upcoming, 1);
  EXPECT_EQ(figures.open, 0);
  EXPECT_EQ(figures.cross_border, 2);  // BE-NL and BE-DE
  EXPECT_EQ(figures.would_cooperate, 1);
  EXPECT_EQ(figures.answers, 3);
  EXPECT_EQ(figures.answers_by_kind.at(MeetingAnswer::cooperation), 1);
  EXPECT_NEAR(*figures.cross_border_share(), 2.0 / 3, 1e-9);
  EXPECT_EQ(figures.by_sector.at("Energy").held, 2);  // each meeting once per sector among its two
  EXPECT_EQ(figures.by_sector.at("ICT").held, 2);
  EXPECT_EQ(figures.by_country_pair.at({"BE", "NL"}).would_cooperate, 1);
  EXPECT_EQ(figures.by_country_pair.at({"BE", "BE"}).held, 1);
  EXPECT_FALSE(meetings::compute_figures({}, session(), at(0)).cross_border_share()) << "no share of nothing";
}

class B2bAreaCheckin : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(dir_.file("k.db"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<Store>(std::move(*opened));
    auto config = parse_event_config(
        "[event]\nname = \"Forum\"\ntimezone = \"Europe/Brussels\"\ndays = [\"2026-12-08\"]\n"
        "[[checkpoint]]\nname = \"Entrance\"\n"
        "[[checkpoint]]\nname = \"Tables\"\nkind = \"b2b_area\"\narea = \"Hall A\"\n"
        "[b2b]\nday = \"2026-12-08\"\nstart = \"10:00\"\nslot_minutes = 20\nmorning_slots = 4\ntables = 10\n"
        "early_minutes = 7\n[[b2b.area]]\nname = \"Hall A\"\nfirst_table = 1\nlast_table = 10\n",
        "event.toml");
    ASSERT_TRUE(config) << config.error().message;
    event_ = *store_->create_event(*config);
    for (const auto& checkpoint : *store_->checkpoints(event_)) ids_[checkpoint.name] = checkpoint.id;
    for (const auto& [id, status] :
         {std::pair{"P1", ParticipantStatus::registered}, std::pair{"P2", ParticipantStatus::cancelled}}) {
      ParticipantRecord record;
      record.external_id = id;
      record.first_name = "Zoë";
      record.last_name = id;
      record.ticket_codes = {std::string("CODE-") + id};
      record.status = status;
      auto transaction = db::Transaction::begin(store_->database());
      ASSERT_TRUE(store_->upsert_participant_in_transaction(event_, record));
      ASSERT_TRUE(transaction->commit());
    }
  }

  CheckinResult scan(const std::string& code, const std::string& checkpoint) {
    CheckinService service(*store_);
    auto result = service.scan(CheckinRequest{event_, ids_.at(checkpoint), Direction::entry, code, std::nullopt, ""});
    EXPECT_TRUE(result) << result.error().message;
    return result ? *result : CheckinResult{};
  }

  testing::TempDir dir_;
  ManualClock clock_{kStart + 2 * kMinute};
  std::unique_ptr<Store> store_;
  std::int64_t event_ = 0;
  std::map<std::string, std::int64_t> ids_;
};

TEST_F(B2bAreaCheckin, EveryValidScanIsASideOfAMeetingNeverAlreadyCheckedIn) {
  const auto checkpoints = *store_->checkpoints(event_);
  EXPECT_EQ(checkpoints[1].kind, CheckpointKind::b2b_area);
  EXPECT_EQ(checkpoints[1].b2b_area, "Hall A");
  for (int i = 0; i < 3; ++i) {
    const auto result = scan("CODE-P1", "Tables");
    EXPECT_EQ(result.outcome, Outcome::accepted);
    EXPECT_EQ(result.entry.kind, EntryKind::meeting_held);
  }
  EXPECT_EQ(scan("CODE-P2", "Tables").outcome, Outcome::cancelled) << "a B2B area still refuses a bad badge";
  // Scans at the tables are not attendance: the door still admits once.
  EXPECT_EQ(scan("CODE-P1", "Entrance").outcome, Outcome::accepted);
  EXPECT_EQ(scan("CODE-P1", "Entrance").outcome, Outcome::already_checked_in);
  const auto p1 = scan("CODE-P1", "Tables").participant;
  ASSERT_TRUE(p1);
  const auto scans = meeting_scans(store_->database(), p1->id, kStart, kEnd);
  ASSERT_TRUE(scans);
  EXPECT_EQ(scans->size(), 4u);
  const auto session = load_b2b_session(store_->database(), event_);
  ASSERT_TRUE(session && *session);
  EXPECT_EQ((*session)->early_minutes, 7);
  EXPECT_EQ((*session)->late_minutes, 5) << "the default";
}

TEST(B2bAreaConfig, MistakesAreNamed) {
  const std::string head = "[event]\nname = \"F\"\ndays = [\"2026-12-08\"]\n";
  const std::string session =
      "[b2b]\nday = \"2026-12-08\"\nstart = \"10:00\"\nslot_minutes = 20\nmorning_slots = 4\ntables = 10\n";
  const std::pair<std::string, std::string> cases[] = {
      {head + "[[checkpoint]]\nname = \"T\"\nkind = \"b2b_area\"\n", "is a B2B area, but the event has no [b2b]"},
      {head + "[[checkpoint]]\nname = \"T\"\nkind = \"tables\"\n" + session, "kind must be door or b2b_area"},
      {head + "[[checkpoint]]\nname = \"T\"\nkind = \"b2b_area\"\nrule = \"in_out\"\n" + session, "it has no rule"},
      {head + "[[checkpoint]]\nname = \"T\"\narea = \"Hall A\"\n" + session, "'area' names a [[b2b.area]]"},
      {head + "[[checkpoint]]\nname = \"T\"\nkind = \"b2b_area\"\narea = \"Hall Z\"\n" + session,
       "serves area 'Hall Z', which [b2b] does not list"},
      {head + session + "grace_minutes = 500\n[[checkpoint]]\nname = \"E\"\n", "'grace_minutes' must be"},
  };
  for (const auto& [text, words] : cases) {
    const auto parsed = parse_event_config(text, "event.toml");
    ASSERT_FALSE(parsed) << text;
    EXPECT_NE(parsed.error().message.find(words), std::string::npos) << parsed.error().message;
  }
}

}  // namespace
}  // namespace passerelle
