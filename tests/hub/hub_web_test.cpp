// The organisers' live view on the hub's server (docs/LIVE_VIEW.md): logging in and out, the
// session cookie, CSRF and same-site checks, the login limits, an organiser confined to their
// events, the figures and their stream (resumed without a check-in counted twice), and the
// pages' files. An in-process hub on loopback, driven over HTTP as a browser would.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/auth/password.h"
#include "core/store/store.h"
#include "sync/hub/server/web_assets.h"
#include "sync/tls/self_signed.h"
#include "tests/hub/in_process_hub.h"
#include "tests/hub/raw_socket.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "correct horse battery";

class HubWebTest : public InProcessHubTest {
 protected:
  void SetUp() override {
    InProcessHubTest::SetUp();
    ParticipantRecord record;
    record.external_id = "P1";
    record.first_name = "Renée";
    record.last_name = "Dupont";
    record.organisation = "Acme";
    record.country = "FR";
    add_person(record);
    {
      auto core = Store::open(db());
      ASSERT_TRUE(core) << core.error().message;
      auto other = core->create_event(default_event_config("Other", "2026-01-02"));
      ASSERT_TRUE(other);
      other_event_ = *other;
    }
    auto hash = hash_password(kPassword);
    ASSERT_TRUE(hash) << hash.error().message;
    ASSERT_TRUE(store_->add_account("renee", *hash, {event_}));
    ASSERT_TRUE(store_->add_account("otto", *hash, {other_event_}));
  }

  // Into the event file, as an import would.
  void add_person(const ParticipantRecord& record) {
    auto core = Store::open(db());
    ASSERT_TRUE(core) << core.error().message;
    auto transaction = db::Transaction::begin(core->database(), db::Transaction::Kind::immediate);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(core->upsert_participant_in_transaction(event_, record));
    ASSERT_TRUE(transaction->commit());
  }

  void start_web(hub::WebSettings web = {}) {
    hub::ServerOptions options;
    options.web = std::move(web);
    start(std::move(options));
  }

  static std::string form(const std::string& name, const std::string& password, const std::string& next = "/") {
    return "name=" + name + "&password=" + password + "&next=" + next;
  }

  httplib::Result login(const std::string& name, const std::string& password, const std::string& next = "/") {
    return client()->Post("/login", form(name, password, next), "application/x-www-form-urlencoded");
  }

  // The session cookie's value from a login's answer; empty when none was set.
  static std::string session_of(const httplib::Result& answer) {
    if (!answer || !answer->has_header("Set-Cookie")) return {};
    const auto cookie = answer->get_header_value("Set-Cookie");
    const auto start = cookie.find("psw=");
    if (start != 0) return {};
    return cookie.substr(4, cookie.find(';') - 4);
  }

  std::string logged_in(const std::string& name = "renee") {
    auto answer = login(name, kPassword);
    EXPECT_TRUE(answer && answer->status == 303);
    return session_of(answer);
  }

  static httplib::Headers with_session(const std::string& session) { return {{"Cookie", "psw=" + session}}; }

  void check_in(const sync::EnrolAnswer& device, std::int64_t seq) {
    sync::WireEntry entry;
    entry.uuid = make_uuid_v7(clock_.wall_ms());
    entry.device = device.device_id;
    entry.seq = seq;
    entry.event = event_;
    entry.kind = EntryKind::checkin;
    entry.outcome = Outcome::accepted;
    entry.participant = "P1";
    entry.checkpoint = "Entrance";
    entry.code = "P1";
    // On the event's day (the fixture's event is on 2026-01-01): presences on other days are not
    // counted, as in the report.
    entry.wall_ms = 1767258000000 + seq * 60'000;  // 2026-01-01 10:00 in Brussels, then a minute a seq
    entry.local_day = "2026-01-01";
    sync::UploadBatch batch{device.device_id, clock_.wall_ms(), 0, {entry}};
    auto answer = client()->Post("/v1/upload", bearer(device.token), sync::to_json(batch), "application/json");
    ASSERT_TRUE(answer && answer->status == 200) << (answer ? answer->body : "no answer");
  }

