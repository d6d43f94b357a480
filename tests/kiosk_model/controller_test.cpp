#include "kiosk/model/controller.h"

#include <gtest/gtest.h>

namespace passerelle::kiosk {
namespace {

class ControllerTest : public ::testing::Test {
 protected:
  ControllerTest()
      : controller_(state_, settings(), clock_, [this](WorkerRequest r) { sent_.push_back(std::move(r)); }) {}

  static ControllerSettings settings() {
    ControllerSettings s;
    s.staff_pin = "2468";
    return s;
  }
  void SetUp() override {
    state_.checkpoints = {Checkpoint{1, 1, "Entrance", CheckpointRule::once_per_event, {}, 0},
                          Checkpoint{2, 1, "B2B area", CheckpointRule::in_out, {}, 1}};
    state_.checkpoint_id = 1;
    controller_.tick();
  }
  void advance(std::int64_t ms) {
    clock_.advance_ms(ms);
    controller_.tick();
  }
  void unlock() {
    controller_.apply(intent::OpenStaff{});
    for (char digit : std::string("2468")) controller_.apply(intent::PinDigit{digit});
    controller_.apply(intent::PinSubmit{});
    ASSERT_TRUE(state_.staff.unlocked);
  }
  CheckinAnswer answer(Outcome outcome) {
    CheckinAnswer a;
    a.display.outcome = outcome;
    a.display.first_name = "Zoë";
    return a;
  }

  ManualClock clock_{1796717520000};
  KioskState state_;
  std::vector<WorkerRequest> sent_;
  KioskController controller_;
};

TEST_F(ControllerTest, ScannedTextGoesToTheWorkerWithTheCurrentCheckpoint) {
  controller_.apply(intent::ScannedText{"CODE-1"});
  ASSERT_EQ(sent_.size(), 1u);
  const auto& scan = std::get<ScanRequest>(sent_[0]);
  EXPECT_EQ(scan.text, "CODE-1");
  EXPECT_EQ(scan.checkpoint_id, 1);
  EXPECT_EQ(scan.direction, Direction::entry);
  controller_.apply(intent::ScannedText{"  "});
  EXPECT_EQ(sent_.size(), 1u) << "blank scans are ignored";
}

TEST_F(ControllerTest, AnswersShowWelcomeOrRefusalThenReturnToScan) {
  controller_.on_answer(answer(Outcome::accepted));
  EXPECT_EQ(state_.screen, ScreenId::welcome);
  advance(3999);
  EXPECT_EQ(state_.screen, ScreenId::welcome);
  advance(1);
  EXPECT_EQ(state_.screen, ScreenId::scan);
  controller_.on_answer(answer(Outcome::revoked));
  EXPECT_EQ(state_.screen, ScreenId::refused);
  controller_.apply(intent::Dismiss{});
  EXPECT_EQ(state_.screen, ScreenId::scan);
}

TEST_F(ControllerTest, AStoreErrorShowsOutOfOrderAndNothingAccepted) {
  CheckinAnswer failed;
  failed.error = make_error(Errc::io, "disk I/O error");
  controller_.on_answer(failed);
  EXPECT_EQ(state_.screen, ScreenId::out_of_order);
  EXPECT_FALSE(state_.last_scan);
  advance(60000);
  EXPECT_EQ(state_.screen, ScreenId::out_of_order) << "stays until a write succeeds";
  controller_.apply(intent::ScannedText{"CODE-2"});
  EXPECT_EQ(sent_.size(), 1u) << "scans are still tried";
  controller_.on_answer(answer(Outcome::accepted));
  EXPECT_EQ(state_.screen, ScreenId::welcome);
}

TEST_F(ControllerTest, FiveWrongPinsLockForAMinute) {
  controller_.apply(intent::OpenStaff{});
  EXPECT_EQ(state_.screen, ScreenId::staff);
  for (int attempt = 0; attempt < 5; ++attempt) {
    controller_.apply(intent::PinDigit{'1'});
    controller_.apply(intent::PinSubmit{});
  }
  EXPECT_FALSE(state_.staff.unlocked);
  EXPECT_GT(state_.staff.locked_until_ms, state_.now_ms);
  for (char digit : std::string("2468")) controller_.apply(intent::PinDigit{digit});
  controller_.apply(intent::PinSubmit{});
  EXPECT_FALSE(state_.staff.unlocked) << "even the right PIN waits out the lock";
  advance(60000);
  for (char digit : std::string("2468")) controller_.apply(intent::PinDigit{digit});
  controller_.apply(intent::PinSubmit{});
  EXPECT_TRUE(state_.staff.unlocked);
}

TEST_F(ControllerTest, StaffActionsNeedTheUnlockedStaffScreen) {
  controller_.apply(intent::SelectCheckpoint{2});
  controller_.apply(intent::ManualCheckin{7});
  EXPECT_EQ(state_.checkpoint_id, 1);
  EXPECT_TRUE(sent_.empty());
  unlock();
  controller_.apply(intent::ManualCheckin{7});
  EXPECT_TRUE(sent_.empty()) << "an operator name is required";
  EXPECT_EQ(state_.staff.message, "operator_required");
  controller_.apply(intent::SetOperator{"  Anne (desk 1) "});
  controller_.apply(intent::SelectCheckpoint{2});
  controller_.apply(intent::SelectDirection{Direction::exit});
  controller_.apply(intent::ManualCheckin{7});
  ASSERT_EQ(sent_.size(), 1u);
  const auto& manual = std::get<ManualRequest>(sent_[0]);
  EXPECT_EQ(manual.operator_name, "Anne (desk 1)");
  EXPECT_EQ(manual.checkpoint_id, 2);
  EXPECT_EQ(manual.direction, Direction::exit);
  controller_.apply(intent::SelectCheckpoint{1});
  EXPECT_EQ(state_.direction, Direction::entry) << "a once-per-event checkpoint has no exit";
}

TEST_F(ControllerTest, ScansWaitWhileStaffWorkAndTheStaffScreenLocksWhenIdle) {
  unlock();
  controller_.apply(intent::ScannedText{"CODE-3"});
  EXPECT_TRUE(sent_.empty()) << "no attendee scans behind the staff screen";
  EXPECT_FALSE(controller_.scan_context().accepting.load());
  advance(120000);
  EXPECT_EQ(state_.screen, ScreenId::scan);
  EXPECT_FALSE(state_.staff.unlocked);
  EXPECT_TRUE(controller_.scan_context().accepting.load());
}

TEST_F(ControllerTest, OnlyTheLatestSearchAnswerIsShown) {
  unlock();
  controller_.apply(intent::Search{"mul"});
  controller_.apply(intent::Search{"muller"});
  controller_.on_answer(SearchAnswer{"mul", std::nullopt, {SearchHit{1, "A", "Old", "", "", {}}}});
  EXPECT_TRUE(state_.staff.search_results.empty());
  controller_.on_answer(SearchAnswer{"muller", std::nullopt, {SearchHit{2, "B", "Jörg Müller", "", "DE", {}}}});
  ASSERT_EQ(state_.staff.search_results.size(), 1u);
  EXPECT_FALSE(state_.staff.search_pending);
}

}  // namespace
}  // namespace passerelle::kiosk
