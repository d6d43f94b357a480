// Check-ins on a disk that fails (tests/support/fault_vfs.h): a write error, a full disk, a failed
// fsync and a power cut, each shown to land by the shim's counters. The promise checked after every
// fault: a scan the store answered as accepted is on disk once, a scan it failed is not there at
// all, and the store works again as soon as the disk does.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <optional>
#include <set>

#include "core/checkin/checkin.h"
#include "tests/support/fault_vfs.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

using testing::FaultVfs;

using testing::kMorning;

class StorageFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    vfs_.heal();
    vfs_.power_on();
    open();
    EventConfig config = default_event_config("Forum", "2026-12-08");
    config.timezone = "Europe/Brussels";
    event_ = *store_->create_event(config);
    checkpoint_ = store_->checkpoints(event_)->front().id;
    auto transaction = db::Transaction::begin(store_->database());
    for (int i = 0; i < 200; ++i) {
      ParticipantRecord record;
      record.external_id = "P" + std::to_string(i);
      record.last_name = "Person " + std::to_string(i);
      record.ticket_codes = {"CODE-" + std::to_string(i)};
      ASSERT_TRUE(store_->upsert_participant_in_transaction(event_, record));
    }
    ASSERT_TRUE(transaction->commit());
  }
  void TearDown() override {
    vfs_.heal();
    vfs_.power_on();
  }

  void open() {
    auto opened = Store::open(dir_.file("door.db"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<Store>(std::move(*opened));
  }

  // Scans code i; records what the door would have shown.
  void scan(int i) {
    CheckinService service(*store_);
    CheckinRequest request;
    request.event_id = event_;
    request.checkpoint_id = checkpoint_;
    request.code = "CODE-" + std::to_string(i);
    clock_.advance_ms(1000);
    auto result = service.scan(request);
    if (result && result->outcome == Outcome::accepted) {
      green_.insert(request.code);
    } else if (!result) {
      failed_.insert(request.code);
    }
  }

  // Every green once on disk, as the next process reads it; nothing of a failed scan.
  void expect_promise_kept() {
    auto reopened = Store::open(dir_.file("door.db"), clock_);
    ASSERT_TRUE(reopened) << reopened.error().message;
    auto integrity = reopened->database().query("PRAGMA integrity_check");
    ASSERT_TRUE(integrity);
    auto verdict = integrity->collect_texts();
    ASSERT_TRUE(verdict);
    EXPECT_EQ(*verdict, std::vector<std::string>{"ok"});
    std::map<std::string, int> held;
    for (const auto& entry : *reopened->journal_entries(event_))
      if (entry.outcome == Outcome::accepted) ++held[entry.code];
    for (const auto& code : green_) EXPECT_EQ(held[code], 1) << code << " was shown green";
    for (const auto& code : failed_) EXPECT_EQ(held.count(code), 0u) << code << " failed at the door";
  }

  FaultVfs& vfs_ = FaultVfs::install();
  testing::TempDir dir_;
  ManualClock clock_{kMorning};
  std::unique_ptr<Store> store_;
  std::int64_t event_ = 0;
  std::int64_t checkpoint_ = 0;
  std::set<std::string> green_;
  std::set<std::string> failed_;
};

TEST_F(StorageFaults, AFailingOrFullDiskFailsTheScanNeverAGreenAndTheDoorRecovers) {
  for (auto fault : {FaultVfs::Fault::io_error, FaultVfs::Fault::disk_full}) {
    const auto before = vfs_.counters();
    for (int i = 0; i < 10; ++i) scan(i + (fault == FaultVfs::Fault::io_error ? 0 : 100));
    vfs_.fail_writes(fault, 0);
    for (int i = 10; i < 20; ++i) scan(i + (fault == FaultVfs::Fault::io_error ? 0 : 100));
    vfs_.heal();
    for (int i = 20; i < 30; ++i) scan(i + (fault == FaultVfs::Fault::io_error ? 0 : 100));
    const auto after = vfs_.counters();
    std::cout << "[ faults   ] " << (fault == FaultVfs::Fault::io_error ? "write errors" : "disk full") << ": "
              << after.failed_writes - before.failed_writes << " writes refused\n";
    EXPECT_GE(after.failed_writes - before.failed_writes, 10) << "every scan of the faulty stretch met the fault";
  }
  EXPECT_EQ(failed_.size(), 20u);
  EXPECT_EQ(green_.size(), 40u);
  expect_promise_kept();
}

TEST_F(StorageFaults, AFailedFsyncFailsTheScan) {
  scan(1);
  vfs_.fail_syncs(true);
  scan(2);
  vfs_.heal();
  scan(3);
  EXPECT_GE(vfs_.counters().failed_syncs, 1);
  EXPECT_EQ(failed_.count("CODE-2"), 1u);
  EXPECT_EQ(green_.size(), 2u);
  expect_promise_kept();
}

TEST_F(StorageFaults, APowerCutInTheMiddleOfACommitLosesNoGreenAndKeepsNoHalfScan) {
  // Seeded cut points: the cut falls on the first, second or third sync from a scan's start, so
  // that it lands in the commit itself (the WAL frames written, not yet synced).
  std::int64_t landed = 0;
  int code = 0;
  for (int round = 0; round < 12; ++round) {
    for (int i = 0; i < 3; ++i) scan(code++);
    const auto before = vfs_.counters();
    vfs_.power_cut_at_sync(round % 3);
    const int cut_code = code;
    while (vfs_.powered() && code < cut_code + 5) scan(code++);
    const auto after = vfs_.counters();
    ASSERT_FALSE(vfs_.powered()) << "round " << round << ": the cut never came";
    EXPECT_EQ(after.cuts_at_sync - before.cuts_at_sync, 1);
    if (after.lost_writes > before.lost_writes) ++landed;
    store_.reset();  // the process dies; closing writes nothing, the power is off
    vfs_.power_on();
    expect_promise_kept();
    open();
  }
  std::cout << "[ faults   ] 12 power cuts at a sync, " << landed << " of them undid written, unsynced pages\n";
  EXPECT_GE(landed, 6) << "at least half the cuts must land where a commit was being written";
  EXPECT_FALSE(failed_.empty());
  for (int i = 0; i < 5; ++i) scan(code++);
  expect_promise_kept();
}

}  // namespace
}  // namespace passerelle
