// `passerelle-hub serve` as kiosks and organisers meet it: the real binary on 127.0.0.1:0, talked
// to with httplib's client.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <limits>
#include <thread>

#include "core/store/store.h"
#include "core/util/uuid.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "sync/protocol/wire.h"
#include "tests/hub/server_process.h"
#include "tests/hub/wire_entries.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;

struct SseEvent {
  std::string id;
  std::string type;
  std::string data;
};

// Splits a text/event-stream into events; comments and bare `retry:` blocks are not events.
class SseParser {
 public:
  std::vector<SseEvent> feed(std::string_view chunk) {
    buffer_.append(chunk);
    std::vector<SseEvent> events;
    for (auto end = buffer_.find("\n\n"); end != std::string::npos; end = buffer_.find("\n\n")) {
      const std::string block = buffer_.substr(0, end);
      buffer_.erase(0, end + 2);
      SseEvent event;
      bool has_data = false;
      std::size_t start = 0;
      while (start <= block.size()) {
        auto stop = block.find('\n', start);
        if (stop == std::string::npos) stop = block.size();
        const std::string line = block.substr(start, stop - start);
        start = stop + 1;
        if (line.starts_with("id: ")) event.id = line.substr(4);
        if (line.starts_with("event: ")) event.type = line.substr(7);
        if (line.starts_with("data: ")) {
          event.data = line.substr(6);
          has_data = true;
        }
      }
      if (has_data) events.push_back(std::move(event));
    }
    return events;
  }

 private:
  std::string buffer_;
};

class HubServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    {
      auto core = Store::open(db());
      ASSERT_TRUE(core) << core.error().message;
      auto event = core->create_event(default_event_config("Server test", "2026-01-01"));
      ASSERT_TRUE(event);
      event_ = *event;
      auto transaction = db::Transaction::begin(core->database());
      ASSERT_TRUE(transaction);
      for (const auto& record : generate_participants(3, 7)) {
        ASSERT_TRUE(core->upsert_participant_in_transaction(event_, record));
      }
      ASSERT_TRUE(transaction->commit());
    }
    auto store = hub::SqliteHubStore::open(db());
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    auto token = store_->create_organiser_token("test");
    ASSERT_TRUE(token);
    organiser_ = *token;
    start_server("127.0.0.1:0");
  }

  void start_server(const std::string& listen, const std::vector<std::string>& more = {}) {
    std::string error;
    std::vector<std::string> arguments{"--db", db().string(), "serve", "--listen", listen, "--threads", "6"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    server_ = ServerProcess::start(arguments, dir_.file("server.log"), error);
    ASSERT_TRUE(server_) << error;
  }

  std::filesystem::path db() const { return dir_.file("hub.db"); }

  std::unique_ptr<httplib::Client> client() const {
    auto made = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    made->set_tcp_nodelay(true);
    made->set_connection_timeout(30s);
    made->set_read_timeout(60s);
    made->set_write_timeout(60s);
    return made;
  }

  static httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

  sync::EnrolAnswer enrol(const std::string& name) {
    auto code = store_->create_enrolment_code(event_, 60'000, "");
    EXPECT_TRUE(code);
    if (!code) return {};
    auto response =
        client()->Post("/v1/enrol", sync::to_json(sync::EnrolRequest{code->code, name, {}, 1}), "application/json");
    EXPECT_TRUE(response);
    if (!response) return {};
    EXPECT_EQ(response->status, 200) << response->body;
    auto answer = sync::parse_enrol_answer(response->body);
    EXPECT_TRUE(answer) << response->body;
    return answer ? *answer : sync::EnrolAnswer{};
  }

  sync::UploadAnswer upload(const sync::EnrolAnswer& device, const std::vector<sync::WireEntry>& entries) {
    const sync::UploadBatch batch{entries.empty() ? device.device_id : entries.front().device, 1, 0, entries};
    auto response = client()->Post("/v1/upload", bearer(device.token), sync::to_json(batch), "application/json");
    EXPECT_TRUE(response);
    if (!response) return {};
    EXPECT_EQ(response->status, 200) << response->body;
    auto answer = sync::parse_upload_answer(response->body);
    EXPECT_TRUE(answer) << response->body;
    return answer ? *answer : sync::UploadAnswer{};
  }

  // Reads the event's live stream until `want` events came (or a generous deadline passed).
  std::vector<SseEvent> read_live(const httplib::Headers& headers, std::size_t want,
                                  const std::function<void(const SseEvent&)>& on_event = {}) {
    std::vector<SseEvent> events;
    SseParser parser;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    auto stream = client();
    stream->Get("/v1/events/" + std::to_string(event_) + "/live", headers, [&](const char* data, std::size_t size) {
      for (auto& event : parser.feed(std::string_view(data, size))) {
        if (events.size() == want) break;  // one chunk may carry more than asked for
        if (on_event) on_event(event);
        events.push_back(std::move(event));
      }
      return events.size() < want && std::chrono::steady_clock::now() < deadline;
    });
    return events;
  }

  static void expect_error_json(const httplib::Result& response, int status, const std::string& code) {
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, status) << response->body;
    EXPECT_EQ(response->get_header_value("Content-Type"), "application/json");
    EXPECT_NE(response->body.find("\"error\":{\"code\":\"" + code + "\""), std::string::npos) << response->body;
  }

  TempDir dir_;
  std::int64_t event_ = 0;
  std::unique_ptr<hub::SqliteHubStore> store_;
  std::string organiser_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(HubServerTest, HealthNeedsNoToken) {
  auto response = client()->Get("/v1/health");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "ok");
}

