// Privacy (docs/PRIVACY.md) through the real passerelle-hub: retention leaves nothing readable of
// the event's people in the event file's bytes (with its -wal and -shm) nor in a pg_dump of the
// PostgreSQL storage, while the figures and the identity keys that count returning people stay;
// erasure on request takes one person and leaves the others; the audit log says what was done and
// names no one; bad input fails with the documented exit statuses.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/privacy/identity_keys.h"
#include "core/store/store.h"
#include "core/text/fold.h"
#include "core/util/strings.h"
#include "core/util/uuid.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "sync/protocol/sync_store.h"
#include "tests/hub/pg_backend.h"
#include "tests/hub/server_process.h"
#include "tests/integration/hub_runner.h"
#include "tests/support/pg_cluster.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

// Distinctive strings, so that a match in the raw bytes can only be theirs: accented UTF-8 names,
// an email used as the registration system's id, a name that also sits in a quarantined upload.
struct Person {
  std::string external_id;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string organisation;
  std::string code;
};

const Person kZaneta{"REG-7001",
                     "Żaneta",
                     "Wróblewska-Quillfeather",
                     "zaneta.quillfeather@lumenquokka.example",
                     "Ölfabrik Lumenquokka GmbH",
                     "TKT-ZANETA-7781"};
const Person kIgnace{"ignace.xerophyte@brindleworks.example",
                     "Ignace",
                     "Xérophyte-Dupuis",
                     "ignace.xerophyte@brindleworks.example",
                     "Société Brindleworks",
                     "TKT-IGNACE-4410"};
const Person kPhilippa{
    "REG-7003",         "Philippa", "Quennevillard", "philippa@kestrelmoor.example", "Kestrelmoor Holdings",
    "TKT-PHILIPPA-2202"};

// As the registration system sends them: everyone in Belgium, in energy, at the plenary.
ParticipantRecord record_of(const Person& person) {
  ParticipantRecord record;
  record.external_id = person.external_id;
  record.first_name = person.first_name;
  record.last_name = person.last_name;
  record.email = person.email;
  record.organisation = person.organisation;
  record.ticket_codes = {person.code};
  record.country = "BE";
  record.sector = "energy";
  record.tags = {"plenary"};
  return record;
}

// What must not survive: each name, email, organisation and ticket code, and the folded forms the
// search index keeps of the names and organisations.
std::vector<std::string> readable_of(const Person& person) {
  std::vector<std::string> strings{person.first_name, person.last_name, person.email, person.organisation, person.code};
  // The index's content row holds the folded words together; its segments hold them one by one.
  const std::string folded = fold_for_search(person.first_name + " " + person.last_name + " " + person.organisation);
  strings.push_back(folded);
  for (const auto& word : split_any(folded, " "))
    if (word.size() >= 6) strings.push_back(word);
  return strings;
}

// The value, or a failed test and a default one.
template <class T>
T must(Result<T> result, const char* what) {
  EXPECT_TRUE(result) << what << ": " << (result ? std::string() : result.error().message);
  return result ? std::move(result).value() : T{};
}

// The hub's storage `db` names: a postgresql:// URL or the event file.
Result<std::unique_ptr<hub::HubStore>> open_storage(const std::string& db) {
  std::unique_ptr<hub::HubStore> store;
  if (db.rfind("postgresql://", 0) == 0) {
    PSL_ASSIGN_OR_RETURN(store, hub::pg::PgHubStore::open(db));
  } else {
    PSL_ASSIGN_OR_RETURN(store, hub::SqliteHubStore::open(db));
  }
  return store;
}

std::string file_bytes(const std::filesystem::path& path) {
  return std::filesystem::exists(path) ? read_file(path) : std::string();
}

std::int64_t count_of(Store& store, const std::string& sql) {
  auto query = store.database().query(sql);
  EXPECT_TRUE(query) << query.error().message;
  if (!query) return -1;
  auto row = query->step();
  EXPECT_TRUE(row && *row);
  return query->column_int(0);
}

