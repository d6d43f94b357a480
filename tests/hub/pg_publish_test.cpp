// publish and pull between an event file and a PostgreSQL hub store (sync/hub/pg/pg_publish.h):
// what publish copies (and never copies: secret keys), that both are idempotent, and that an
// event belongs to the file it came from. Also checks of PgHubStore beyond the shared suite.
#include "sync/hub/pg/pg_publish.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <set>
#include <thread>

#include "core/store/b2b_store.h"
#include "core/store/store.h"
#include "core/util/uuid.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/protocol/sync_store.h"
#include "tests/hub/pg_backend.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

using hub::pg::PgConnection;
using hub::pg::PgHubStore;

constexpr std::int64_t kStartMs = 1767261600000;  // 2026-01-01 10:00 in Brussels

std::string hex_of(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  hex.pop_back();
  return hex;
}

std::string base64_of(std::string_view bytes, int variant) {
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    variant);
  text.resize(text.find('\0'));
  return text;
}

class PgPublishTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = fresh_pg_database();
    if (!url) return;  // skipped, or failed, by fresh_pg_database
    url_ = *url;
    auto store = Store::open(file(), clock_);
    ASSERT_TRUE(store) << store.error().message;
    auto event = store->create_event(default_event_config("Publish test", "2026-01-01"));
    ASSERT_TRUE(event) << event.error().message;
    event_ = *event;
    auto transaction = db::Transaction::begin(store->database());
    ASSERT_TRUE(transaction);
    for (const auto& record : generate_participants(6, 11))
      ASSERT_TRUE(store->upsert_participant_in_transaction(event_, record));
    ASSERT_TRUE(transaction->commit());
    auto ids = store->external_ids(event_);
    ASSERT_TRUE(ids);
    external_ids_ = *ids;
    std::sort(external_ids_.begin(), external_ids_.end());
  }

  std::filesystem::path file() const { return dir_.file("event.db"); }

  Store open_file() {
    auto store = Store::open(file(), clock_);
    EXPECT_TRUE(store) << store.error().message;
    return std::move(store).value();
  }

  PgConnection connect() {
    auto connection = PgConnection::connect(url_);
    EXPECT_TRUE(connection) << connection.error().message;
    return std::move(connection).value();
  }

  hub::pg::PublishSummary publish() {
    auto summary = hub::pg::publish_event(file(), url_, event_, clock_);
    EXPECT_TRUE(summary) << summary.error().message;
    return summary ? *summary : hub::pg::PublishSummary{};
  }

  hub::pg::PullSummary pull() {
    auto summary = hub::pg::pull_event(file(), url_, event_, clock_);
    EXPECT_TRUE(summary) << summary.error().message;
    return summary ? *summary : hub::pg::PullSummary{};
  }

  std::int64_t feed_rows() {
    auto connection = connect();
    auto rows = connection.query("SELECT count(*) FROM hub_feed");
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? rows->int64(0, 0) : -1;
  }

  // A meeting written as the scheduler would, straight into the file.
  void add_meeting(const std::string& a, const std::string& b, const std::string& table) {
    auto store = open_file();
    auto insert = store.database().query(
        "INSERT INTO meeting(event_id, participant_a, participant_b, slot_start_ms, slot_end_ms, table_label) "
        "SELECT ?1, (SELECT id FROM participant WHERE external_id = ?2), "
        "(SELECT id FROM participant WHERE external_id = ?3), ?4, ?4 + 1800000, ?5");
    ASSERT_TRUE(insert);
    ASSERT_TRUE(insert->bind_all(event_, a, b, kStartMs, table).run());
  }

  std::unique_ptr<hub::HubStore> open_hub() {
    auto store = PgHubStore::open(url_, clock_);
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::unique_ptr<hub::HubStore>(std::move(store).value()) : nullptr;
  }

  hub::Principal enrol(hub::HubStore& hub, const std::string& name) {
    auto code = hub.create_enrolment_code(event_, 60'000, name);
    EXPECT_TRUE(code) << code.error().message;
    auto answer = hub.enrol({code->code, name, {}, kStartMs});
    EXPECT_TRUE(answer) << answer.error().message;
    auto auth = hub.authenticate(answer->token);
    EXPECT_TRUE(auth);
    return auth->principal;
  }

  std::vector<sync::Change> download(hub::HubStore& hub, const hub::Principal& device) {
    std::vector<sync::Change> all;
    for (std::int64_t cursor = 0;;) {
      auto page = hub.changes(device, cursor, sync::kMaxChangePage);
      EXPECT_TRUE(page) << page.error().message;
      if (!page) return all;
      for (auto& change : page->changes) all.push_back(std::move(change));
      cursor = page->cursor;
      if (!page->more) return all;
    }
  }

  sync::WireEntry checkin(const std::string& device, std::int64_t seq, const std::string& external_id) {
    sync::WireEntry entry;
    entry.uuid = make_uuid_v7(kStartMs + seq);
    entry.device = device;
    entry.seq = seq;
    entry.event = event_;
    entry.kind = EntryKind::checkin;
    entry.outcome = Outcome::accepted;
    entry.participant = external_id;
    entry.checkpoint = "entrance";  // names match as core's do: ASCII case ignored
    entry.wall_ms = kStartMs + seq;
    entry.monotonic_ns = seq;
    entry.local_day = "2026-01-01";
    return entry;
  }

  sync::IncomingBatch batch(const std::string& device_id, const std::vector<sync::WireEntry>& entries) {
    sync::IncomingBatch batch;
    batch.device_id = device_id;
    for (const auto& entry : entries) batch.entries.push_back({entry, sync::to_json(entry), "", entry.uuid, entry.seq});
    return batch;
  }

  ManualClock clock_{kStartMs};
  TempDir dir_;
  std::string url_;
  std::int64_t event_ = 0;
  std::vector<std::string> external_ids_;
};