  std::string stream_request(const std::string& session, const std::string& last_id = "") const {
    std::string request = "GET /web/events/" + std::to_string(event_) +
                          "/stream HTTP/1.1\r\nHost: hub\r\nCookie: psw=" + session + "\r\n";
    if (!last_id.empty()) request += "Last-Event-ID: " + last_id + "\r\n";
    return request + "\r\n";
  }

  // The figures events in what a stream sent: (id, data).
  static std::vector<std::pair<std::string, json>> figures_in(const std::string& text) {
    std::vector<std::pair<std::string, json>> found;
    std::size_t at = 0;
    while ((at = text.find("id: ", at)) != std::string::npos) {
      const auto id_end = text.find('\n', at);
      const auto data = text.find("data: ", id_end);
      const auto data_end = text.find('\n', data);
      if (id_end == std::string::npos || data == std::string::npos || data_end == std::string::npos) break;
      auto parsed = json::parse(text.substr(data + 6, data_end - data - 6), nullptr, false);
      if (!parsed.is_discarded()) found.emplace_back(text.substr(at + 4, id_end - at - 4), std::move(parsed));
      at = data_end;
    }
    return found;
  }

  std::int64_t other_event_ = 0;
};

TEST_F(HubWebTest, LogsInWithTheRightPasswordOnly) {
  start_web();
  auto wrong = login("renee", "not the password at all");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 303);
  EXPECT_EQ(wrong->get_header_value("Location"), "/login?error=wrong");
  EXPECT_TRUE(session_of(wrong).empty());

  auto unknown = login("nobody", kPassword);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->get_header_value("Location"), "/login?error=wrong");  // the same answer: names stay secret

  auto right = login("RENEE", kPassword, "/events/" + std::to_string(event_));
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 303);
  EXPECT_EQ(right->get_header_value("Location"), "/events/" + std::to_string(event_));
  const auto cookie = right->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP on loopback
  const auto session = session_of(right);
  ASSERT_TRUE(session.starts_with("psw_"));

  auto me = client()->Get("/web/session", with_session(session));
  ASSERT_TRUE(me);
  ASSERT_EQ(me->status, 200) << me->body;
  const auto body = json::parse(me->body);
  EXPECT_EQ(body["account"], "renee");
  ASSERT_EQ(body["events"].size(), 1u);
  EXPECT_EQ(body["events"][0]["id"], event_);
  EXPECT_EQ(body["events"][0]["name"], "Limits");
  EXPECT_EQ(body["csrf"].get<std::string>().size(), 43u);
  EXPECT_EQ(me->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(me->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
}

TEST_F(HubWebTest, OverTlsTheSessionCookieIsSecure) {
  auto identity = sync::tls::ensure_self_signed(dir_.file("tls"), "127.0.0.1");
  ASSERT_TRUE(identity) << identity.error().message;
  hub::ServerOptions options;
  options.tls_certificate = identity->certificate.string();
  options.tls_private_key = identity->private_key.string();
  start(options);
  httplib::SSLClient tls("127.0.0.1", port_);
  tls.enable_server_certificate_verification(false);
  auto answer = tls.Post("/login", form("renee", kPassword), "application/x-www-form-urlencoded");
  ASSERT_TRUE(answer) << httplib::to_string(answer.error());
  EXPECT_EQ(answer->status, 303);
  EXPECT_NE(answer->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
  auto me = tls.Get("/web/session", with_session(session_of(answer)));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
}

TEST_F(HubWebTest, RefusesWithoutASession) {
  start_web();
  auto none = client()->Get("/web/session");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  auto made_up = client()->Get("/web/session", with_session("psw_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
  ASSERT_TRUE(made_up);
  EXPECT_EQ(made_up->status, 401);
  // A bearer token is not a session, and a session is not a bearer token.
  auto bearer_only = client()->Get("/web/session", bearer(organiser_));
  ASSERT_TRUE(bearer_only);
  EXPECT_EQ(bearer_only->status, 401);
  const auto session = logged_in();
  auto as_bearer = client()->Get("/v1/events/" + std::to_string(event_) + "/reconciliation", bearer(session));
  ASSERT_TRUE(as_bearer);
  EXPECT_EQ(as_bearer->status, 401);
}

TEST_F(HubWebTest, AnExpiredSessionIsRefused) {
  hub::WebSettings web;
  web.session_ttl = std::chrono::milliseconds(1);
  start_web(web);
  const auto session = logged_in();
  ASSERT_FALSE(session.empty());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto expired = client()->Get("/web/session", with_session(session));
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->status, 401);
}

TEST_F(HubWebTest, AnOrganiserSeesOnlyTheirEvents) {
  start_web();
  const auto otto = logged_in("otto");
  auto figures = client()->Get("/web/events/" + std::to_string(event_) + "/figures", with_session(otto));
  ASSERT_TRUE(figures);
  EXPECT_EQ(figures->status, 403);
  auto missing = client()->Get("/web/events/999/figures", with_session(otto));
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 403);  // as for an event that exists: ids tell nothing
  auto stream = client()->Get("/web/events/" + std::to_string(event_) + "/stream", with_session(otto));
  ASSERT_TRUE(stream);
  EXPECT_EQ(stream->status, 403);
  auto own = client()->Get("/web/events/" + std::to_string(other_event_) + "/figures", with_session(otto));
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200) << own->body;
}

TEST_F(HubWebTest, LogOutNeedsTheSessionsCsrfTokenAndEndsIt) {
  start_web();
  const auto session = logged_in();
  const auto csrf = json::parse(client()->Get("/web/session", with_session(session))->body)["csrf"].get<std::string>();
  auto without = client()->Post("/logout", with_session(session), "csrf=", "application/x-www-form-urlencoded");
  ASSERT_TRUE(without);
  EXPECT_EQ(without->status, 403);
  EXPECT_NE(without->body.find("bad_csrf"), std::string::npos);
  const auto other = logged_in();  // another session of the same account: its token is not this one's
  const auto other_csrf = json::parse(client()->Get("/web/session", with_session(other))->body)["csrf"];
  auto wrong = client()->Post("/logout", with_session(session), "csrf=" + other_csrf.get<std::string>(),
                              "application/x-www-form-urlencoded");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);

  auto headers = with_session(session);
  headers.emplace("Origin", "http://evil.example");
  auto cross_site = client()->Post("/logout", headers, "csrf=" + csrf, "application/x-www-form-urlencoded");
  ASSERT_TRUE(cross_site);
  EXPECT_EQ(cross_site->status, 403);

  auto out = client()->Post("/logout", with_session(session), "csrf=" + csrf, "application/x-www-form-urlencoded");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 303);
  EXPECT_EQ(out->get_header_value("Location"), "/login?error=out");
  EXPECT_EQ(client()->Get("/web/session", with_session(session))->status, 401);
  EXPECT_EQ(client()->Get("/web/session", with_session(other))->status, 200);
  // A form of the ended session's page takes the browser to the login page.
  auto stale = client()->Post("/logout", with_session(session), "csrf=" + csrf, "application/x-www-form-urlencoded");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 303);
  EXPECT_EQ(stale->get_header_value("Location"), "/login?error=ended");
}

