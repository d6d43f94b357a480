// The hub on a failing disk (issue #11, "Storage faults"): the fault VFS (tests/support/fault_vfs.h)
// under the hub's SQLite store fails a write with an I/O error, fills the disk, or fails the
// commit's fsync, while a kiosk uploads through the real server. The promise checked after every
// batch: a batch the hub could not store is answered 5xx and leaves nothing behind, the kiosk's
// retry of it (the same entries, as a kiosk resends what was not acknowledged) is stored, and
// every acknowledged entry is on the hub exactly once. The test prints how many faults landed in
// an upload's transaction, and fails unless they did.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "tests/hub/in_process_hub.h"
#include "tests/hub/wire_entries.h"
#include "tests/support/fault_vfs.h"

namespace passerelle::testing {
namespace {

enum class DiskFault { write_error, disk_full, fsync_error };

std::string fault_name(const ::testing::TestParamInfo<DiskFault>& info) {
  switch (info.param) {
    case DiskFault::write_error:
      return "WriteError";
    case DiskFault::disk_full:
      return "DiskFull";
    case DiskFault::fsync_error:
      return "FsyncError";
  }
  return "unknown";
}

class HubStorageFaults : public InProcessHubTest, public ::testing::WithParamInterface<DiskFault> {
 protected:
  // The shim must be SQLite's default before the hub opens its database.
  void SetUp() override {
    vfs_.heal();
    InProcessHubTest::SetUp();
  }
  void TearDown() override {
    vfs_.heal();
    InProcessHubTest::TearDown();
  }

  void arm(int round) {
    switch (GetParam()) {
      case DiskFault::write_error:
        // A different page of the commit each time: the first, the second, the third write.
        return vfs_.fail_writes(FaultVfs::Fault::io_error, round % 3);
      case DiskFault::disk_full:
        return vfs_.fail_writes(FaultVfs::Fault::disk_full, round % 3);
      case DiskFault::fsync_error:
        return vfs_.fail_syncs(true);
    }
  }

  std::int64_t failures_so_far() const {
    const auto counters = vfs_.counters();
    return counters.failed_writes + counters.failed_syncs;
  }

  struct Answer {
    int status = 0;
    std::int64_t acked_seq = -1;
  };

  Answer upload(const sync::EnrolAnswer& device, const std::vector<sync::WireEntry>& entries) {
    auto response = client()->Post("/v1/upload", bearer(device.token),
                                   sync::to_json(sync::UploadBatch{device.device_id, clock_.wall_ms(), 0, entries}),
                                   "application/json");
    if (!response) return {};
    Answer answer{response->status, -1};
    if (response->status == 200) {
      auto parsed = sync::parse_upload_answer(response->body);
      EXPECT_TRUE(parsed) << response->body;
      if (parsed) answer.acked_seq = parsed->acked_seq;
    }
    return answer;
  }

  // Every UUID of `sent` stored once, nothing else, nothing quarantined: read by a fresh
  // connection, as the next hub process would.
  void expect_stored_once(const std::vector<sync::WireEntry>& sent) {
    auto reader = Store::open(db());
    ASSERT_TRUE(reader) << reader.error().message;
    auto stored = reader->journal_entries(event_);
    ASSERT_TRUE(stored) << stored.error().message;
    std::map<std::string, int> held;
    for (const auto& entry : *stored) ++held[entry.uuid];
    ASSERT_EQ(held.size(), sent.size());
    for (const auto& entry : sent) EXPECT_EQ(held[entry.uuid], 1) << entry.uuid;
    auto quarantined = store_->quarantined(event_);
    ASSERT_TRUE(quarantined);
    EXPECT_TRUE(quarantined->empty());
    auto integrity = reader->database().query("PRAGMA integrity_check");
    ASSERT_TRUE(integrity);
    EXPECT_EQ(*integrity->collect_texts(), std::vector<std::string>{"ok"});
  }

  FaultVfs& vfs_ = FaultVfs::install();
};

TEST_P(HubStorageFaults, AFailedBatchIs5xxAndStoredOnceOnTheRetry) {
  start();
  const auto kiosk = enrol("door");
  ASSERT_FALSE(kiosk.token.empty());

  constexpr int kRounds = 24;
  constexpr int kBatch = 5;
  std::vector<sync::WireEntry> acknowledged;
  std::int64_t seq = 0;
  int armed = 0;
  int landed = 0;
  int refused = 0;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<sync::WireEntry> batch;
    for (int k = 0; k < kBatch; ++k) batch.push_back(make_rejected_entry(kiosk.device_id, ++seq, event_));
    const bool faulty = round % 2 == 1;
    const std::int64_t failures_before = failures_so_far();
    if (faulty) {
      arm(round);
      ++armed;
    }
    Answer answer = upload(kiosk, batch);
    vfs_.heal();
    const bool fault_landed = failures_so_far() > failures_before;
    if (fault_landed) {
      ++landed;
      // The disk refused part of this batch's transaction: the hub must say so, not acknowledge.
      EXPECT_GE(answer.status, 500) << "round " << round;
      EXPECT_LT(answer.status, 600) << "round " << round;
    }
    if (answer.status != 200) {
      ++refused;
      expect_stored_once(acknowledged);  // nothing of the refused batch is visible
      answer = upload(kiosk, batch);     // the kiosk's retry, once the disk works again
    }
    ASSERT_EQ(answer.status, 200) << "round " << round;
    EXPECT_EQ(answer.acked_seq, seq);
    acknowledged.insert(acknowledged.end(), batch.begin(), batch.end());
    expect_stored_once(acknowledged);
  }
  EXPECT_TRUE(healthy());
  std::cout << "[ faults   ] " << fault_name({GetParam(), 0}) << ": " << armed << " armed, " << landed
            << " landed inside an upload's transaction, " << refused
            << " batches answered 5xx and stored on the retry, " << acknowledged.size() << " entries stored once\n";
  RecordProperty("faults_landed", landed);
  EXPECT_GE(landed, armed / 2) << "most armed faults must hit an upload's write";
  EXPECT_GT(landed, 0);
}

INSTANTIATE_TEST_SUITE_P(Disk, HubStorageFaults,
                         ::testing::Values(DiskFault::write_error, DiskFault::disk_full, DiskFault::fsync_error),
                         fault_name);

}  // namespace
}  // namespace passerelle::testing