TEST_F(PgPublishTest, PublishCopiesTheRegistryThatKiosksDownload) {
  {
    auto store = open_file();
    auto person = store.find_by_external_id(event_, external_ids_[0]);
    ASSERT_TRUE(person && *person);
    ASSERT_TRUE(store.revoke_badge((*person)->id, 1, "lost"));
  }
  add_meeting(external_ids_[1], external_ids_[2], "T7");
  const auto summary = publish();
  EXPECT_EQ(summary.event_id, event_);
  EXPECT_TRUE(summary.event_changed);
  EXPECT_EQ(summary.participants, 6);
  EXPECT_EQ(summary.keys, 1);
  EXPECT_EQ(summary.revocations, 1);
  EXPECT_EQ(summary.meetings, 1);
  EXPECT_EQ(summary.feed_rows, 9);

  auto hub = open_hub();
  ASSERT_TRUE(hub);
  EXPECT_EQ(*hub->resolve_event(std::nullopt), event_);
  const auto device = enrol(*hub, "Kiosk A");
  auto file = open_file();
  int participants = 0;
  for (const auto& change : download(*hub, device)) {
    if (const auto* person = std::get_if<sync::ParticipantChange>(&change.data)) {
      ++participants;
      auto held = file.find_by_external_id(event_, person->record.external_id);
      ASSERT_TRUE(held && *held);
      EXPECT_EQ(person->record, (*held)->record);
      EXPECT_EQ(person->badge_serial, (*held)->badge_serial);
      EXPECT_EQ(person->badge_issued_s, (*held)->badge_issued_s);
    } else if (const auto* key = std::get_if<sync::KeyChange>(&change.data)) {
      auto held = file.find_signing_key(key->key_id);
      ASSERT_TRUE(held && *held);
      EXPECT_EQ(key->public_key, (*held)->public_key);
      EXPECT_EQ(key->created_ms, (*held)->created_ms);
    } else if (const auto* revocation = std::get_if<sync::RevocationChange>(&change.data)) {
      EXPECT_EQ(revocation->participant, external_ids_[0]);
      EXPECT_EQ(revocation->reason, "lost");
    } else if (const auto* meeting = std::get_if<sync::MeetingChange>(&change.data)) {
      EXPECT_EQ(meeting->participant_a, external_ids_[1]);
      EXPECT_EQ(meeting->table_label, "T7");
      EXPECT_EQ(meeting->status, "scheduled");
      EXPECT_GT(meeting->hub_id, 0);
    }
  }
  EXPECT_EQ(participants, 6);
  // The checkpoints came along: an upload naming one is stored.
  auto answer = hub->ingest(device, batch(device.device_id, {checkin(device.device_id, 1, external_ids_[3])}));
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->statuses.at(0).status, sync::EntryStatus::stored);
}