TEST_F(HubServerTest, EveryOtherCallNeedsTheRightToken) {
  const auto device = enrol("Kiosk A");
  auto http = client();
  expect_error_json(http->Get("/v1/changes"), 401, "unauthorized");
  expect_error_json(http->Get("/v1/changes", bearer("psd_forged")), 401, "unauthorized");
  expect_error_json(http->Post("/v1/upload", "{}", "application/json"), 401, "unauthorized");
  expect_error_json(http->Post("/v1/reconcile", "{}", "application/json"), 401, "unauthorized");
  expect_error_json(http->Get("/v1/events/1/live"), 401, "unauthorized");
  expect_error_json(http->Get("/v1/events/1/reconciliation"), 401, "unauthorized");
  // Organiser calls refuse device tokens, device calls refuse organiser tokens.
  expect_error_json(http->Get("/v1/events/1/reconciliation", bearer(device.token)), 403, "forbidden");
  expect_error_json(http->Get("/v1/changes", bearer(organiser_)), 403, "forbidden");
  // A device uploads only under its own ids.
  const sync::UploadBatch foreign{"someone-else", 1, 0, {testing::make_rejected_entry("someone-else", 1, event_)}};
  expect_error_json(http->Post("/v1/upload", bearer(device.token), sync::to_json(foreign), "application/json"), 403,
                    "forbidden");
  expect_error_json(http->Get("/v1/events/999/reconciliation", bearer(organiser_)), 404, "not_found");
}

TEST_F(HubServerTest, RevokedDeviceIsRefusedWith403) {
  const auto device = enrol("Kiosk A");
  auto http = client();
  auto before = http->Get("/v1/changes?after=0&limit=10", bearer(device.token));
  ASSERT_TRUE(before);
  EXPECT_EQ(before->status, 200);
  ASSERT_TRUE(store_->revoke_device(device.device_id));
  expect_error_json(http->Get("/v1/changes?after=0&limit=10", bearer(device.token)), 403, "revoked");
  const sync::UploadBatch batch{device.device_id, 1, 0, {testing::make_rejected_entry(device.device_id, 1, event_)}};
  expect_error_json(http->Post("/v1/upload", bearer(device.token), sync::to_json(batch), "application/json"), 403,
                    "revoked");
}

