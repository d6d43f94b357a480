#include "core/text/fold.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/store/store.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

TEST(Fold, FoldsTheLettersFts5LeavesAlone) {
  EXPECT_EQ(fold_for_search("Müller"), "muller");
  EXPECT_EQ(fold_for_search("MÜLLER"), "muller");
  EXPECT_EQ(fold_for_search("Ørsted"), "orsted");
  EXPECT_EQ(fold_for_search("Łódź"), "lodz");
  EXPECT_EQ(fold_for_search("Straße"), "strasse");
  EXPECT_EQ(fold_for_search("François"), "francois");
  EXPECT_EQ(fold_for_search("Ærøskøbing"), "aeroskobing");
  EXPECT_EQ(fold_for_search("Þóra Ðaković"), "thora dakovic");
}

TEST(Fold, PunctuationSeparatesWords) {
  EXPECT_EQ(fold_for_search("  Jean-Pierre  O'Brien, S.A. "), "jean pierre o brien s a");
  EXPECT_EQ(fold_for_search(""), "");
  EXPECT_EQ(fold_for_search("!!!"), "");
}

TEST(Fold, InvalidUtf8DoesNotCrash) {
  EXPECT_NO_FATAL_FAILURE((void)fold_for_search("abc\xff\xfe def"));
}

ParticipantRecord person(std::string id, std::string first, std::string last, std::string organisation = "") {
  ParticipantRecord record;
  record.external_id = std::move(id);
  record.first_name = std::move(first);
  record.last_name = std::move(last);
  record.organisation = std::move(organisation);
  return record;
}

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(dir_.file("s.db"));
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<Store>(std::move(*opened));
    auto event = store_->create_event(default_event_config("Search", "2026-01-01"));
    ASSERT_TRUE(event);
    event_ = *event;
  }
  void add(const ParticipantRecord& record) {
    auto transaction = db::Transaction::begin(store_->database());
    ASSERT_TRUE(store_->upsert_participant_in_transaction(event_, record));
    ASSERT_TRUE(transaction->commit());
  }
  std::vector<std::string> find(std::string_view text) {
    auto found = store_->search(event_, text);
    EXPECT_TRUE(found);
    std::vector<std::string> ids;
    for (const auto& p : *found) ids.push_back(p.record.external_id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  std::int64_t event_ = 0;
};

TEST_F(SearchTest, IssueExamples) {
  add(person("1", "Jörg", "Müller"));
  add(person("2", "ANNA", "MÜLLER"));
  add(person("3", "Søren", "Nielsen", "Ørsted A/S"));
  add(person("4", "Łukasz", "Wróbel", "Politechnika Łódź"));
  add(person("5", "Hans", "Weiß", "Straße & Co"));
  add(person("6", "François", "Lefèvre"));
  EXPECT_EQ(find("muller"), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(find("orsted"), (std::vector<std::string>{"3"}));
  EXPECT_EQ(find("lodz"), (std::vector<std::string>{"4"}));
  EXPECT_EQ(find("strasse"), (std::vector<std::string>{"5"}));
  EXPECT_EQ(find("francois"), (std::vector<std::string>{"6"}));
  EXPECT_EQ(find("Mül"), (std::vector<std::string>{"1", "2"}));  // prefix, accented query
  EXPECT_EQ(find("anna mul"), (std::vector<std::string>{"2"}));  // every word must match
  EXPECT_TRUE(find("zzz").empty());
  EXPECT_TRUE(find("\"*) NOT (zz").empty());  // FTS5 syntax in the query is folded away, not run
  EXPECT_EQ(find("\"Lefèvre\" OR"), (std::vector<std::string>{}));
}

TEST_F(SearchTest, UpdatedNamesAreReindexed) {
  add(person("1", "Anne", "Dupont"));
  add(person("1", "Anne", "Lefèvre"));
  EXPECT_TRUE(find("dupont").empty());
  EXPECT_EQ(find("lefevre"), (std::vector<std::string>{"1"}));
}

// Property: every generated European name is found by its own ASCII folding, whole and by a
// three-letter prefix, together with its first name.
TEST_F(SearchTest, EveryNameIsFoundByItsAsciiFolding) {
  const auto records = testing::generate_participants(400, 7);
  {
    auto transaction = db::Transaction::begin(store_->database());
    for (const auto& record : records) ASSERT_TRUE(store_->upsert_participant_in_transaction(event_, record));
    ASSERT_TRUE(transaction->commit());
  }
  for (const auto& record : records) {
    const std::string last = fold_for_search(record.last_name);
    const std::string first = fold_for_search(record.first_name);
    ASSERT_FALSE(last.empty());
    for (const std::string& query : {first + " " + last, last.substr(0, 3) + " " + first}) {
      auto found = store_->search(event_, query, 1000);
      ASSERT_TRUE(found);
      bool hit = false;
      for (const auto& p : *found) hit = hit || p.record.external_id == record.external_id;
      EXPECT_TRUE(hit) << record.first_name << " " << record.last_name << " not found by '" << query << "'";
    }
  }
}

}  // namespace
}  // namespace passerelle
