// The Store's sync side: upload marks, re-keying, storing entries from other devices, applying
// downloaded pages. Two stores stand for two kiosks of one event; entries move between them in
// their wire form, as the hub would carry them.
#include "sync/protocol/sync_store.h"

#include <gtest/gtest.h>

#include "core/checkin/checkin.h"
#include "core/store/store.h"
#include "sync/protocol/journal_file.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

using testing::kMorning;

class SyncStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a_ = open("a.db");
    b_ = open("b.db");
  }

  std::unique_ptr<Store> open(const std::string& name) {
    auto opened = Store::open(dir_.file(name), clock_);
    EXPECT_TRUE(opened) << opened.error().message;
    auto store = std::make_unique<Store>(std::move(*opened));
    EventConfig config;
    config.name = "Forum";
    config.timezone = "Europe/Brussels";
    config.days = {"2026-12-08", "2026-12-09"};
    config.checkpoints = {{"Entrance", CheckpointRule::once_per_event, {}},
                          {"Daily", CheckpointRule::once_per_day, {}},
                          {"Hall", CheckpointRule::in_out, {}}};
    event_ = *store->create_event(config);
    auto transaction = db::Transaction::begin(store->database());
    for (const char* id : {"P1", "P2"}) {
      ParticipantRecord record;
      record.external_id = id;
      record.first_name = "Zoë";
      record.last_name = id;
      record.ticket_codes = {std::string("CODE-") + id};
      EXPECT_TRUE(store->upsert_participant_in_transaction(event_, record));
    }
    EXPECT_TRUE(transaction->commit());
    return store;
  }

  Outcome scan(Store& store, const std::string& code, const std::string& checkpoint = "Entrance") {
    CheckinService service(store);
    CheckinRequest request;
    request.event_id = event_;
    request.checkpoint_id = (*store.find_checkpoint(event_, checkpoint))->id;
    request.code = code;
    auto result = service.scan(request);
    EXPECT_TRUE(result) << result.error().message;
    return result ? result->outcome : Outcome::malformed;
  }

  // Carries every unsent entry of `from` into `to` as a download would.
  void carry(Store& from, Store& to) {
    sync::ChangePage page;
    auto batch = sync::SyncStore(from).unsent_batch(1000);
    ASSERT_TRUE(batch);
    for (auto& entry : batch->entries) page.changes.push_back({++feed_seq_, entry});
    page.cursor = feed_seq_;
    auto applied = sync::SyncStore(to).apply_change_page(page);
    ASSERT_TRUE(applied) << applied.error().message;
    ASSERT_TRUE(sync::SyncStore(from).acknowledge(batch->device_id,
                                                  batch->entries.empty() ? 0 : batch->entries.back().seq,
                                                  batch->entries.empty() ? 0 : batch->entries.back().seq));
  }

  testing::TempDir dir_;
  ManualClock clock_{kMorning};
  std::unique_ptr<Store> a_;
  std::unique_ptr<Store> b_;
  std::int64_t event_ = 0;
  std::int64_t feed_seq_ = 0;
};

TEST_F(SyncStoreTest, UnsentEntriesLeaveInOrderAndTheMarkOnlyMovesForward) {
  EXPECT_EQ(scan(*a_, "CODE-P1"), Outcome::accepted);
  EXPECT_EQ(scan(*a_, "CODE-P1"), Outcome::already_checked_in);
  EXPECT_EQ(scan(*a_, "NOPE"), Outcome::unknown_code);
  EXPECT_EQ(*sync::SyncStore(*a_).unsent_count(), 3);
  auto batch = sync::SyncStore(*a_).unsent_batch(2);
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->device_id, *a_->device_id());
  ASSERT_EQ(batch->entries.size(), 2u);
  EXPECT_EQ(batch->entries[0].seq, 1);
  EXPECT_EQ(batch->entries[0].participant, "P1");
  EXPECT_EQ(batch->entries[0].checkpoint, "Entrance");
  EXPECT_EQ(batch->entries[1].seq, 2);

  ASSERT_TRUE(sync::SyncStore(*a_).acknowledge(batch->device_id, 2, 2));
  ASSERT_TRUE(sync::SyncStore(*a_).acknowledge(batch->device_id, 1, 1));  // a late answer never moves it back
  EXPECT_EQ(*sync::SyncStore(*a_).acked_seq(batch->device_id), 2);
  EXPECT_EQ(*sync::SyncStore(*a_).unsent_count(), 1);
  // A hub holding more under this id (a clone's entries) cannot make this kiosk skip its own.
  ASSERT_TRUE(sync::SyncStore(*a_).acknowledge(batch->device_id, 50, 50));
  EXPECT_EQ(*sync::SyncStore(*a_).acked_seq(batch->device_id), 3);
  EXPECT_EQ(scan(*a_, "NOPE"), Outcome::unknown_code);
  EXPECT_EQ(*sync::SyncStore(*a_).unsent_count(), 1);
  EXPECT_EQ(sync::SyncStore(*a_).unsent_batch(10)->entries.at(0).seq, 4);
}

