// `passerelle-hub serve` on PostgreSQL storage, with the organiser's commands as they are run:
// publish the event file, serve from the database, kiosks enrol, upload and download, pull the
// journal home, and the commands on `--db postgresql://...`.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

#include "core/store/store.h"
#include "core/text/fold.h"
#include "core/util/uuid.h"
#include "sync/protocol/sync_store.h"
#include "sync/protocol/wire.h"
#include "tests/hub/pg_backend.h"
#include "tests/hub/raw_socket.h"
#include "tests/hub/server_process.h"
#include "tests/integration/hub_runner.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

class PgServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = fresh_pg_database();
    if (!url) return;  // skipped, or failed, by fresh_pg_database
    url_ = *url;
    {
      auto store = Store::open(file());
      ASSERT_TRUE(store) << store.error().message;
      auto event = store->create_event(default_event_config("Served from PostgreSQL", "2026-01-01"));
      ASSERT_TRUE(event);
      event_ = *event;
      auto transaction = db::Transaction::begin(store->database());
      ASSERT_TRUE(transaction);
      people_ = generate_participants(3, 5);
      for (const auto& record : people_) ASSERT_TRUE(store->upsert_participant_in_transaction(event_, record));
      ASSERT_TRUE(transaction->commit());
    }
    const auto published = hub({"--db", file().string(), "publish", "--to", url_});
    ASSERT_EQ(published.status, 0) << published.output;
    EXPECT_NE(published.output.find("published event " + std::to_string(event_) + ": "), std::string::npos)
        << published.output;
    EXPECT_EQ(published.output.find(url_), std::string::npos) << "the URL may hold a password";
    const auto token = hub({"--db", url_, "token", "create", "--organiser"});
    ASSERT_EQ(token.status, 0) << token.output;
    organiser_ = first_line(token.output);
    std::string error;
    server_ = ServerProcess::start({"--db", url_, "serve", "--listen", "127.0.0.1:0", "--threads", "4"},
                                   dir_.file("server.log"), error);
    ASSERT_TRUE(server_) << error;
  }

  std::filesystem::path file() const { return dir_.file("event.db"); }

  std::unique_ptr<httplib::Client> client() const {
    auto made = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    made->set_tcp_nodelay(true);
    made->set_connection_timeout(30s);
    made->set_read_timeout(60s);
    return made;
  }

  static httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

  // Enrols through the organiser's command and the kiosk's call.
  sync::EnrolAnswer enrol(const std::string& name) {
    const auto run = hub({"--db", url_, "enrol", "--hub-url", server_->url()});
    EXPECT_EQ(run.status, 0) << run.output;
    auto ticket = sync::parse_enrolment_ticket(first_line(run.output));
    EXPECT_TRUE(ticket) << run.output;
    if (!ticket) return {};
    auto response =
        client()->Post("/v1/enrol", sync::to_json(sync::EnrolRequest{ticket->code, name, {}, 1}), "application/json");
    EXPECT_TRUE(response && response->status == 200) << (response ? response->body : "no answer");
    if (!response) return {};
    auto answer = sync::parse_enrol_answer(response->body);
    EXPECT_TRUE(answer) << response->body;
    return answer ? *answer : sync::EnrolAnswer{};
  }

  sync::WireEntry checkin(const std::string& device, std::int64_t seq, const std::string& external_id) const {
    sync::WireEntry entry;
    entry.uuid = make_uuid_v7(1767261600000 + seq);
    entry.device = device;
    entry.seq = seq;
    entry.event = event_;
    entry.kind = EntryKind::checkin;
    entry.outcome = Outcome::accepted;
    entry.participant = external_id;
    entry.checkpoint = "Entrance";
    entry.wall_ms = 1767261600000 + seq;
    entry.monotonic_ns = seq;
    entry.local_day = "2026-01-01";
    return entry;
  }

  std::optional<sync::ChangePage> changes(const sync::EnrolAnswer& device, std::int64_t after) {
    auto response = client()->Get("/v1/changes?after=" + std::to_string(after) + "&limit=1000", bearer(device.token));
    EXPECT_TRUE(response && response->status == 200) << (response ? response->body : "no answer");
    if (!response) return std::nullopt;
    auto page = sync::parse_change_page(response->body);
    EXPECT_TRUE(page) << response->body;
    return page ? std::optional<sync::ChangePage>(*page) : std::nullopt;
  }

  // An organiser's account for the event, its password "a long enough password", added as an
  // organiser does on PostgreSQL storage.
  void add_account(const std::string& name) {
    const auto added = run_command("printf '%s\\n' 'a long enough password' | " + shell_quote(PASSERELLE_HUB_BINARY) +
                                   " --db " + shell_quote(file().string()) + " account add " + name + " --event " +
                                   std::to_string(event_) + " --sync-db " + shell_quote(url_) + " 2>&1");
    ASSERT_TRUE(added.ok) << added.text;
  }

  TempDir dir_;
  std::string url_;
  std::int64_t event_ = 0;
  std::vector<ParticipantRecord> people_;
  std::string organiser_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(PgServeTest, KiosksSyncThroughTheDatabaseAndPullBringsTheJournalHome) {
  const auto a = enrol("Kiosk A");
  const auto b = enrol("Kiosk B");
  const std::vector entries{checkin(a.device_id, 1, people_[0].external_id),
                            checkin(a.device_id, 2, people_[1].external_id)};
  auto uploaded = client()->Post("/v1/upload", bearer(a.token),
                                 sync::to_json(sync::UploadBatch{a.device_id, 1, 0, entries}), "application/json");
  ASSERT_TRUE(uploaded);
  ASSERT_EQ(uploaded->status, 200) << uploaded->body;
  auto answer = sync::parse_upload_answer(uploaded->body);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->acked_seq, 2);

  auto page = changes(b, 0);
  ASSERT_TRUE(page);
  int participants = 0;
  std::vector<std::string> received;
  for (const auto& change : page->changes) {
    if (std::holds_alternative<sync::ParticipantChange>(change.data)) ++participants;
    if (const auto* entry = std::get_if<sync::WireEntry>(&change.data)) received.push_back(entry->uuid);
  }
  EXPECT_EQ(participants, 3);
  EXPECT_EQ(received, (std::vector{entries[0].uuid, entries[1].uuid}));

  // A registry change on the file reaches the kiosk once published.
  {
    auto store = Store::open(file());
    ASSERT_TRUE(store);
    auto person = store->find_by_external_id(event_, people_[2].external_id);
    ASSERT_TRUE(person && *person);
    ASSERT_TRUE(store->reissue_badge((*person)->id));
  }
  ASSERT_EQ(hub({"--db", file().string(), "publish", "--to", url_}).status, 0);
  auto later = changes(b, page->cursor);
  ASSERT_TRUE(later);
  ASSERT_EQ(later->changes.size(), 1u);
  const auto* reissued = std::get_if<sync::ParticipantChange>(&later->changes[0].data);
  ASSERT_NE(reissued, nullptr);
  EXPECT_EQ(reissued->badge_serial, 2);

  const auto devices = hub({"--db", url_, "devices"});
  ASSERT_EQ(devices.status, 0) << devices.output;
  EXPECT_NE(devices.output.find(a.device_id), std::string::npos) << devices.output;
  EXPECT_NE(devices.output.find("Kiosk B"), std::string::npos) << devices.output;
  auto report = client()->Get("/v1/events/" + std::to_string(event_) + "/reconciliation", bearer(organiser_));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->status, 200) << report->body;

  const auto pulled = hub({"--db", file().string(), "pull", "--from", url_});
  ASSERT_EQ(pulled.status, 0) << pulled.output;
  EXPECT_NE(pulled.output.find("2 entries stored"), std::string::npos) << pulled.output;
  const auto again = hub({"--db", file().string(), "pull", "--from", url_});
  ASSERT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("0 entries stored, 2 already held"), std::string::npos) << again.output;
  auto store = Store::open(file());
  ASSERT_TRUE(store);
  auto held = sync::SyncStore(*store).wire_entries(event_);
  ASSERT_TRUE(held);
  EXPECT_EQ(*held, entries);
}

