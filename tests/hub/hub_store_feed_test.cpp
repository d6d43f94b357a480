// HubStore's suite, part two: the change feed, the live entries and reconciliation. Instantiated
// for every backend in hub_store_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <set>
#include <thread>

#include "core/store/b2b_store.h"
#include "core/store/store.h"
#include "core/util/uuid.h"
#include "sync/protocol/sync_store.h"
#include "tests/hub/hub_store_suite.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

std::set<std::string> uuids_of(const std::vector<sync::WireEntry>& entries) {
  std::set<std::string> uuids;
  for (const auto& entry : entries) uuids.insert(entry.uuid);
  return uuids;
}

TEST_P(HubStoreSuite, FirstDownloadHoldsTheRegistry) {
  const auto kiosk = enrol("Kiosk A");
  const auto counts = sort_changes(download_all(kiosk));
  ASSERT_EQ(counts.participants.size(), 5u);  // once each, though tags and codes were written apart
  std::set<std::string> ids;
  for (const auto& person : counts.participants) {
    ids.insert(person.record.external_id);
    EXPECT_EQ(person.event, event_);
    EXPECT_EQ(person.record.tags, std::vector<std::string>{"day1"});
    EXPECT_EQ(person.badge_serial, 1);
  }
  EXPECT_EQ(ids.size(), 5u);
  const auto& first = *std::find_if(counts.participants.begin(), counts.participants.end(),
                                    [](const auto& person) { return person.record.external_id == "EXT-1"; });
  EXPECT_EQ(first.record.ticket_codes, std::vector<std::string>{"T-1"});
  EXPECT_EQ(first.record.first_name, "First1");
  ASSERT_EQ(counts.keys.size(), 1u);  // made with the event
  EXPECT_EQ(counts.keys[0].event, event_);
  EXPECT_FALSE(counts.keys[0].retired_ms);
  EXPECT_TRUE(counts.entries.empty());
}

TEST_P(HubStoreSuite, FeedCarriesRegistryChangesOfOtherHubCommands) {
  const auto kiosk = enrol("Kiosk A");
  std::int64_t cursor = 0;
  {
    auto page = store_->changes(kiosk.principal, 0, sync::kMaxChangePage);
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_FALSE(page->more);
    EXPECT_EQ(page->remaining, 0);
    cursor = page->cursor;
  }
  auto serial = backend_->reissue_badge(event_, "EXT-2");
  ASSERT_TRUE(serial) << serial.error().message;
  ASSERT_TRUE(backend_->revoke_badge(event_, "EXT-3", 1, "lost"));
  auto key = backend_->add_signing_key(event_);
  ASSERT_TRUE(key);
  auto renamed = ParticipantRecord{};
  renamed.external_id = "EXT-4";
  renamed.ticket_codes = {"T-4", "T-4b"};
  renamed.first_name = "Renamed";
  renamed.last_name = "Last4";
  renamed.tags = {"day1", "day2"};
  ASSERT_TRUE(backend_->upsert_participants(event_, {renamed}));
  auto hub_entry = backend_->hub_checkin(event_, "EXT-5", "Entrance");
  ASSERT_TRUE(hub_entry) << hub_entry.error().message;

  const auto changes = download_all(kiosk, cursor);
  const auto counts = sort_changes(changes);
  ASSERT_EQ(counts.participants.size(), 2u);
  for (const auto& person : counts.participants) {
    if (person.record.external_id == "EXT-2") {
      EXPECT_EQ(person.badge_serial, *serial);
    } else {
      EXPECT_EQ(person.record.external_id, "EXT-4");
      EXPECT_EQ(person.record, renamed);
    }
  }
  ASSERT_EQ(counts.revocations.size(), 1u);
  EXPECT_EQ(counts.revocations[0].participant, "EXT-3");
  EXPECT_EQ(counts.revocations[0].badge_serial, 1);
  EXPECT_EQ(counts.revocations[0].reason, "lost");
  ASSERT_EQ(counts.keys.size(), 1u);
  EXPECT_EQ(counts.keys[0].key_id, *key);
  ASSERT_EQ(counts.entries.size(), 1u);
  EXPECT_EQ(counts.entries[0].uuid, *hub_entry);
  EXPECT_EQ(counts.entries[0].participant, "EXT-5");
  EXPECT_EQ(counts.entries[0].checkpoint, "Entrance");
}

