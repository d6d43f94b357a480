// A hub served in this process on a free loopback port: the SQLite HubStore of a fresh event and a
// HubServer on its own thread, so that a test can read the server's counters, count the process's
// threads, or put a fault shim (tests/support/fault_vfs.h) under its storage. The fixture of the
// server's limits and storage-fault suites. Stopped and joined in TearDown.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "core/store/store.h"
#include "core/util/clock.h"
#include "sync/hub/server/hub_server.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "sync/protocol/wire.h"
#include "tests/hub/wire_entries.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {

class InProcessHubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    {
      auto core = Store::open(db());
      ASSERT_TRUE(core) << core.error().message;
      auto event = core->create_event(default_event_config("Limits", "2026-01-01"));
      ASSERT_TRUE(event);
      event_ = *event;
    }
    auto store = hub::SqliteHubStore::open(db());
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    auto token = store_->create_organiser_token("test");
    ASSERT_TRUE(token);
    organiser_ = *token;
  }

  void TearDown() override {
    if (server_) server_->stop();
    if (serving_.joinable()) serving_.join();
    server_.reset();
  }

  void start(hub::ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    auto server = hub::HubServer::create(*store_, clock_, std::move(options));
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    auto port = server_->bind();
    ASSERT_TRUE(port) << port.error().message;
    port_ = *port;
    serving_ = std::thread([this] { EXPECT_TRUE(server_->serve()); });
  }

  std::filesystem::path db() const { return dir_.file("hub.db"); }

  std::unique_ptr<httplib::Client> client() const {
    auto made = std::make_unique<httplib::Client>("127.0.0.1", port_);
    made->set_connection_timeout(std::chrono::seconds(30));
    made->set_read_timeout(std::chrono::seconds(60));
    made->set_write_timeout(std::chrono::seconds(60));
    return made;
  }

  static httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

  bool healthy() const {
    auto response = client()->Get("/v1/health");
    return response && response->status == 200 && response->body == "ok";
  }

  sync::EnrolAnswer enrol(const std::string& name) {
    auto code = store_->create_enrolment_code(event_, 60'000, "");
    EXPECT_TRUE(code);
    if (!code) return {};
    auto response =
        client()->Post("/v1/enrol", sync::to_json(sync::EnrolRequest{code->code, name, {}, 1}), "application/json");
    EXPECT_TRUE(response && response->status == 200) << (response ? response->body : "no answer");
    if (!response) return {};
    auto answer = sync::parse_enrol_answer(response->body);
    return answer ? *answer : sync::EnrolAnswer{};
  }

  std::string live_request(const std::string& token) const {
    return "GET /v1/events/" + std::to_string(event_) + "/live HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " +
           token + "\r\n\r\n";
  }

  TempDir dir_;
  SystemClock clock_;
  std::int64_t event_ = 0;
  std::unique_ptr<hub::SqliteHubStore> store_;
  std::string organiser_;
  std::unique_ptr<hub::HubServer> server_;
  std::thread serving_;
  int port_ = 0;
};

}  // namespace passerelle::testing
