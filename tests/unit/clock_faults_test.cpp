// Clock faults at the door (issue #11): a clock stepped back an hour mid-day, a kiosk booting with
// a date a year off, and one rebooting a day behind. Each test drives the real Store and
// CheckinService with a ManualClock, prints how many scans landed while the clock was wrong, and
// checks the promise after every one: a check-in shown green is never lost and never counted twice.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <set>

#include "core/checkin/checkin.h"
#include "core/checkin/door_clock.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

constexpr std::int64_t kFaultMinuteMs = 60'000;
constexpr std::int64_t kFaultHourMs = 60 * kFaultMinuteMs;
constexpr std::int64_t kFaultDayMs = 24 * kFaultHourMs;
// 2026-12-08 09:12 in Brussels, the event's first day.
using testing::kMorning;

class ClockFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A kiosk whose clock can be wrong: no time source set it since boot (a synchronised clock's
    // date is believed, and a day outside the event's is refused: the tests at the end).
    clock_.set_synchronised(false);
    auto opened = Store::open(dir_.file("door.db"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<Store>(std::move(*opened));
    EventConfig config;
    config.name = "Forum";
    config.timezone = "Europe/Brussels";
    config.days = {"2026-12-08", "2026-12-09", "2026-12-10"};
    config.checkpoints = {{"Entrance", CheckpointRule::once_per_event, {}},
                          {"Daily door", CheckpointRule::once_per_day, {}},
                          {"B2B area", CheckpointRule::in_out, {}}};
    event_ = *store_->create_event(config);
    for (const auto& checkpoint : *store_->checkpoints(event_)) checkpoint_ids_[checkpoint.name] = checkpoint.id;
    for (int i = 1; i <= 6; ++i) {
      ParticipantRecord record;
      record.external_id = "P" + std::to_string(i);
      record.first_name = "Ana";
      record.last_name = "Person " + std::to_string(i);
      record.ticket_codes = {"C" + std::to_string(i)};
      auto transaction = db::Transaction::begin(store_->database());
      ASSERT_TRUE(store_->upsert_participant_in_transaction(event_, record));
      ASSERT_TRUE(transaction->commit());
    }
  }

  // One scan through the real decision; counts it as landed under a faulty clock when `faulty_`.
  Result<CheckinResult> try_scan(int person, const std::string& checkpoint, Direction direction = Direction::entry) {
    CheckinService service(*store_, &watch_);
    CheckinRequest request;
    request.event_id = event_;
    request.checkpoint_id = checkpoint_ids_.at(checkpoint);
    request.code = "C" + std::to_string(person);
    request.direction = direction;
    auto result = service.scan(request);
    if (result && !store_->rehearsal()) {  // a rehearsal's scans are kept apart from the journal
      shown_.push_back(result->entry.uuid);
      if (faulty_) ++landed_;
    }
    return result;
  }
  Outcome scan(int person, const std::string& checkpoint, Direction direction = Direction::entry) {
    auto result = try_scan(person, checkpoint, direction);
    EXPECT_TRUE(result) << result.error().message;
    return result ? result->outcome : Outcome::unknown_code;
  }

  std::int64_t participant(int person) {
    return (*store_->find_by_external_id(event_, "P" + std::to_string(person)))->id;
  }

  // The promise, checked after every fault: every answered scan is in the journal exactly once,
  // sequence numbers have no gap, and no once-only rule holds two accepted check-ins.
  void expect_invariants() {
    const auto entries = *store_->journal_entries(event_);
    std::multiset<std::string> held;
    for (const auto& entry : entries) held.insert(entry.uuid);
    for (const auto& uuid : shown_) EXPECT_EQ(held.count(uuid), 1u) << "entry " << uuid;
    EXPECT_EQ(entries.size(), shown_.size());
    for (std::size_t i = 0; i < entries.size(); ++i) EXPECT_EQ(entries[i].seq, static_cast<std::int64_t>(i + 1));
    std::map<std::tuple<std::int64_t, std::int64_t, std::string>, int> once;
    for (const auto& entry : entries) {
      if (entry.outcome != Outcome::accepted || entry.kind == EntryKind::checkout) continue;
      if (*entry.checkpoint_id == checkpoint_ids_.at("Entrance"))
        ++once[{*entry.participant_id, *entry.checkpoint_id, ""}];
      if (*entry.checkpoint_id == checkpoint_ids_.at("Daily door"))
        ++once[{*entry.participant_id, *entry.checkpoint_id, entry.local_day}];
    }
    for (const auto& [key, count] : once)
      EXPECT_EQ(count, 1) << "participant " << std::get<0>(key) << " admitted twice";
  }

  void report(const std::string& fault) {
    std::cout << "[ faults   ] " << fault << ": " << landed_ << " scans landed while the clock was wrong\n";
    RecordProperty("faults_landed", landed_);
    EXPECT_GT(landed_, 0);
  }

  testing::TempDir dir_;
  ManualClock clock_{kMorning};
  std::unique_ptr<Store> store_;
  ClockWatch watch_;
  std::int64_t event_ = 0;
  std::map<std::string, std::int64_t> checkpoint_ids_;
  std::vector<std::string> shown_;
  bool faulty_ = false;
  int landed_ = 0;
};

TEST_F(ClockFaultTest, AClockSteppedBackAnHourMidDayLosesNothingAndCountsNobodyTwice) {
  clock_.advance_ms(4 * kFaultHourMs + 50 * kFaultMinuteMs);  // 14:02
  EXPECT_EQ(scan(1, "B2B area"), Outcome::accepted);
  EXPECT_EQ(scan(2, "B2B area"), Outcome::accepted);
  EXPECT_EQ(scan(3, "B2B area"), Outcome::accepted);
  EXPECT_EQ(scan(1, "Entrance"), Outcome::accepted);
  EXPECT_EQ(scan(5, "Daily door"), Outcome::accepted);
  clock_.advance_ms(30'000);

  // The wall clock steps back 62 minutes; the monotonic clock does not.
  clock_.set_wall_ms(clock_.wall_ms() - 62 * kFaultMinuteMs);
  faulty_ = true;
  auto first = try_scan(1, "B2B area", Direction::exit);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->outcome, Outcome::accepted);
  ASSERT_TRUE(first->door.jump) << "the jump is noticed on the first scan after it";
  EXPECT_TRUE(first->door.jump->back);
  EXPECT_NEAR(static_cast<double>(first->door.jump->size_ms), 62.0 * kFaultMinuteMs, 1000.0);
  clock_.advance_ms(kFaultMinuteMs);
  EXPECT_EQ(scan(4, "B2B area"), Outcome::accepted);
  EXPECT_EQ(scan(2, "B2B area", Direction::exit), Outcome::accepted);
  EXPECT_EQ(scan(3, "B2B area"), Outcome::already_checked_in) << "inside since 14:02, whatever the clock says";
  EXPECT_EQ(scan(1, "Entrance"), Outcome::already_checked_in);
  EXPECT_EQ(scan(5, "Daily door"), Outcome::already_checked_in);
  EXPECT_EQ(scan(6, "Daily door"), Outcome::accepted);
  clock_.advance_ms(kFaultMinuteMs);
  EXPECT_EQ(scan(2, "B2B area"), Outcome::accepted) << "P2 left and comes back";
  EXPECT_EQ(scan(1, "B2B area"), Outcome::accepted) << "P1 left after the jump and comes back";
  EXPECT_EQ(scan(1, "B2B area", Direction::exit), Outcome::accepted);

  // Inside: P2, P3, P4. By wall time P1's 14:02 entry would sort after every later exit.
  EXPECT_EQ(*store_->inside_count(checkpoint_ids_.at("B2B area")), 3);
  const auto b2b = *store_->checkpoint(checkpoint_ids_.at("B2B area"));
  const auto p1 = *store_->attendance_mark(*b2b, participant(1), "");
  ASSERT_TRUE(p1);
  EXPECT_EQ(p1->kind, EntryKind::checkout);
  const auto p2 = *store_->attendance_mark(*b2b, participant(2), "");
  ASSERT_TRUE(p2);
  EXPECT_NE(p2->kind, EntryKind::checkout);

  const auto recorded = *last_clock_jump(*store_);
  ASSERT_TRUE(recorded) << "the staff screen's warning has its record";
  EXPECT_TRUE(recorded->back);
  EXPECT_EQ((recorded->size_ms + 30'000) / 60'000, 62);
  expect_invariants();
  report("clock stepped back 62 min at 14:02");
}

TEST_F(ClockFaultTest, BootingWithADateAYearOffKeepsTheDoorSafeAndCountsNobodyTwice) {
  // Day 1, 10:00, before the fault: a first check-in at each door.
  clock_.advance_ms(48 * kFaultMinuteMs);
  EXPECT_EQ(scan(6, "Entrance"), Outcome::accepted);
  EXPECT_EQ(scan(6, "Daily door"), Outcome::accepted);
  const std::int64_t true_time = clock_.wall_ms() + 5 * kFaultMinuteMs;

  // Reboot: no watch survives, and the clock says 2027-12-08.
  watch_ = ClockWatch();
  clock_.set_wall_ms(true_time + 365 * kFaultDayMs);
  auto boot = read_door_time(*store_, event_, &watch_);
  ASSERT_TRUE(boot) << boot.error().message;
  EXPECT_FALSE(boot->date_plausible);
  EXPECT_EQ(boot->raw_day, "2027-12-08");
  EXPECT_EQ(boot->first_day, "2026-12-08");
  EXPECT_EQ(boot->last_day, "2026-12-10");

  faulty_ = true;
  // Once per event and in/out never read the day: the queue goes on.
  EXPECT_EQ(scan(1, "Entrance"), Outcome::accepted);
  EXPECT_EQ(scan(2, "Entrance"), Outcome::accepted);
  EXPECT_EQ(scan(1, "Entrance"), Outcome::already_checked_in);
  EXPECT_EQ(scan(6, "Entrance"), Outcome::already_checked_in);
  EXPECT_EQ(scan(4, "B2B area"), Outcome::accepted);
  // A once-per-day door cannot know today: it waits, storing nothing and showing nothing green.
  const auto entries_before = store_->journal_entries(event_)->size();
  auto paused = try_scan(3, "Daily door");
  ASSERT_FALSE(paused);
  EXPECT_EQ(paused.error().code, Errc::conflict);
  EXPECT_NE(paused.error().message.find("2027-12-08"), std::string::npos) << paused.error().message;
  EXPECT_EQ(store_->journal_entries(event_)->size(), entries_before);
  expect_invariants();

  // Staff set the clock.
  faulty_ = false;
  clock_.set_wall_ms(true_time + 10 * kFaultMinuteMs);
  EXPECT_EQ(scan(1, "Entrance"), Outcome::already_checked_in) << "admitted during the fault, not again";
  EXPECT_EQ(scan(2, "Entrance"), Outcome::already_checked_in);
  EXPECT_EQ(scan(3, "Daily door"), Outcome::accepted);
  EXPECT_EQ(scan(3, "Daily door"), Outcome::already_checked_in);
  EXPECT_EQ(scan(6, "Daily door"), Outcome::already_checked_in);
  EXPECT_EQ(scan(4, "B2B area", Direction::exit), Outcome::accepted);
  EXPECT_EQ(*store_->inside_count(checkpoint_ids_.at("B2B area")), 0);
  auto after = read_door_time(*store_, event_, &watch_);
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->date_plausible);
  EXPECT_EQ(after->day, "2026-12-08") << "a day written under the wrong date does not hold the door's day";
  const auto recorded = *last_clock_jump(*store_);
  ASSERT_TRUE(recorded);
  EXPECT_TRUE(recorded->back) << "correcting the clock is a jump back of a year, recorded";
  expect_invariants();
  report("booted with the date a year off (2027-12-08)");
}

// The week before the event, staff try the doors: nothing says the clock is wrong, so the
// once-per-day door admits on the day the clock gives, and the staff screen still says that the
// date is outside the event. Those days are not the event's: the event's first day admits again.
TEST_F(ClockFaultTest, ADoorTriedOutBeforeTheEventAdmitsAndWarns) {
  clock_.set_wall_ms(kMorning - 4 * kFaultDayMs);
  auto before = read_door_time(*store_, event_, &watch_);
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_FALSE(before->date_plausible) << "the staff screen warns";
  EXPECT_FALSE(before->day_unknown) << "but nothing shows the event under way";
  EXPECT_EQ(scan(1, "Daily door"), Outcome::accepted);
  EXPECT_EQ(scan(1, "Daily door"), Outcome::already_checked_in);
  clock_.set_wall_ms(kMorning);
  EXPECT_EQ(scan(1, "Daily door"), Outcome::accepted) << "the rehearsal's day is not the event's";
  expect_invariants();
}

TEST_F(ClockFaultTest, RebootingADayBehindNeverReopensTodaysOncePerDayDoor) {
  // Day 2, 09:12: people come through the daily door.
  clock_.advance_ms(kFaultDayMs);
  EXPECT_EQ(scan(1, "Daily door"), Outcome::accepted);
  EXPECT_EQ(scan(2, "B2B area"), Outcome::accepted);
  const std::int64_t true_time = clock_.wall_ms() + 20 * kFaultMinuteMs;

  // Reboot with the clock a day behind: 2026-12-08 is one of the event's days, so the date looks
  // plausible; the newest own entry says otherwise.
  watch_ = ClockWatch();
  clock_.set_wall_ms(true_time - kFaultDayMs);
  faulty_ = true;
  auto first = try_scan(1, "Daily door");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->outcome, Outcome::already_checked_in) << "today is still day 2 for this door";
  ASSERT_TRUE(first->door.jump);
  EXPECT_TRUE(first->door.jump->back);
  EXPECT_EQ(first->door.day, "2026-12-09");
  EXPECT_EQ(first->door.raw_day, "2026-12-08");
  EXPECT_EQ(scan(3, "Daily door"), Outcome::accepted);
  EXPECT_EQ(scan(2, "B2B area", Direction::exit), Outcome::accepted);
  EXPECT_EQ(*store_->inside_count(checkpoint_ids_.at("B2B area")), 0) << "the exit follows the entry";
  expect_invariants();

  // Staff set the clock: day 2 again, and nobody gets through the daily door twice.
  faulty_ = false;
  clock_.set_wall_ms(true_time + 5 * kFaultMinuteMs);
  EXPECT_EQ(scan(3, "Daily door"), Outcome::already_checked_in);
  EXPECT_EQ(scan(1, "Daily door"), Outcome::already_checked_in);
  EXPECT_EQ(scan(4, "Daily door"), Outcome::accepted);
  // Day 3: the door opens again for everyone.
  clock_.advance_ms(kFaultDayMs);
  EXPECT_EQ(scan(3, "Daily door"), Outcome::accepted);
  expect_invariants();
  report("rebooted a day behind (2026-12-08 on day 2)");
}