// The door needs names, not contact details: a participant's email reaches no kiosk, on the wire
// or in its database after the page is applied (docs/THREAT_MODEL.md).
TEST_P(HubStoreSuite, AKioskHoldsNoEmailAfterASync) {
  auto person = ParticipantRecord{};
  person.external_id = "EXT-6";
  person.ticket_codes = {"T-6"};
  person.first_name = "Mail";
  person.last_name = "Holder";
  person.email = "mail.holder@example.org";
  ASSERT_TRUE(backend_->upsert_participants(event_, {person}));
  const auto kiosk = enrol("Kiosk A");
  auto page = store_->changes(kiosk.principal, 0, sync::kMaxChangePage);
  ASSERT_TRUE(page) << page.error().message;
  const std::string wire = sync::to_json(*page);
  EXPECT_EQ(wire.find("example.org"), std::string::npos) << "no email on the wire";

  TempDir dir;
  auto opened = Store::open(dir.file("kiosk.db"), clock_);
  ASSERT_TRUE(opened) << opened.error().message;
  auto local = std::move(*opened);
  ASSERT_EQ(*local.create_event(default_event_config("Hub suite", "2026-01-01")), event_);
  auto parsed = sync::parse_change_page(wire);
  ASSERT_TRUE(parsed) << parsed.error().message;
  auto applied = sync::SyncStore(local).apply_change_page(*parsed);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(applied->participants, 6);
  auto query = local.database().query("SELECT count(*), coalesce(sum(email <> ''), 0) FROM participant");
  ASSERT_TRUE(query && *query->step());
  EXPECT_EQ(query->column_int(0), 6);
  EXPECT_EQ(query->column_int(1), 0) << "no email in the kiosk's database";
}

TEST_P(HubStoreSuite, RetiredKeyReachesDevices) {
  const auto kiosk = enrol("Kiosk A");
  const auto before = download_all(kiosk);
  const auto old_key = sort_changes(before).keys.at(0).key_id;
  ASSERT_TRUE(backend_->add_signing_key(event_));
  ASSERT_TRUE(backend_->retire_signing_key(old_key));
  const auto keys = sort_changes(download_all(kiosk, before.back().seq)).keys;
  const auto retired = std::find_if(keys.begin(), keys.end(), [&](const auto& key) { return key.key_id == old_key; });
  ASSERT_NE(retired, keys.end());
  EXPECT_TRUE(retired->retired_ms.has_value());
}

TEST_P(HubStoreSuite, DeviceNeverReceivesItsOwnEntries) {
  const auto a = enrol("Kiosk A", {"a-before-enrolment"});
  const auto b = enrol("Kiosk B");
  const std::vector a_entries{scan(a.id(), 1), scan(a.id(), 2)};
  const std::vector a_old{scan("a-before-enrolment", 1)};
  const std::vector b_entries{scan(b.id(), 1)};
  upload(a, a_entries);
  upload(a, a_old);
  upload(b, b_entries);

  const auto to_a = uuids_of(sort_changes(download_all(a)).entries);
  EXPECT_EQ(to_a, uuids_of(b_entries));
  const auto to_b = uuids_of(sort_changes(download_all(b)).entries);
  EXPECT_EQ(to_b, (std::set<std::string>{a_entries[0].uuid, a_entries[1].uuid, a_old[0].uuid}));
  // Entries travel exactly as uploaded.
  const auto b_view = sort_changes(download_all(b)).entries;
  const auto same = std::find_if(b_view.begin(), b_view.end(), [&](const auto& e) { return e.uuid == a_old[0].uuid; });
  ASSERT_NE(same, b_view.end());
  EXPECT_EQ(*same, a_old[0]);
}

