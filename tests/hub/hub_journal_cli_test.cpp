// Journal files from a kiosk that never sees a network, on both storages (docs/sync.md, "Offline
// transfer"): export-kiosk records a device and puts its journal key in the bundle, the kiosk
// signs its journal file with it, import-journal stores it; a file edited, truncated, re-signed
// by another device, of an unknown device or of the old format is refused whole, storing nothing.
#include <gtest/gtest.h>

#include "core/checkin/checkin.h"
#include "core/store/store.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "sync/protocol/journal_file.h"
#include "sync/protocol/journal_key.h"
#include "tests/hub/pg_backend.h"
#include "tests/integration/hub_runner.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

class HubJournalCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    {
      auto store = Store::open(event_file());
      ASSERT_TRUE(store) << store.error().message;
      auto event = store->create_event(default_event_config("Offline kiosks", "2026-12-08"));
      ASSERT_TRUE(event);
      event_ = *event;
      auto transaction = db::Transaction::begin(store->database());
      ASSERT_TRUE(transaction);
      people_ = generate_participants(3, 11);
      for (auto& record : people_) {
        record.email = record.external_id + "@example.org";
        ASSERT_TRUE(store->upsert_participant_in_transaction(event_, record));
      }
      ASSERT_TRUE(transaction->commit());
    }
    hub_db_ = event_file().string();
    if (GetParam() == "postgresql") {
      auto url = fresh_pg_database();
      if (!url) return;  // skipped, or failed under CI=true, by fresh_pg_database
      hub_db_ = *url;
      const auto published = hub({"--db", event_file().string(), "publish", "--to", hub_db_});
      ASSERT_EQ(published.status, 0) << published.output;
    }
  }

  std::filesystem::path event_file() const { return dir_.file("event.db"); }

  // A bundle from export-kiosk, recorded on the hub's storage.
  std::filesystem::path export_kiosk(const std::string& name) {
    const auto bundle = dir_.file(name);
    std::vector<std::string> args{"--db", event_file().string(), "export-kiosk", bundle.string()};
    if (GetParam() == "postgresql") args.insert(args.end(), {"--sync-db", hub_db_});
    const auto run = hub(args);
    EXPECT_EQ(run.status, 0) << run.output;
    if (GetParam() == "postgresql") {
      EXPECT_EQ(run.output.find(hub_db_), std::string::npos) << "the URL may hold a password";
    }
    return bundle;
  }

  // The kiosk of `bundle` checks in participant `index` and writes its journal file.
  std::string kiosk_journal(const std::filesystem::path& bundle, std::size_t index, const std::string& file) {
    auto store = Store::open(bundle);
    EXPECT_TRUE(store) << store.error().message;
    if (!store) return {};
    CheckinRequest request;
    request.event_id = event_;
    request.checkpoint_id = store->checkpoints(event_)->front().id;
    request.code = people_.at(index).ticket_codes.at(0);
    auto result = CheckinService(*store).scan(request);
    EXPECT_TRUE(result && result->outcome == Outcome::accepted);
    auto written = sync::write_journal_file(*store, event_, dir_.file(file));
    EXPECT_TRUE(written) << written.error().message;
    return read_file(dir_.file(file));
  }

  // Entries the hub's storage holds for the event.
  std::int64_t held() {
    std::unique_ptr<hub::HubStore> store;
    if (GetParam() == "postgresql") {
      auto opened = hub::pg::PgHubStore::open(hub_db_);
      EXPECT_TRUE(opened) << opened.error().message;
      if (opened) store = std::move(*opened);
    } else {
      auto opened = hub::SqliteHubStore::open(hub_db_);
      EXPECT_TRUE(opened) << opened.error().message;
      if (opened) store = std::move(*opened);
    }
    if (!store) return -1;
    auto rows = store->reconciliation(event_);
    EXPECT_TRUE(rows) << rows.error().message;
    std::int64_t count = 0;
    if (rows)
      for (const auto& row : *rows) count += row.count;
    return count;
  }

  testing::Run import_file(const std::string& name, const std::string& text) {
    write_file(dir_.file(name), text);
    return hub({"--db", hub_db_, "import-journal", dir_.file(name).string()});
  }

  TempDir dir_;
  std::int64_t event_ = 0;
  std::vector<ParticipantRecord> people_;
  std::string hub_db_;
};

