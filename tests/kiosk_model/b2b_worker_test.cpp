// The check-in worker at a B2B area (docs/B2B_AREA.md), on a real store and an injected clock: the
// meeting a scan is about, the partner's scan seen, the one question asked after a held meeting
// until it is answered, and meetings without appointment placed at a free table.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "core/config/event_config.h"
#include "core/meetings/agenda_print.h"
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
        "[[checkpoint]]\nname = \"Hall Geul\"\nkind = \"b2b_area\"\narea = \"Geul\"\n"
        "[[checkpoint]]\nname = \"Entrance\"\n"
        "[b2b]\nday = \"2026-12-08\"\nstart = \"10:00\"\nslot_minutes = 20\nmorning_slots = 4\ntables = 10\n"
        "[[b2b.area]]\nname = \"Geul\"\nfirst_table = 9\nlast_table = 10\n",
        "event.toml");
    ASSERT_TRUE(config) << config.error().message;
    event_ = *store->create_event(*config);
    for (const auto& checkpoint : *store->checkpoints(event_))
      (checkpoint.name == "Tables" ? tables_ : checkpoint.name == "Entrance" ? entrance_ : geul_) = checkpoint.id;
    const std::pair<const char*, const char*> people[] = {
        {"P1", "Anna"}, {"P2", "Bram"}, {"P3", "Cleo"}, {"P4", "Dirk"}};
    for (const auto& [id, first_name] : people) {
      ParticipantRecord record;
      record.external_id = id;
      record.first_name = first_name;
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

  // The partner's badge of a walk-in that `host` asked for with their scan at `host_scan_ms`.
  CheckinAnswer walk_in(const ScanDisplay& host, const std::string& partner_code, std::int64_t checkpoint = 0) {
    ScanRequest request{partner_code, checkpoint == 0 ? tables_ : checkpoint, Direction::entry, 0};
    request.walk_in_host = host.participant_id;
    request.walk_in_host_scan_ms = host.b2b->scan_wall_ms;
    worker_->submit(request);
    auto answer = std::get<CheckinAnswer>(next());
    EXPECT_FALSE(answer.error) << answer.error->message;
    return answer;
  }
  std::vector<JournalEntry> walk_in_entries() {
    auto store = Store::open(dir_.file("kiosk.db"), clock_);
    EXPECT_TRUE(store);
    std::vector<JournalEntry> found;
    for (auto& entry : *store->journal_entries(event_))
      if (entry.kind == EntryKind::walkin_meeting) found.push_back(entry);
    return found;
  }

  testing::TempDir dir_;
  ManualClock clock_{kTen + 2 * kMinute};
  std::int64_t event_ = 0, tables_ = 0, geul_ = 0, entrance_ = 0;
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

TEST_F(B2bWorker, AWalkInIsPlacedAtAFreeTableAndBecomesTheirCurrentMeeting) {
  clock_.advance_ms(30'000);  // 10:02:30: the walk-in starts at 10:02
  const auto cleo = scan("CODE-P3");
  EXPECT_FALSE(cleo.b2b->found) << "Cleo has no meeting";
  clock_.advance_ms(20'000);
  const auto answer = walk_in(cleo, "CODE-P4");
  ASSERT_TRUE(answer.walk_in);
  EXPECT_EQ(answer.walk_in->stage, WalkInDisplay::Stage::placed);
  EXPECT_EQ(answer.walk_in->meeting.table, "table 1") << "the first table nothing holds";
  EXPECT_EQ(answer.walk_in->meeting.partner_name, "Dirk Test");
  EXPECT_EQ(answer.walk_in->meeting.local_time, "10:02");
  EXPECT_EQ(answer.walk_in->end_time, "10:22") << "one slot long";
  EXPECT_EQ(answer.walk_in->host_first_name, "Cleo");

  const auto entries = walk_in_entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].participant_id, cleo.participant_id);
  EXPECT_EQ(entries[0].partner_id, answer.display.participant_id);
  EXPECT_EQ(entries[0].meeting_start_ms, kTen + 2 * kMinute);
  EXPECT_EQ(entries[0].table_label, "table 1");

  // Both have scanned within it: it is held, and each one's current meeting.
  clock_.advance_ms(kMinute);
  const auto again = scan("CODE-P3");
  ASSERT_TRUE(again.b2b->found);
  EXPECT_TRUE(again.b2b->current);
  EXPECT_TRUE(again.b2b->held);
  EXPECT_EQ(again.b2b->meeting.table, "table 1");
  EXPECT_EQ(again.b2b->meeting.partner_name, "Dirk Test");
}

TEST_F(B2bWorker, AWalkInTakesNoTableAMeetingOrAnotherWalkInHolds) {
  // Anna and Bram's meeting holds table 4 from 10:00 to 10:20; Anna's partner did not come, and she
  // meets Cleo instead, then Dirk asks Bram.
  const auto anna = scan("CODE-P1");
  ASSERT_EQ(walk_in(anna, "CODE-P3").walk_in->meeting.table, "table 1");
  const auto dirk = scan("CODE-P4");
  ASSERT_EQ(walk_in(dirk, "CODE-P2").walk_in->meeting.table, "table 2");
  // At 10:25 table 4's meeting is over, but the two walk-ins hold tables 1 and 2 until 10:22.
  clock_.advance_ms(18 * kMinute);  // 10:20
  auto store = Store::open(dir_.file("kiosk.db"), clock_);
  ASSERT_TRUE(store);
  const auto in_use = *tables_in_use(store->database(), event_, kTen + 20 * kMinute, kTen + 40 * kMinute);
  EXPECT_EQ(in_use, (std::vector<std::string>{"table 1", "table 2"}));
}

TEST_F(B2bWorker, AWalkInAtAnAreaTakesOnlyItsTablesAndNoneFreeStillRecordsIt) {
  const auto anna = scan("CODE-P1");
  auto first = walk_in(anna, "CODE-P3", geul_);
  EXPECT_EQ(first.walk_in->meeting.table, "Geul, table 9");
  const auto bram = scan("CODE-P2");
  EXPECT_EQ(walk_in(bram, "CODE-P4", geul_).walk_in->meeting.table, "Geul, table 10");
  // The hall is full: Cleo and Dirk meet all the same, recorded without a table.
  const auto cleo = scan("CODE-P3");
  const auto full = walk_in(cleo, "CODE-P4", geul_);
  EXPECT_EQ(full.walk_in->stage, WalkInDisplay::Stage::no_free_table);
  EXPECT_EQ(full.walk_in->meeting.table, "");
  EXPECT_EQ(walk_in_entries().size(), 3u);
}

TEST_F(B2bWorker, TheHostsOwnBadgeOrAPairAlreadyMeetingRecordsNothing) {
  const auto anna = scan("CODE-P1");
  const auto own = walk_in(anna, "CODE-P1");
  ASSERT_TRUE(own.walk_in);
  EXPECT_EQ(own.walk_in->stage, WalkInDisplay::Stage::own_badge);
  const auto booked = walk_in(anna, "CODE-P2");
  ASSERT_TRUE(booked.walk_in);
  EXPECT_EQ(booked.walk_in->stage, WalkInDisplay::Stage::already_meeting) << "Anna and Bram meet at 10:00";
  EXPECT_EQ(booked.walk_in->meeting.table, "table 4");
  EXPECT_EQ(booked.walk_in->meeting.local_time, "10:00");
  EXPECT_TRUE(walk_in_entries().empty());
}

// The door says when a printed agenda is out of date (docs/B2B_AREA.md, "Paper"): only for whoever
// had one printed and whose meetings changed since.
TEST_F(B2bWorker, TheDoorSaysWhenAPrintedAgendaChangedSinceItWasPrinted) {
  {
    auto store = Store::open(dir_.file("kiosk.db"), clock_);
    ASSERT_TRUE(store);
    for (const char* id : {"P1", "P3"}) {
      const auto person = **store->find_by_external_id(event_, id);
      const auto printed = *meetings::printed_meetings(store->database(), person.id);
      ASSERT_TRUE(store->set_agenda_printed(person.id, meetings::agenda_fingerprint(printed)));
    }
    // Anna and Bram's meeting moves to another table after the print.
    ASSERT_TRUE(store->database().exec("UPDATE meeting SET table_label = 'table 5'"));
  }
  const auto door = [&](const std::string& code) {
    worker_->submit(ScanRequest{code, entrance_, Direction::entry, 0});
    auto answer = std::get<CheckinAnswer>(next());
    EXPECT_FALSE(answer.error) << answer.error->message;
    EXPECT_EQ(answer.display.outcome, Outcome::accepted);
    return answer.display;
  };
  const auto anna = door("CODE-P1");
  EXPECT_TRUE(anna.agenda_changed);
  ASSERT_EQ(anna.meetings.size(), 1u);
  EXPECT_EQ(anna.meetings[0].table, "table 5");
  EXPECT_FALSE(door("CODE-P2").agenda_changed) << "Bram never had an agenda printed";
  EXPECT_FALSE(door("CODE-P3").agenda_changed) << "Cleo's (empty) agenda is as printed";
}

TEST_F(B2bWorker, ARefusedPartnerBadgeIsNoWalkIn) {
  const auto anna = scan("CODE-P1");
  ScanRequest request{"NOT-A-BADGE", tables_, Direction::entry, 0};
  request.walk_in_host = anna.participant_id;
  request.walk_in_host_scan_ms = anna.b2b->scan_wall_ms;
  worker_->submit(request);
  const auto answer = std::get<CheckinAnswer>(next());
  EXPECT_FALSE(answer.walk_in);
  EXPECT_NE(answer.display.outcome, Outcome::accepted);
  EXPECT_TRUE(walk_in_entries().empty());
}

}  // namespace
}  // namespace passerelle::kiosk