// A walk-in and an answer about a meeting (docs/B2B_AREA.md) name the partner, the meeting's start,
// the table and the answer; another kiosk receives them exactly so. A partner the hub does not know
// quarantines the entry, as an unknown participant does.
TEST_P(HubStoreSuite, MeetingEntriesTravelWithPartnerStartTableAndAnswer) {
  const auto a = enrol("Tables A");
  const auto b = enrol("Tables B");
  auto walk_in = checkin(a.id(), 1, "EXT-1");
  walk_in.kind = EntryKind::walkin_meeting;
  walk_in.partner = "EXT-2";
  walk_in.meeting_start_ms = walk_in.wall_ms;
  walk_in.table = "Hall Maas, table 7";
  auto answer = checkin(a.id(), 2, "EXT-2");
  answer.kind = EntryKind::feedback;
  answer.partner = "EXT-1";
  answer.meeting_start_ms = walk_in.wall_ms;
  answer.answer = "cooperation";
  auto stranger = answer;
  stranger.uuid = make_uuid_v7(clock_.wall_ms() + 1);
  stranger.seq = 3;
  stranger.partner = "EXT-404";
  const auto stored = upload(a, {walk_in, answer, stranger});
  ASSERT_EQ(stored.statuses.size(), 3u);
  EXPECT_EQ(stored.statuses[0].status, sync::EntryStatus::stored);
  EXPECT_EQ(stored.statuses[1].status, sync::EntryStatus::stored);
  EXPECT_EQ(stored.statuses[2].status, sync::EntryStatus::quarantined);
  const auto seen = sort_changes(download_all(b)).entries;
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], walk_in);
  EXPECT_EQ(seen[1], answer);
}

// Two kiosks at the tables (docs/B2B_AREA.md): a partner's scan at one kiosk reaches the other,
// whose meeting screen then says the partner came; each kiosk's journal holds both sides.
TEST_P(HubStoreSuite, AMeetingScanAtOneKioskIsSeenAtTheOther) {
  const auto a = enrol("Tables A");
  const auto b = enrol("Tables B");
  auto side_a = checkin(a.id(), 1, "EXT-1");
  side_a.kind = EntryKind::meeting_held;
  auto side_b = checkin(b.id(), 1, "EXT-2");
  side_b.kind = EntryKind::meeting_held;
  side_b.uuid = make_uuid_v7(clock_.wall_ms() + 1);
  ASSERT_EQ(upload(a, {side_a}).statuses.at(0).status, sync::EntryStatus::stored);
  ASSERT_EQ(upload(b, {side_b}).statuses.at(0).status, sync::EntryStatus::stored);

  TempDir dir;
  auto opened = Store::open(dir.file("kiosk-b.db"), clock_);
  ASSERT_TRUE(opened) << opened.error().message;
  auto kiosk_b = std::move(*opened);
  ASSERT_EQ(*kiosk_b.create_event(default_event_config("Hub suite", "2026-01-01")), event_);
  sync::SyncStore sync_b(kiosk_b);
  auto page = store_->changes(b.principal, 0, sync::kMaxChangePage);
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_TRUE(sync_b.apply_change_page(*page));
  const auto people = *kiosk_b.participants(event_);
  const auto first = std::find_if(people.begin(), people.end(),
                                  [](const Participant& person) { return person.record.external_id == "EXT-1"; });
  ASSERT_NE(first, people.end());
  const auto seen = meeting_scans(kiosk_b.database(), first->id, side_a.wall_ms - 1, side_a.wall_ms + 1);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(*seen, std::vector<std::int64_t>{side_a.wall_ms}) << "kiosk B sees A's side of the meeting";
}