class HubPrivacy : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto store = Store::open(event_file());
    ASSERT_TRUE(store) << store.error().message;
    auto event = store->create_event(default_event_config("Forum Privacy", kDay));
    ASSERT_TRUE(event) << event.error().message;
    event_ = *event;
    auto transaction = db::Transaction::begin(store->database());
    ASSERT_TRUE(transaction);
    for (const auto* person : {&kZaneta, &kIgnace, &kPhilippa}) {
      ASSERT_TRUE(store->upsert_participant_in_transaction(event_, record_of(*person)));
      ids_.push_back(must(store->find_by_external_id(event_, person->external_id), "find")->id);
    }
    // A check-in each at the hub desk: Żaneta's made by Philippa as staff, Philippa's by Żaneta.
    const auto checkpoint = store->checkpoints(event_)->front().id;
    const std::int64_t wall = *must(store->event_timezone(event_), "zone")->start_of_day(kDay) + 3'600'000;
    for (std::size_t i = 0; i < 3; ++i) {
      JournalEntry entry;
      entry.event_id = event_;
      entry.participant_id = ids_[i];
      entry.checkpoint_id = checkpoint;
      entry.code = std::vector<std::string>{kZaneta.code, kIgnace.code, kPhilippa.code}[i];
      entry.operator_name = i == 0 ? "Philippa Quennevillard" : i == 2 ? "Żaneta Wróblewska-Quillfeather" : "";
      entry.wall_ms = wall + static_cast<std::int64_t>(i);
      entry.local_day = kDay;
      ASSERT_TRUE(store->append_in_transaction(entry));
    }
    ASSERT_TRUE(transaction->commit());
    hub_db_ = event_file().string();
    if (GetParam() == "postgresql") {
      auto url = fresh_pg_database();
      if (!url) return;  // skipped, or failed under CI=true, by fresh_pg_database
      hub_db_ = *url;
      const auto published = hub({"--db", event_file().string(), "publish", "--to", hub_db_});
      ASSERT_EQ(published.status, 0) << published.output;
    }
    quarantine_an_upload_naming_zaneta();
  }

  // A kiosk's upload the hub refuses (an unknown participant), whose JSON carries Żaneta's name as
  // its operator and her email as its code: quarantined, kept as sent.
  void quarantine_an_upload_naming_zaneta() {
    auto store = open_storage(hub_db_);
    ASSERT_TRUE(store) << store.error().message;
    auto code = (*store)->create_enrolment_code(event_, 60'000, "door");
    ASSERT_TRUE(code) << code.error().message;
    auto answer = (*store)->enrol({code->code, "Door", {}, 0});
    ASSERT_TRUE(answer) << answer.error().message;
    auto principal = (*store)->authenticate(answer->token)->principal;
    sync::WireEntry entry;
    entry.uuid = make_uuid_v7(1768039200000);
    entry.device = answer->device_id;
    entry.seq = 1;
    entry.event = event_;
    entry.kind = EntryKind::checkin;
    entry.outcome = Outcome::accepted;
    entry.participant = "GHOST-1";
    entry.checkpoint = "Entrance";
    entry.code = kZaneta.email;
    entry.operator_name = kZaneta.first_name + " " + kZaneta.last_name;
    entry.wall_ms = 1768039200000;
    entry.monotonic_ns = 1;
    entry.local_day = kDay;
    sync::IncomingBatch batch;
    batch.device_id = answer->device_id;
    sync::IncomingEntry incoming;
    incoming.raw_json = sync::to_json(entry);
    incoming.entry = entry;
    incoming.uuid = entry.uuid;
    incoming.seq = 1;
    batch.entries.push_back(incoming);
    auto stored = (*store)->ingest(principal, batch);
    ASSERT_TRUE(stored) << stored.error().message;
    ASSERT_EQ(stored->statuses.size(), 1u);
    ASSERT_EQ(stored->statuses[0].status, sync::EntryStatus::quarantined);
  }

  std::filesystem::path event_file() const { return dir_.file("event.db"); }

  // The event's identity keys, as "id email-key organisation-key" lines.
  std::vector<std::string> identity_keys() {
    auto store = Store::open(event_file());
    EXPECT_TRUE(store) << store.error().message;
    if (!store) return {};
    auto keys = privacy::identity_keys(*store, event_);
    EXPECT_TRUE(keys) << keys.error().message;
    std::vector<std::string> lines;
    if (keys)
      for (const auto& row : *keys)
        lines.push_back(std::to_string(row.participant_id) + " " + row.email_key + " " + row.organisation_key);
    return lines;
  }

  // Every readable string of `people` found in the event file's bytes (with -wal and -shm).
  std::vector<std::string> readable_in_file(const std::vector<const Person*>& people) {
    std::string bytes;
    for (const char* suffix : {"", "-wal", "-shm"}) bytes += file_bytes(event_file().string() + suffix);
    std::vector<std::string> found;
    for (const auto* person : people)
      for (const auto& text : readable_of(*person))
        if (bytes.find(text) != std::string::npos) found.push_back(text);
    return found;
  }

  static constexpr const char* kDay = "2026-01-10";
  TempDir dir_;
  std::int64_t event_ = 0;
  std::vector<std::int64_t> ids_;
  std::string hub_db_;
};

