#include "core/checkin/checkin.h"

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace passerelle {
namespace {

// 2026-12-08 09:12 in Brussels (UTC+1).
using testing::kMorning;
constexpr std::int64_t kHourMs = 3600000;

class CheckinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(dir_.file("c.db"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<Store>(std::move(*opened));
    EventConfig config;
    config.name = "Forum";
    config.timezone = "Europe/Brussels";
    config.days = {"2026-12-08", "2026-12-09"};
    config.checkpoints = {{"Entrance B", CheckpointRule::once_per_event, {}},
                          {"Daily door", CheckpointRule::once_per_day, {}},
                          {"B2B area", CheckpointRule::in_out, {}},
                          {"Workshop A", CheckpointRule::once_per_event, {"workshop-a"}}};
    event_ = *store_->create_event(config);
    for (const auto& checkpoint : *store_->checkpoints(event_)) checkpoint_ids_[checkpoint.name] = checkpoint.id;
    add("P1", "CODE-OK", ParticipantStatus::registered, {"workshop-a"});
    add("P2", "CODE-CANCELLED", ParticipantStatus::cancelled, {"workshop-a"});
    add("P3", "CODE-BLOCKED", ParticipantStatus::blocked, {});
    add("P4", "CODE-NOTAG", ParticipantStatus::registered, {"workshop-b"});
  }

  void add(const std::string& id, const std::string& code, ParticipantStatus status, std::vector<std::string> tags) {
    ParticipantRecord record;
    record.external_id = id;
    record.first_name = "Zoë";
    record.last_name = "Person " + id;
    record.ticket_codes = {code};
    record.status = status;
    record.tags = std::move(tags);
    auto transaction = db::Transaction::begin(store_->database());
    ASSERT_TRUE(store_->upsert_participant_in_transaction(event_, record));
    ASSERT_TRUE(transaction->commit());
  }

  CheckinResult scan(const std::string& code, const std::string& checkpoint, Direction direction = Direction::entry) {
    CheckinService service(*store_);
    CheckinRequest request;
    request.event_id = event_;
    request.checkpoint_id = checkpoint_ids_.at(checkpoint);
    request.code = code;
    request.direction = direction;
    auto result = service.scan(request);
    EXPECT_TRUE(result) << result.error().message;
    return result ? *result : CheckinResult{};
  }

  testing::TempDir dir_;
  ManualClock clock_{kMorning};
  std::unique_ptr<Store> store_;
  std::int64_t event_ = 0;
  std::map<std::string, std::int64_t> checkpoint_ids_;
};

TEST_F(CheckinTest, EachOutcomeOfThePlainCodePath) {
  EXPECT_EQ(scan("NO-SUCH-CODE", "Entrance B").outcome, Outcome::unknown_code);
  EXPECT_EQ(scan("", "Entrance B").outcome, Outcome::unknown_code);
  EXPECT_EQ(scan("CODE-CANCELLED", "Entrance B").outcome, Outcome::cancelled);
  EXPECT_EQ(scan("CODE-BLOCKED", "Entrance B").outcome, Outcome::blocked);
  EXPECT_EQ(scan("CODE-NOTAG", "Workshop A").outcome, Outcome::not_admitted);
  EXPECT_EQ(scan("CODE-OK", "Workshop A").outcome, Outcome::accepted);
  EXPECT_EQ(scan("  CODE-OK\n", "Entrance B").outcome, Outcome::accepted);  // scanner whitespace
}

TEST_F(CheckinTest, EarlierOutcomesWinWhenSeveralApply) {
  // Cancelled and not admitted: cancelled comes first in the order.
  EXPECT_EQ(scan("CODE-CANCELLED", "Workshop A").outcome, Outcome::cancelled);
  add("P5", "CODE-BLOCKED-NOTAG", ParticipantStatus::blocked, {});
  EXPECT_EQ(scan("CODE-BLOCKED-NOTAG", "Workshop A").outcome, Outcome::blocked);
}

TEST_F(CheckinTest, OncePerEventTellsWhenAndWhere) {
  EXPECT_EQ(scan("CODE-OK", "Entrance B").outcome, Outcome::accepted);
  clock_.advance_ms(30 * kHourMs);
  const auto again = scan("CODE-OK", "Entrance B");
  EXPECT_EQ(again.outcome, Outcome::already_checked_in);
  EXPECT_EQ(again.previous_local_time, "09:12");
  EXPECT_EQ(again.previous_checkpoint_name, "Entrance B");
  ASSERT_TRUE(again.participant);
  EXPECT_EQ(again.participant->record.external_id, "P1");
}

TEST_F(CheckinTest, OncePerDayResetsAtMidnightInTheEventTimeZone) {
  clock_.set_wall_ms(1796770740000);  // 2026-12-08 23:59 Brussels = 22:59 UTC
  EXPECT_EQ(scan("CODE-OK", "Daily door").outcome, Outcome::accepted);
  clock_.advance_ms(30 * 1000);
  EXPECT_EQ(scan("CODE-OK", "Daily door").outcome, Outcome::already_checked_in);
  clock_.advance_ms(60 * 1000);  // 00:00:30 on the 9th in Brussels, still the 8th in UTC
  EXPECT_EQ(scan("CODE-OK", "Daily door").outcome, Outcome::accepted);
  EXPECT_EQ(scan("CODE-OK", "Daily door").outcome, Outcome::already_checked_in);
}

TEST_F(CheckinTest, InOutAlternatesAndCountsInside) {
  const auto b2b = checkpoint_ids_.at("B2B area");
  EXPECT_EQ(scan("CODE-OK", "B2B area").outcome, Outcome::accepted);
  EXPECT_EQ(*store_->inside_count(b2b), 1);
  clock_.advance_ms(1000);
  EXPECT_EQ(scan("CODE-OK", "B2B area").outcome, Outcome::already_checked_in);
  clock_.advance_ms(1000);
  const auto out = scan("CODE-OK", "B2B area", Direction::exit);
  EXPECT_EQ(out.outcome, Outcome::accepted);
  EXPECT_EQ(out.entry.kind, EntryKind::checkout);
  EXPECT_EQ(*store_->inside_count(b2b), 0);
  clock_.advance_ms(1000);
  EXPECT_EQ(scan("CODE-OK", "B2B area").outcome, Outcome::accepted);  // re-entry
  EXPECT_EQ(*store_->inside_count(b2b), 1);
  // An exit without an entry is still recorded: a missed entry scan must not trap anyone.
  EXPECT_EQ(scan("CODE-NOTAG", "B2B area", Direction::exit).outcome, Outcome::accepted);
  EXPECT_EQ(*store_->inside_count(b2b), 1);
}

TEST_F(CheckinTest, EveryOutcomeIsJournaled) {
  scan("NO-SUCH-CODE", "Entrance B");
  scan("CODE-BLOCKED", "Entrance B");
  scan("CODE-OK", "Entrance B");
  scan("CODE-OK", "Entrance B");
  auto entries = *store_->journal_entries(event_);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].kind, EntryKind::rejected_scan);
  EXPECT_EQ(entries[0].outcome, Outcome::unknown_code);
  EXPECT_EQ(entries[0].code, "NO-SUCH-CODE");
  EXPECT_FALSE(entries[0].participant_id);
  EXPECT_EQ(entries[1].outcome, Outcome::blocked);
  EXPECT_TRUE(entries[1].participant_id);
  EXPECT_EQ(entries[2].kind, EntryKind::checkin);
  EXPECT_EQ(entries[3].outcome, Outcome::already_checked_in);
  for (std::size_t i = 0; i < entries.size(); ++i) EXPECT_EQ(entries[i].seq, static_cast<std::int64_t>(i + 1));
}