// docs/sync.md, "Devices and tokens": a device id is never handed on.
TEST_F(HubServerTest, EnrollingUnderAnotherDevicesIdIs409DeviceIdTaken) {
  const auto first = enrol("Kiosk A");
  upload(first, {testing::make_rejected_entry(first.device_id, 1, event_)});  // in use from now on
  ASSERT_TRUE(store_->revoke_device(first.device_id));
  auto code = store_->create_enrolment_code(event_, 60'000, "");
  ASSERT_TRUE(code);
  expect_error_json(
      client()->Post("/v1/enrol", sync::to_json(sync::EnrolRequest{code->code, "Usurper", {first.device_id}, 1}),
                     "application/json"),
      409, "device_id_taken");
}

// docs/sync.md, "Quarantine quota".
TEST_F(HubServerTest, AFullQuarantineIs429QuarantineFull) {
  server_.reset();
  start_server("127.0.0.1:0", {"--quarantine-quota", "1"});
  const auto device = enrol("Kiosk A");
  const auto filled =
      upload(device, {testing::make_rejected_entry(device.device_id, 1, event_ + 100)});  // another event's
  ASSERT_EQ(filled.statuses.size(), 1u);
  EXPECT_EQ(filled.statuses[0].status, sync::EntryStatus::quarantined);
  const sync::UploadBatch more{
      device.device_id, 1, 0, {testing::make_rejected_entry(device.device_id, 2, event_ + 100)}};
  expect_error_json(client()->Post("/v1/upload", bearer(device.token), sync::to_json(more), "application/json"), 429,
                    "quarantine_full");
  auto alerts = store_->alerts(event_);
  ASSERT_TRUE(alerts);
  EXPECT_TRUE(std::any_of(alerts->begin(), alerts->end(),
                          [](const hub::Alert& alert) { return alert.kind == hub::kQuarantineFullAlert; }));
}

TEST_F(HubServerTest, EnrolUploadAndDownloadOnAnotherDevice) {
  auto code = store_->create_enrolment_code(event_, 60'000, "");
  ASSERT_TRUE(code);
  auto http = client();
  auto enrolled = http->Post("/v1/enrol", sync::to_json(sync::EnrolRequest{code->code, "Kiosk A", {"old-id"}, 1}),
                             "application/json");
  ASSERT_TRUE(enrolled);
  ASSERT_EQ(enrolled->status, 200) << enrolled->body;
  const auto a = *sync::parse_enrol_answer(enrolled->body);
  EXPECT_EQ(a.event_id, event_);
  expect_error_json(
      http->Post("/v1/enrol", sync::to_json(sync::EnrolRequest{code->code, "Again", {}, 1}), "application/json"), 401,
      "bad_code");
  const auto b = enrol("Kiosk B");

  const std::vector entries{testing::make_rejected_entry(a.device_id, 1, event_),
                            testing::make_rejected_entry(a.device_id, 2, event_)};
  const std::vector old_entries{testing::make_rejected_entry("old-id", 1, event_)};
  auto answer = upload(a, entries);
  ASSERT_EQ(answer.statuses.size(), 2u);
  EXPECT_EQ(answer.statuses[0].status, sync::EntryStatus::stored);
  EXPECT_EQ(answer.acked_seq, 2);
  EXPECT_EQ(upload(a, old_entries).acked_seq, 1);
  EXPECT_EQ(upload(a, entries).statuses[1].status, sync::EntryStatus::duplicate);

  auto page = http->Get("/v1/changes?after=0&limit=1000", bearer(b.token));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  auto parsed = sync::parse_change_page(page->body);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_FALSE(parsed->more);
  std::vector<std::string> received;
  int participants = 0;
  for (const auto& change : parsed->changes) {
    if (const auto* entry = std::get_if<sync::WireEntry>(&change.data)) received.push_back(entry->uuid);
    if (std::holds_alternative<sync::ParticipantChange>(change.data)) ++participants;
  }
  EXPECT_EQ(participants, 3);
  EXPECT_EQ(received, (std::vector{entries[0].uuid, entries[1].uuid, old_entries[0].uuid}));

  auto own = sync::parse_change_page(http->Get("/v1/changes?after=0", bearer(a.token))->body);
  ASSERT_TRUE(own);
  for (const auto& change : own->changes) EXPECT_FALSE(std::holds_alternative<sync::WireEntry>(change.data));

  // Reconcile what A holds.
  const sync::ReconcileRequest mine{a.device_id, 2, sync::uuid_set_digest({entries[0].uuid, entries[1].uuid})};
  auto reconciled = http->Post("/v1/reconcile", bearer(a.token), sync::to_json(mine), "application/json");
  ASSERT_TRUE(reconciled);
  ASSERT_EQ(reconciled->status, 200) << reconciled->body;
  EXPECT_TRUE(sync::parse_reconcile_answer(reconciled->body)->matches);
  auto report = http->Get("/v1/events/" + std::to_string(event_) + "/reconciliation", bearer(organiser_));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->status, 200);
  EXPECT_NE(report->body.find(a.device_id), std::string::npos);
  EXPECT_NE(report->body.find("\"old-id\""), std::string::npos);
}

TEST_F(HubServerTest, LiveStreamResumesWithLastEventIdWithoutGapOrDuplicate) {
  const auto device = enrol("Kiosk A");
  std::vector<sync::WireEntry> entries;
  for (int seq = 1; seq <= 5; ++seq) entries.push_back(testing::make_rejected_entry(device.device_id, seq, event_));
  upload(device, {entries[0], entries[1], entries[2]});

  const auto first = read_live(bearer(organiser_), 2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].type, "entry");
  EXPECT_EQ(sync::parse_wire_entry(first[0].data)->uuid, entries[0].uuid);
  EXPECT_EQ(sync::parse_wire_entry(first[1].data)->uuid, entries[1].uuid);

  // Reconnect after the second; once the third arrives, upload two more while the stream waits.
  auto headers = bearer(device.token);
  headers.emplace("Last-Event-ID", first[1].id);
  std::thread uploader;
  const auto resumed = read_live(headers, 3, [&](const SseEvent& event) {
    if (!uploader.joinable() && sync::parse_wire_entry(event.data)->uuid == entries[2].uuid)
      uploader = std::thread([&] { upload(device, {entries[3], entries[4]}); });
  });
  if (uploader.joinable()) uploader.join();
  ASSERT_EQ(resumed.size(), 3u);
  std::int64_t previous = std::stoll(first[1].id);
  for (std::size_t i = 0; i < resumed.size(); ++i) {
    EXPECT_GT(std::stoll(resumed[i].id), previous);
    previous = std::stoll(resumed[i].id);
    EXPECT_EQ(sync::parse_wire_entry(resumed[i].data)->uuid, entries[i + 2].uuid);
  }
}