TEST_F(HubWebTest, LoginFormsAreBounded) {
  start_web();
  auto json_body = client()->Post("/login", R"({"name":"renee"})", "application/json");
  ASSERT_TRUE(json_body);
  EXPECT_EQ(json_body->status, 415);
  auto huge = client()->Post("/login", form("renee", std::string(8000, 'x')), "application/x-www-form-urlencoded");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  // A password past 1,024 bytes is refused without hashing, as a wrong one.
  auto long_password = login("renee", std::string(2000, 'x'));
  ASSERT_TRUE(long_password);
  EXPECT_EQ(long_password->get_header_value("Location"), "/login?error=wrong");
  // `next` leads only to a path of this hub.
  for (const std::string next : {"//evil.example/", "https://evil.example/", "/%5Cevil.example", "/a%0d%0aX:1"}) {
    auto answer = login("renee", kPassword, next);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->get_header_value("Location"), "/") << next;
  }
  // "Origin: null" (a sandboxed frame, a privacy setting) passes only when the browser says the
  // form is of this site.
  httplib::Headers null_origin{{"Origin", "null"}};
  EXPECT_EQ(
      client()->Post("/login", null_origin, form("renee", kPassword), "application/x-www-form-urlencoded")->status,
      403);
  null_origin.emplace("Sec-Fetch-Site", "same-origin");
  EXPECT_EQ(
      client()->Post("/login", null_origin, form("renee", kPassword), "application/x-www-form-urlencoded")->status,
      303);
  httplib::Headers cross_site{{"Sec-Fetch-Site", "cross-site"}};
  auto forged = client()->Post("/login", cross_site, form("renee", kPassword), "application/x-www-form-urlencoded");
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
}