// Issue #15: two hub processes serving one database; a check-in uploaded through one shows on an
// organiser's dashboard stream served by the other, without a reload (docs/LIVE_VIEW.md).
TEST_F(PgServeTest, ACheckInThroughOneHubReachesADashboardServedByAnother) {
  add_account("renee");
  std::string error;
  auto other = ServerProcess::start({"--db", url_, "serve", "--listen", "127.0.0.1:0"}, dir_.file("other.log"), error);
  ASSERT_TRUE(other) << error;
  httplib::Client page("127.0.0.1", other->port());
  auto login =
      page.Post("/login", "name=renee&password=a+long+enough+password&next=/", "application/x-www-form-urlencoded");
  ASSERT_TRUE(login);
  const auto cookie = login->get_header_value("Set-Cookie");
  ASSERT_TRUE(cookie.starts_with("psw=")) << login->status << " " << login->body;

  Socket stream(other->port());
  ASSERT_TRUE(stream.send_all("GET /web/events/" + std::to_string(event_) +
                              "/stream HTTP/1.1\r\nHost: hub\r\nCookie: " + cookie.substr(0, cookie.find(';')) +
                              "\r\n\r\n"));
  ASSERT_NE(stream.read_until("\"checked_in\":0").find("\"checked_in\":0"), std::string::npos) << stream.received();

  const auto kiosk = enrol("Kiosk A");
  auto uploaded =
      client()->Post("/v1/upload", bearer(kiosk.token),
                     sync::to_json(sync::UploadBatch{
                         kiosk.device_id, 1767261600000, 0, {checkin(kiosk.device_id, 1, people_[0].external_id)}}),
                     "application/json");
  ASSERT_TRUE(uploaded && uploaded->status == 200) << (uploaded ? uploaded->body : "no answer");
  EXPECT_NE(stream.read_until("\"checked_in\":1").find("\"checked_in\":1"), std::string::npos) << other->log();
}