TEST_F(PgPublishTest, PublishingAgainAddsNothingAndAChangeAddsOneRow) {
  publish();
  const std::int64_t rows = feed_rows();
  EXPECT_GT(rows, 0);
  const auto again = publish();
  EXPECT_FALSE(again.event_changed);
  EXPECT_EQ(again.participants + again.keys + again.revocations + again.meetings + again.entries_stored, 0);
  EXPECT_EQ(again.feed_rows, 0);
  EXPECT_EQ(feed_rows(), rows);

  {
    auto store = open_file();
    auto person = store.find_by_external_id(event_, external_ids_[4]);
    ASSERT_TRUE(person && *person);
    ASSERT_TRUE(store.reissue_badge((*person)->id));
  }
  const auto changed = publish();
  EXPECT_EQ(changed.participants, 1);
  EXPECT_EQ(changed.feed_rows, 1);
  EXPECT_EQ(feed_rows(), rows + 1);
}

// The live view's search reads participant.search_folded (migration 10): publish writes core's
// folded text with the names, and fills a row published before the column existed (held '') with
// no feed row, as kiosks never see it.
TEST_F(PgPublishTest, PublishKeepsEachParticipantsSearchText) {
  publish();
  {
    auto store = open_file();
    auto person = store.find_by_external_id(event_, external_ids_[0]);
    ASSERT_TRUE(person && *person);
    auto record = (*person)->record;
    record.first_name = "Łukasz";
    record.last_name = "Straße";
    record.organisation = "Øresund";
    auto transaction = db::Transaction::begin(store.database());
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(store.upsert_participant_in_transaction(event_, record));
    ASSERT_TRUE(transaction->commit());
  }
  EXPECT_EQ(publish().participants, 1);
  auto connection = connect();
  const auto folded = [&] {
    auto rows = connection.query("SELECT search_folded FROM participant WHERE external_id = $1", external_ids_[0]);
    EXPECT_TRUE(rows && rows->rows() == 1);
    return rows && rows->rows() == 1 ? std::string(rows->text(0, 0)) : std::string("?");
  };
  EXPECT_EQ(folded(), "lukasz strasse oresund");

  ASSERT_TRUE(connection.query("UPDATE participant SET search_folded = ''"));
  const std::int64_t rows = feed_rows();
  const auto refilled = publish();
  EXPECT_EQ(refilled.participants, 0);
  EXPECT_EQ(refilled.feed_rows, 0);
  EXPECT_EQ(feed_rows(), rows);
  EXPECT_EQ(folded(), "lukasz strasse oresund");
  auto blank = connection.query("SELECT count(*) FROM participant WHERE search_folded = ''");
  ASSERT_TRUE(blank);
  EXPECT_EQ(blank->int64(0, 0), 0);
  auto hub = open_hub();
  ASSERT_TRUE(hub);
  auto found = hub->search_participants(event_, "STRASSE luk", 5);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->at(0).external_id, external_ids_[0]);
}

