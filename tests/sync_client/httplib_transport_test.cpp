// The cpp-httplib transport against a small httplib::Server this test starts on 127.0.0.1 (a
// free port) and stops: the token header, a path prefix, statuses, one kept-alive connection for
// many requests, a refused connection, bad addresses, cancel() freeing a hung exchange, and the
// bound on an answer's size, one byte past it, announced or chunked.
#include "sync/client/httplib_transport.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <condition_variable>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "sync/client/hub_client.h"

namespace passerelle::kiosk {
namespace {

class LoopbackHub : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_max_count(1000);
    server_.Post("/v1/upload", [this](const httplib::Request& request, httplib::Response& response) {
      remember(request);
      if (request.get_header_value("Authorization") != "Bearer psd_good") {
        response.status = 401;
        response.set_content(sync::error_json("unauthorised", "unknown token"), "application/json");
        return;
      }
      auto batch = sync::parse_upload_batch(request.body);
      if (!batch) {
        response.status = 400;
        response.set_content(sync::error_json("bad_request", batch.error().message), "application/json");
        return;
      }
      sync::UploadAnswer answer;
      for (const auto& entry : batch->entries) {
        answer.statuses.push_back({entry.uuid, sync::EntryStatus::stored, {}});
        answer.acked_seq = entry.seq;
      }
      answer.hub_time_ms = 77;
      response.set_content(sync::to_json(answer), "application/json");
    });
    server_.Get("/hub/v1/changes", [this](const httplib::Request& request, httplib::Response& response) {
      remember(request);
      sync::ChangePage page;
      page.cursor = std::stoll(request.get_param_value("after"));
      page.hub_time_ms = 78;
      response.set_content(sync::to_json(page), "application/json");
    });
    server_.Get("/v1/changes", [](const httplib::Request&, httplib::Response& response) {
      response.status = 503;
      response.set_content(sync::error_json("busy", "storage busy"), "application/json");
    });
    server_.Get("/v1/slow", [this](const httplib::Request&, httplib::Response& response) {
      {
        std::unique_lock lock(mutex_);
        slow_entered_ = true;
        changed_.notify_all();
        changed_.wait_for(lock, std::chrono::seconds(60), [this] { return slow_released_; });
      }
      response.set_content("{}", "application/json");
    });
    // `bytes` of JSON-ish filler, with a Content-Length, or chunked in 1 KiB pieces with none.
    server_.Get("/v1/big", [](const httplib::Request& request, httplib::Response& response) {
      const auto bytes = static_cast<std::size_t>(std::stoll(request.get_param_value("bytes")));
      if (request.get_param_value("chunked") != "1") {
        response.set_content(std::string(bytes, ' '), "application/json");
        return;
      }
      response.set_chunked_content_provider("application/json", [bytes](std::size_t offset, httplib::DataSink& sink) {
        if (offset >= bytes) {
          sink.done();
          return true;
        }
        const std::string piece(std::min<std::size_t>(1024, bytes - offset), ' ');
        return sink.write(piece.data(), piece.size());
      });
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // Server::stop() before the accept loop runs would not stop it: wait for the loop.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!server_.is_running() && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_TRUE(server_.is_running());
  }

  void TearDown() override { stop(); }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      slow_released_ = true;
      changed_.notify_all();
    }
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  void remember(const httplib::Request& request) {
    std::lock_guard lock(mutex_);
    remote_ports_.insert(request.remote_port);
    paths_.push_back(request.path + (request.params.empty() ? "" : "?after=" + request.get_param_value("after")));
  }

  std::string url(const std::string& suffix = "") const { return "http://127.0.0.1:" + std::to_string(port_) + suffix; }

  std::unique_ptr<HubTransport> transport(const std::string& suffix = "", HttplibTransportOptions options = {}) {
    auto made = make_httplib_transport(HubEndpoint{url(suffix), ""}, options);
    EXPECT_TRUE(made) << made.error().message;
    return made ? std::move(*made) : nullptr;
  }