// Issue #15: the participant pages on PostgreSQL storage. A logged-in organiser's search and a
// person's page answer from the database; the page's forms that revoke or reissue a badge are sent
// back with ?error=storage, as badges change on the event file and reach the database by publish,
// and a badge's PDF is refused (409) (docs/LIVE_VIEW.md, "Search and the participant page").
TEST_F(PgServeTest, AnOrganiserSearchesAndOpensAPageButChangesBadgesOnTheEventFile) {
  add_account("renee");
  httplib::Client page("127.0.0.1", server_->port());
  auto login =
      page.Post("/login", "name=renee&password=a+long+enough+password&next=/", "application/x-www-form-urlencoded");
  ASSERT_TRUE(login);
  const auto cookie = login->get_header_value("Set-Cookie");
  ASSERT_TRUE(cookie.starts_with("psw=")) << login->status << " " << login->body;
  const httplib::Headers session{{"Cookie", cookie.substr(0, cookie.find(';'))}};
  const std::string event = "/web/events/" + std::to_string(event_);

  // The name as typed, accents and all (percent-encoded), and folded as the search ignores them.
  const auto& person = people_[0];
  std::int64_t id = 0;
  for (const auto& text : {person.first_name + " " + person.last_name, fold_for_search(person.last_name)}) {
    std::string query;
    for (const unsigned char c : text) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      query += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : std::string{'%', kHex[c >> 4], kHex[c & 15]};
    }
    auto found = page.Get(event + "/search?q=" + query, session);
    ASSERT_TRUE(found);
    ASSERT_EQ(found->status, 200) << found->body;
    id = 0;
    const auto results = nlohmann::json::parse(found->body)["results"];
    for (const auto& result : results) {
      if (result["external_id"] == person.external_id) id = result["id"].get<std::int64_t>();
    }
    EXPECT_NE(id, 0) << text << ": " << found->body;
  }
  const std::string path = event + "/participants/" + std::to_string(id);
  auto card = page.Get(path, session);
  ASSERT_TRUE(card);
  ASSERT_EQ(card->status, 200) << card->body;
  const auto body = nlohmann::json::parse(card->body);
  EXPECT_EQ(body["participant"]["external_id"], person.external_id);
  EXPECT_EQ(body["participant"]["name"], person.first_name + " " + person.last_name);
  EXPECT_EQ(body["participant"]["badge_serial"], 1);
  EXPECT_EQ(page.Get(event + "/participants/999999", session)->status, 404);

  const std::string csrf = body["csrf"];
  for (const auto& [action, form] : {std::pair<std::string, std::string>("revoke", "reason=lost"),
                                     std::pair<std::string, std::string>("reissue", "")}) {
    auto refused =
        page.Post(path + "/" + action, session, "csrf=" + csrf + "&" + form, "application/x-www-form-urlencoded");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 303) << action << ": " << refused->body;
    EXPECT_EQ(refused->get_header_value("Location"),
              "/events/" + std::to_string(event_) + "/participants/" + std::to_string(id) + "?error=storage");
  }
  const auto after = nlohmann::json::parse(page.Get(path, session)->body);
  EXPECT_TRUE(after["revocations"].empty());
  EXPECT_EQ(after["participant"]["badge_serial"], 1);
  // Nor is a badge printed here: the event file holds the key that signs it.
  EXPECT_EQ(page.Get(path + "/badge.pdf", session)->status, 409);
}

TEST_F(PgServeTest, PublishAndPullCheckTheirArguments) {
  EXPECT_EQ(hub({"--db", file().string(), "publish"}).status, 3);
  EXPECT_EQ(hub({"--db", file().string(), "publish", "--to", "/tmp/not-a-url.db"}).status, 3);
  EXPECT_EQ(hub({"--db", url_, "publish", "--to", url_}).status, 3);
  EXPECT_EQ(hub({"--db", file().string(), "pull", "--from", url_, "--event", "99"}).status, 4);
  // Nobody listens on port 1.
  EXPECT_EQ(hub({"--db", file().string(), "publish", "--to", "postgresql://nobody@127.0.0.1:1/none"}).status, 1);
  const auto help = hub({"publish", "--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("Secret signing keys never leave the event file"), std::string::npos) << help.output;
}

}  // namespace
}  // namespace passerelle::testing