// The cloned-disk loss (issue #9): the hub answers for the device id as a whole, and a clone
// writing under the same id can make it hold more than this kiosk sent. An entry written here
// after the batch was read must stay unsent, or it is neither on the hub nor sent again.
TEST_F(SyncStoreTest, AnAnswerBeyondTheBatchAcknowledgesOnlyWhatTheBatchCarried) {
  EXPECT_EQ(scan(*a_, "CODE-P1"), Outcome::accepted);
  EXPECT_EQ(scan(*a_, "NOPE"), Outcome::unknown_code);
  sync::SyncStore sync(*a_);
  auto batch = sync.unsent_batch(10);
  ASSERT_TRUE(batch);
  ASSERT_EQ(batch->entries.size(), 2u);
  EXPECT_EQ(scan(*a_, "CODE-P2"), Outcome::accepted);  // written while the batch travels
  ASSERT_TRUE(sync.acknowledge(batch->device_id, batch->entries.back().seq, /*hub_acked=*/40));
  EXPECT_EQ(*sync.acked_seq(batch->device_id), 2);
  ASSERT_EQ(*sync.unsent_count(), 1);
  EXPECT_EQ(sync.unsent_batch(10)->entries.at(0).participant, "P2");
}

TEST_F(SyncStoreTest, EnrolmentKeepsOldEntriesUnderTheirIdAndUploadsThemFirst) {
  const auto self_made = *a_->device_id();
  EXPECT_EQ(scan(*a_, "CODE-P1"), Outcome::accepted);
  // A second connection, as the check-in worker holds, sees the new id at once.
  auto other_connection = Store::open(dir_.file("a.db"), clock_);
  ASSERT_TRUE(other_connection);
  ASSERT_TRUE(a_->adopt_device_id("hub-given"));
  EXPECT_EQ(*other_connection->device_id(), "hub-given");
  EXPECT_EQ(scan(*other_connection, "CODE-P2"), Outcome::accepted);
  EXPECT_EQ(*a_->authored_device_ids(), (std::vector<std::string>{self_made, "hub-given"}));

  auto first = sync::SyncStore(*a_).unsent_batch(10);
  ASSERT_EQ(first->device_id, self_made);
  ASSERT_EQ(first->entries.size(), 1u);
  ASSERT_TRUE(sync::SyncStore(*a_).acknowledge(self_made, 1, 1));
  auto second = sync::SyncStore(*a_).unsent_batch(10);
  ASSERT_EQ(second->device_id, "hub-given");
  ASSERT_EQ(second->entries.size(), 1u);
  EXPECT_EQ(second->entries[0].seq, 1);  // a new id counts from 1
  EXPECT_EQ(second->entries[0].participant, "P2");
}

TEST_F(SyncStoreTest, ForeignEntriesAreStoredOnceAndConflictsAreNamed) {
  EXPECT_EQ(scan(*a_, "CODE-P1"), Outcome::accepted);
  auto entry = sync::SyncStore(*a_).unsent_batch(1)->entries.at(0);

  auto insert = [&](const sync::WireEntry& wire) {
    auto transaction = db::Transaction::begin(b_->database());
    auto result = sync::SyncStore(*b_).insert_foreign_entry_in_transaction(wire);
    EXPECT_TRUE(result) << result.error().message;
    EXPECT_TRUE(transaction->commit());
    return result ? result->status : sync::ForeignEntryStatus::uuid_conflict;
  };
  EXPECT_EQ(insert(entry), sync::ForeignEntryStatus::stored);
  EXPECT_EQ(insert(entry), sync::ForeignEntryStatus::duplicate);
  auto changed = entry;
  changed.code = "forged";
  EXPECT_EQ(insert(changed), sync::ForeignEntryStatus::uuid_conflict);
  auto clone = entry;
  clone.uuid = "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b";
  EXPECT_EQ(insert(clone), sync::ForeignEntryStatus::sequence_conflict);
  auto other = clone;
  other.seq = 2;
  other.participant = "NOBODY";
  EXPECT_EQ(insert(other), sync::ForeignEntryStatus::unknown_participant);
  other.participant = "P2";
  other.checkpoint = "Nowhere";
  EXPECT_EQ(insert(other), sync::ForeignEntryStatus::unknown_checkpoint);
  other.event = 99;
  EXPECT_EQ(insert(other), sync::ForeignEntryStatus::unknown_event);

  // The carried check-in counts at b: P1 is already in.
  EXPECT_EQ(scan(*b_, "CODE-P1"), Outcome::already_checked_in);
}