TEST_F(CheckinTest, ManualCheckinNeedsAnOperatorAndIsJournaledAsSuch) {
  CheckinService service(*store_);
  CheckinRequest request;
  request.event_id = event_;
  request.checkpoint_id = checkpoint_ids_.at("Entrance B");
  request.manual_participant_id = (*store_->find_by_external_id(event_, "P1"))->id;
  EXPECT_FALSE(service.scan(request));
  request.operator_name = "desk-1 Anne";
  auto result = service.scan(request);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->outcome, Outcome::accepted);
  EXPECT_EQ(result->entry.kind, EntryKind::manual_checkin);
  EXPECT_EQ(result->entry.operator_name, "desk-1 Anne");
  EXPECT_EQ(scan("CODE-OK", "Entrance B").outcome, Outcome::already_checked_in);
}

TEST_F(CheckinTest, CheckpointOfAnotherEventIsRefused) {
  auto other = *store_->create_event(default_event_config("Other", "2026-12-08"));
  CheckinService service(*store_);
  CheckinRequest request;
  request.event_id = other;
  request.checkpoint_id = checkpoint_ids_.at("Entrance B");
  request.code = "CODE-OK";
  auto result = service.scan(request);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::not_found);
}

// Two stores on one file (a kiosk and the CLI): the second sees the first's check-in.
TEST_F(CheckinTest, ASecondConnectionSeesTheFirstsCheckin) {
  auto other = Store::open(dir_.file("c.db"), clock_);
  ASSERT_TRUE(other);
  EXPECT_EQ(scan("CODE-OK", "Entrance B").outcome, Outcome::accepted);
  CheckinService service(*other);
  CheckinRequest request;
  request.event_id = event_;
  request.checkpoint_id = checkpoint_ids_.at("Entrance B");
  request.code = "CODE-OK";
  auto result = service.scan(request);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->outcome, Outcome::already_checked_in);
}

}  // namespace
}  // namespace passerelle
