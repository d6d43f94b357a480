// The identity keys that count returning people after erasure (core/privacy/identity_keys.h), and
// the one edit schema 11 allows on journal entries (blanking code and operator).
#include "core/privacy/identity_keys.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

TEST(IdentityKeys, NormalFormsIgnoreCaseAccentsAndSpacing) {
  EXPECT_EQ(privacy::normalise_email("  Jean.Dupont@Example.ORG "), "jean.dupont@example.org");
  EXPECT_EQ(privacy::normalise_organisation("Société  Générale, S.A."), "societe generale s a");
  EXPECT_EQ(privacy::normalise_organisation("SOCIETE GENERALE S.A"), "societe generale s a");
  EXPECT_EQ(privacy::normalise_organisation("  "), "");
  privacy::IdentityKey key{};
  key[0] = 1;
  EXPECT_EQ(privacy::keyed_hash(key, ""), "") << "no email, no key";
  EXPECT_EQ(privacy::keyed_hash(key, "a@b.c").size(), 64u);
  privacy::IdentityKey other = key;
  other[1] = 2;
  EXPECT_NE(privacy::keyed_hash(key, "a@b.c"), privacy::keyed_hash(other, "a@b.c")) << "keyed, not a plain hash";
}

TEST(IdentityKeys, TheKeyIsMadeOnceBesideTheFileForItsOwnerOnlyAndAWrongOneIsRefused) {
  TempDir dir;
  const auto path = dir.file("hub.db");
  std::string first_key;
  {
    auto store = Store::open(path);
    ASSERT_TRUE(store);
    auto event = store->create_event(default_event_config("Keys", "2026-01-10"));
    ASSERT_TRUE(event);
    auto transaction = db::Transaction::begin(store->database());
    ASSERT_TRUE(transaction);
    ParticipantRecord record;
    record.external_id = "A";
    record.first_name = "Ana";
    record.last_name = "Lopes";
    record.email = "Ana@Example.org";
    record.organisation = "Lopes Lda";
    ASSERT_TRUE(store->upsert_participant_in_transaction(*event, record));
    record.external_id = "B";
    record.email = "ana@example.org ";
    record.organisation = "LOPES LDA";
    ASSERT_TRUE(store->upsert_participant_in_transaction(*event, record));
    ASSERT_TRUE(transaction->commit());
    auto keys = privacy::identity_keys(*store, *event);
    ASSERT_TRUE(keys) << keys.error().message;
    ASSERT_EQ(keys->size(), 2u);
    EXPECT_EQ((*keys)[0].email_key, (*keys)[1].email_key) << "the same person at two events";
    EXPECT_EQ((*keys)[0].organisation_key, (*keys)[1].organisation_key);
    first_key = read_file(dir.file("identity.key"));
    auto again = privacy::identity_keys(*store, *event);
    ASSERT_TRUE(again);
    EXPECT_EQ((*again)[0].email_key, (*keys)[0].email_key);
  }
  EXPECT_EQ(first_key.size(), 65u);
  EXPECT_EQ(std::filesystem::status(dir.file("identity.key")).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_EQ(read_file(path).find(first_key.substr(0, 64)), std::string::npos) << "the key is not in the database";
  // Another key file where this one was: refused, not silently used.
  std::filesystem::remove(dir.file("identity.key"));
  write_file(dir.file("identity.key"), std::string(64, 'a') + "\n");
  auto store = Store::open(path);
  ASSERT_TRUE(store);
  auto refused = privacy::identity_keys(*store, 1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::conflict);
  write_file(dir.file("identity.key"), first_key);
  EXPECT_TRUE(privacy::identity_keys(*store, 1));
}

TEST(IdentityKeys, JournalEntriesMayOnlyHaveTheirCodeAndOperatorBlanked) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store);
  auto event = store->create_event(default_event_config("Journal", "2026-01-10"));
  ASSERT_TRUE(event);
  auto transaction = db::Transaction::begin(store->database());
  ASSERT_TRUE(transaction);
  JournalEntry entry;
  entry.event_id = *event;
  entry.kind = EntryKind::rejected_scan;
  entry.outcome = Outcome::unknown_code;
  entry.code = "someone@example.org";
  entry.operator_name = "Staff Member";
  ASSERT_TRUE(store->append_in_transaction(entry));
  ASSERT_TRUE(transaction->commit());
  auto& database = store->database();
  EXPECT_FALSE(database.exec("UPDATE journal SET code = 'other'"));
  EXPECT_FALSE(database.exec("UPDATE journal SET outcome = 'accepted', code = ''"));
  EXPECT_FALSE(database.exec("DELETE FROM journal"));
  EXPECT_TRUE(database.exec("UPDATE journal SET code = '', operator = ''"));
  auto entries = store->journal_entries(*event);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().code, "");
  EXPECT_EQ(entries->front().operator_name, "");
  EXPECT_EQ(entries->front().outcome, Outcome::unknown_code);
}

}  // namespace
}  // namespace passerelle::testing