TEST_F(SyncStoreTest, DoubleCheckInWhileApartIsFlaggedOnBothAndCountedOnce) {
  EXPECT_EQ(scan(*a_, "CODE-P1"), Outcome::accepted);
  clock_.advance_ms(60'000);
  EXPECT_EQ(scan(*b_, "CODE-P1"), Outcome::accepted);
  EXPECT_EQ(scan(*a_, "CODE-P2", "Hall"), Outcome::accepted);
  EXPECT_EQ(scan(*b_, "CODE-P2", "Hall"), Outcome::accepted);  // two entries into an in/out area: no double
  carry(*a_, *b_);
  carry(*b_, *a_);
  for (Store* store : {a_.get(), b_.get()}) {
    auto doubles = sync::SyncStore(*store).double_checkins(event_);
    ASSERT_TRUE(doubles);
    ASSERT_EQ(doubles->size(), 1u) << "in/out entries are never doubles";
    const auto p1 = *store->find_by_external_id(event_, "P1");
    EXPECT_EQ(doubles->at(0).participant_id, p1->id);
    auto rows = store->attendance(event_);
    ASSERT_TRUE(rows);
    int present = 0;
    for (const auto& row : *rows) present += row.first_checkin_ms(0).has_value() ? 1 : 0;
    EXPECT_EQ(present, 1);
  }
  EXPECT_EQ(sync::SyncStore(*a_).double_checkins(event_)->at(0).first_uuid,
            sync::SyncStore(*b_).double_checkins(event_)->at(0).first_uuid);
}

TEST_F(SyncStoreTest, PageAndCursorAreAppliedTogether) {
  sync::ChangePage page;
  sync::ParticipantChange person;
  person.event = event_;
  person.record.external_id = "P3";
  person.record.first_name = "Ørsted";
  person.record.ticket_codes = {"CODE-P2"};  // moved from P2 in one hub transaction
  person.badge_serial = 3;
  page.changes.push_back({1, person});
  page.changes.push_back({2, sync::RevocationChange{event_, "P1", 1, "lost", kMorning}});
  page.cursor = 2;
  auto applied = sync::SyncStore(*b_).apply_change_page(page);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(applied->participants, 1);
  EXPECT_EQ(applied->revocations, 1);
  EXPECT_EQ(*b_->local_value("sync.cursor"), "2");
  EXPECT_EQ((*b_->find_by_ticket_code(event_, "CODE-P2"))->record.external_id, "P3");
  EXPECT_EQ((*b_->find_by_external_id(event_, "P3"))->badge_serial, 3);
  EXPECT_TRUE(*b_->is_badge_revoked((*b_->find_by_external_id(event_, "P1"))->id, 1));
  EXPECT_EQ(b_->search(event_, "orsted")->size(), 1u);

  // A page that fails part-way leaves neither its rows nor its cursor.
  sync::ChangePage broken;
  sync::ParticipantChange bad = person;
  bad.record.external_id = "P4";
  broken.changes.push_back({3, bad});
  sync::ParticipantChange clash = person;
  clash.record.external_id = "P5";
  clash.record.ticket_codes = {"X", "X"};
  broken.changes.push_back({4, clash});
  broken.cursor = 4;
  ASSERT_TRUE(
      b_->database().exec("CREATE TRIGGER no_p5 BEFORE INSERT ON participant WHEN NEW.external_id = 'P5' "
                          "BEGIN SELECT RAISE(ABORT, 'injected'); END"));
  EXPECT_FALSE(sync::SyncStore(*b_).apply_change_page(broken));
  EXPECT_EQ(*b_->local_value("sync.cursor"), "2");
  EXPECT_FALSE(*b_->find_by_external_id(event_, "P4"));
}

TEST_F(SyncStoreTest, OwnEntriesComingBackAreSkipped) {
  EXPECT_EQ(scan(*a_, "CODE-P1"), Outcome::accepted);
  sync::ChangePage page;
  page.changes.push_back({1, sync::SyncStore(*a_).unsent_batch(1)->entries.at(0)});
  page.cursor = 1;
  auto applied = sync::SyncStore(*a_).apply_change_page(page);
  ASSERT_TRUE(applied);
  EXPECT_EQ(applied->entries_skipped, 1);
  EXPECT_EQ(applied->entries_stored, 0);
}

TEST_F(SyncStoreTest, JournalFileHoldsOwnEntriesOnly) {
  EXPECT_EQ(scan(*a_, "CODE-P1"), Outcome::accepted);
  EXPECT_EQ(scan(*b_, "CODE-P2"), Outcome::accepted);
  carry(*b_, *a_);
  const auto path = dir_.file("usb.jsonl");
  // Without a journal key (never enrolled, no export-kiosk bundle) no file the hub could trust.
  auto keyless = sync::write_journal_file(*a_, event_, path);
  ASSERT_FALSE(keyless);
  EXPECT_EQ(keyless.error().code, Errc::not_found);
  EXPECT_FALSE(std::filesystem::exists(path));

  const DeviceJournalKey key{*a_->device_id(), std::string(64, 'c')};
  ASSERT_TRUE(a_->adopt_device_id(key.device_id, key.key_hex));
  auto written = sync::write_journal_file(*a_, event_, path);
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_EQ(*written, 1);
  auto text = sync::read_journal_text(path);
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*sync::journal_file_signer(*text), key.device_id);
  auto file = sync::parse_journal_file(*text, key);
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->header.device_ids, *a_->authored_device_ids());
  ASSERT_EQ(file->entries.size(), 1u);
  EXPECT_EQ(file->entries[0].participant, "P1");
  EXPECT_FALSE(sync::read_journal_text(dir_.file("absent.jsonl")));
}

}  // namespace
}  // namespace passerelle