// Days that are not the event's (docs/CLOCKS.md): on a clock a time source set, a scan the week
// before is refused with its own outcome and journaled as such; an exit is still recorded.
TEST_F(ClockFaultTest, OnASynchronisedClockADayOutsideTheEventIsRefusedAsSuch) {
  clock_.set_synchronised(true);
  clock_.set_wall_ms(kMorning - 2 * kFaultDayMs);  // the door tried out two days before
  EXPECT_EQ(scan(2, "Daily door"), Outcome::not_event_day);
  EXPECT_EQ(scan(2, "Entrance"), Outcome::not_event_day);
  EXPECT_EQ(scan(3, "B2B area"), Outcome::not_event_day);
  EXPECT_EQ(scan(3, "B2B area", Direction::exit), Outcome::accepted) << "an exit is always recorded";
  int refused = 0;
  for (const auto& entry : *store_->journal_entries(event_))
    if (entry.outcome == Outcome::not_event_day) {
      ++refused;
      EXPECT_EQ(entry.kind, EntryKind::rejected_scan);
      EXPECT_EQ(entry.local_day, "2026-12-06");
    }
  EXPECT_EQ(refused, 3);

  clock_.advance_ms(2 * kFaultDayMs);  // the event's first day
  EXPECT_EQ(scan(2, "Daily door"), Outcome::accepted) << "a refusal used nothing up";
  EXPECT_EQ(scan(2, "Entrance"), Outcome::accepted);
  EXPECT_EQ(scan(1, "B2B area"), Outcome::accepted);
  clock_.advance_ms(3 * kFaultDayMs);  // the day after its last
  EXPECT_EQ(scan(4, "Daily door"), Outcome::not_event_day);
  EXPECT_EQ(scan(1, "B2B area", Direction::exit), Outcome::accepted) << "nobody is kept inside the count";
  EXPECT_EQ(*store_->inside_count(checkpoint_ids_.at("B2B area")), 0);
  expect_invariants();
}