  static sync::UploadBatch batch() {
    sync::WireEntry entry;
    entry.uuid = "0190a000-0000-7000-8000-000000000001";
    entry.device = "dev-1";
    entry.seq = 1;
    entry.event = 1;
    entry.participant = "EXT-42";
    entry.checkpoint = "Entrée principale";
    entry.local_day = "2026-12-08";
    return sync::UploadBatch{"dev-1", 1000, 0, {entry}};
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool slow_entered_ = false;
  bool slow_released_ = false;
  std::set<int> remote_ports_;
  std::vector<std::string> paths_;
};

TEST_F(LoopbackHub, UploadsWithTheBearerToken) {
  auto link = transport();
  ASSERT_TRUE(link);
  HubClient client(*link, "psd_good");
  auto answer = client.upload(batch());
  ASSERT_TRUE(answer) << answer.error().error.message;
  EXPECT_EQ(answer->acked_seq, 1);
  EXPECT_EQ(answer->hub_time_ms, 77);

  client.set_token("psd_bad");
  auto refused = client.upload(batch());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().failure, HubFailure::unauthorised);
  EXPECT_EQ(refused.error().http_status, 401);
}

TEST_F(LoopbackHub, APathPrefixGoesInFrontOfEveryCall) {
  auto link = transport("/hub/");
  ASSERT_TRUE(link);
  HubClient client(*link, "psd_good");
  auto page = client.changes(3, 10);
  ASSERT_TRUE(page) << page.error().error.message;
  EXPECT_EQ(page->cursor, 3);
  std::lock_guard lock(mutex_);
  EXPECT_EQ(paths_, std::vector<std::string>{"/hub/v1/changes?after=3"});
}

TEST_F(LoopbackHub, BusyHubIsRetryable) {
  auto link = transport();
  ASSERT_TRUE(link);
  HubClient client(*link, "psd_good");
  auto page = client.changes(0, 10);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().failure, HubFailure::retryable);
  EXPECT_EQ(page.error().error.code, Errc::busy);
}

TEST_F(LoopbackHub, ManyCallsShareOneKeptAliveConnection) {
  auto link = transport();
  ASSERT_TRUE(link);
  HubClient client(*link, "psd_good");
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(client.upload(batch())) << "call " << i;
  std::lock_guard lock(mutex_);
  EXPECT_EQ(remote_ports_.size(), 1u);
}

TEST_F(LoopbackHub, AStoppedHubIsATransportErrorToRetry) {
  auto link = transport();
  ASSERT_TRUE(link);
  stop();
  HubClient client(*link, "psd_good");
  auto answer = client.upload(batch());
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().failure, HubFailure::retryable);
  EXPECT_EQ(answer.error().http_status, 0);
  EXPECT_EQ(answer.error().error.code, Errc::io);
}

TEST_F(LoopbackHub, CancelFreesAHungExchange) {
  auto link = transport();
  ASSERT_TRUE(link);
  auto call = std::async(std::launch::async, [&] { return link->get_json("/v1/slow", "psd_good"); });
  {
    std::unique_lock lock(mutex_);
    ASSERT_TRUE(changed_.wait_for(lock, std::chrono::seconds(30), [this] { return slow_entered_; }));
  }
  link->cancel();
  auto reply = call.get();  // returns before the handler is released
  EXPECT_FALSE(reply);
  {
    std::lock_guard lock(mutex_);
    EXPECT_FALSE(slow_released_);
  }
}

TEST_F(LoopbackHub, AnAnswerPastTheBoundIsDroppedNotHeld) {
  HttplibTransportOptions options;
  options.max_answer_bytes = 4096;
  auto link = transport("", options);
  ASSERT_TRUE(link);
  for (const char* chunked : {"0", "1"}) {
    SCOPED_TRACE(std::string("chunked=") + chunked);
    const std::string query = std::string("&chunked=") + chunked;
    auto at_bound = link->get_json("/v1/big?bytes=4096" + query, "psd_good");
    ASSERT_TRUE(at_bound) << at_bound.error().message;
    EXPECT_EQ(at_bound->body.size(), 4096u);

    auto past = link->get_json("/v1/big?bytes=4097" + query, "psd_good");
    ASSERT_FALSE(past);
    EXPECT_EQ(past.error().code, Errc::io);
    EXPECT_NE(past.error().message.find("larger than 4096 bytes"), std::string::npos) << past.error().message;

    auto far_past = link->get_json("/v1/big?bytes=10000000" + query, "psd_good");
    ASSERT_FALSE(far_past);
    EXPECT_EQ(far_past.error().code, Errc::io);

    // The connection the refused answer was left on is not reused: the next exchange is whole.
    HubClient client(*link, "psd_good");
    ASSERT_TRUE(client.upload(batch()));
  }
}

TEST(HttplibTransport, RefusesAddressesItCannotServe) {
  for (const char* bad : {"ftp://hub", "http://", "hub:8080", "http://hub:0", "http://hub:99999", "http://hub:80x",
                          "http://user@hub", "http://hub/path?query"}) {
    auto made = make_httplib_transport(HubEndpoint{bad, ""});
    ASSERT_FALSE(made) << bad;
    EXPECT_EQ(made.error().code, Errc::invalid_input);
  }
  for (const char* good : {"http://hub", "http://hub:8080", "https://hub.example.org/passerelle", "http://[::1]:8080"})
    EXPECT_TRUE(make_httplib_transport(HubEndpoint{good, ""})) << good;
}

}  // namespace
}  // namespace passerelle::kiosk