TEST_F(HubWebTest, GuessingIsLimitedPerNameThenEvenTheRightPasswordWaits) {
  hub::WebSettings web;
  web.login.failures_per_name = 3;
  start_web(web);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(login("renee", "wrong password " + std::to_string(i))->get_header_value("Location"),
              "/login?error=wrong");
  EXPECT_EQ(login("renee", kPassword)->get_header_value("Location"), "/login?error=limited");
  EXPECT_EQ(login("Renee", kPassword)->get_header_value("Location"), "/login?error=limited");  // the same name
  // Another account is not locked by renee's guesser.
  EXPECT_EQ(login("otto", kPassword)->status, 303);
  EXPECT_FALSE(session_of(login("otto", kPassword)).empty());
}

TEST_F(HubWebTest, GuessingIsLimitedPerAddress) {
  hub::WebSettings web;
  web.login.failures_per_address = 2;
  start_web(web);
  EXPECT_EQ(login("a-name", "wrong password 1")->get_header_value("Location"), "/login?error=wrong");
  EXPECT_EQ(login("b-name", "wrong password 2")->get_header_value("Location"), "/login?error=wrong");
  EXPECT_EQ(login("renee", kPassword)->get_header_value("Location"), "/login?error=limited");
}

TEST(LoginLimiterTest, RemembersABoundedNumberOfNamesAndForgetsOldFailures) {
  hub::LoginLimits limits;
  limits.failures_per_name = 2;
  limits.failures_per_address = 1000;
  limits.window_ms = 1000;
  limits.max_keys = 4;
  hub::LoginLimiter limiter(limits);
  limiter.failed("victim", "a", 0);
  limiter.failed("victim", "a", 10);
  EXPECT_FALSE(limiter.allows("victim", "a", 20));
  EXPECT_TRUE(limiter.allows("victim", "a", 1011));  // the window let both go
  limiter.failed("victim", "a", 2000);
  limiter.failed("victim", "a", 2001);
  // A flood of made-up names evicts the oldest keys, never grows past the bound; the victim,
  // still under attack (its failures newest), stays counted.
  for (int i = 0; i < 100; ++i) limiter.failed("made-up-" + std::to_string(i), "b", 1990);
  EXPECT_FALSE(limiter.allows("victim", "a", 2002));
  limiter.succeeded("victim");
  EXPECT_TRUE(limiter.allows("victim", "a", 2003));
}

TEST_F(HubWebTest, TheFiguresCountACheckInMadeThroughTheApi) {
  start_web();
  const auto session = logged_in();
  const auto path = "/web/events/" + std::to_string(event_) + "/figures";
  auto before = client()->Get(path, with_session(session));
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200) << before->body;
  const auto empty = json::parse(before->body);
  EXPECT_EQ(empty["participants"]["expected"], 1);
  EXPECT_EQ(empty["participants"]["checked_in"], 0);
  EXPECT_EQ(empty["event"]["name"], "Limits");

  const auto device = enrol("Door 1");
  check_in(device, 1);
  const auto after = json::parse(client()->Get(path, with_session(session))->body);
  EXPECT_EQ(after["participants"]["checked_in"], 1);
  EXPECT_GT(after["feed"].get<std::int64_t>(), empty["feed"].get<std::int64_t>());
  ASSERT_EQ(after["recent"].size(), 1u);
  EXPECT_EQ(after["recent"][0]["name"], "Renée Dupont");
  EXPECT_EQ(after["recent"][0]["checkpoint"], "Entrance");
  ASSERT_EQ(after["kiosks"].size(), 1u);
  EXPECT_EQ(after["kiosks"][0]["name"], "Door 1");
  EXPECT_EQ(after["kiosks"][0]["unsent"], 0);
  EXPECT_TRUE(after["meetings"].is_null());  // no [b2b] session
}

