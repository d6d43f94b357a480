// The check-in worker at a B2B area (docs/B2B_AREA.md), on a real store and an injected clock: the
// meeting a scan is about, the partner's scan seen, and the one question asked after a held
// meeting until it is answered.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "core/config/event_config.h"
#include "core/store/b2b_store.h"
#include "kiosk/model/checkin_worker.h"
#include "tests/support/test_support.h"

namespace passerelle::kiosk {
namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kTen = 1'796'720'400'000;  // 2026-12-08 10:00 in Brussels

class B2bWorker : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::open(dir_.file("kiosk.db"), clock_);
    ASSERT_TRUE(store) << store.error().message;
    auto config = parse_event_config(
        "[event]\nname = \"Forum\"\ntimezone = \"Europe/Brussels\"\ndays = [\"2026-12-08\"]\n"
        "[[checkpoint]]\nname = \"Tables\"\nkind = \"b2b_area\"\n"
        "[b2b]\nday = \"2026-12-08\"\nstart = \"10:00\"\nslot_minutes = 20\nmorning_slots = 4\ntables = 10\n",
        "event.toml");
    ASSERT_TRUE(config) << config.error().message;
    event_ = *store->create_event(*config);
    tables_ = (*store->checkpoints(event_)).front().id;
    for (const char* id : {"P1", "P2"}) {
      ParticipantRecord record;
      record.external_id = id;
      record.first_name = id[1] == '1' ? "Anna" : "Bram";
      record.last_name = "Test";
      record.ticket_codes = {std::string("CODE-") + id};
      auto transaction = db::Transaction::begin(store->database());
      ASSERT_TRUE(store->upsert_participant_in_transaction(event_, record));
      ASSERT_TRUE(transaction->commit());
    }
    auto insert = store->database().query(
        "INSERT INTO meeting(event_id, participant_a, participant_b, slot_start_ms, slot_end_ms, table_label) "
        "SELECT ?, a.id, b.id, ?, ?, 'table 4' FROM participant a, participant b "
        "WHERE a.external_id = 'P1' AND b.external_id = 'P2'");
    ASSERT_TRUE(insert);
    ASSERT_TRUE(insert->bind_all(event_, kTen, kTen + 20 * kMinute).run());
    worker_ = std::make_unique<CheckinWorker>(dir_.file("kiosk.db"), event_, clock_, [this](WorkerAnswer answer) {
      std::lock_guard lock(mutex_);
      if (std::holds_alternative<ClockAnswer>(answer)) return;
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
  ScanDisplay scan(const std::string& code) {
    worker_->submit(ScanRequest{code, tables_, Direction::entry, 0});
    auto answer = std::get<CheckinAnswer>(next());
    EXPECT_FALSE(answer.error) << answer.error->message;
    EXPECT_TRUE(answer.display.b2b) << "a B2B area scan shows a meeting";
    return answer.display;
  }

  testing::TempDir dir_;
  ManualClock clock_{kTen + 2 * kMinute};
  std::int64_t event_ = 0, tables_ = 0;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<WorkerAnswer> answers_;
  std::unique_ptr<CheckinWorker> worker_;
};

TEST_F(B2bWorker, PartnersConfirmAMeetingAndEachIsAskedOnceAfterIt) {
  auto first = scan("CODE-P1");
  EXPECT_TRUE(first.b2b->found);
  EXPECT_TRUE(first.b2b->current);
  EXPECT_EQ(first.b2b->meeting.table, "table 4");
  EXPECT_EQ(first.b2b->meeting.partner_name, "Bram Test");
  EXPECT_FALSE(first.b2b->partner_came);
  EXPECT_FALSE(first.b2b->question) << "not asked before the meeting";

  clock_.advance_ms(kMinute);
  const auto second = scan("CODE-P2");
  EXPECT_TRUE(second.b2b->partner_came);
  EXPECT_TRUE(second.b2b->held);
  EXPECT_FALSE(second.b2b->question);

  // In the meeting's last minutes, Anna scans again: asked about it, once.
  clock_.advance_ms(14 * kMinute);
  const auto later = scan("CODE-P1");
  ASSERT_TRUE(later.b2b->question);
  EXPECT_EQ(later.b2b->question->partner_name, "Bram Test");
  EXPECT_EQ(later.b2b->question->local_time, "10:00");
  worker_->submit(FeedbackRequest{later.participant_id, later.b2b->question->partner_id, later.b2b->question->start_ms,
                                  MeetingAnswer::cooperation, tables_});
  const auto stored = std::get<FeedbackAnswer>(next());
  EXPECT_FALSE(stored.error);
  EXPECT_FALSE(scan("CODE-P1").b2b->question) << "answered: not asked again";
  clock_.advance_ms(30 * kMinute);
  const auto bram = scan("CODE-P2");
  ASSERT_TRUE(bram.b2b->question) << "Bram has not answered yet";
  EXPECT_FALSE(bram.b2b->found) << "and has no meeting left today";

  auto store = Store::open(dir_.file("kiosk.db"), clock_);
  ASSERT_TRUE(store);
  const auto entries = *store->journal_entries(event_);
  const auto answer = std::find_if(entries.begin(), entries.end(),
                                   [](const JournalEntry& entry) { return entry.kind == EntryKind::feedback; });
  ASSERT_NE(answer, entries.end());
  EXPECT_EQ(answer->participant_id, later.participant_id);
  EXPECT_EQ(answer->partner_id, later.b2b->question->partner_id);
  EXPECT_EQ(answer->meeting_start_ms, kTen);
  EXPECT_EQ(answer->answer, "cooperation");
}

TEST_F(B2bWorker, AMeetingNeitherSideScannedAsksNothing) {
  clock_.advance_ms(40 * kMinute);
  const auto late = scan("CODE-P1");
  EXPECT_FALSE(late.b2b->found);
  EXPECT_FALSE(late.b2b->question);
}

}  // namespace
}  // namespace passerelle::kiosk
