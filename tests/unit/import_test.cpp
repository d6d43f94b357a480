// The database side of participant import: all or nothing, idempotent re-imports, updates by
// external id, cancel-missing, dry runs. Column mapping has its own suite.
#include <gtest/gtest.h>

#include "core/import/participant_import.h"
#include "tests/support/test_support.h"

namespace passerelle::import {
namespace {

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(dir_.file("i.db"));
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<Store>(std::move(*opened));
    event_ = *store_->create_event(default_event_config("Import", "2026-12-08"));
  }

  Result<ImportSummary> import_csv(const std::string& csv, ApplyOptions options = {}) {
    PSL_ASSIGN_OR_RETURN(auto plan, plan_import(csv, PlanOptions{}));
    return apply_import(*store_, event_, plan, options);
  }

  std::int64_t count() { return *store_->participant_count(event_); }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  std::int64_t event_ = 0;
};

TEST_F(ImportTest, ImportsThenReimportChangesNothing) {
  const auto records = testing::generate_participants(200, 1);
  const auto csv = testing::to_canonical_csv(records);
  auto first = import_csv(csv);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->inserted, 200u);
  EXPECT_TRUE(first->committed);
  auto second = import_csv(csv);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->inserted, 0u);
  EXPECT_EQ(second->updated, 0u);
  EXPECT_EQ(second->unchanged, 200u);
  EXPECT_EQ(count(), 200);
  auto stored = store_->find_by_external_id(event_, records[3].external_id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->record.first_name, records[3].first_name);
  EXPECT_EQ((*stored)->record.ticket_codes, records[3].ticket_codes);
}

TEST_F(ImportTest, UpdatedFileUpdatesByExternalIdNeverDuplicates) {
  auto records = testing::generate_participants(20, 2);
  ASSERT_TRUE(import_csv(testing::to_canonical_csv(records)));
  records[5].organisation = "Nieuwe Organisatie BV";
  records[6].status = ParticipantStatus::cancelled;
  auto again = import_csv(testing::to_canonical_csv(records));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->updated, 2u);
  EXPECT_EQ(again->unchanged, 18u);
  EXPECT_EQ(count(), 20);
  EXPECT_EQ((*store_->find_by_external_id(event_, records[5].external_id))->record.organisation,
            "Nieuwe Organisatie BV");
  EXPECT_EQ((*store_->find_by_external_id(event_, records[6].external_id))->record.status,
            ParticipantStatus::cancelled);
}

TEST_F(ImportTest, MissingParticipantsAreKeptUnlessAskedToCancel) {
  auto records = testing::generate_participants(10, 3);
  ASSERT_TRUE(import_csv(testing::to_canonical_csv(records)));
  const auto gone = records.back().external_id;
  records.pop_back();
  auto kept = import_csv(testing::to_canonical_csv(records));
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->missing, 1u);
  EXPECT_EQ(kept->cancelled_missing, 0u);
  EXPECT_EQ((*store_->find_by_external_id(event_, gone))->record.status, ParticipantStatus::registered);

  ApplyOptions cancel;
  cancel.cancel_missing = true;
  auto cancelled = import_csv(testing::to_canonical_csv(records), cancel);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->cancelled_missing, 1u);
  EXPECT_EQ((*store_->find_by_external_id(event_, gone))->record.status, ParticipantStatus::cancelled);
  EXPECT_EQ(count(), 10);  // never deleted
}

TEST_F(ImportTest, ABadRowRejectsTheWholeFile) {
  auto csv = testing::to_canonical_csv(testing::generate_participants(50, 4));
  csv += "EXT-BAD,Anna,Bad,not-an-email,Org,BE,,,sme,en,,,,registered\n";
  auto result = import_csv(csv);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::invalid_input);
  EXPECT_NE(result.error().message.find("line 52"), std::string::npos) << result.error().message;
  EXPECT_EQ(count(), 0);
}

TEST_F(ImportTest, SkipBadRowsStoresTheRestAndReportsEachSkippedRow) {
  auto csv = testing::to_canonical_csv(testing::generate_participants(5, 5));
  csv += "EXT-BAD,Anna,Bad,not-an-email,Org,BE,,,sme,en,,,,registered\n";
  csv += "EXT-BAD2,,,a@b.example,Org,BE,,,sme,en,,,,registered\n";
  ApplyOptions options;
  options.skip_bad_rows = true;
  auto result = import_csv(csv, options);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->inserted, 5u);
  ASSERT_EQ(result->skipped.size(), 2u);
  EXPECT_EQ(result->skipped[0].line, 7u);
  EXPECT_EQ(result->skipped[1].line, 8u);
  EXPECT_EQ(count(), 5);
}

TEST_F(ImportTest, TicketCodeHeldBySomeoneElseIsARowError) {
  ASSERT_TRUE(import_csv(testing::to_canonical_csv(testing::generate_participants(4, 6))));
  const auto csv = std::string(
      "external_id,first_name,last_name,ticket_codes\n"
      "NEW-1,Anna,Taken,TKT-6-0\n");  // TKT-6-0 belongs to EXT-100000
  auto result = import_csv(csv);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("TKT-6-0"), std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("EXT-100000"), std::string::npos) << result.error().message;
  EXPECT_EQ(count(), 4);
}

TEST_F(ImportTest, DryRunReportsButStoresNothing) {
  ApplyOptions options;
  options.dry_run = true;
  auto result = import_csv(testing::to_canonical_csv(testing::generate_participants(30, 7)), options);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->inserted, 30u);
  EXPECT_FALSE(result->committed);
  EXPECT_EQ(count(), 0);
}

TEST_F(ImportTest, ProgressIsReportedOnLargeFiles) {
  ApplyOptions options;
  options.progress_every = 1000;
  std::vector<std::size_t> reported;
  options.progress = [&](std::size_t done, std::size_t) { reported.push_back(done); };
  auto result = import_csv(testing::to_canonical_csv(testing::generate_participants(2500, 8)), options);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(reported, (std::vector<std::size_t>{1000, 2000, 2500}));
}

TEST_F(ImportTest, DemoEventImports) {
  const auto csv = testing::read_file(std::string(PASSERELLE_SOURCE_DIR) + "/assets/demo/participants.csv");
  auto result = import_csv(csv);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_GE(result->inserted, 300u);
  auto found = store_->search(event_, "muller");
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->empty());
}

}  // namespace
}  // namespace passerelle::import
