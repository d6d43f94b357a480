// HubStore::ingest_async, on both storages: every batch answered once, and batches written
// together (SQLite's group commit) each stored or refused on its own.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/hub/hub_store_suite.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

using Answer = Result<sync::UploadAnswer>;

// A group is made deterministic by queueing its batches from inside the first batch's answer: on
// SQLite that callback runs on the writer, whose flag is still up, so the batches queued there are
// written together as its next group. PostgreSQL answers each at once, which the test allows.
TEST_P(HubStoreSuite, ARefusedBatchInAGroupLeavesTheOthersStored) {
  store_->set_limits(hub::HubLimits{2});
  const auto opener = enrol("opener");
  const auto good_a = enrol("good A");
  const auto revoked = enrol("revoked");
  const auto full = enrol("full quarantine");
  const auto good_b = enrol("good B");
  ASSERT_TRUE(store_->revoke_device(revoked.id()));

  std::map<std::string, std::optional<Answer>> answers;
  const auto record = [&answers](const std::string& name) {
    return [&answers, name](Answer answer) { answers[name] = std::move(answer); };
  };
  const auto group = [&] {
    store_->ingest_async(good_a.principal, batch(good_a.id(), {scan(good_a.id(), 1), scan(good_a.id(), 2)}),
                         record("good A"));
    store_->ingest_async(revoked.principal, batch(revoked.id(), {scan(revoked.id(), 1)}), record("revoked"));
    // Three unknown participants against a quota of two: refused whole, with an alert.
    store_->ingest_async(full.principal,
                         batch(full.id(), {checkin(full.id(), 1, "EXT-901"), checkin(full.id(), 2, "EXT-902"),
                                           checkin(full.id(), 3, "EXT-903")}),
                         record("full"));
    store_->ingest_async(good_b.principal, batch(good_b.id(), {scan(good_b.id(), 1)}), record("good B"));
  };
  store_->ingest_async(opener.principal, batch(opener.id(), {scan(opener.id(), 1)}), [&](Answer answer) {
    answers["opener"] = std::move(answer);
    group();
  });

  ASSERT_EQ(answers.size(), 5u);
  for (const auto& [name, answer] : answers) ASSERT_TRUE(answer.has_value()) << name;
  ASSERT_TRUE(*answers["opener"]) << answers["opener"]->error().message;
  ASSERT_TRUE(*answers["good A"]) << answers["good A"]->error().message;
  EXPECT_EQ((*answers["good A"])->acked_seq, 2);
  ASSERT_TRUE(*answers["good B"]) << answers["good B"]->error().message;
  EXPECT_EQ((*answers["good B"])->acked_seq, 1);
  ASSERT_FALSE(*answers["revoked"]);
  EXPECT_EQ(answers["revoked"]->error().code, Errc::conflict);
  ASSERT_FALSE(*answers["full"]);
  EXPECT_EQ(answers["full"]->error().code, Errc::exhausted);

  // Stored: the opener's and both good batches, nothing of the two refused ones.
  EXPECT_EQ(value_or_fail(store_->metrics(), "metrics").entries_stored, 4);
  EXPECT_TRUE(value_or_fail(store_->quarantined(event_), "quarantined").empty());
  const auto alerts = value_or_fail(store_->alerts(event_), "alerts");
  int full_alerts = 0;
  for (const auto& alert : alerts)
    if (alert.kind == hub::kQuarantineFullAlert && alert.device_id == full.id()) ++full_alerts;
  EXPECT_EQ(full_alerts, 1);
}

// ingest() is ingest_async() waited for: the same answer from either, for the same batch.
TEST_P(HubStoreSuite, IngestAndIngestAsyncAnswerAlike) {
  const auto kiosk = enrol("Kiosk A");
  const auto entries = std::vector{scan(kiosk.id(), 1), scan(kiosk.id(), 2)};
  std::optional<Answer> first;
  store_->ingest_async(kiosk.principal, batch(kiosk.id(), entries), [&](Answer answer) { first = std::move(answer); });
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(*first) << (*first).error().message;
  auto again = store_->ingest(kiosk.principal, batch(kiosk.id(), entries));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ((*first)->acked_seq, again->acked_seq);
  EXPECT_EQ((*first)->statuses.size(), again->statuses.size());
}

}  // namespace
}  // namespace passerelle::testing