// A kiosk without network or hardware clock cannot tell a wrong date from a rehearsal: it admits
// until staff confirm the date on the staff screen, and that confirmation holds for this boot
// only, and only while the clock is not stepped.
TEST_F(ClockFaultTest, AClockNobodySetRefusesDaysOutsideTheEventOnceStaffConfirmTheDate) {
  clock_.set_wall_ms(kMorning - 4 * kFaultDayMs);
  EXPECT_EQ(scan(1, "Daily door"), Outcome::accepted) << "not confirmed: nothing says the date is right";
  EXPECT_FALSE(*clock_trusted(*store_));
  ASSERT_TRUE(confirm_clock_date(*store_));
  EXPECT_TRUE(*clock_trusted(*store_));
  EXPECT_EQ(scan(2, "Daily door"), Outcome::not_event_day);
  clock_.advance_ms(3 * kFaultHourMs);
  EXPECT_EQ(scan(3, "Entrance"), Outcome::not_event_day) << "a clock that runs on keeps the confirmation";

  clock_.reboot("boot-2");
  EXPECT_FALSE(*clock_trusted(*store_)) << "a new boot may have a new wrong date";
  EXPECT_EQ(scan(2, "Daily door"), Outcome::accepted);

  ASSERT_TRUE(confirm_clock_date(*store_));
  clock_.set_wall_ms(clock_.wall_ms() - 2 * kFaultDayMs);  // someone sets the clock wrong
  EXPECT_FALSE(*clock_trusted(*store_)) << "a step voids the confirmation";
  expect_invariants();
}