TEST_F(HubWebTest, TheStreamSendsNewFiguresAndResumesWithoutRepeatingThem) {
  hub::WebSettings web;
  web.figures_every = std::chrono::hours(1);  // only news is sent: what arrives is caused by the test
  start_web(web);
  const auto session = logged_in();
  const auto device = enrol("Door 1");

  Socket first(port_);
  ASSERT_TRUE(first.send_all(stream_request(session)));
  auto text = first.read_until("data: ");
  ASSERT_TRUE(text.starts_with("HTTP/1.1 200")) << text;
  EXPECT_NE(text.find("Content-Type: text/event-stream"), std::string::npos);
  auto sent = figures_in(first.read_until("}\n\n"));
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].second["participants"]["checked_in"], 0);
  const std::string opened_at = sent[0].first;

  check_in(device, 1);
  // The upload wakes the stream: the next figures count the check-in, under a later id.
  std::vector<std::pair<std::string, json>> now;
  for (int round = 0; round < 300 && now.size() < 2; ++round) {
    first.read_some(std::chrono::milliseconds(100));
    now = figures_in(first.received());
  }
  ASSERT_EQ(now.size(), 2u);
  EXPECT_EQ(now[1].second["participants"]["checked_in"], 1);
  const std::string seen = now[1].first;
  EXPECT_NE(seen, opened_at);

  // A browser that reconnects with the id it holds gets nothing until news: the first figures it
  // then receives are the new check-in's, never the ones it had again.
  Socket resumed(port_);
  ASSERT_TRUE(resumed.send_all(stream_request(session, seen)));
  ASSERT_TRUE(resumed.read_until("retry:").starts_with("HTTP/1.1 200"));
  sync::EnrolAnswer second = enrol("Door 2");
  check_in(second, 1);
  std::vector<std::pair<std::string, json>> after;
  for (int round = 0; round < 300 && after.empty(); ++round) {
    resumed.read_some(std::chrono::milliseconds(100));
    after = figures_in(resumed.received());
  }
  ASSERT_FALSE(after.empty());
  EXPECT_NE(after[0].first, seen);
  EXPECT_EQ(after[0].second["participants"]["checked_in"], 1);  // one person, checked in twice: counted once
  EXPECT_EQ(after[0].second["kiosks"].size(), 2u);
}

TEST_F(HubWebTest, AStreamEndsWithItsSession) {
  start_web();
  const auto session = logged_in();
  const auto csrf = json::parse(client()->Get("/web/session", with_session(session))->body)["csrf"].get<std::string>();
  Socket stream(port_);
  ASSERT_TRUE(stream.send_all(stream_request(session)));
  ASSERT_FALSE(figures_in(stream.read_until("}\n\n")).empty());
  ASSERT_EQ(
      client()->Post("/logout", with_session(session), "csrf=" + csrf, "application/x-www-form-urlencoded")->status,
      303);
  EXPECT_TRUE(stream.closed_within(std::chrono::seconds(30)));
}

TEST_F(HubWebTest, SearchFindsPeopleWithAccentsIgnoredWithinTheirEvent) {
  start_web();
  const auto session = logged_in();
  const auto search = [&](const std::string& query) {
    return client()->Get("/web/events/" + std::to_string(event_) + "/search?q=" + query, with_session(session));
  };
  for (const std::string query : {"renee", "REN", "dupont%20acme", "Ren%C3%A9e"}) {
    auto found = search(query);
    ASSERT_TRUE(found);
    ASSERT_EQ(found->status, 200) << found->body;
    const auto body = json::parse(found->body);
    ASSERT_EQ(body["results"].size(), 1u) << query;
    EXPECT_EQ(body["results"][0]["name"], "Renée Dupont");
    EXPECT_EQ(body["results"][0]["external_id"], "P1");
  }
  EXPECT_TRUE(json::parse(search("nobody")->body)["results"].empty());
  EXPECT_TRUE(json::parse(search("")->body)["results"].empty());
  EXPECT_EQ(search(std::string(201, 'a'))->status, 400);
  const auto otto = logged_in("otto");
  EXPECT_EQ(client()->Get("/web/events/" + std::to_string(event_) + "/search?q=renee", with_session(otto))->status,
            403);
}