TEST_P(HubPrivacy, RetentionLeavesNoReadableNameAndKeepsFiguresAndIdentityKeys) {
  if (HasFatalFailure() || IsSkipped()) return;
  const auto keys_before = identity_keys();
  ASSERT_EQ(keys_before.size(), 3u);
  EXPECT_EQ(keys_before[0].size(), std::to_string(ids_[0]).size() + 2 + 2 * 64) << keys_before[0];
  EXPECT_NE(keys_before[0], keys_before[1]);
  ASSERT_FALSE(readable_in_file({&kZaneta}).empty()) << "the grep finds them before";

  if (GetParam() == "postgresql") {
    const auto file_only = hub({"--db", event_file().string(), "erase", "--external-id", kZaneta.external_id});
    EXPECT_EQ(file_only.status, hub::kExitBadInput) << file_only.output;
    EXPECT_NE(file_only.output.find("pass --sync-db"), std::string::npos) << file_only.output;
  }
  // One person erased on request first (on PostgreSQL too), then the retention takes the rest.
  std::vector<std::string> erase{"--db", event_file().string(), "erase", "--external-id", kZaneta.external_id};
  if (GetParam() == "postgresql") erase.insert(erase.end(), {"--sync-db", hub_db_});
  const auto erased = hub(erase);
  ASSERT_EQ(erased.status, 0) << erased.output;
  if (GetParam() == "postgresql") {
    EXPECT_NE(erased.output.find("in PostgreSQL: 1 participants erased"), std::string::npos) << erased.output;
  }
  EXPECT_EQ(identity_keys(), keys_before);

  const auto set = hub({"--db", event_file().string(), "retention", "--days", "30", "--operator", "dpo"});
  ASSERT_EQ(set.status, 0) << set.output;
  std::vector<std::string> purge{"--db", event_file().string(), "purge"};
  const auto purged = hub(purge);
  ASSERT_EQ(purged.status, 0) << purged.output;
  EXPECT_NE(purged.output.find("2 participants erased"), std::string::npos) << purged.output;
  if (GetParam() == "postgresql") {
    EXPECT_NE(purged.output.find("to purge it there too"), std::string::npos) << purged.output;
    // The file purged first without the database (a forgotten --sync-db): the database's rows are
    // still found and blanked by the next purge that names it.
    purge.insert(purge.end(), {"--sync-db", hub_db_});
    const auto with_database = hub(purge);
    ASSERT_EQ(with_database.status, 0) << with_database.output;
    EXPECT_NE(with_database.output.find("in PostgreSQL: 2 participants erased"), std::string::npos)
        << with_database.output;
  }

  EXPECT_EQ(readable_in_file({&kZaneta, &kIgnace, &kPhilippa}), std::vector<std::string>{});
  EXPECT_EQ(identity_keys(), keys_before) << "returning people stay countable";
  {
    auto store = Store::open(event_file());
    ASSERT_TRUE(store);
    EXPECT_EQ(count_of(*store, "SELECT count(*) FROM journal WHERE kind = 'checkin'"), 3) << "check-ins stay";
    EXPECT_EQ(count_of(*store, "SELECT count(*) FROM participant WHERE country = 'BE' AND sector = 'energy'"), 3);
    EXPECT_EQ(count_of(*store, "SELECT count(*) FROM participant_tag WHERE tag = 'plenary'"), 3);
    EXPECT_EQ(must(store->search(event_, "Quillfeather"), "search").size(), 0u);
  }
  // The report still renders, and names nobody.
  const auto report_dir = dir_.file("report");
  const auto report = hub({"--db", event_file().string(), "report", "--out", report_dir.string()});
  ASSERT_EQ(report.status, 0) << report.output;
  for (const auto& file : std::filesystem::directory_iterator(report_dir)) {
    const auto bytes = read_file(file.path());
    for (const auto* person : {&kZaneta, &kIgnace, &kPhilippa})
      for (const auto& text : readable_of(*person))
        EXPECT_EQ(bytes.find(text), std::string::npos) << text << " in " << file.path().filename();
  }
  if (GetParam() == "postgresql") {
    const auto dump =
        run_command((PgCluster::default_bindir() / "pg_dump").string() + " --data-only " + shell_quote(hub_db_));
    ASSERT_EQ(dump.status, 0) << dump.text;
    ASSERT_NE(dump.text.find("Forum Privacy"), std::string::npos) << "the dump holds the event";
    for (const auto* person : {&kZaneta, &kIgnace, &kPhilippa})
      for (const auto& text : readable_of(*person)) EXPECT_EQ(dump.text.find(text), std::string::npos) << text;
    // The live view's search and pages read the database's copy: nobody to find, everyone erased.
    auto served = open_storage(hub_db_);
    ASSERT_TRUE(served) << served.error().message;
    EXPECT_TRUE(must((*served)->search_participants(event_, "Quillfeather", 5), "search").empty());
    const auto rows = must((*served)->live_rows(event_, 0), "live_rows");
    ASSERT_EQ(rows.input.people.size(), 3u);
    for (const auto& person : rows.input.people) {
      const auto card = must((*served)->participant_card(event_, person.id), "participant_card");
      ASSERT_TRUE(card);
      EXPECT_TRUE(card->erased) << person.external_id;
    }
    const auto audit = hub({"--db", event_file().string(), "audit", "--sync-db", hub_db_});
    EXPECT_NE(audit.output.find("erase  by "), std::string::npos) << audit.output;
    EXPECT_NE(audit.output.find("retention  by "), std::string::npos) << audit.output;
  }
  const auto again = hub(purge);
  ASSERT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("no retention due"), std::string::npos) << "nothing left to do: " << again.output;
  const auto audit = hub({"--db", event_file().string(), "audit", "--event", std::to_string(event_)});
  ASSERT_EQ(audit.status, 0) << audit.output;
  EXPECT_NE(audit.output.find("retention set  by dpo"), std::string::npos) << audit.output;
  EXPECT_NE(audit.output.find("retention  by "), std::string::npos) << audit.output;
  EXPECT_EQ(audit.output.find("Quillfeather"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Storage, HubPrivacy, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& storage) {
                           return storage.param == "sqlite" ? "Sqlite" : "PostgreSql";
                         });

