// The check-in worker on a real store: answers for scans, searches, manual check-ins and staff PINs, and the
// store failing mid-session (and recovering) with nothing shown as accepted that was not stored.
#include "kiosk/model/checkin_worker.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "tests/support/test_support.h"

namespace passerelle::kiosk {
namespace {

class WorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::open(dir_.file("kiosk.db"), clock_);
    ASSERT_TRUE(store);
    event_ = *store->create_event(default_event_config("Forum", "2026-12-08"));
    checkpoint_ = (*store->checkpoints(event_)).front().id;
    ParticipantRecord record;
    record.external_id = "P1";
    record.first_name = "Jörg";
    record.last_name = "Müller";
    record.language = Language::de;
    record.ticket_codes = {"CODE-1"};
    auto transaction = db::Transaction::begin(store->database());
    ASSERT_TRUE(store->upsert_participant_in_transaction(event_, record));
    ASSERT_TRUE(transaction->commit());
    worker_ = std::make_unique<CheckinWorker>(dir_.file("kiosk.db"), event_, clock_, [this](WorkerAnswer answer) {
      std::lock_guard lock(mutex_);
      // The door's clock read at start comes first; the tests here look at the answers after it.
      if (std::holds_alternative<ClockAnswer>(answer) && !started_) {
        started_ = true;
        return;
      }
      answers_.push_back(std::move(answer));
      arrived_.notify_all();
    });
  }

  WorkerAnswer next() {
    std::unique_lock lock(mutex_);
    EXPECT_TRUE(arrived_.wait_for(lock, std::chrono::seconds(30), [this] { return !answers_.empty(); }));
    if (answers_.empty()) return CheckinAnswer{};
    auto answer = std::move(answers_.front());
    answers_.erase(answers_.begin());
    return answer;
  }
  CheckinAnswer scan(const std::string& code) {
    worker_->submit(ScanRequest{code, checkpoint_, Direction::entry, 0});
    return std::get<CheckinAnswer>(next());
  }

  testing::TempDir dir_;
  ManualClock clock_{1796717520000};
  std::int64_t event_ = 0, checkpoint_ = 0;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<WorkerAnswer> answers_;
  bool started_ = false;  // under mutex_
  std::unique_ptr<CheckinWorker> worker_;
};

TEST_F(WorkerTest, ScansAreAnsweredInOrderWithTheAttendeesLanguage) {
  const auto first = scan("CODE-1");
  ASSERT_FALSE(first.error);
  EXPECT_EQ(first.display.outcome, Outcome::accepted);
  EXPECT_EQ(first.display.first_name, "Jörg");
  EXPECT_EQ(first.display.language, Language::de);
  const auto second = scan("CODE-1");
  EXPECT_EQ(second.display.outcome, Outcome::already_checked_in);
  EXPECT_FALSE(second.display.previous_local_time.empty());
  EXPECT_EQ(scan("NOPE").display.outcome, Outcome::unknown_code);
}

// The staff screen's date section through the worker (docs/CLOCKS.md): the date confirmed on a
// clock nobody set, then a rehearsal whose scans are decided apart, counted and cleared.
TEST_F(WorkerTest, StaffConfirmTheDateAndRunARehearsal) {
  clock_.set_synchronised(false);
  const auto door = [this](DoorRequest::Action action) {
    worker_->submit(DoorRequest{action});
    return std::get<ClockAnswer>(next());
  };
  const auto confirmed = door(DoorRequest::Action::confirm_date);
  EXPECT_FALSE(confirmed.error);
  EXPECT_TRUE(confirmed.clock.trusted);
  EXPECT_FALSE(confirmed.clock.synchronised);
  EXPECT_TRUE(confirmed.clock.event_day);
  EXPECT_TRUE(door(DoorRequest::Action::rehearsal_on).rehearsal.on);
  const auto first = scan("CODE-1");
  EXPECT_EQ(first.display.outcome, Outcome::accepted);
  EXPECT_TRUE(first.display.rehearsal);
  EXPECT_EQ(scan("CODE-1").display.outcome, Outcome::already_checked_in);
  const auto cleared = door(DoorRequest::Action::clear_rehearsal);
  EXPECT_TRUE(cleared.rehearsal.on);
  EXPECT_EQ(cleared.rehearsal.scans, 0);
  EXPECT_FALSE(door(DoorRequest::Action::rehearsal_off).rehearsal.on);
  const auto real = scan("CODE-1");
  EXPECT_EQ(real.display.outcome, Outcome::accepted) << "the rehearsal used nothing up";
  EXPECT_FALSE(real.display.rehearsal);
}