TEST_F(HubWebTest, TheParticipantPageShowsTheirEntriesAndItsFormsRevokeAndReissueTheBadge) {
  start_web();
  const auto session = logged_in();
  const auto device = enrol("Door 1");
  check_in(device, 1);
  const std::string base = "/web/events/" + std::to_string(event_) + "/participants/";
  const auto found = json::parse(
      client()->Get("/web/events/" + std::to_string(event_) + "/search?q=renee", with_session(session))->body);
  const auto id = found["results"][0]["id"].get<std::int64_t>();
  const auto card = [&] {
    auto answer = client()->Get(base + std::to_string(id), with_session(session));
    EXPECT_TRUE(answer && answer->status == 200) << (answer ? answer->body : "no answer");
    return json::parse(answer ? answer->body : "{}");
  };
  auto page = card();
  EXPECT_EQ(page["participant"]["name"], "Renée Dupont");
  EXPECT_EQ(page["participant"]["badge_serial"], 1);
  ASSERT_EQ(page["entries"].size(), 1u);
  EXPECT_EQ(page["entries"][0]["kind"], "checkin");
  EXPECT_EQ(page["entries"][0]["checkpoint"], "Entrance");
  EXPECT_EQ(page["entries"][0]["device_id"], device.device_id);
  EXPECT_TRUE(page["revocations"].empty());
  const std::string csrf = page["csrf"];
  EXPECT_EQ(client()->Get(base + "999999", with_session(session))->status, 404);

  const auto post = [&](const std::string& action, const std::string& body) {
    return client()->Post(base + std::to_string(id) + "/" + action, with_session(session), body,
                          "application/x-www-form-urlencoded");
  };
  EXPECT_EQ(post("revoke", "reason=lost")->status, 403);  // no CSRF token
  auto bad_serial = post("revoke", "csrf=" + csrf + "&serial=9");
  EXPECT_EQ(bad_serial->get_header_value("Location"),
            "/events/" + std::to_string(event_) + "/participants/" + std::to_string(id) + "?error=invalid");
  auto long_reason = post("revoke", "csrf=" + csrf + "&reason=" + std::string(600, 'x'));
  EXPECT_TRUE(long_reason->get_header_value("Location").ends_with("?error=invalid"));
  EXPECT_TRUE(card()["revocations"].empty());  // neither refused form wrote anything
  auto revoked = post("revoke", "csrf=" + csrf + "&reason=lost+at+the+bar");
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 303);
  EXPECT_TRUE(revoked->get_header_value("Location").ends_with("?done=revoked"));
  page = card();
  ASSERT_EQ(page["revocations"].size(), 1u);
  EXPECT_EQ(page["revocations"][0]["badge_serial"], 1);
  EXPECT_EQ(page["revocations"][0]["reason"], "lost at the bar");

  auto reissued = post("reissue", "csrf=" + csrf);
  ASSERT_TRUE(reissued);
  EXPECT_TRUE(reissued->get_header_value("Location").ends_with("?done=reissued"));
  EXPECT_EQ(card()["participant"]["badge_serial"], 2);

  // Another organiser cannot reach them, even with a CSRF token of their own.
  const auto otto = logged_in("otto");
  EXPECT_EQ(client()->Get(base + std::to_string(id), with_session(otto))->status, 403);
}