TEST_F(HubServerTest, LiveStreamOfAnotherEventIsRefusedToADevice) {
  const auto device = enrol("Kiosk A");
  expect_error_json(client()->Get("/v1/events/" + std::to_string(event_ + 1) + "/live", bearer(device.token)), 404,
                    "not_found");
  auto other = Store::open(db());
  ASSERT_TRUE(other);
  auto second_event = other->create_event(default_event_config("Other", "2026-01-01"));
  ASSERT_TRUE(second_event);
  expect_error_json(client()->Get("/v1/events/" + std::to_string(*second_event) + "/live", bearer(device.token)), 403,
                    "forbidden");
}

TEST_F(HubServerTest, MetricsNeedNoTokenOnLoopback) {
  const auto device = enrol("Kiosk A");
  upload(device, {testing::make_rejected_entry(device.device_id, 1, event_)});
  auto response = client()->Get("/metrics");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200) << response->body;
  EXPECT_NE(response->get_header_value("Content-Type").find("text/plain"), std::string::npos);
  EXPECT_NE(response->body.find("\npasserelle_entries_stored 1\n"), std::string::npos) << response->body;
  EXPECT_NE(response->body.find("passerelle_devices{state=\"active\"} 1"), std::string::npos);
  EXPECT_NE(response->body.find("passerelle_device_last_sync_seconds{device=\"" + device.device_id), std::string::npos);
}