// The fingerprint of an agenda printed on the hub (core/meetings/agenda_print.h) reaches the
// kiosks, so the door can say the agenda changed since; printing the same agenda again is no change,
// and a re-import of the participant keeps it.
TEST_P(HubStoreSuite, AnAgendaPrintedOnTheHubReachesTheKiosks) {
  const auto kiosk = enrol("Kiosk A");
  std::int64_t cursor = 0;
  const auto next_participants = [&] {
    auto page = store_->changes(kiosk.principal, cursor, sync::kMaxChangePage);
    EXPECT_TRUE(page) << page.error().message;
    if (!page) return std::vector<sync::ParticipantChange>{};
    EXPECT_FALSE(page->more);
    cursor = page->cursor;
    return sort_changes(page->changes).participants;
  };
  next_participants();
  const std::string fingerprint = "0123456789abcdef0123456789abcdef";
  ASSERT_TRUE(backend_->set_agenda_printed(event_, "EXT-3", fingerprint));
  auto changed = next_participants();
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].record.external_id, "EXT-3");
  EXPECT_EQ(changed[0].agenda_printed, fingerprint);

  ASSERT_TRUE(backend_->set_agenda_printed(event_, "EXT-3", fingerprint));
  EXPECT_TRUE(next_participants().empty()) << "the same agenda printed again";

  auto renamed = ParticipantRecord{};
  renamed.external_id = "EXT-3";
  renamed.ticket_codes = {"T-3"};
  renamed.first_name = "Renamed";
  renamed.last_name = "Last3";
  renamed.tags = {"day1"};
  ASSERT_TRUE(backend_->upsert_participants(event_, {renamed}));
  changed = next_participants();
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].record, renamed);
  EXPECT_EQ(changed[0].agenda_printed, fingerprint) << "an import leaves the hub's own state alone";

  // A kiosk that syncs from the start holds it after applying the page.
  TempDir dir;
  auto opened = Store::open(dir.file("kiosk-a.db"), clock_);
  ASSERT_TRUE(opened) << opened.error().message;
  auto kiosk_a = std::move(*opened);
  ASSERT_EQ(*kiosk_a.create_event(default_event_config("Hub suite", "2026-01-01")), event_);
  auto page = store_->changes(kiosk.principal, 0, sync::kMaxChangePage);
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_FALSE(page->more);
  ASSERT_TRUE(sync::SyncStore(kiosk_a).apply_change_page(*page));
  for (const auto& person : *kiosk_a.participants(event_)) {
    EXPECT_EQ(person.agenda_printed, person.record.external_id == "EXT-3" ? fingerprint : "")
        << person.record.external_id;
  }
}