TEST_F(HubWebTest, TheCurrentBadgeDownloadsAsAPdfForItsOrganiserOnly) {
  ParticipantRecord blocked;
  blocked.external_id = "P2/blocked";
  blocked.first_name = "Bruno";
  blocked.last_name = "Blocked";
  blocked.status = ParticipantStatus::blocked;
  add_person(blocked);
  start_web();
  const auto session = logged_in();
  const std::string base = "/web/events/" + std::to_string(event_) + "/participants/";
  const auto id_of = [&](const std::string& name) {
    const auto found = json::parse(
        client()->Get("/web/events/" + std::to_string(event_) + "/search?q=" + name, with_session(session))->body);
    return found["results"][0]["id"].get<std::int64_t>();
  };
  const auto renee = id_of("renee");
  auto pdf = client()->Get(base + std::to_string(renee) + "/badge.pdf", with_session(session));
  ASSERT_TRUE(pdf);
  ASSERT_EQ(pdf->status, 200) << pdf->body;
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf->get_header_value("Content-Disposition"), "attachment; filename=\"badge-P1-1.pdf\"");
  EXPECT_EQ(pdf->get_header_value("Cache-Control"), "no-store");
  EXPECT_TRUE(pdf->body.starts_with("%PDF-"));
  TempDir dir;
  write_file(dir.file("badge.pdf"), pdf->body);
  const auto text = run_command("pdftotext -enc UTF-8 " + shell_quote(dir.file("badge.pdf").string()) + " -");
  ASSERT_TRUE(text.ok) << text.text;
  EXPECT_NE(text.text.find("Renée"), std::string::npos) << text.text;
  EXPECT_NE(text.text.find("Acme"), std::string::npos) << text.text;

  // A blocked person gets no badge; no such participant, no session, another event's organiser:
  // refused.
  const auto bruno = id_of("bruno");
  EXPECT_EQ(client()->Get(base + std::to_string(bruno) + "/badge.pdf", with_session(session))->status, 409);
  EXPECT_EQ(client()->Get(base + "999999/badge.pdf", with_session(session))->status, 404);
  EXPECT_EQ(client()->Get(base + std::to_string(renee) + "/badge.pdf")->status, 401);
  EXPECT_EQ(client()->Get(base + std::to_string(renee) + "/badge.pdf", with_session(logged_in("otto")))->status, 403);
}

class WebAssetsTest : public ::testing::Test {
 protected:
  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_.file(name), std::ios::binary) << content;
  }
  TempDir dir_;
};

TEST_F(WebAssetsTest, ServesTheFolderAndRefusesWhatItShouldNotHold) {
  write("login.html", "<!doctype html><title>Log in</title>");
  write("app.js", "'use strict';");
  auto assets = hub::WebAssets::load(dir_.path());
  ASSERT_TRUE(assets) << assets.error().message;
  ASSERT_NE(assets->find("login.html"), nullptr);
  EXPECT_EQ(assets->find("login.html")->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(assets->find("app.js")->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(assets->find("../login.html"), nullptr);

  write("secret.key", "not served");
  auto stray = hub::WebAssets::load(dir_.path());
  ASSERT_FALSE(stray);
  EXPECT_NE(stray.error().message.find("secret.key"), std::string::npos);
  std::filesystem::remove(dir_.file("secret.key"));

  write("big.js", std::string(hub::kMaxWebFileBytes + 1, ' '));
  auto big = hub::WebAssets::load(dir_.path());
  ASSERT_FALSE(big);
  std::filesystem::remove(dir_.file("big.js"));

  for (std::size_t i = 0; i < hub::kMaxWebFiles; ++i) write("f" + std::to_string(i) + ".css", "");
  EXPECT_FALSE(hub::WebAssets::load(dir_.path()));
  EXPECT_EQ(hub::WebAssets::load(dir_.file("missing")).error().code, Errc::not_found);
}

TEST_F(HubWebTest, ServesThePagesWithTheirSecurityHeaders) {
  TempDir pages;
  std::ofstream(pages.file("login.html")) << "<!doctype html><title>Log in</title>";
  std::ofstream(pages.file("app.css")) << "body{}";
  auto assets = hub::WebAssets::load(pages.path());
  ASSERT_TRUE(assets);
  hub::WebSettings web;
  web.assets = std::make_shared<const hub::WebAssets>(std::move(*assets));
  start_web(web);
  auto page = client()->Get("/login");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Log in"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(client()->Get("/assets/app.css")->get_header_value("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(client()->Get("/assets/missing.js")->status, 404);
  EXPECT_EQ(client()->Get("/assets/..%2Fhub.db")->status, 404);
  EXPECT_EQ(client()->Get("/events/1")->status, 404);  // no dashboard.html in this folder
}

}  // namespace
}  // namespace passerelle::testing
