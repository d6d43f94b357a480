// What only the SQLite backend has: its tables in the event file beside core's, the change feed's
// triggers and seeding, its version key, and kiosk bundles that leave all of it behind.
#include "sync/hub/store/sqlite_hub_store.h"

#include <gtest/gtest.h>

#include "core/store/bundle.h"
#include "core/store/store.h"
#include "sync/hub/store/hub_tokens.h"
#include "sync/hub/store/sqlite_hub_schema.h"
#include "tests/hub/hub_store_suite.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

constexpr std::int64_t kNowMs = 1767261600000;

std::int64_t single_int(db::Database& database, const std::string& sql) {
  auto query = database.query(sql);
  EXPECT_TRUE(query) << sql;
  if (!query) return -1;
  auto row = query->step();
  EXPECT_TRUE(row && *row) << sql;
  return row && *row ? query->column_int(0) : -1;
}

Status exec(Store& store, const std::string& sql) {
  return store.database().exec(sql);
}

class SqliteHubStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::open(path(), clock_);
    ASSERT_TRUE(store) << store.error().message;
    core_ = std::make_unique<Store>(std::move(*store));
    auto event = core_->create_event(default_event_config("Seeded", "2026-01-01"));
    ASSERT_TRUE(event);
    event_ = *event;
    auto transaction = db::Transaction::begin(core_->database());
    ASSERT_TRUE(transaction);
    for (const char* id : {"EXT-1", "EXT-2"}) {
      ParticipantRecord record;
      record.external_id = id;
      record.first_name = "A";
      record.last_name = id;
      record.ticket_codes = {std::string("T") + id};
      ASSERT_TRUE(core_->upsert_participant_in_transaction(event_, record));
    }
    ASSERT_TRUE(transaction->commit());
  }

  std::filesystem::path path() const { return dir_.file("hub.db"); }

  std::unique_ptr<hub::SqliteHubStore> open_hub() {
    auto hub = hub::SqliteHubStore::open(path(), clock_);
    EXPECT_TRUE(hub) << hub.error().message;
    return hub ? std::move(*hub) : nullptr;
  }

  hub::Principal enrol(hub::HubStore& hub, const std::string& name) {
    const auto code = value_or_fail(hub.create_enrolment_code(event_, 60'000, ""), "code");
    const auto answer = value_or_fail(hub.enrol({code.code, name, {}, kNowMs}), "enrol");
    return value_or_fail(hub.authenticate(answer.token), "auth").principal;
  }

  std::vector<sync::Change> download(hub::HubStore& hub, const hub::Principal& device, std::int64_t after = 0) {
    auto page = hub.changes(device, after, sync::kMaxChangePage);
    EXPECT_TRUE(page) << page.error().message;
    if (!page) return {};
    EXPECT_FALSE(page->more);
    return page->changes;
  }

  std::int64_t insert_meeting(const std::string& status) {
    const std::string sql =
        "INSERT INTO meeting(event_id, participant_a, participant_b, slot_start_ms, slot_end_ms, table_label, status) "
        "SELECT " +
        std::to_string(event_) + ", a.id, b.id, 1000, 2000, 'T7', '" + status +
        "' FROM participant a, participant b WHERE a.external_id = 'EXT-1' AND b.external_id = 'EXT-2'";
    EXPECT_TRUE(exec(*core_, sql));
    return core_->database().last_insert_rowid();
  }

  TempDir dir_;
  ManualClock clock_{kNowMs};
  std::unique_ptr<Store> core_;
  std::int64_t event_ = 0;
};

TEST_F(SqliteHubStoreTest, FirstOpeningSeedsTheFeedWithEverythingAlreadyThere) {
  auto person = core_->find_by_external_id(event_, "EXT-1");
  ASSERT_TRUE(person && *person);
  ASSERT_TRUE(core_->revoke_badge((*person)->id, 1, "stolen"));
  insert_meeting("scheduled");
  JournalEntry entry;
  entry.event_id = event_;
  entry.kind = EntryKind::manual_checkin;
  entry.participant_id = (*person)->id;
  entry.checkpoint_id = value_or_fail(core_->checkpoints(event_), "checkpoints").at(0).id;
  {
    auto transaction = db::Transaction::begin(core_->database());
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(core_->append_in_transaction(entry));
    ASSERT_TRUE(transaction->commit());
  }

  auto hub = open_hub();
  ASSERT_TRUE(hub);
  const auto changes = download(*hub, enrol(*hub, "Kiosk"));
  const auto counts = sort_changes(changes);
  EXPECT_EQ(counts.participants.size(), 2u);
  EXPECT_EQ(counts.keys.size(), 1u);
  ASSERT_EQ(counts.revocations.size(), 1u);
  EXPECT_EQ(counts.revocations[0].reason, "stolen");
  ASSERT_EQ(counts.meetings.size(), 1u);
  EXPECT_EQ(counts.meetings[0].participant_a, "EXT-1");
  EXPECT_EQ(counts.meetings[0].table_label, "T7");
  ASSERT_EQ(counts.entries.size(), 1u);
  EXPECT_EQ(counts.entries[0].participant, "EXT-1");
  // A kiosk applies in feed order: keys and people before what names them.
  EXPECT_TRUE(std::holds_alternative<sync::KeyChange>(changes.front().data));
  EXPECT_TRUE(std::holds_alternative<sync::WireEntry>(changes.back().data));

  // Opening again seeds nothing twice.
  const auto rows = single_int(core_->database(), "SELECT count(*) FROM hub_feed");
  hub.reset();
  hub = open_hub();
  EXPECT_EQ(single_int(core_->database(), "SELECT count(*) FROM hub_feed"), rows);
}

TEST_F(SqliteHubStoreTest, TriggersFeedMeetingsWrittenByOtherPrograms) {
  auto hub = open_hub();
  ASSERT_TRUE(hub);
  const auto kiosk = enrol(*hub, "Kiosk");
  const auto seen = download(*hub, kiosk);
  const std::int64_t cursor = seen.back().seq;
  const auto meeting = insert_meeting("scheduled");
  ASSERT_TRUE(exec(*core_, "UPDATE meeting SET status = 'held' WHERE id = " + std::to_string(meeting)));
  const auto counts = sort_changes(download(*hub, kiosk, cursor));
  ASSERT_EQ(counts.meetings.size(), 1u);  // two feed rows, one change: its state at read time
  EXPECT_EQ(counts.meetings[0].hub_id, meeting);
  EXPECT_EQ(counts.meetings[0].status, "held");
}

TEST_F(SqliteHubStoreTest, RolledBackWritesLeaveNoFeedRow) {
  auto hub = open_hub();
  ASSERT_TRUE(hub);
  const auto before = single_int(core_->database(), "SELECT max(seq) FROM hub_feed");
  {
    auto transaction = db::Transaction::begin(core_->database());
    ASSERT_TRUE(transaction);
    ParticipantRecord record;
    record.external_id = "EXT-GHOST";
    record.first_name = "G";
    record.last_name = "Host";
    ASSERT_TRUE(core_->upsert_participant_in_transaction(event_, record));
  }  // rolled back
  EXPECT_EQ(single_int(core_->database(), "SELECT max(seq) FROM hub_feed"), before);
  ASSERT_TRUE(core_->reissue_badge(value_or_fail(core_->find_by_external_id(event_, "EXT-2"), "find")->id));
  EXPECT_GT(single_int(core_->database(), "SELECT min(seq) FROM hub_feed WHERE seq > " + std::to_string(before)),
            before);
}

TEST_F(SqliteHubStoreTest, HubVersionLivesInLocalStateNotInUserVersion) {
  const auto core_version = single_int(core_->database(), "PRAGMA user_version");
  auto hub = open_hub();
  ASSERT_TRUE(hub);
  EXPECT_EQ(single_int(core_->database(), "PRAGMA user_version"), core_version);
  EXPECT_EQ(single_int(core_->database(), "SELECT value FROM local_state WHERE key = 'hub.schema_version'"),
            hub::kHubSchemaVersion);
  hub.reset();
  ASSERT_TRUE(exec(*core_, "UPDATE local_state SET value = '99' WHERE key = 'hub.schema_version'"));
  auto newer = hub::SqliteHubStore::open(path(), clock_);
  ASSERT_FALSE(newer);
  EXPECT_EQ(newer.error().code, Errc::unsupported);
}

TEST_F(SqliteHubStoreTest, TokensAndCodesAreStoredAsHashesOnly) {
  auto hub = open_hub();
  ASSERT_TRUE(hub);
  const auto token = value_or_fail(hub->create_organiser_token("desk"), "token");
  const auto code = value_or_fail(hub->create_enrolment_code(event_, 60'000, "door"), "code");
  // A web session's cookie too (docs/LIVE_VIEW.md); its CSRF token is kept as it is.
  ASSERT_TRUE(hub->add_account("alice", kArgon2idHash, {event_}));
  const auto session = value_or_fail(hub->open_web_session("alice", 60'000), "session");
  EXPECT_EQ(single_int(core_->database(), "SELECT count(*) FROM hub_web_session WHERE token_sha256 = '" +
                                              hub::sha256_hex(session.token) + "'"),
            1);
  EXPECT_EQ(single_int(core_->database(),
                       "SELECT count(*) FROM hub_token WHERE token_sha256 = '" + hub::sha256_hex(token) + "'"),
            1);
  EXPECT_EQ(single_int(core_->database(),
                       "SELECT count(*) FROM hub_enrolment WHERE code_sha256 = '" + hub::sha256_hex(code.code) + "'"),
            1);
  hub.reset();
  core_.reset();  // the last connection folds the WAL into the file
  const auto bytes = read_file(path());
  EXPECT_EQ(bytes.find(token.substr(4)), std::string::npos);
  EXPECT_EQ(bytes.find(code.code), std::string::npos);
  EXPECT_EQ(bytes.find(session.token.substr(4)), std::string::npos);
}

TEST_F(SqliteHubStoreTest, KioskBundlesCarryNoHubTablesOrTriggers) {
  auto hub = open_hub();
  ASSERT_TRUE(hub);
  const auto kiosk = enrol(*hub, "Kiosk");
  (void)kiosk;
  const auto bundle_path = dir_.file("kiosk.db");
  auto summary = write_kiosk_bundle(*core_, event_, bundle_path);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->participants, 2);

  auto bundle = Store::open(bundle_path, clock_);
  ASSERT_TRUE(bundle) << bundle.error().message;
  auto& database = bundle->database();
  EXPECT_EQ(single_int(database, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'hub%'"), 0);
  EXPECT_EQ(single_int(database, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%hub_%'"), 0);
  EXPECT_EQ(single_int(database, "SELECT count(*) FROM local_state WHERE key LIKE 'hub.%'"), 0);
  // The kiosk writes its registry and journal without any trigger looking for hub tables.
  auto transaction = db::Transaction::begin(database);
  ASSERT_TRUE(transaction);
  ParticipantRecord record;
  record.external_id = "EXT-KIOSK";
  record.first_name = "K";
  record.last_name = "Iosk";
  record.tags = {"x"};
  auto upserted = bundle->upsert_participant_in_transaction(event_, record);
  EXPECT_TRUE(upserted) << upserted.error().message;
  EXPECT_TRUE(transaction->commit());
}

}  // namespace
}  // namespace passerelle::testing