// What the live view reads beyond what kiosks download: the event's language, its checkpoints'
// kinds, its [b2b] session and how many meetings were requested; written once, then only on change.
TEST_F(PgPublishTest, PublishCopiesTheB2bSessionLanguageAndCheckpointKindsOnce) {
  EventConfig config = default_event_config("B2B forum", "2026-01-01");
  config.language = Language::de;
  config.checkpoints.push_back({"Tables", CheckpointRule::once_per_event, {}, CheckpointKind::b2b_area, "Hall A"});
  B2bSession session;
  session.day = "2026-01-01";
  session.start_minute = 9 * 60;
  session.afternoon_start_minute = 14 * 60;
  session.slot_minutes = 30;
  session.morning_slots = 4;
  session.tables = 6;
  session.grace_minutes = 10;
  session.areas = {{"Hall A", 1, 3}, {"Hall B", 4, 6}};
  config.b2b = session;
  std::int64_t forum = 0;
  {
    auto store = open_file();
    auto created = store.create_event(config);
    ASSERT_TRUE(created) << created.error().message;
    forum = *created;
    auto transaction = db::Transaction::begin(store.database());
    ASSERT_TRUE(transaction);
    std::vector<std::int64_t> ids;
    for (const auto& record : generate_participants(3, 5)) {
      ASSERT_TRUE(store.upsert_participant_in_transaction(forum, record));
      auto person = store.find_by_external_id(forum, record.external_id);
      ASSERT_TRUE(person && *person);
      ids.push_back((*person)->id);
    }
    ASSERT_TRUE(transaction->commit());
    ASSERT_TRUE(replace_meeting_requests(store.database(), forum,
                                         {{0, ids[0], ids[1], "any"}, {0, ids[1], ids[2], "morning"}}));
  }
  const auto live_input = [&]() -> report::ReportInput {
    auto hub = open_hub();
    if (!hub) return {};
    auto rows = hub->live_rows(forum, kStartMs);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? rows->input : report::ReportInput{};
  };
  const auto publish_forum = [&] {
    auto summary = hub::pg::publish_event(file(), url_, forum, clock_);
    EXPECT_TRUE(summary) << summary.error().message;
    return summary ? *summary : hub::pg::PublishSummary{};
  };

  EXPECT_TRUE(publish_forum().event_changed);
  auto input = live_input();
  EXPECT_EQ(input.event.language, Language::de);
  ASSERT_EQ(input.checkpoints.size(), 2u);
  EXPECT_EQ(input.checkpoints[0].kind, CheckpointKind::door);
  EXPECT_EQ(input.checkpoints[1].kind, CheckpointKind::b2b_area);
  EXPECT_EQ(input.checkpoints[1].b2b_area, "Hall A");
  ASSERT_TRUE(input.session);
  EXPECT_EQ(*input.session, session);
  EXPECT_EQ(input.meetings.requested, 2);

  const std::int64_t rows = feed_rows();
  const auto again = publish_forum();
  EXPECT_FALSE(again.event_changed);
  EXPECT_EQ(again.feed_rows, 0);
  EXPECT_EQ(feed_rows(), rows);

  // The session changed in the file: replaced whole. Then gone: gone here too.
  {
    auto store = open_file();
    ASSERT_TRUE(store.database().exec("UPDATE b2b_session SET tables = 8; DELETE FROM b2b_area WHERE name = 'Hall B'"));
  }
  EXPECT_TRUE(publish_forum().event_changed);
  session.tables = 8;
  session.areas.pop_back();
  input = live_input();
  ASSERT_TRUE(input.session);
  EXPECT_EQ(*input.session, session);
  {
    auto store = open_file();
    ASSERT_TRUE(store.database().exec("DELETE FROM b2b_area; DELETE FROM b2b_session"));
  }
  EXPECT_TRUE(publish_forum().event_changed);
  input = live_input();
  EXPECT_FALSE(input.session);
  EXPECT_EQ(input.meetings.requested, 0) << "no B2B figures without a session";
  EXPECT_EQ(feed_rows(), rows) << "kiosks have the session from their bundle, not from the feed";
}

TEST_F(PgPublishTest, NoSecretKeyByteReachesTheDatabase) {
  {
    auto store = open_file();
    ASSERT_TRUE(store.add_signing_key(event_, badge::generate_key_pair()));
  }
  publish();
  std::vector<std::string> secrets;
  std::vector<std::string> publics;
  {
    auto store = open_file();
    auto keys = store.database().query("SELECT secret_key, public_key FROM signing_key WHERE secret_key IS NOT NULL");
    ASSERT_TRUE(keys);
    for (;;) {
      auto has_row = keys->step();
      ASSERT_TRUE(has_row);
      if (!*has_row) break;
      const std::string secret = keys->column_blob(0);
      ASSERT_EQ(secret.size(), 64u);
      // The whole secret, and its seed half alone (Ed25519's secret key is seed + public key).
      for (const std::string_view part : {std::string_view(secret), std::string_view(secret).substr(0, 32)}) {
        secrets.push_back(hex_of(part));
        secrets.push_back(base64_of(part, sodium_base64_VARIANT_ORIGINAL));
        secrets.push_back(base64_of(part, sodium_base64_VARIANT_URLSAFE_NO_PADDING));
      }
      publics.push_back(hex_of(keys->column_blob(1)));
    }
  }
  ASSERT_EQ(publics.size(), 2u);

  auto connection = connect();
  auto columns = connection.query(
      "SELECT table_name::text, column_name::text FROM information_schema.columns "
      "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position");
  ASSERT_TRUE(columns) << columns.error().message;
  ASSERT_GT(columns->rows(), 50);
  // Every value of every column as text (bytea as hex), searched for each form of each secret;
  // the public keys, which must be there, show that the search finds what it looks for.
  auto occurrences = [&](const std::string& table, const std::string& column, const std::string& needle) {
    auto found = connection.execute("SELECT count(*) FROM " + std::string("\"") + table + "\" WHERE strpos(lower(\"" +
                                        column + "\"::text), lower($1)) > 0",
                                    needle);
    EXPECT_TRUE(found) << found.error().message;
    return found ? found->int64(0, 0) : 0;
  };
  std::int64_t public_hits = 0;
  for (int row = 0; row < columns->rows(); ++row) {
    const std::string table(columns->text(row, 0));
    const std::string column(columns->text(row, 1));
    for (const auto& secret : secrets) EXPECT_EQ(occurrences(table, column, secret), 0) << table << "." << column;
    for (const auto& key : publics) public_hits += occurrences(table, column, key);
  }
  EXPECT_EQ(public_hits, 2);
}