// A walk-in recorded at a kiosk (docs/B2B_AREA.md, "Walk-ins") reaches another through the hub and
// is in the partner's agenda there; the same walk-in recorded by two kiosks is one meeting.
TEST_P(HubStoreSuite, AWalkInReachesTheOtherKioskAndTwoRecordsOfItAreOneMeeting) {
  const auto a = enrol("Tables A");
  const auto b = enrol("Tables B");
  const std::int64_t start = clock_.wall_ms() - clock_.wall_ms() % 60'000;
  auto at_a = checkin(a.id(), 1, "EXT-1");
  at_a.kind = EntryKind::walkin_meeting;
  at_a.partner = "EXT-2";
  at_a.meeting_start_ms = start;
  at_a.table = "table 3";
  auto at_b = checkin(b.id(), 1, "EXT-2");  // the same pair, the other way round, a moment later
  at_b.uuid = make_uuid_v7(clock_.wall_ms() + 5);
  at_b.kind = EntryKind::walkin_meeting;
  at_b.partner = "EXT-1";
  at_b.meeting_start_ms = start;
  at_b.table = "table 9";
  for (const auto& [kiosk, entry] : {std::pair{&a, &at_a}, std::pair{&b, &at_b}}) {
    const auto answer = upload(*kiosk, {*entry});
    ASSERT_EQ(answer.statuses.at(0).status, sync::EntryStatus::stored) << answer.statuses.at(0).reason;
  }

  TempDir dir;
  auto opened = Store::open(dir.file("kiosk-c.db"), clock_);
  ASSERT_TRUE(opened) << opened.error().message;
  auto kiosk = std::move(*opened);
  ASSERT_EQ(*kiosk.create_event(default_event_config("Hub suite", "2026-01-01")), event_);
  sync::SyncStore sync(kiosk);
  const auto c = enrol("Tables C");
  auto page = store_->changes(c.principal, 0, sync::kMaxChangePage);
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_TRUE(sync.apply_change_page(*page));
  const auto people = *kiosk.participants(event_);
  const auto second = std::find_if(people.begin(), people.end(),
                                   [](const Participant& person) { return person.record.external_id == "EXT-2"; });
  ASSERT_NE(second, people.end());
  const auto agenda = participant_agenda(kiosk.database(), second->id, start - 1, start + 1);
  ASSERT_TRUE(agenda) << agenda.error().message;
  ASSERT_EQ(agenda->size(), 1u) << "two kiosks' records of one walk-in are one meeting";
  EXPECT_TRUE(agenda->front().walk_in);
  EXPECT_EQ(agenda->front().table_label, "table 3") << "the earlier record's table";
  EXPECT_EQ(agenda->front().end_ms, start + 20 * 60'000) << "20 minutes where the event has no session";
  EXPECT_NE(agenda->front().partner_first_name, "");
}

TEST_P(HubStoreSuite, CursorPagesThroughTheFeedWithoutGapOrRepeat) {
  std::vector<ParticipantRecord> more;
  for (int i = 6; i <= 40; ++i) {
    ParticipantRecord record;
    record.external_id = "EXT-" + std::to_string(i);
    record.first_name = "F";
    record.last_name = "L" + std::to_string(i);
    record.tags = {"day1", "vip"};
    record.ticket_codes = {"T-" + std::to_string(i)};
    more.push_back(std::move(record));
  }
  ASSERT_TRUE(backend_->upsert_participants(event_, more));
  const auto kiosk = enrol("Kiosk A");

  std::set<std::string> seen;
  std::set<std::int64_t> seqs;
  std::int64_t cursor = 0;
  std::int64_t previous_remaining = -1;
  int pages = 0;
  for (bool more_pages = true; more_pages; ++pages) {
    auto page = store_->changes(kiosk.principal, cursor, 7);
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_LE(page->changes.size(), 7u);
    EXPECT_GT(page->cursor, cursor);
    if (previous_remaining >= 0) {
      EXPECT_LT(page->remaining, previous_remaining);
    }
    previous_remaining = page->remaining;
    for (const auto& change : page->changes) {
      EXPECT_TRUE(seqs.insert(change.seq).second) << "seq " << change.seq << " sent twice";
      if (const auto* person = std::get_if<sync::ParticipantChange>(&change.data)) {
        EXPECT_TRUE(seen.insert(person->record.external_id).second) << person->record.external_id << " twice";
      }
    }
    cursor = page->cursor;
    more_pages = page->more;
    ASSERT_LT(pages, 100);
  }
  EXPECT_EQ(seen.size(), 40u);
  EXPECT_GE(pages, 6);  // 40 participants and a key, 7 to a page
  EXPECT_EQ(previous_remaining, 0);

  // A later change arrives after the stored cursor, and only it.
  const auto b = enrol("Kiosk B");
  const auto entry = scan(b.id(), 1);
  upload(b, {entry});
  const auto rest = sort_changes(download_all(kiosk, cursor));
  EXPECT_TRUE(rest.participants.empty());
  EXPECT_EQ(uuids_of(rest.entries), (std::set<std::string>{entry.uuid}));
}

// Writers commit while a device pages through the feed: whatever order their transactions take,
// a row committed after the reader's page never lands at or below the cursor it was given.
TEST_P(HubStoreSuite, ConcurrentWritersNeverMakeTheCursorSkipARow) {
  const auto writer = enrol("Kiosk A");
  const auto reader = enrol("Kiosk B");
  constexpr int kBatches = 15;
  constexpr int kPerBatch = 8;
  constexpr int kPeople = 25;
  std::set<std::string> written;
  std::atomic<int> writers_done{0};
  std::thread uploads([&] {
    for (int b = 0; b < kBatches; ++b) {
      std::vector<sync::WireEntry> entries;
      for (int i = 1; i <= kPerBatch; ++i) entries.push_back(scan(writer.id(), b * kPerBatch + i));
      for (const auto& entry : entries) written.insert(entry.uuid);
      upload(writer, entries);
    }
    ++writers_done;
  });
  std::thread imports([&] {
    for (int i = 0; i < kPeople; ++i) {
      ParticipantRecord record;
      record.external_id = "LATE-" + std::to_string(i);
      record.first_name = "L";
      record.last_name = std::to_string(i);
      record.tags = {"a", "b"};
      EXPECT_TRUE(backend_->upsert_participants(event_, {record}));
    }
    ++writers_done;
  });

  std::set<std::string> entries_seen;
  std::set<std::string> people_seen;
  std::int64_t cursor = 0;
  bool failed = false;
  for (bool finished = false; !finished && !failed;) {
    const bool last_round = writers_done.load() == 2;  // read before paging: nothing comes after
    for (;;) {
      auto page = store_->changes(reader.principal, cursor, 5);
      if (!page) {
        ADD_FAILURE() << page.error().message;
        failed = true;  // no ASSERT here: the writer threads must be joined first
        break;
      }
      for (const auto& change : page->changes) {
        EXPECT_GT(change.seq, cursor);
        if (const auto* entry = std::get_if<sync::WireEntry>(&change.data)) entries_seen.insert(entry->uuid);
        if (const auto* person = std::get_if<sync::ParticipantChange>(&change.data)) {
          people_seen.insert(person->record.external_id);
        }
      }
      cursor = page->cursor;
      if (!page->more) break;
    }
    finished = last_round;
  }
  uploads.join();
  imports.join();
  EXPECT_EQ(entries_seen, written);
  for (int i = 0; i < kPeople; ++i) EXPECT_TRUE(people_seen.contains("LATE-" + std::to_string(i))) << i;
}

TEST_P(HubStoreSuite, PageLimitsAreChecked) {
  const auto kiosk = enrol("Kiosk A");
  EXPECT_EQ(store_->changes(kiosk.principal, 0, 0).error().code, Errc::invalid_input);
  EXPECT_EQ(store_->changes(kiosk.principal, 0, sync::kMaxChangePage + 1).error().code, Errc::invalid_input);
  EXPECT_EQ(store_->changes(kiosk.principal, -1, 10).error().code, Errc::invalid_input);
}

TEST_P(HubStoreSuite, LiveEntriesResumeAfterAFeedPosition) {
  const auto a = enrol("Kiosk A");
  const std::vector entries{scan(a.id(), 1), scan(a.id(), 2), scan(a.id(), 3)};
  upload(a, entries);
  auto all = store_->live_entries(event_, 0, 100);
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].entry, entries[0]);
  EXPECT_LT((*all)[0].seq, (*all)[1].seq);
  auto after_first = store_->live_entries(event_, (*all)[0].seq, 100);
  ASSERT_TRUE(after_first);
  ASSERT_EQ(after_first->size(), 2u);
  EXPECT_EQ((*after_first)[0].entry.uuid, entries[1].uuid);
  auto limited = store_->live_entries(event_, 0, 1);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->size(), 1u);
  EXPECT_TRUE(value_or_fail(store_->live_entries(event_ + 1, 0, 100), "live").empty());
}