TEST_P(HubJournalCli, ABundleKiosksSignedJournalIsImportedOnce) {
  const auto bundle = export_kiosk("kiosk-1.db");
  {
    auto store = Store::open(bundle);
    ASSERT_TRUE(store);
    auto key = store->journal_key();
    ASSERT_TRUE(key && key->has_value()) << "the bundle carries its device's journal key";
    EXPECT_EQ((*key)->device_id, *store->device_id()) << "and that device's id";
  }
  const auto text = kiosk_journal(bundle, 0, "usb.jsonl");
  auto first = import_file("usb.jsonl", text);
  ASSERT_EQ(first.status, 0) << first.output;
  EXPECT_NE(first.output.find("1 new, 0 already held, 0 quarantined"), std::string::npos) << first.output;
  auto second = import_file("usb.jsonl", text);
  ASSERT_EQ(second.status, 0) << second.output;
  EXPECT_NE(second.output.find("0 new, 1 already held"), std::string::npos) << second.output;
  EXPECT_EQ(held(), 1);
}

TEST_P(HubJournalCli, AnEditedTruncatedOrForgedFileIsRefusedWholeAndStoresNothing) {
  const auto text = kiosk_journal(export_kiosk("kiosk-1.db"), 0, "usb.jsonl");
  const auto other_bundle = export_kiosk("kiosk-2.db");

  // Another participant's external id in place of the one checked in, MAC unchanged.
  std::string edited = text;
  const auto at = edited.find(people_[0].external_id);
  ASSERT_NE(at, std::string::npos);
  edited.replace(at, people_[0].external_id.size(), people_[1].external_id);
  auto refused = import_file("edited.jsonl", edited);
  EXPECT_EQ(refused.status, 3) << refused.output;
  EXPECT_NE(refused.output.find("signature does not match"), std::string::npos) << refused.output;

  // The last entry line and trailer cut off.
  auto truncated = import_file("truncated.jsonl", text.substr(0, text.find('\n') + 1));
  EXPECT_EQ(truncated.status, 3) << truncated.output;

  // Kiosk 1's entries signed with kiosk 2's key: a well-formed file of kiosk 2, holding entries of
  // a device id kiosk 2 does not write for.
  DeviceJournalKey other_key;
  {
    auto store = Store::open(other_bundle);
    ASSERT_TRUE(store);
    other_key = **store->journal_key();
  }
  auto first_kiosk = sync::parse_journal_file(text, [&] {
    auto store = Store::open(dir_.file("kiosk-1.db"));
    return **store->journal_key();
  }());
  ASSERT_TRUE(first_kiosk) << first_kiosk.error().message;
  auto header = first_kiosk->header;
  header.device_ids = {other_key.device_id};
  auto resigned = import_file("resigned.jsonl", *sync::format_journal_file(header, first_kiosk->entries, other_key));
  EXPECT_EQ(resigned.status, 3) << resigned.output;
  EXPECT_NE(resigned.output.find("does not write for"), std::string::npos) << resigned.output;

  // A key the hub never made.
  const DeviceJournalKey stranger{"0190a5b2-0000-7000-8000-0000000000ee", sync::new_journal_key()};
  auto unknown = import_file("unknown.jsonl", *sync::format_journal_file(header, first_kiosk->entries, stranger));
  EXPECT_EQ(unknown.status, 3) << unknown.output;
  EXPECT_NE(unknown.output.find("does not hold"), std::string::npos) << unknown.output;

  // The old format, checksummed but not signed.
  auto old =
      import_file("v1.jsonl",
                  "{\"format\":\"passerelle-journal\",\"version\":1,\"device_ids\":[\"d\"],\"event\":1,\"count\":0,"
                  "\"exported_ms\":9}\n{\"sha256\":\"" +
                      std::string(64, '0') + "\"}\n");
  EXPECT_NE(old.status, 0) << old.output;
  EXPECT_NE(old.output.find("version 1"), std::string::npos) << old.output;

  EXPECT_EQ(held(), 0) << "no refused file stored anything";
  // The genuine file still goes in.
  EXPECT_EQ(import_file("usb.jsonl", text).status, 0);
  EXPECT_EQ(held(), 1);
}

// The door needs names, not contact details: a bundle holds no participant's email.
TEST_P(HubJournalCli, ABundleHoldsNoEmail) {
  const auto bundle = export_kiosk("kiosk-1.db");
  auto store = Store::open(bundle);
  ASSERT_TRUE(store);
  auto query = store->database().query("SELECT count(*), sum(email <> '') FROM participant");
  ASSERT_TRUE(query);
  ASSERT_TRUE(*query->step());
  EXPECT_EQ(query->column_int(0), 3);
  EXPECT_EQ(query->column_int(1), 0);
}

INSTANTIATE_TEST_SUITE_P(Storage, HubJournalCli, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& storage) {
                           return storage.param == "sqlite" ? "Sqlite" : "PostgreSql";
                         });

}  // namespace
}  // namespace passerelle::testing