TEST_F(PgPublishTest, AnEventBelongsToTheFileItWasPublishedFrom) {
  publish();
  TempDir other_dir;
  const auto other = other_dir.file("other.db");
  {
    auto store = Store::open(other, clock_);
    ASSERT_TRUE(store);
    auto event = store->create_event(default_event_config("Same id, other file", "2026-01-01"));
    ASSERT_TRUE(event);
    ASSERT_EQ(*event, event_);
  }
  auto refused = hub::pg::publish_event(other, url_, event_, clock_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::conflict);
  auto not_pulled = hub::pg::pull_event(other, url_, event_, clock_);
  ASSERT_FALSE(not_pulled);
  EXPECT_EQ(not_pulled.error().code, Errc::conflict);
}

TEST_F(PgPublishTest, PullBringsTheJournalHomeOnceAndPublishDoesNotSendItBack) {
  auto never = hub::pg::pull_event(file(), url_, event_, clock_);
  ASSERT_FALSE(never);
  EXPECT_EQ(never.error().code, Errc::not_found);
  publish();
  auto hub = open_hub();
  ASSERT_TRUE(hub);
  const auto a = enrol(*hub, "Kiosk A");
  const auto b = enrol(*hub, "Kiosk B");
  const auto first = checkin(a.device_id, 1, external_ids_[0]);
  auto second = checkin(b.device_id, 1, external_ids_[0]);  // the same person at another door
  second.uuid = make_uuid_v7(kStartMs + 5000);
  second.wall_ms += 5000;
  ASSERT_TRUE(hub->ingest(a, batch(a.device_id, {first, checkin(a.device_id, 2, external_ids_[1])})));
  ASSERT_TRUE(hub->ingest(b, batch(b.device_id, {second})));
  const std::int64_t rows = feed_rows();

  const auto pulled = pull();
  EXPECT_EQ(pulled.event_id, event_);
  EXPECT_EQ(pulled.stored, 3);
  EXPECT_EQ(pulled.duplicates, 0);
  EXPECT_EQ(pulled.refused, 0);
  EXPECT_EQ(pulled.doubles, 1);
  {
    auto store = open_file();
    auto entries = sync::SyncStore(store).wire_entries(event_);
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->size(), 3u);
    // Stored under the checkpoint's own name, which the entry gave in other case.
    const auto home =
        std::find_if(entries->begin(), entries->end(), [&](const auto& e) { return e.uuid == first.uuid; });
    ASSERT_NE(home, entries->end());
    EXPECT_EQ(home->checkpoint, "Entrance");
    EXPECT_EQ(home->participant, first.participant);
    auto doubles = sync::SyncStore(store).double_checkins(event_);
    ASSERT_TRUE(doubles);
    ASSERT_EQ(doubles->size(), 1u);
    EXPECT_EQ((*doubles)[0].first_uuid, first.uuid);
    // Attendance on the file counts the person once.
    auto attendance = store.attendance(event_);
    ASSERT_TRUE(attendance);
    const auto checked_in = std::count_if(attendance->begin(), attendance->end(),
                                          [](const AttendanceRow& row) { return row.first_checkin_ms(0).has_value(); });
    EXPECT_EQ(checked_in, 2);
  }
  const auto again = pull();
  EXPECT_EQ(again.stored, 0);
  EXPECT_EQ(again.duplicates, 3);
  // The pulled entries are the database's already: publishing sends nothing back.
  const auto published = publish();
  EXPECT_EQ(published.entries_stored, 0);
  EXPECT_EQ(published.feed_rows, 0);
  EXPECT_EQ(feed_rows(), rows);
}