TEST_P(HubStoreSuite, ReconcileComparesCountAndDigest) {
  const auto kiosk = enrol("Kiosk A");
  const std::vector entries{scan(kiosk.id(), 1), scan(kiosk.id(), 2), scan(kiosk.id(), 4)};
  upload(kiosk, entries);
  std::vector<std::string> uuids;
  for (const auto& entry : entries) uuids.push_back(entry.uuid);
  auto answer = store_->reconcile(kiosk.principal, {kiosk.id(), 3, sync::uuid_set_digest(uuids)});
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_TRUE(answer->matches);
  EXPECT_EQ(answer->hub_count, 3);
  EXPECT_EQ(answer->hub_sha256, sync::uuid_set_digest(uuids));
  EXPECT_EQ(answer->missing, (std::vector<sync::SequenceRange>{{3, 3}}));

  uuids.push_back(scan(kiosk.id(), 3).uuid);
  auto mismatch = store_->reconcile(kiosk.principal, {kiosk.id(), 4, sync::uuid_set_digest(uuids)});
  ASSERT_TRUE(mismatch);
  EXPECT_FALSE(mismatch->matches);
  EXPECT_EQ(store_->reconcile(kiosk.principal, {"not-mine", 0, ""}).error().code, Errc::conflict);

  auto rows = value_or_fail(store_->reconciliation(event_), "reconciliation");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].device_id, kiosk.id());
  EXPECT_EQ(rows[0].owner_device_id, kiosk.id());
  EXPECT_EQ(rows[0].owner_name, "Kiosk A");
  EXPECT_EQ(rows[0].count, 3);
  EXPECT_EQ(rows[0].sha256, answer->hub_sha256);
  EXPECT_EQ(rows[0].contiguous, 2);
  EXPECT_EQ(rows[0].highest, 4);
}