class HubErasure : public HubPrivacy {};

TEST_P(HubErasure, ErasingOnePersonLeavesTheOthersAndIsAudited) {
  if (HasFatalFailure()) return;
  const auto keys_before = identity_keys();
  // A kiosk set up before the erasure knows her by name.
  const auto kiosk = dir_.file("kiosk.db");
  ASSERT_EQ(hub({"--db", event_file().string(), "export-kiosk", kiosk.string()}).status, 0);
  const auto erased = hub({"--db", event_file().string(), "erase", "--participant", std::to_string(ids_[0]), "--reason",
                           "asked by email on 2026-12-04", "--operator", "desk"});
  ASSERT_EQ(erased.status, 0) << erased.output;
  EXPECT_EQ(readable_in_file({&kZaneta}), std::vector<std::string>{});
  EXPECT_EQ(identity_keys(), keys_before);
  {
    auto store = Store::open(event_file());
    ASSERT_TRUE(store);
    EXPECT_EQ(must(store->search(event_, "Quennevillard"), "search").size(), 1u) << "others stay readable";
    EXPECT_EQ(must(store->search(event_, "Xérophyte"), "search").size(), 1u);
    EXPECT_EQ(must(store->search(event_, "Quillfeather"), "search").size(), 0u);
    const auto philippa = must(store->participant(ids_[2]), "participant");
    ASSERT_TRUE(philippa);
    EXPECT_EQ(philippa->record.email, kPhilippa.email);
    // Her own check-in keeps its code; its operator, Żaneta, is gone.
    EXPECT_EQ(count_of(*store, "SELECT count(*) FROM journal WHERE code = '" + kPhilippa.code + "' AND operator = ''"),
              1);
    EXPECT_EQ(count_of(*store, "SELECT count(*) FROM journal WHERE operator = 'Philippa Quennevillard'"), 0)
        << "the operator of an erased person's entry goes too";
  }
  // Kiosks learn it from the feed: Żaneta's latest change is blank, and a kiosk applying it forgets her.
  {
    auto hub_store = open_storage(event_file().string());
    ASSERT_TRUE(hub_store);
    auto code = (*hub_store)->create_enrolment_code(event_, 60'000, "door 2");
    auto answer = (*hub_store)->enrol({code->code, "Door 2", {}, 0});
    ASSERT_TRUE(answer) << answer.error().message;
    auto principal = (*hub_store)->authenticate(answer->token)->principal;
    auto kiosk_store = Store::open(kiosk);
    ASSERT_TRUE(kiosk_store) << kiosk_store.error().message;
    ASSERT_EQ(must(kiosk_store->search(event_, "Quillfeather"), "kiosk search").size(), 1u);
    std::optional<sync::ParticipantChange> last;
    std::int64_t after = 0;
    for (int page = 0; page < 20; ++page) {
      auto changes = (*hub_store)->changes(principal, after, 100);
      ASSERT_TRUE(changes) << changes.error().message;
      auto applied = sync::SyncStore(*kiosk_store).apply_change_page(*changes);
      ASSERT_TRUE(applied) << applied.error().message;
      for (const auto& change : changes->changes)
        if (const auto* person = std::get_if<sync::ParticipantChange>(&change.data))
          if (person->record.external_id == kZaneta.external_id) last = *person;
      after = changes->cursor;
      if (!changes->more) break;
    }
    ASSERT_TRUE(last);
    EXPECT_EQ(last->record.first_name, "");
    EXPECT_EQ(last->record.last_name, "");
    EXPECT_TRUE(last->record.ticket_codes.empty());
    EXPECT_EQ(last->record.country, "BE");
    EXPECT_EQ(must(kiosk_store->search(event_, "Quillfeather"), "kiosk search").size(), 0u) << "the kiosk forgot her";
    const auto on_kiosk = must(kiosk_store->find_by_external_id(event_, kZaneta.external_id), "kiosk find");
    ASSERT_TRUE(on_kiosk);
    EXPECT_EQ(on_kiosk->record.last_name, "");
    EXPECT_EQ(on_kiosk->record.tags, std::vector<std::string>{"plenary"});
  }
  // A re-import of the old registration file leaves her erased, and one without her (she asked the
  // registration system too) does not cancel her: her status is one of the figures kept.
  {
    std::vector<ParticipantRecord> records;
    for (const auto* person : {&kZaneta, &kPhilippa}) records.push_back(record_of(*person));
    write_file(dir_.file("old.csv"), to_canonical_csv(records));
    ASSERT_EQ(hub({"--db", event_file().string(), "import", "participants", dir_.file("old.csv").string()}).status, 0);
    records.erase(records.begin());
    write_file(dir_.file("new.csv"), to_canonical_csv(records));
    const auto cancelling = hub(
        {"--db", event_file().string(), "import", "participants", dir_.file("new.csv").string(), "--cancel-missing"});
    ASSERT_EQ(cancelling.status, 0) << cancelling.output;
    auto store = Store::open(event_file());
    ASSERT_TRUE(store);
    const auto zaneta = must(store->participant(ids_[0]), "participant");
    ASSERT_TRUE(zaneta);
    EXPECT_EQ(zaneta->record.last_name, "");
    EXPECT_EQ(zaneta->record.status, ParticipantStatus::registered);
    const auto ignace = must(store->participant(ids_[1]), "participant");
    ASSERT_TRUE(ignace);
    EXPECT_EQ(ignace->record.status, ParticipantStatus::cancelled) << "the others are still cancelled as before";
  }
  EXPECT_EQ(readable_in_file({&kZaneta}), std::vector<std::string>{});
  const auto twice = hub({"--db", event_file().string(), "erase", "--participant", std::to_string(ids_[0])});
  EXPECT_EQ(twice.status, hub::kExitBadInput) << twice.output;
  EXPECT_NE(twice.output.find("erased already"), std::string::npos) << twice.output;
  // An email used as the external id is readable: it goes too, and erasing by it works.
  const auto by_external = hub({"--db", event_file().string(), "erase", "--external-id", kIgnace.external_id});
  ASSERT_EQ(by_external.status, 0) << by_external.output;
  EXPECT_EQ(readable_in_file({&kIgnace}), std::vector<std::string>{});
  EXPECT_NE(readable_in_file({&kPhilippa}), std::vector<std::string>{});

  const auto audit = hub({"--db", event_file().string(), "audit"});
  ASSERT_EQ(audit.status, 0) << audit.output;
  EXPECT_NE(
      audit.output.find("erase  by desk  event " + std::to_string(event_) + "  participant " + std::to_string(ids_[0])),
      std::string::npos)
      << audit.output;
  EXPECT_NE(audit.output.find("reason: asked by email on 2026-12-04"), std::string::npos) << audit.output;
  for (const auto* person : {&kZaneta, &kIgnace})
    for (const auto& text : readable_of(*person)) EXPECT_EQ(audit.output.find(text), std::string::npos) << text;
}

TEST_P(HubErasure, BadInputFailsWithItsExitStatus) {
  if (HasFatalFailure()) return;
  const std::string db = event_file().string();
  const auto unknown = hub({"--db", db, "erase", "--participant", "999"});
  EXPECT_EQ(unknown.status, hub::kExitNotFound) << unknown.output;
  EXPECT_NE(unknown.output.find("no participant 999"), std::string::npos) << unknown.output;
  const auto unknown_external = hub({"--db", db, "erase", "--external-id", "NOBODY"});
  EXPECT_EQ(unknown_external.status, hub::kExitNotFound) << unknown_external.output;
  const auto neither = hub({"--db", db, "erase"});
  EXPECT_EQ(neither.status, hub::kExitUsage) << neither.output;
  const auto negative = hub({"--db", db, "retention", "--days=-3"});
  EXPECT_EQ(negative.status, hub::kExitBadInput) << negative.output;
  EXPECT_NE(negative.output.find("from 0 to"), std::string::npos) << negative.output;
  const auto words = hub({"--db", db, "retention", "--days", "thirty"});
  EXPECT_EQ(words.status, hub::kExitBadInput) << words.output;
  const auto no_event = hub({"--db", db, "retention", "--event", "42", "--days", "30"});
  EXPECT_EQ(no_event.status, hub::kExitNotFound) << no_event.output;
  const auto naming =
      hub({"--db", db, "erase", "--participant", std::to_string(ids_[0]), "--reason", "asked by ZANETA on the phone"});
  EXPECT_EQ(naming.status, hub::kExitBadInput) << naming.output;
  EXPECT_NE(naming.output.find("names the person"), std::string::npos) << naming.output;
  // Nothing of the refused ones happened.
  EXPECT_NE(readable_in_file({&kZaneta}), std::vector<std::string>{});
  const auto audit = hub({"--db", db, "audit"});
  EXPECT_EQ(audit.output, "") << audit.output;
  // A key file that is not the one the erased people's keys were made with is refused.
  ASSERT_EQ(hub({"--db", db, "erase", "--participant", std::to_string(ids_[1])}).status, 0);
  const auto key_file = dir_.file("identity.key");
  ASSERT_TRUE(std::filesystem::exists(key_file));
  EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::filesystem::remove(key_file);
  const auto without_key = hub({"--db", db, "erase", "--participant", std::to_string(ids_[2])});
  EXPECT_EQ(without_key.status, hub::kExitBadInput) << without_key.output;
  EXPECT_NE(without_key.output.find("is missing"), std::string::npos) << without_key.output;
}

// `serve` applies a due retention at start (and then daily), as the log and the audit say.
TEST_P(HubErasure, ServeAppliesADueRetentionAtStart) {
  if (HasFatalFailure()) return;
  const std::string db = event_file().string();
  ASSERT_EQ(hub({"--db", db, "retention", "--days", "0"}).status, 0);
  std::string error;
  auto server = ServerProcess::start({"--db", db, "serve", "--listen", "127.0.0.1:0"}, dir_.file("serve.log"), error);
  ASSERT_TRUE(server) << error;
  std::string audit;
  for (int attempt = 0; attempt < 100 && audit.find("retention  by serve") == std::string::npos; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    audit = hub({"--db", db, "audit"}).output;
  }
  EXPECT_NE(audit.find("retention  by serve"), std::string::npos) << audit << server->log();
  EXPECT_EQ(server->stop(), 0);
  EXPECT_NE(server->log().find("retention of event " + std::to_string(event_) + ": 3 participants erased"),
            std::string::npos)
      << server->log();
  EXPECT_EQ(readable_in_file({&kZaneta, &kIgnace, &kPhilippa}), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Storage, HubErasure, ::testing::Values("sqlite"),
                         [](const ::testing::TestParamInfo<std::string>&) { return "Sqlite"; });

}  // namespace
}  // namespace passerelle::testing