TEST_F(PgPublishTest, ConcurrentCheckinsOfOnePersonAreFlaggedOnce) {
  publish();
  auto hub = open_hub();
  ASSERT_TRUE(hub);
  constexpr int kKiosks = 4;
  std::vector<hub::Principal> kiosks;
  for (int i = 0; i < kKiosks; ++i) kiosks.push_back(enrol(*hub, "Kiosk " + std::to_string(i)));
  // Four doors accept one person at the same moment, each on its own connection: however the
  // transactions interleave, every later one sees an earlier one and is paired with it.
  std::vector<std::thread> uploads;
  for (int i = 0; i < kKiosks; ++i) {
    uploads.emplace_back([&, i] {
      auto entry = checkin(kiosks[static_cast<std::size_t>(i)].device_id, 1, external_ids_[5]);
      entry.uuid = make_uuid_v7(kStartMs + i);
      entry.wall_ms = kStartMs + i;
      auto answer = hub->ingest(kiosks[static_cast<std::size_t>(i)], batch(entry.device, {entry}));
      EXPECT_TRUE(answer) << answer.error().message;
    });
  }
  for (auto& thread : uploads) thread.join();
  auto alerts = hub->alerts(event_);
  ASSERT_TRUE(alerts);
  EXPECT_EQ(alerts->size(), static_cast<std::size_t>(kKiosks - 1));
  for (const auto& alert : *alerts) EXPECT_EQ(alert.kind, "double_checkin");
}

TEST_F(PgPublishTest, ImportsRacingEachOtherStoreEachEntryOnce) {
  publish();
  auto hub = open_hub();
  ASSERT_TRUE(hub);
  auto token = hub->create_organiser_token("desk");
  ASSERT_TRUE(token);
  const auto organiser = hub->authenticate(*token)->principal;
  std::vector<sync::WireEntry> entries;
  for (int seq = 1; seq <= 200; ++seq) {
    auto entry = checkin("usb-kiosk", seq, external_ids_[0]);
    entry.checkpoint = "Entrance";
    entry.kind = EntryKind::rejected_scan;  // no double check-ins: only the race is under test
    entry.outcome = Outcome::unknown_code;
    entry.participant.reset();
    entries.push_back(entry);
  }
  // One kiosk's journal file imported four times at once (an organiser's imports take no device
  // lock): each entry is stored by one import and a duplicate for the others, whoever gets there
  // first, however their reads and writes interleave.
  std::vector<sync::UploadAnswer> answers(4);
  std::vector<std::thread> imports;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    imports.emplace_back([&, i] {
      auto answer = hub->ingest(organiser, batch("usb-kiosk", entries));
      EXPECT_TRUE(answer) << answer.error().message;
      if (answer) answers[i] = *answer;
    });
  }
  for (auto& thread : imports) thread.join();
  for (std::size_t e = 0; e < entries.size(); ++e) {
    std::multiset<sync::EntryStatus> statuses;
    std::string reasons;
    for (const auto& answer : answers) {
      statuses.insert(answer.statuses.at(e).status);
      reasons += " " + answer.statuses.at(e).reason;
    }
    EXPECT_EQ(statuses, (std::multiset{sync::EntryStatus::stored, sync::EntryStatus::duplicate,
                                       sync::EntryStatus::duplicate, sync::EntryStatus::duplicate}))
        << "entry " << e << ":" << reasons;
  }
  auto metrics = hub->metrics();
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->entries_stored, 200);
  EXPECT_EQ(metrics->entries_quarantined, 0);
}

TEST_F(PgPublishTest, StoreRefusesADatabaseFromANewerHub) {
  publish();
  {
    auto connection = connect();
    ASSERT_TRUE(connection.exec_script("UPDATE passerelle_schema_version SET version = version + 1"));
  }
  auto store = PgHubStore::open(url_, clock_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Errc::unsupported);
  EXPECT_EQ(PgHubStore::open("postgresql://nobody@127.0.0.1:1/none", clock_).error().code, Errc::io);
}

}  // namespace
}  // namespace passerelle::testing