// A hub that ran before the codec bounded numbers (sync/protocol/wire.h) may hold any int64: the
// store is given them here as that codec passed them on. Kiosks must not stall on them, and the
// reports must summarise them without overflowing.
TEST_P(HubStoreSuite, ValuesStoredBeforeTheBoundsNeitherStallKiosksNorBreakReports) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  const auto attacker = enrol("Kiosk A", {"old-a"});
  const auto reader = enrol("Kiosk B");
  ASSERT_TRUE(store_->ingest(attacker.principal, batch("old-a", {scan("old-a", kMax)})));
  auto absurd = scan(attacker.id(), kMax);
  absurd.wall_ms = std::numeric_limits<std::int64_t>::min();
  auto extreme = batch(attacker.id(), {scan(attacker.id(), 1), absurd});
  extreme.clock_offset_ms = std::numeric_limits<std::int64_t>::min();
  auto stored = value_or_fail(store_->ingest(attacker.principal, extreme), "ingest");
  ASSERT_EQ(stored.statuses.size(), 2u);
  EXPECT_EQ(stored.acked_seq, 1);

  const auto entries = sort_changes(download_all(reader)).entries;
  ASSERT_EQ(entries.size(), 1u) << "an entry out of bounds is left out, the rest arrives";
  EXPECT_EQ(entries[0].seq, 1);

  const auto devices = value_or_fail(store_->devices(event_), "devices");
  const auto listed = std::find_if(devices.begin(), devices.end(),
                                   [&](const hub::DeviceInfo& device) { return device.device_id == attacker.id(); });
  ASSERT_NE(listed, devices.end());
  EXPECT_EQ(listed->clock_offset_ms, std::numeric_limits<std::int64_t>::min());
  ASSERT_EQ(listed->authored.size(), 2u);
  EXPECT_EQ(listed->authored[0].acked_seq, 1);
  EXPECT_EQ(listed->authored[0].highest_seq, kMax);
  EXPECT_EQ(listed->authored[0].missing, kMax - 2);
  EXPECT_EQ(listed->authored[1].highest_seq, kMax);
  EXPECT_EQ(listed->authored[1].missing, kMax - 1);

  const auto rows = value_or_fail(store_->reconciliation(event_), "reconciliation");
  const auto row = std::find_if(rows.begin(), rows.end(),
                                [&](const hub::DeviceReconciliation& r) { return r.device_id == attacker.id(); });
  ASSERT_NE(row, rows.end());
  EXPECT_EQ(row->contiguous, 1);
  EXPECT_EQ(row->highest, kMax);
  EXPECT_EQ(row->missing, (std::vector<sync::SequenceRange>{{2, kMax - 1}}));

  // The device goes on uploading.
  EXPECT_EQ(upload(attacker, {scan(attacker.id(), 2)}).acked_seq, 2);
}

}  // namespace
}  // namespace passerelle::testing
