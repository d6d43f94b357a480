// HubClient's reading of the hub's answers (which failures are retried, which stop the kiosk) and
// RetryBackoff's delays, over a transport that answers what the test scripts.
#include "sync/client/hub_client.h"

#include <gtest/gtest.h>

#include <deque>

#include "core/worker/retry_backoff.h"

namespace passerelle::kiosk {
namespace {

using namespace std::chrono_literals;

class ScriptedTransport final : public HubTransport {
 public:
  void answer(Result<HttpReply> reply) { replies_.push_back(std::move(reply)); }
  Result<HttpReply> post_json(std::string_view path, std::string_view body, std::string_view token) override {
    requests_.push_back({"POST", std::string(path), std::string(body), std::string(token)});
    return next();
  }
  Result<HttpReply> get_json(std::string_view path, std::string_view token) override {
    requests_.push_back({"GET", std::string(path), {}, std::string(token)});
    return next();
  }
  struct Request {
    std::string method, path, body, token;
  };
  const std::vector<Request>& requests() const { return requests_; }

 private:
  Result<HttpReply> next() {
    if (replies_.empty()) return make_error(Errc::io, "nothing scripted");
    auto reply = std::move(replies_.front());
    replies_.pop_front();
    return reply;
  }
  std::deque<Result<HttpReply>> replies_;
  std::vector<Request> requests_;
};

sync::UploadBatch one_entry_batch() {
  sync::WireEntry entry;
  entry.uuid = "0190a000-0000-7000-8000-000000000001";
  entry.device = "dev-1";
  entry.seq = 1;
  entry.event = 1;
  entry.local_day = "2026-12-08";
  return sync::UploadBatch{"dev-1", 1000, 0, {entry}};
}

TEST(HubClient, SendsTheTokenAndReadsTheAnswer) {
  ScriptedTransport transport;
  transport.answer(HttpReply{200, R"({"statuses":[{"uuid":"0190a000-0000-7000-8000-000000000001","status":"stored"}],)"
                                  R"("acked_seq":1,"hub_time_ms":5})"});
  HubClient client(transport, "psd_x");
  auto answer = client.upload(one_entry_batch());
  ASSERT_TRUE(answer) << answer.error().error.message;
  EXPECT_EQ(answer->acked_seq, 1);
  ASSERT_EQ(transport.requests().size(), 1u);
  EXPECT_EQ(transport.requests()[0].path, "/v1/upload");
  EXPECT_EQ(transport.requests()[0].token, "psd_x");
  EXPECT_TRUE(sync::parse_upload_batch(transport.requests()[0].body));
}

TEST(HubClient, EnrolmentSendsNoTokenAndChangesAskForABoundedPage) {
  ScriptedTransport transport;
  transport.answer(HttpReply{200, R"({"device_id":"d","token":"t","event_id":1,"hub_time_ms":2})"});
  transport.answer(HttpReply{200, R"({"changes":[],"cursor":7,"more":false,"hub_time_ms":3})"});
  HubClient client(transport, "psd_old");
  ASSERT_TRUE(client.enrol(sync::EnrolRequest{"code", "Door", {}, 1}));
  auto page = client.changes(7, 50000);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->cursor, 7);
  EXPECT_EQ(transport.requests()[0].token, "");
  EXPECT_EQ(transport.requests()[1].path, "/v1/changes?after=7&limit=1000");
  EXPECT_EQ(transport.requests()[1].token, "psd_old");
}

TEST(HubClient, SortsFailuresIntoWhatTheWorkerDoes) {
  struct Case {
    Result<HttpReply> reply;
    HubFailure failure;
    Errc code;
  };
  std::vector<Case> cases;
  cases.push_back({make_error(Errc::io, "connection refused"), HubFailure::retryable, Errc::io});
  cases.push_back({HttpReply{503, sync::error_json("busy", "storage busy")}, HubFailure::retryable, Errc::busy});
  cases.push_back({HttpReply{500, "oops"}, HubFailure::retryable, Errc::io});
  cases.push_back({HttpReply{429, ""}, HubFailure::retryable, Errc::io});
  cases.push_back({HttpReply{401, sync::error_json("unauthorised", "unknown token")}, HubFailure::unauthorised,
                   Errc::invalid_input});
  cases.push_back(
      {HttpReply{403, sync::error_json("revoked", "device revoked")}, HubFailure::unauthorised, Errc::invalid_input});
  cases.push_back(
      {HttpReply{400, sync::error_json("bad_request", "entries: bad")}, HubFailure::rejected, Errc::invalid_input});
  cases.push_back({HttpReply{413, ""}, HubFailure::rejected, Errc::invalid_input});
  cases.push_back({HttpReply{200, "<html>captive portal</html>"}, HubFailure::retryable, Errc::invalid_input});
  for (auto& each : cases) {
    ScriptedTransport transport;
    transport.answer(std::move(each.reply));
    HubClient client(transport, "psd_x");
    auto answer = client.upload(one_entry_batch());
    ASSERT_FALSE(answer);
    EXPECT_EQ(answer.error().failure, each.failure) << answer.error().error.message;
    EXPECT_EQ(answer.error().error.code, each.code) << answer.error().error.message;
  }
}

TEST(HubClient, ShowsTheHubsOwnMessage) {
  ScriptedTransport transport;
  transport.answer(HttpReply{403, sync::error_json("enrolment_refused", "the enrolment code expired")});
  HubClient client(transport);
  auto answer = client.enrol(sync::EnrolRequest{"code", "Door", {}, 1});
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().http_status, 403);
  const auto& message = answer.error().error.message;
  EXPECT_NE(message.find("the enrolment code expired"), std::string::npos) << message;
  EXPECT_NE(message.find("403"), std::string::npos) << message;
}

TEST(RetryBackoff, DoublesUpToTheCapAndStartsOverAfterReset) {
  RetryBackoff backoff(1000ms, 60000ms, 0.0, 1);
  std::vector<std::int64_t> delays;
  for (int i = 0; i < 9; ++i) delays.push_back(backoff.next().count());
  EXPECT_EQ(delays, (std::vector<std::int64_t>{1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000}));
  backoff.reset();
  EXPECT_EQ(backoff.next(), 1000ms);
}

TEST(RetryBackoff, JitterStaysWithinItsShareAndNeverPassesTheCap) {
  RetryBackoff backoff(1000ms, 8000ms, 0.25, 42);
  for (int round = 0; round < 200; ++round) {
    const auto failures = backoff.failures() + 1;
    const std::int64_t base = std::min<std::int64_t>(8000, std::int64_t{1000} << std::min(failures - 1, 10));
    const auto delay = backoff.next().count();
    EXPECT_LE(delay, base);
    EXPECT_GE(delay, base * 3 / 4);
    if (round % 7 == 6) backoff.reset();
  }
}

}  // namespace
}  // namespace passerelle::kiosk
