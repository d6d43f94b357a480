// The kiosk controller's side of enrolment: a ticket scanned on the unlocked staff screen goes to
// sync, anywhere else nowhere, and never to the check-in worker as a badge; the sync worker's
// verdict becomes the staff screen's message.
#include <gtest/gtest.h>

#include "kiosk/model/controller.h"

namespace passerelle::kiosk {
namespace {

constexpr const char* kTicket = "PSLENROL1 http://hub.local:8443 K7Q2-MX4P";

class ControllerEnrolmentTest : public ::testing::Test {
 protected:
  ControllerEnrolmentTest()
      : controller_(state_, settings(), clock_, [this](WorkerRequest request) { checkins_.push_back(request); }) {
    controller_.set_enrol_handler([this](std::string ticket) { tickets_.push_back(std::move(ticket)); });
  }
  static ControllerSettings settings() {
    ControllerSettings s;
    s.staff_pin_hash =
        "$argon2id$v=19$m=65536,t=2,p=1$V8JbIjeErRN+UNCqVJr/Cg$0bNM7JSL7QEshFiydn2ivRYabLzorohZEkKBx/p+BQo";
    return s;
  }
  void SetUp() override {
    state_.checkpoints = {
        Checkpoint{1, 1, "Entrance", CheckpointRule::once_per_event, {}, 0, CheckpointKind::door, ""}};
    state_.checkpoint_id = 1;
    controller_.tick();
  }
  void open_staff(bool unlock) {
    controller_.apply(intent::OpenStaff{});
    if (!unlock) return;
    for (char digit : std::string("2468")) controller_.apply(intent::PinDigit{digit});
    controller_.apply(intent::PinSubmit{});
    // The check-in worker's verdict (the verification itself: tests/kiosk_model/controller_test.cpp).
    ASSERT_EQ(checkins_.size(), 1u);
    const auto attempt = std::get<PinRequest>(checkins_.back()).attempt;
    checkins_.clear();
    controller_.on_answer(PinAnswer{attempt, true});
    ASSERT_TRUE(state_.staff.unlocked);
  }

  ManualClock clock_{1796717520000};
  KioskState state_;
  std::vector<WorkerRequest> checkins_;
  std::vector<std::string> tickets_;
  KioskController controller_;
};

TEST_F(ControllerEnrolmentTest, ATicketOnTheUnlockedStaffScreenGoesToSyncNotToCheckin) {
  open_staff(true);
  controller_.apply(intent::ScannedText{kTicket});
  EXPECT_EQ(tickets_, std::vector<std::string>{kTicket});
  EXPECT_TRUE(checkins_.empty());
  EXPECT_EQ(state_.staff.message, "enrol_pending");
}

TEST_F(ControllerEnrolmentTest, ATicketElsewhereIsNeitherTakenNorJournalled) {
  controller_.apply(intent::ScannedText{kTicket});  // the scan screen
  open_staff(false);                                // the PIN pad
  controller_.apply(intent::ScannedText{kTicket});
  EXPECT_TRUE(tickets_.empty());
  EXPECT_TRUE(checkins_.empty()) << "a ticket must never be judged, nor journalled, as a badge";
  controller_.apply(intent::CloseStaff{});
  controller_.apply(intent::ScannedText{"CODE-1"});
  EXPECT_EQ(checkins_.size(), 1u) << "badges still go through";
}

TEST_F(ControllerEnrolmentTest, TheSyncWorkersVerdictBecomesTheStaffMessage) {
  open_staff(true);
  controller_.apply(intent::ScannedText{kTicket});
  SyncStatus status;
  status.enrolment = EnrolmentState::pending;
  controller_.on_sync_status(status);
  status.enrolment = EnrolmentState::refused;
  status.enrolment_message = "the enrolment code expired";
  controller_.on_sync_status(status);
  EXPECT_EQ(state_.staff.message, "enrol_refused");
  EXPECT_EQ(state_.sync.enrolment_message, "the enrolment code expired");

  // A later status with nothing new about enrolment leaves the staff's last message alone.
  controller_.apply(intent::SetOperator{"Anne"});
  state_.staff.message = "manual_accepted";
  status.unsent = 3;
  controller_.on_sync_status(status);
  EXPECT_EQ(state_.staff.message, "manual_accepted");

  status.enrolment = EnrolmentState::done;
  status.device_id = "hub-kiosk-4";
  controller_.on_sync_status(status);
  EXPECT_EQ(state_.staff.message, "enrol_done");
  EXPECT_EQ(state_.device.device_id, "hub-kiosk-4");
}

}  // namespace
}  // namespace passerelle::kiosk
