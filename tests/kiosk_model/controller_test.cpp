#include "kiosk/model/controller.h"

#include <gtest/gtest.h>

#include "core/auth/staff_pin.h"

namespace passerelle::kiosk {
namespace {

// hash_staff_pin("2468"), made once: the kiosk only ever receives a hash.
constexpr const char* kPinHash =
    "$argon2id$v=19$m=65536,t=2,p=1$V8JbIjeErRN+UNCqVJr/Cg$0bNM7JSL7QEshFiydn2ivRYabLzorohZEkKBx/p+BQo";

class ControllerTest : public ::testing::Test {
 protected:
  ControllerTest()
      : controller_(state_, settings(), clock_, [this](WorkerRequest r) { sent_.push_back(std::move(r)); }) {}

  static ControllerSettings settings() {
    ControllerSettings s;
    s.staff_pin_hash = kPinHash;
    return s;
  }
  // Types the digits and submits them; when that sends a PinRequest, answers it as the check-in
  // worker does (the real argon2id verification) and takes it out of sent_.
  void enter_pin(const std::string& digits) {
    for (char digit : digits) controller_.apply(intent::PinDigit{digit});
    controller_.apply(intent::PinSubmit{});
    if (sent_.empty() || !std::holds_alternative<PinRequest>(sent_.back())) return;
    const auto request = std::get<PinRequest>(sent_.back());
    sent_.pop_back();
    EXPECT_EQ(request.hash, kPinHash);
    controller_.on_answer(PinAnswer{request.attempt, staff_pin_matches(request.hash, request.pin)});
  }
  void SetUp() override {
    state_.checkpoints = {Checkpoint{1, 1, "Entrance", CheckpointRule::once_per_event, {}, 0, CheckpointKind::door, ""},
                          Checkpoint{2, 1, "Terrace", CheckpointRule::in_out, {}, 1, CheckpointKind::door, ""}};
    state_.checkpoint_id = 1;
    controller_.tick();
  }
  void advance(std::int64_t ms) {
    clock_.advance_ms(ms);
    controller_.tick();
  }
  void unlock() {
    controller_.apply(intent::OpenStaff{});
    enter_pin("2468");
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

// A scan at a B2B area shows the meeting screen; its question is answered once, stored by the
// worker, thanked, and the screen goes back to scan; a skip goes back at once.
TEST_F(ControllerTest, TheMeetingQuestionIsAnsweredOnceThenThanked) {
  auto scanned = answer(Outcome::accepted);
  scanned.display.participant_id = 11;
  MeetingDisplay b2b;
  b2b.found = true;
  b2b.question = MeetingDisplay::Question{12, 1796720400000, "Jonas Cuypers", "10:00"};
  scanned.display.b2b = b2b;
  controller_.on_answer(scanned);
  EXPECT_EQ(state_.screen, ScreenId::meeting);
  advance(10'000);
  EXPECT_EQ(state_.screen, ScreenId::meeting) << "a question stays longer than a welcome";

  controller_.apply(intent::AnswerMeeting{MeetingAnswer::cooperation});
  controller_.apply(intent::AnswerMeeting{MeetingAnswer::no_interest});
  ASSERT_EQ(sent_.size(), 1u) << "one answer per question";
  const auto request = std::get<FeedbackRequest>(sent_[0]);
  EXPECT_EQ(request.participant_id, 11);
  EXPECT_EQ(request.partner_id, 12);
  EXPECT_EQ(request.meeting_start_ms, 1796720400000);
  EXPECT_EQ(request.answer, MeetingAnswer::cooperation);
  EXPECT_TRUE(state_.last_scan->b2b->answer_pending);

  controller_.on_answer(FeedbackAnswer{11, 1796720400000, std::nullopt});
  EXPECT_TRUE(state_.last_scan->b2b->answered);
  advance(2'499);
  EXPECT_EQ(state_.screen, ScreenId::meeting);
  advance(1);
  EXPECT_EQ(state_.screen, ScreenId::scan);

  controller_.on_answer(scanned);
  controller_.apply(intent::Dismiss{});
  EXPECT_EQ(state_.screen, ScreenId::scan) << "skipped: back to scan, nothing stored";
  EXPECT_EQ(sent_.size(), 1u);
  controller_.on_answer(FeedbackAnswer{11, 1796720400000, make_error(Errc::io, "disk full")});
  EXPECT_EQ(state_.screen, ScreenId::out_of_order) << "a failed write is never thanked";
}

// A meeting without appointment: asked for on the meeting screen, the next scan carries the host
// to the worker, which answers with the table; the wait and the table each end by themselves.
TEST_F(ControllerTest, AWalkInTakesTheNextBadgeAsThePartnerThenShowsTheTable) {
  auto scanned = answer(Outcome::accepted);
  scanned.display.participant_id = 11;
  scanned.display.known_person = true;
  scanned.display.b2b = MeetingDisplay{};
  scanned.display.b2b->scan_wall_ms = 1'796'720'520'000;
  controller_.on_answer(scanned);
  ASSERT_EQ(state_.screen, ScreenId::meeting);
  controller_.apply(intent::StartWalkIn{});
  ASSERT_EQ(state_.screen, ScreenId::walk_in);
  ASSERT_TRUE(state_.walk_in);
  EXPECT_EQ(state_.walk_in->host_first_name, "Zoë");

  controller_.apply(intent::ScannedText{"CODE-PARTNER"});
  ASSERT_EQ(sent_.size(), 1u);
  const auto& partner = std::get<ScanRequest>(sent_[0]);
  EXPECT_EQ(partner.walk_in_host, 11);
  EXPECT_EQ(partner.walk_in_host_scan_ms, 1'796'720'520'000);

  // The host's own badge: still waiting, with a word; the wait does not start again.
  advance(30'000);
  CheckinAnswer own = answer(Outcome::accepted);
  own.walk_in = WalkInDisplay{};
  own.walk_in->stage = WalkInDisplay::Stage::own_badge;
  own.walk_in->host_id = 11;
  controller_.on_answer(own);
  EXPECT_EQ(state_.walk_in->stage, WalkInDisplay::Stage::own_badge);
  EXPECT_EQ(controller_.scan_request("X").walk_in_host, 11);

  CheckinAnswer placed = answer(Outcome::accepted);
  placed.walk_in = WalkInDisplay{};
  placed.walk_in->stage = WalkInDisplay::Stage::placed;
  placed.walk_in->host_id = 11;
  placed.walk_in->meeting.table = "table 3";
  controller_.on_answer(placed);
  ASSERT_EQ(state_.screen, ScreenId::walk_in);
  EXPECT_EQ(state_.walk_in->meeting.table, "table 3");
  EXPECT_EQ(controller_.scan_request("X").walk_in_host, 0) << "the next badge is a scan of its own";
  advance(9'000);
  EXPECT_EQ(state_.screen, ScreenId::walk_in) << "people need time to read where to go";
  advance(1'000);
  EXPECT_EQ(state_.screen, ScreenId::scan);
  EXPECT_FALSE(state_.walk_in);
}

TEST_F(ControllerTest, AWalkInNobodyAnswersEndsAfterAMinuteAndCancelEndsItAtOnce) {
  auto scanned = answer(Outcome::accepted);
  scanned.display.participant_id = 11;
  scanned.display.known_person = true;
  scanned.display.b2b = MeetingDisplay{};
  scanned.display.b2b->question = MeetingDisplay::Question{};
  controller_.on_answer(scanned);
  controller_.apply(intent::StartWalkIn{});
  EXPECT_EQ(state_.screen, ScreenId::meeting) << "not while the question's buttons are shown";
  state_.last_scan->b2b->question.reset();
  controller_.apply(intent::StartWalkIn{});
  ASSERT_EQ(state_.screen, ScreenId::walk_in);
  advance(59'000);
  EXPECT_EQ(state_.screen, ScreenId::walk_in);
  advance(1'000);
  EXPECT_EQ(state_.screen, ScreenId::scan);
  EXPECT_EQ(controller_.scan_request("X").walk_in_host, 0);

  controller_.on_answer(scanned);
  state_.last_scan->b2b->question.reset();
  controller_.apply(intent::StartWalkIn{});
  controller_.apply(intent::Dismiss{});
  EXPECT_EQ(state_.screen, ScreenId::scan);
  EXPECT_FALSE(state_.walk_in);
  // A refused partner ends it too (the refusal is shown).
  controller_.on_answer(scanned);
  state_.last_scan->b2b->question.reset();
  controller_.apply(intent::StartWalkIn{});
  controller_.on_answer(answer(Outcome::unknown_code));
  EXPECT_EQ(state_.screen, ScreenId::refused);
  EXPECT_FALSE(state_.walk_in);
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
    EXPECT_EQ(state_.staff.failed_attempts, attempt);
    enter_pin("1111");
  }
  EXPECT_FALSE(state_.staff.unlocked);
  EXPECT_GT(state_.staff.locked_until_ms, state_.now_ms);
  enter_pin("2468");
  EXPECT_TRUE(sent_.empty()) << "a locked pad does not even check the PIN";
  EXPECT_FALSE(state_.staff.unlocked) << "even the right PIN waits out the lock";
  advance(60000);
  enter_pin("2468");
  EXPECT_TRUE(state_.staff.unlocked);
}

TEST_F(ControllerTest, APinIsCheckedOnTheWorkerOneAtATime) {
  controller_.apply(intent::OpenStaff{});
  for (char digit : std::string("2468")) controller_.apply(intent::PinDigit{digit});
  controller_.apply(intent::PinSubmit{});
  ASSERT_EQ(sent_.size(), 1u);
  const auto first = std::get<PinRequest>(sent_[0]);
  EXPECT_EQ(first.pin, "2468");
  EXPECT_TRUE(state_.staff.pin_checking);
  EXPECT_TRUE(state_.staff.pin_entry.empty());
  EXPECT_FALSE(state_.staff.unlocked) << "not before the worker answers";
  // A second PIN while the first is checked is dropped: no attempt is counted twice or lost.
  for (char digit : std::string("1111")) controller_.apply(intent::PinDigit{digit});
  controller_.apply(intent::PinSubmit{});
  EXPECT_EQ(sent_.size(), 1u);
  // An answer for a pad closed since is ignored.
  controller_.apply(intent::CloseStaff{});
  controller_.on_answer(PinAnswer{first.attempt, true});
  controller_.apply(intent::OpenStaff{});
  EXPECT_FALSE(state_.staff.unlocked);
  EXPECT_FALSE(state_.staff.pin_checking);
  sent_.clear();
  enter_pin("1357");
  EXPECT_FALSE(state_.staff.unlocked);
  EXPECT_EQ(state_.staff.failed_attempts, 1);
  enter_pin("2468");
  EXPECT_TRUE(state_.staff.unlocked);
  EXPECT_EQ(state_.staff.failed_attempts, 0);
}

TEST_F(ControllerTest, WithoutAPinHashThereIsNoStaffScreen) {
  KioskState state;
  std::vector<WorkerRequest> sent;
  KioskController controller(state, ControllerSettings{}, clock_,
                             [&](WorkerRequest r) { sent.push_back(std::move(r)); });
  controller.apply(intent::OpenStaff{});
  EXPECT_NE(state.screen, ScreenId::staff);
  EXPECT_FALSE(state.staff.available) << "so the scan screen draws no padlock that does nothing";
  EXPECT_TRUE(state_.staff.available) << "with a PIN hash";
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
  // Each choice is kept for the next start (kiosk/model/saved_place.h), by the worker.
  ASSERT_EQ(sent_.size(), 2u);
  EXPECT_EQ(std::get<PlaceRequest>(sent_[0]).checkpoint_id, 2);
  EXPECT_EQ(std::get<PlaceRequest>(sent_[0]).direction, Direction::entry);
  EXPECT_EQ(std::get<PlaceRequest>(sent_[1]).direction, Direction::exit);
  sent_.clear();
  controller_.apply(intent::ManualCheckin{7});
  ASSERT_EQ(sent_.size(), 1u);
  const auto& manual = std::get<ManualRequest>(sent_[0]);
  EXPECT_EQ(manual.operator_name, "Anne (desk 1)");
  EXPECT_EQ(manual.checkpoint_id, 2);
  EXPECT_EQ(manual.direction, Direction::exit);
  controller_.apply(intent::SelectCheckpoint{1});
  EXPECT_EQ(state_.direction, Direction::entry) << "a once-per-event checkpoint has no exit";
}

// A place that could not be saved still holds until the restart; staff are told it will not last.
TEST_F(ControllerTest, APlaceNotSavedIsSaidToStaff) {
  unlock();
  controller_.apply(intent::SelectCheckpoint{2});
  controller_.on_answer(PlaceAnswer{});
  EXPECT_TRUE(state_.staff.message.empty());
  controller_.on_answer(PlaceAnswer{make_error(Errc::io, "database or disk is full")});
  EXPECT_EQ(state_.staff.message, "place_not_saved");
  EXPECT_EQ(state_.checkpoint_id, 2);
}

// A badge scanned on the unlocked staff screen tests the scanner: shown to staff, never sent to be
// judged (and so never journalled); on the locked pad or an attendee screen that does not take
// scans, it is dropped as before.
TEST_F(ControllerTest, AScanOnTheStaffScreenIsATestReadNeverACheckin) {
  state_.event.timezone = "Europe/Brussels";
  controller_.apply(intent::OpenStaff{});
  controller_.apply(intent::ScannedText{"PSL1.LOCKED-PAD"});
  controller_.on_test_read("PSL1.FROM-SERIAL", "scanner at /dev/ttyACM0", false);
  EXPECT_FALSE(state_.device.last_test_read) << "the PIN pad is no test";
  enter_pin("2468");
  ASSERT_TRUE(state_.staff.unlocked);
  sent_.clear();
  controller_.apply(intent::ScannedText{"PSL1.0123456789abcdef"});
  EXPECT_TRUE(sent_.empty());
  ASSERT_TRUE(state_.device.last_test_read);
  EXPECT_EQ(state_.device.last_test_read->code_start, "PSL1.0123456…");
  EXPECT_TRUE(state_.device.last_test_read->wedge);
  // 1796717520000 is 2026-12-08 08:12:00 UTC, 09:12:00 in Brussels.
  EXPECT_EQ(state_.device.last_test_read->local_time, "09:12:00");
  clock_.advance_ms(7'000);
  controller_.on_test_read("PSL1.FROM-SERIAL", "scanner at /dev/ttyACM0", false);
  EXPECT_EQ(state_.device.last_test_read->source, "scanner at /dev/ttyACM0");
  EXPECT_FALSE(state_.device.last_test_read->wedge);
  EXPECT_EQ(state_.device.last_test_read->local_time, "09:12:07");
  EXPECT_TRUE(sent_.empty());

  controller_.apply(intent::CloseStaff{});
  state_.device.last_test_read.reset();
  controller_.on_test_read("PSL1.AT-THE-DOOR", "camera", false);
  EXPECT_FALSE(state_.device.last_test_read) << "only the unlocked staff screen shows codes";
}

TEST_F(ControllerTest, ScannerNewsReplaceTheirOwnLine) {
  controller_.on_scanner_status({ScannerStatus::Kind::wedge, "", ScannerStatus::State::open, ""});
  controller_.on_scanner_status({ScannerStatus::Kind::serial, "/dev/ttyACM0", ScannerStatus::State::starting, ""});
  controller_.on_scanner_status({ScannerStatus::Kind::serial, "/dev/ttyACM0", ScannerStatus::State::lost, "gone"});
  ASSERT_EQ(state_.device.scanners.size(), 2u);
  EXPECT_EQ(state_.device.scanners[1].state, ScannerStatus::State::lost);
  EXPECT_EQ(state_.device.scanners[1].detail, "gone");
}

// The out-of-order screen's reason for staff (kiosk/model/store_failure.h), cleared once the store
// writes again.
TEST_F(ControllerTest, AStoreFailureGivesStaffAReasonUntilTheStoreWritesAgain) {
  CheckinAnswer failed;
  failed.error = make_error(Errc::conflict, "database or disk is full");
  controller_.on_answer(failed);
  EXPECT_EQ(state_.screen, ScreenId::out_of_order);
  EXPECT_EQ(state_.fatal_reason, "disk_full");
  EXPECT_EQ(state_.fatal_message, "conflict");
  controller_.on_answer(answer(Outcome::accepted));
  EXPECT_TRUE(state_.fatal_reason.empty());
}

// The date section's buttons (docs/CLOCKS.md) are staff actions; their answer shows the effect,
// and each rehearsal scan adds to the count staff see.
TEST_F(ControllerTest, TheDateAndRehearsalAreStaffActionsAnsweredByTheWorker) {
  controller_.apply(intent::ConfirmDate{});
  controller_.apply(intent::SetRehearsal{true});
  EXPECT_TRUE(sent_.empty());
  unlock();
  controller_.apply(intent::ConfirmDate{});
  controller_.apply(intent::SetRehearsal{true});
  controller_.apply(intent::ClearRehearsal{});
  ASSERT_EQ(sent_.size(), 3u);
  EXPECT_EQ(std::get<DoorRequest>(sent_[0]).action, DoorRequest::Action::confirm_date);
  EXPECT_EQ(std::get<DoorRequest>(sent_[1]).action, DoorRequest::Action::rehearsal_on);
  EXPECT_EQ(std::get<DoorRequest>(sent_[2]).action, DoorRequest::Action::clear_rehearsal);
  ClockAnswer on;
  on.clock.known = true;
  on.clock.trusted = true;
  on.rehearsal = {true, 0};
  controller_.on_answer(on);
  EXPECT_TRUE(state_.clock.trusted);
  EXPECT_TRUE(state_.rehearsal.on);
  controller_.apply(intent::CloseStaff{});
  auto rehearsed = answer(Outcome::accepted);
  rehearsed.display.rehearsal = true;
  controller_.on_answer(rehearsed);
  EXPECT_EQ(state_.rehearsal.scans, 1);
  ClockAnswer failed;
  failed.rehearsal = {true, 1};
  failed.error = make_error(Errc::database, "disk full");
  controller_.on_answer(failed);
  EXPECT_TRUE(state_.clock.trusted) << "an answer without a clock reading keeps the last one";
  EXPECT_EQ(state_.staff.message, "store_failed");
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

namespace passerelle::kiosk {
namespace {

// The first-boot screen (no database yet): a scanned enrolment code or a tapped bundle goes to the
// app's first-boot worker, one at a time; a badge is never judged nor journalled there, and says
// why; no staff screen, as there is no PIN yet.
class FirstBootControllerTest : public ::testing::Test {
 protected:
  FirstBootControllerTest()
      : controller_(state_, ControllerSettings{}, clock_, [this](WorkerRequest r) { sent_.push_back(std::move(r)); }) {
    state_.screen = ScreenId::first_boot;
    controller_.set_first_boot_handlers([this](std::string ticket) { tickets_.push_back(std::move(ticket)); },
                                        [this](std::string path) { bundles_.push_back(std::move(path)); });
    controller_.tick();
  }

  ManualClock clock_{1796717520000};
  KioskState state_;
  std::vector<WorkerRequest> sent_;
  KioskController controller_;
  std::vector<std::string> tickets_;
  std::vector<std::string> bundles_;
};

TEST_F(FirstBootControllerTest, AnEnrolmentCodeGoesToTheWorkerOnce) {
  const std::string ticket = "PSLENROL1 http://hub.test:8080 code123";
  controller_.apply(intent::ScannedText{ticket});
  controller_.apply(intent::ScannedText{ticket});  // the camera reads it again meanwhile
  ASSERT_EQ(tickets_, std::vector<std::string>{ticket});
  EXPECT_EQ(state_.first_boot.phase, FirstBootState::Phase::enrolling);
  EXPECT_TRUE(sent_.empty());
  EXPECT_EQ(state_.screen, ScreenId::first_boot);
}

TEST_F(FirstBootControllerTest, ABadgeIsNeitherJudgedNorJournalled) {
  controller_.apply(intent::ScannedText{"PSL1.some.badge"});
  EXPECT_TRUE(sent_.empty());
  EXPECT_TRUE(tickets_.empty());
  EXPECT_TRUE(state_.first_boot.not_a_ticket);
  EXPECT_EQ(state_.first_boot.phase, FirstBootState::Phase::waiting);
  EXPECT_FALSE(controller_.scan_context().accepting.load());
}

TEST_F(FirstBootControllerTest, ATappedBundleGoesToTheWorkerAndBlocksAScan) {
  controller_.apply(intent::UseBundle{"/media/passerelle-usb/kiosk-door-1.db"});
  controller_.apply(intent::ScannedText{"PSLENROL1 http://hub.test:8080 code123"});
  EXPECT_EQ(bundles_, std::vector<std::string>{"/media/passerelle-usb/kiosk-door-1.db"});
  EXPECT_TRUE(tickets_.empty());
  EXPECT_EQ(state_.first_boot.phase, FirstBootState::Phase::installing);
}

TEST_F(FirstBootControllerTest, NoStaffScreenBeforeThereIsAPin) {
  controller_.apply(intent::OpenStaff{});
  EXPECT_EQ(state_.screen, ScreenId::first_boot);
  controller_.set_staff_pin_hash(kPinHash);
  EXPECT_TRUE(state_.staff.available);
}

}  // namespace
}  // namespace passerelle::kiosk