TEST_F(HubServerTest, MetricsNeedAnOrganiserTokenOffLoopback) {
  ASSERT_EQ(server_->stop(), 0);
  start_server("0.0.0.0:0");  // beyond loopback: HTTPS with the identity made beside the database
  httplib::SSLClient tls("127.0.0.1", server_->port());
  tls.enable_server_certificate_verification(false);  // the pin is the kiosk's business, tested apart
  expect_error_json(tls.Get("/metrics"), 401, "unauthorized");
  auto response = tls.Get("/metrics", bearer(organiser_));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST_F(HubServerTest, BadJsonIs400WithAnErrorBody) {
  const auto device = enrol("Kiosk A");
  auto http = client();
  expect_error_json(http->Post("/v1/upload", bearer(device.token), "{not json", "application/json"), 400,
                    "bad_request");
  expect_error_json(http->Post("/v1/upload", bearer(device.token), "{\"device_id\": 5}", "application/json"), 400,
                    "bad_request");
  expect_error_json(http->Post("/v1/enrol", "[]", "application/json"), 400, "bad_request");
  expect_error_json(http->Get("/v1/changes?after=-3", bearer(device.token)), 400, "bad_request");
  expect_error_json(http->Get("/v1/changes?limit=5000", bearer(device.token)), 400, "bad_request");
  expect_error_json(http->Get("/v1/nowhere", bearer(device.token)), 404, "not_found");
}

TEST_F(HubServerTest, OversizeBodyIs413) {
  const auto device = enrol("Kiosk A");
  const std::string huge((8u << 20) + 1, ' ');
  expect_error_json(client()->Post("/v1/upload", bearer(device.token), huge, "application/json"), 413, "too_large");
  // The server is still there.
  auto health = client()->Get("/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

// The attack of issue #10: an enrolled kiosk uploads one entry nested 100,000 levels deep (200 KB).
// The hub refuses the upload before building the tree it would later re-serialise for the
// quarantine, and goes on serving.
TEST_F(HubServerTest, AnEntryNestedAHundredThousandLevelsIs400AndTheHubKeepsServing) {
  const auto device = enrol("Kiosk A");
  std::string body = sync::to_json(
      sync::UploadBatch{device.device_id, 1, 0, {testing::make_rejected_entry(device.device_id, 1, event_)}});
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  body.insert(body.rfind('}', body.rfind(']')), ",\"future\":" + deep);
  auto http = client();
  auto refused = http->Post("/v1/upload", bearer(device.token), body, "application/json");
  expect_error_json(refused, 400, "bad_request");
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->body.find("nested deeper than " + std::to_string(sync::kMaxJsonDepth)), std::string::npos)
      << refused->body.substr(0, 300);

  auto health = http->Get("/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto answer = upload(device, {testing::make_rejected_entry(device.device_id, 1, event_)});
  ASSERT_EQ(answer.statuses.size(), 1u);
  EXPECT_EQ(answer.statuses[0].status, sync::EntryStatus::stored);
  EXPECT_EQ(server_->stop(), 0) << "the hub survived: " << server_->log();
}

TEST_F(HubServerTest, NumbersOutOfBoundsAreRefusedOrQuarantinedNeverStored) {
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  const auto device = enrol("Kiosk A");
  auto http = client();
  auto post = [&](const sync::UploadBatch& batch) {
    return http->Post("/v1/upload", bearer(device.token), sync::to_json(batch), "application/json");
  };
  // An envelope no kiosk whose clock lies between 1970 and 2100 can send fails as a whole.
  const auto one = testing::make_rejected_entry(device.device_id, 1, event_);
  expect_error_json(post({device.device_id, 1, kMin, {one}}), 400, "bad_request");
  expect_error_json(post({device.device_id, kMax, 0, {one}}), 400, "bad_request");

  // Entries out of bounds are quarantined one by one, the rest stored.
  auto booted_in_1970 = testing::make_rejected_entry(device.device_id, 1, event_);
  booted_in_1970.wall_ms = 61'000;  // no real-time clock, NTP not yet answered
  booted_in_1970.local_day = "1970-01-01";
  auto before_1970 = testing::make_rejected_entry(device.device_id, 2, event_);
  before_1970.wall_ms = kMin;
  auto unreachable_seq = testing::make_rejected_entry(device.device_id, 3, event_);
  unreachable_seq.seq = kMax;
  const auto normal = testing::make_rejected_entry(device.device_id, 3, event_);
  auto response =
      post({device.device_id, 61'000, 1'767'261'600'000, {booted_in_1970, before_1970, unreachable_seq, normal}});
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200) << response->body;
  auto answer = sync::parse_upload_answer(response->body);
  ASSERT_TRUE(answer) << answer.error().message;
  ASSERT_EQ(answer->statuses.size(), 4u);
  EXPECT_EQ(answer->statuses[0].status, sync::EntryStatus::stored);
  EXPECT_EQ(answer->statuses[1].status, sync::EntryStatus::quarantined);
  EXPECT_EQ(answer->statuses[1].reason, "malformed");
  EXPECT_EQ(answer->statuses[2].status, sync::EntryStatus::quarantined);
  EXPECT_EQ(answer->statuses[3].status, sync::EntryStatus::stored);
  EXPECT_EQ(answer->acked_seq, 3) << "the quarantined seq 2 counts; INT64_MAX is no seq";
  auto quarantined = store_->quarantined(event_);
  ASSERT_TRUE(quarantined) << quarantined.error().message;
  for (const auto& entry : *quarantined) EXPECT_NE(entry.seq, kMax);

  auto code = store_->create_enrolment_code(event_, 60'000, "");
  ASSERT_TRUE(code);
  expect_error_json(
      http->Post("/v1/enrol", sync::to_json(sync::EnrolRequest{code->code, "B", {}, kMin}), "application/json"), 400,
      "bad_request");
  expect_error_json(
      http->Post("/v1/reconcile", bearer(device.token),
                 sync::to_json(sync::ReconcileRequest{device.device_id, -1, std::string(64, '0')}), "application/json"),
      400, "bad_request");
  const std::string past_bound = std::to_string(sync::kMaxSeq + 1);
  expect_error_json(http->Get("/v1/changes?after=" + past_bound, bearer(device.token)), 400, "bad_request");
  auto at_bound = http->Get("/v1/changes?after=" + std::to_string(sync::kMaxSeq), bearer(device.token));
  ASSERT_TRUE(at_bound);
  EXPECT_EQ(at_bound->status, 200) << at_bound->body;
  expect_error_json(http->Get("/v1/events/" + past_bound + "/reconciliation", bearer(organiser_)), 400, "bad_request");
}

// An entry a hub stored before the bounds existed (planted here in the event file) is left out
// of every kiosk's download, which would otherwise refuse the page for good.
TEST_F(HubServerTest, AnEntryStoredBeforeTheBoundsIsLeftOutOfTheFeed) {
  const auto writer = enrol("Kiosk A");
  const auto reader = enrol("Kiosk B");
  const auto good = testing::make_rejected_entry(writer.device_id, 1, event_);
  upload(writer, {good});
  {
    auto core = Store::open(db());
    ASSERT_TRUE(core) << core.error().message;
    auto insert = core->database().query(
        "INSERT INTO journal(uuid, device_id, seq, event_id, kind, outcome, code, wall_ms, monotonic_ns, local_day) "
        "VALUES (?, ?, ?, ?, 'rejected_scan', 'unknown_code', 'X', ?, ?, '2026-01-01')");
    ASSERT_TRUE(insert);
    ASSERT_TRUE(insert
                    ->bind_all(make_uuid_v7(1767261600000), writer.device_id, std::numeric_limits<std::int64_t>::max(),
                               event_, std::numeric_limits<std::int64_t>::min(),
                               std::numeric_limits<std::int64_t>::min())
                    .run());
  }
  auto page = client()->Get("/v1/changes?after=0", bearer(reader.token));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  auto parsed = sync::parse_change_page(page->body);
  ASSERT_TRUE(parsed) << parsed.error().message;
  std::vector<std::string> received;
  for (const auto& change : parsed->changes)
    if (const auto* entry = std::get_if<sync::WireEntry>(&change.data)) received.push_back(entry->uuid);
  EXPECT_EQ(received, std::vector{good.uuid});

  auto report = client()->Get("/v1/events/" + std::to_string(event_) + "/reconciliation", bearer(organiser_));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->status, 200) << report->body;
  EXPECT_NE(report->body.find("\"highest\":9223372036854775807"), std::string::npos) << report->body;
}

bool ci() {
  const char* value = std::getenv("CI");
  return value != nullptr && std::string(value) == "true";
}

// Debian's cpp-httplib is built with OpenSSL: serve speaks HTTPS with the given PEM files.
TEST_F(HubServerTest, ServesHttpsWithACertificate) {
  const auto cert = dir_.file("cert.pem");
  const auto key = dir_.file("key.pem");
  const auto made = run_command("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " +
                                shell_quote(key.string()) + " -out " + shell_quote(cert.string()) + " 2>&1");
  if (!made.ok) {
    if (ci()) FAIL() << "openssl could not make a certificate, and CI=true requires this test: " << made.text;
    GTEST_SKIP() << "no openssl command: " << made.text;
  }
  std::string error;
  auto tls = ServerProcess::start({"--db", db().string(), "serve", "--listen", "127.0.0.1:0", "--tls-cert",
                                   cert.string(), "--tls-key", key.string()},
                                  dir_.file("tls.log"), error);
  ASSERT_TRUE(tls) << error;
  EXPECT_TRUE(tls->url().starts_with("https://")) << tls->url();
  httplib::SSLClient client("127.0.0.1", tls->port());
  client.enable_server_certificate_verification(false);  // self-signed, made a moment ago
  client.set_read_timeout(60s);
  auto health = client.Get("/v1/health");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  EXPECT_EQ(tls->stop(), 0) << tls->log();
}

TEST_F(HubServerTest, StopsCleanlyWithALiveStreamOpen) {
  std::atomic<bool> connected{false};
  std::thread viewer([&] {
    auto stream = client();
    stream->Get("/v1/events/" + std::to_string(event_) + "/live", bearer(organiser_), [&](const char*, std::size_t) {
      connected = true;
      return true;
    });
  });
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (!connected && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(connected);
  EXPECT_EQ(server_->stop(), 0) << server_->log();
  viewer.join();  // the stream ended with the server
  EXPECT_NE(server_->log().find("stopped"), std::string::npos);
}

}  // namespace
}  // namespace passerelle::testing