// Rehearsal mode (docs/CLOCKS.md, "Rehearsal"): the door's rules tried against rehearsal scans
// only, no day refused, nothing in the journal; cleared by staff.
TEST_F(ClockFaultTest, RehearsalScansAreDecidedApartFromAttendanceAndCleared) {
  clock_.set_synchronised(true);
  EXPECT_EQ(scan(1, "Daily door"), Outcome::accepted);  // a real check-in on the first day
  const auto journal_before = store_->journal_entries(event_)->size();

  clock_.set_wall_ms(kMorning - 4 * kFaultDayMs);
  store_->set_rehearsal(true);
  EXPECT_EQ(scan(1, "Daily door"), Outcome::accepted) << "the real check-in is not the rehearsal's";
  EXPECT_EQ(scan(1, "Daily door"), Outcome::already_checked_in);
  EXPECT_EQ(scan(2, "B2B area"), Outcome::accepted);
  EXPECT_EQ(scan(2, "B2B area"), Outcome::already_checked_in) << "already inside, in the rehearsal";
  EXPECT_EQ(store_->journal_entries(event_)->size(), journal_before);
  EXPECT_EQ(*store_->inside_count(checkpoint_ids_.at("B2B area")), 0);
  EXPECT_EQ(*store_->rehearsal_count(event_), 4);

  store_->set_rehearsal(false);
  EXPECT_EQ(scan(2, "B2B area"), Outcome::not_event_day) << "out of rehearsal, the day is refused again";
  EXPECT_EQ(*store_->clear_rehearsal(event_), 4);
  EXPECT_EQ(*store_->rehearsal_count(event_), 0);
  EXPECT_EQ(store_->journal_entries(event_)->size(), journal_before + 1);
  expect_invariants();
}

}  // namespace
}  // namespace passerelle
