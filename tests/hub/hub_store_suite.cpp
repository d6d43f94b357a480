#include "tests/hub/hub_store_suite.h"

#include "core/util/uuid.h"

namespace passerelle::testing {

void HubStoreSuite::SetUp() {
  backend_ = GetParam().make(clock_);
  if (IsSkipped() || HasFailure()) return;  // e.g. no PostgreSQL here
  auto store = backend_->open_store(clock_);
  ASSERT_TRUE(store) << store.error().message;
  store_ = std::move(*store);
  auto config = default_event_config("Hub suite", "2026-01-01");
  auto event = backend_->create_event(config);
  ASSERT_TRUE(event) << event.error().message;
  event_ = *event;
  std::vector<ParticipantRecord> people;
  for (int i = 1; i <= 5; ++i) {
    ParticipantRecord record;
    record.external_id = "EXT-" + std::to_string(i);
    record.ticket_codes = {"T-" + std::to_string(i)};
    record.first_name = "First" + std::to_string(i);
    record.last_name = "Last" + std::to_string(i);
    record.tags = {"day1"};
    people.push_back(std::move(record));
  }
  auto imported = backend_->upsert_participants(event_, people);
  ASSERT_TRUE(imported) << imported.error().message;
}

HubStoreSuite::Device HubStoreSuite::enrol(const std::string& name, const std::vector<std::string>& previous_ids) {
  Device device;
  const auto code = value_or_fail(store_->create_enrolment_code(event_, 60'000, name), "enrolment code");
  const auto answer = value_or_fail(store_->enrol({code.code, name, previous_ids, clock_.wall_ms()}), "enrol");
  device.token = answer.token;
  const auto auth = value_or_fail(store_->authenticate(answer.token), "authenticate");
  EXPECT_EQ(auth.status, hub::AuthStatus::ok);
  device.principal = auth.principal;
  return device;
}

sync::WireEntry HubStoreSuite::scan(const std::string& device, std::int64_t seq) {
  sync::WireEntry entry;
  entry.uuid = make_uuid_v7(clock_.wall_ms());
  entry.device = device;
  entry.seq = seq;
  entry.event = event_;
  entry.kind = EntryKind::rejected_scan;
  entry.outcome = Outcome::unknown_code;
  entry.checkpoint = "Entrance";
  entry.code = "NOPE-" + std::to_string(seq);
  entry.wall_ms = clock_.wall_ms();
  entry.monotonic_ns = clock_.monotonic_ns();
  entry.local_day = "2026-01-01";
  return entry;
}

sync::WireEntry HubStoreSuite::checkin(const std::string& device, std::int64_t seq, const std::string& external_id) {
  auto entry = scan(device, seq);
  entry.kind = EntryKind::checkin;
  entry.outcome = Outcome::accepted;
  entry.participant = external_id;
  entry.code = "T-" + external_id.substr(4);
  return entry;
}

sync::IncomingBatch HubStoreSuite::batch(const std::string& device_id, const std::vector<sync::WireEntry>& entries) {
  sync::IncomingBatch batch;
  batch.device_id = device_id;
  batch.kiosk_time_ms = kStartMs;
  batch.clock_offset_ms = 1500;
  for (const auto& entry : entries) {
    sync::IncomingEntry incoming;
    incoming.entry = entry;
    incoming.raw_json = sync::to_json(entry);
    incoming.uuid = entry.uuid;
    incoming.seq = entry.seq;
    batch.entries.push_back(std::move(incoming));
  }
  return batch;
}

sync::UploadAnswer HubStoreSuite::upload(const Device& device, const std::vector<sync::WireEntry>& entries) {
  const std::string device_id = entries.empty() ? device.id() : entries.front().device;
  return value_or_fail(store_->ingest(device.principal, batch(device_id, entries)), "ingest");
}

std::vector<sync::Change> HubStoreSuite::download_all(const Device& device, std::int64_t after, int limit) {
  std::vector<sync::Change> all;
  for (int pages = 0; pages < 10'000; ++pages) {
    auto page = store_->changes(device.principal, after, limit);
    if (!page) {
      ADD_FAILURE() << "changes: " << page.error().message;
      return all;
    }
    EXPECT_GE(page->cursor, after);
    for (auto& change : page->changes) {
      EXPECT_GT(change.seq, after);
      EXPECT_LE(change.seq, page->cursor);
      all.push_back(std::move(change));
    }
    after = page->cursor;
    if (!page->more) return all;
  }
  ADD_FAILURE() << "the feed never ended";
  return all;
}

ChangeCounts sort_changes(const std::vector<sync::Change>& changes) {
  ChangeCounts counts;
  for (const auto& change : changes) {
    if (const auto* person = std::get_if<sync::ParticipantChange>(&change.data)) counts.participants.push_back(*person);
    if (const auto* revocation = std::get_if<sync::RevocationChange>(&change.data))
      counts.revocations.push_back(*revocation);
    if (const auto* key = std::get_if<sync::KeyChange>(&change.data)) counts.keys.push_back(*key);
    if (const auto* meeting = std::get_if<sync::MeetingChange>(&change.data)) counts.meetings.push_back(*meeting);
    if (const auto* entry = std::get_if<sync::WireEntry>(&change.data)) counts.entries.push_back(*entry);
  }
  return counts;
}

}  // namespace passerelle::testing