// The door shows the day's meetings: in the event's time, by start, cancelled ones and other days'
// left out, the partner with organisation and country.
TEST_F(WorkerTest, AnAcceptedScanShowsTheDaysMeetings) {
  {
    auto store = Store::open(dir_.file("kiosk.db"), clock_);
    ASSERT_TRUE(store);
    ParticipantRecord partner;
    partner.external_id = "P2";
    partner.first_name = "Anneke";
    partner.last_name = "de Vries";
    partner.organisation = "TU Eindhoven";
    partner.country = "NL";
    auto transaction = db::Transaction::begin(store->database());
    ASSERT_TRUE(store->upsert_participant_in_transaction(event_, partner));
    ASSERT_TRUE(transaction->commit());
    // 2026-12-08 in Brussels (UTC+1): 10:25 and 10:00, a cancelled 11:00, and 10:00 the next day.
    const std::int64_t ten = 1796720400000;
    for (const auto& [start, status] :
         std::vector<std::pair<std::int64_t, std::string>>{{ten + 25 * 60'000, "scheduled"},
                                                           {ten, "held"},
                                                           {ten + 60 * 60'000, "cancelled"},
                                                           {ten + 24 * 3'600'000, "scheduled"}}) {
      auto insert = store->database().query(
          "INSERT INTO meeting(event_id, participant_a, participant_b, slot_start_ms, slot_end_ms, table_label, "
          "status) SELECT ?, a.id, b.id, ?, ?, 'Hall Maas, table 3', ? FROM participant a, participant b "
          "WHERE a.external_id = 'P1' AND b.external_id = 'P2'");
      ASSERT_TRUE(insert);
      ASSERT_TRUE(insert->bind_all(event_, start, start + 20 * 60'000, status).run());
    }
  }
  const auto answer = scan("CODE-1");
  ASSERT_EQ(answer.display.outcome, Outcome::accepted);
  ASSERT_EQ(answer.display.meetings.size(), 2u);
  EXPECT_EQ(answer.display.meetings[0].local_time, "10:00");
  EXPECT_EQ(answer.display.meetings[1].local_time, "10:25");
  EXPECT_EQ(answer.display.meetings[0].table, "Hall Maas, table 3");
  EXPECT_EQ(answer.display.meetings[0].partner_name, "Anneke de Vries");
  EXPECT_EQ(answer.display.meetings[0].partner_organisation, "TU Eindhoven");
  EXPECT_EQ(answer.display.meetings[0].partner_country, "NL");
  EXPECT_TRUE(scan("CODE-1").display.meetings.empty()) << "a refusal lists no meetings";
}

// The staff PIN is verified here, off the UI thread: argon2id takes tens of milliseconds.
TEST_F(WorkerTest, APinIsVerifiedOnTheWorkerAgainstItsHash) {
  const std::string hash =
      "$argon2id$v=19$m=65536,t=2,p=1$V8JbIjeErRN+UNCqVJr/Cg$0bNM7JSL7QEshFiydn2ivRYabLzorohZEkKBx/p+BQo";  // 2468
  worker_->submit(PinRequest{"2468", hash, 7});
  worker_->submit(PinRequest{"2469", hash, 8});
  const auto right = std::get<PinAnswer>(next());
  EXPECT_EQ(right.attempt, 7u);
  EXPECT_TRUE(right.matches);
  const auto wrong = std::get<PinAnswer>(next());
  EXPECT_EQ(wrong.attempt, 8u);
  EXPECT_FALSE(wrong.matches);
  EXPECT_EQ(scan("CODE-1").display.outcome, Outcome::accepted) << "check-ins go on after it";
}

TEST_F(WorkerTest, SearchAndManualCheckin) {
  worker_->submit(SearchRequest{"muller"});
  const auto found = std::get<SearchAnswer>(next());
  ASSERT_EQ(found.hits.size(), 1u);
  EXPECT_EQ(found.hits[0].name, "Jörg Müller");
  worker_->submit(ManualRequest{found.hits[0].participant_id, checkpoint_, Direction::entry, "Anne"});
  const auto manual = std::get<CheckinAnswer>(next());
  EXPECT_TRUE(manual.manual);
  EXPECT_EQ(manual.display.outcome, Outcome::accepted);
  EXPECT_EQ(scan("CODE-1").display.outcome, Outcome::already_checked_in);
}

TEST_F(WorkerTest, TheStoreFailingMidSessionIsAnErrorNeverAnAcceptance) {
  ASSERT_EQ(scan("NOPE").display.outcome, Outcome::unknown_code);
  // Another process breaks every journal write (as a full disk would), then mends it.
  auto saboteur = db::Database::open(dir_.file("kiosk.db"));
  ASSERT_TRUE(saboteur);
  ASSERT_TRUE(
      saboteur->exec("CREATE TRIGGER no_writes BEFORE INSERT ON journal "
                     "BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END;"));
  const auto failed = scan("CODE-1");
  ASSERT_TRUE(failed.error);
  EXPECT_NE(failed.display.outcome, Outcome::accepted);
  ASSERT_TRUE(saboteur->exec("DROP TRIGGER no_writes"));
  const auto recovered = scan("CODE-1");
  ASSERT_FALSE(recovered.error);
  EXPECT_EQ(recovered.display.outcome, Outcome::accepted) << "the failed attempt stored nothing";
}

TEST(CheckinWorkerOpen, AnUnopenableStoreAnswersEveryRequestWithAnError) {
  testing::TempDir dir;
  ManualClock clock{0};
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<WorkerAnswer> answers;
  {
    CheckinWorker worker(dir.file("missing/sub/dir.db"), 1, clock, [&](WorkerAnswer answer) {
      std::lock_guard lock(mutex);
      answers.push_back(std::move(answer));
      arrived.notify_all();
    });
    worker.submit(ScanRequest{"X", 1, Direction::entry, 0});
    worker.submit(SearchRequest{"x"});
    std::unique_lock lock(mutex);
    ASSERT_TRUE(arrived.wait_for(lock, std::chrono::seconds(30), [&] { return answers.size() == 2; }));
  }
  EXPECT_TRUE(std::get<CheckinAnswer>(answers[0]).error);
  EXPECT_TRUE(std::get<SearchAnswer>(answers[1]).error);
}

}  // namespace
}  // namespace passerelle::kiosk
