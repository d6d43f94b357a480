// The hub's server under hostile or merely numerous clients (issue #10, "Connections" and
// "Bodies"): each test is one probed defect of the thread-per-connection server, replayed on
// loopback against an in-process HubServer, so that the test can read the server's own counters
// and count the process's threads. Assertions are about behaviour (answered, refused, closed),
// never about how long something took; the waits are only generous bounds against a hang.
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/store/store.h"
#include "core/util/clock.h"
#include "sync/hub/server/hub_server.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "sync/protocol/wire.h"
#include "tests/hub/in_process_hub.h"
#include "tests/hub/raw_socket.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

int thread_count() {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++count;
  return count;
}

std::int64_t rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::stoll(line.substr(6));
  }
  return 0;
}

int thread_bound() {
  return 4 + 2 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::string chunk(std::string_view payload) {
  char size[20];
  const int length = std::snprintf(size, sizeof size, "%zx\r\n", payload.size());
  return std::string(size, static_cast<std::size_t>(length)) + std::string(payload) + "\r\n";
}

using HubServerLimitsTest = InProcessHubTest;

TEST_F(HubServerLimitsTest, SeventeenthKeepAliveClientIsAnsweredWhileSixteenPoll) {
  start();
  const auto device = enrol("Kiosk");
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> kiosks;
  for (int i = 0; i < 16; ++i) {
    kiosks.emplace_back([&] {
      auto http = client();
      http->set_keep_alive(true);
      while (!stop) {
        auto response = http->Get("/v1/changes?after=0&limit=10", bearer(device.token));
        (response && response->status == 200 ? answered : failed)++;
        std::this_thread::sleep_for(500ms);
      }
    });
  }
  const auto bound = SteadyClock::now() + 60s;
  while (answered < 32 && SteadyClock::now() < bound) std::this_thread::sleep_for(50ms);
  auto seventeenth = client();
  seventeenth->set_keep_alive(true);
  auto response = seventeenth->Get("/v1/changes?after=0&limit=10", bearer(device.token));
  stop = true;
  for (auto& kiosk : kiosks) kiosk.join();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_GE(answered.load(), 32);
  EXPECT_EQ(failed.load(), 0);
}

TEST_F(HubServerLimitsTest, FiveHundredIdleConnectionsLeaveTheHubAnsweringWithinTheThreadBound) {
  start();
  std::vector<std::unique_ptr<Socket>> idle;
  for (int i = 0; i < 500; ++i) {
    idle.push_back(std::make_unique<Socket>(port_));
    ASSERT_TRUE(idle.back()->connected());
  }
  EXPECT_TRUE(healthy());
  const auto bound = SteadyClock::now() + 30s;
  while (server_->stats().connections_open < 500 && SteadyClock::now() < bound) std::this_thread::sleep_for(20ms);
  EXPECT_GE(server_->stats().connections_open, 500u);
  // This process: the test's main thread, the serving thread, and the server's workers.
  EXPECT_LE(thread_count(), thread_bound());
  EXPECT_TRUE(healthy());
}

TEST_F(HubServerLimitsTest, SlowDripClientsAreCutAndOthersAnswered) {
  hub::ServerOptions options;
  options.request_timeout = 2s;
  start(options);
  std::vector<std::unique_ptr<Socket>> drips;
  for (int i = 0; i < 20; ++i) {
    drips.push_back(std::make_unique<Socket>(port_));
    ASSERT_TRUE(drips.back()->connected());
    ASSERT_TRUE(drips.back()->send_all("GET /v1/health HTTP/1.1\r\nHost: hub\r\nX-Drip: "));
  }
  // One byte per client every 500 ms: the request never completes, its deadline must end it.
  std::size_t cut = 0;
  int answered = 0;
  const auto bound = SteadyClock::now() + 60s;
  while (cut < drips.size() && SteadyClock::now() < bound) {
    cut = 0;
    for (auto& drip : drips) {
      drip->read_some(0ms);
      if (drip->closed_within(0ms) || !drip->send_all("x")) ++cut;
    }
    if (healthy()) ++answered;
    std::this_thread::sleep_for(500ms);
  }
  EXPECT_EQ(cut, drips.size());
  EXPECT_GT(answered, 0);
  EXPECT_TRUE(healthy());
}

TEST_F(HubServerLimitsTest, SilentTlsConnectionsAreCutAndTheHubAnswers) {
  const auto cert = dir_.file("cert.pem");
  const auto key = dir_.file("key.pem");
  const auto made = run_command(
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
      "-subj /CN=127.0.0.1 -keyout " +
      shell_quote(key.string()) + " -out " + shell_quote(cert.string()) + " 2>&1");
  ASSERT_TRUE(made.ok) << made.text;
  hub::ServerOptions options;
  options.tls_certificate = cert.string();
  options.tls_private_key = key.string();
  options.tls_handshake_timeout = 2s;
  start(options);
  std::vector<std::unique_ptr<Socket>> silent;
  for (int i = 0; i < 16; ++i) {
    silent.push_back(std::make_unique<Socket>(port_));
    ASSERT_TRUE(silent.back()->connected());
  }
  httplib::SSLClient tls("127.0.0.1", port_);
  tls.enable_server_certificate_verification(false);
  tls.set_read_timeout(30s);
  auto response = tls.Get("/v1/health");
  ASSERT_TRUE(response) << httplib::to_string(response.error());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "ok");
  for (auto& socket : silent) EXPECT_TRUE(socket->closed_within(60s));  // the handshake deadline
}

TEST_F(HubServerLimitsTest, LiveStreamsHoldNoThreadAndTheCapsAnswer) {
  hub::ServerOptions options;
  options.live.max_per_device = 4;
  options.live.max_total = 20;
  start(options);
  std::vector<sync::EnrolAnswer> devices;
  for (int i = 0; i < 5; ++i) devices.push_back(enrol("Kiosk " + std::to_string(i)));
  std::vector<std::unique_ptr<Socket>> streams;
  for (const auto& device : devices) {
    for (int i = 0; i < 4; ++i) {
      streams.push_back(std::make_unique<Socket>(port_));
      ASSERT_TRUE(streams.back()->send_all(live_request(device.token)));
      const auto head = streams.back()->read_until("retry:");
      ASSERT_TRUE(head.starts_with("HTTP/1.1 200")) << head;
    }
  }
  EXPECT_EQ(server_->stats().live_streams, 20u);
  EXPECT_TRUE(healthy());
  EXPECT_LE(thread_count(), thread_bound());

  Socket fifth(port_);  // a device's fifth stream: 429
  ASSERT_TRUE(fifth.send_all(live_request(devices[0].token)));
  const auto refused = fifth.read_until("}}");
  EXPECT_TRUE(refused.starts_with("HTTP/1.1 429")) << refused;
  EXPECT_NE(refused.find("too_many_streams"), std::string::npos);

  Socket over(port_);  // the server's 21st: 503
  ASSERT_TRUE(over.send_all(live_request(organiser_)));
  const auto full = over.read_until("}}");
  EXPECT_TRUE(full.starts_with("HTTP/1.1 503")) << full;
  EXPECT_NE(full.find("too_many_streams"), std::string::npos);

  // A stream that ends gives its place back.
  streams.pop_back();
  const auto bound = SteadyClock::now() + 30s;
  while (server_->stats().live_streams == 20u && SteadyClock::now() < bound) std::this_thread::sleep_for(20ms);
  Socket again(port_);
  ASSERT_TRUE(again.send_all(live_request(organiser_)));
  EXPECT_TRUE(again.read_until("retry:").starts_with("HTTP/1.1 200"));
}

TEST_F(HubServerLimitsTest, RevokedDevicesLiveStreamIsClosed) {
  hub::ServerOptions options;
  options.live.recheck = 200ms;
  start(options);
  const auto device = enrol("Kiosk");
  Socket stream(port_);
  ASSERT_TRUE(stream.send_all(live_request(device.token)));
  ASSERT_TRUE(stream.read_until("retry:").starts_with("HTTP/1.1 200"));
  ASSERT_TRUE(store_->revoke_device(device.device_id));
  EXPECT_TRUE(stream.closed_within(60s));
  EXPECT_EQ(server_->stats().live_streams, 0u);
}

TEST_F(HubServerLimitsTest, ChunkedBodyWithoutATokenIs401AndTheRestIsNeverRead) {
  start();
  Socket socket(port_);
  ASSERT_TRUE(
      socket.send_all("POST /v1/upload HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n"));
  const std::string piece = chunk(std::string(64 * 1024, 'a'));
  constexpr std::size_t kTotal = 200u << 20;
  std::size_t sent = 0;
  // Sends until the answer arrives or the server stops taking bytes.
  while (sent < kTotal) {
    pollfd ready{socket.fd(), POLLIN | POLLOUT, 0};
    if (::poll(&ready, 1, 10'000) <= 0) break;
    if (ready.revents & (POLLIN | POLLHUP | POLLERR)) break;
    const auto wrote = ::send(socket.fd(), piece.data(), piece.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (wrote <= 0) break;
    sent += static_cast<std::size_t>(wrote);
  }
  const auto answer = socket.read_until("}}");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 401")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("unauthorized"), std::string::npos);
  EXPECT_TRUE(socket.closed_within(60s));
  EXPECT_LT(sent, kTotal / 4);
  EXPECT_LT(server_->stats().bytes_received, std::uint64_t{4} << 20);  // the headers and a short drain
}

TEST_F(HubServerLimitsTest, BodyWithoutLengthIs411) {
  start();
  const auto device = enrol("Kiosk");
  Socket socket(port_);
  ASSERT_TRUE(socket.send_all("POST /v1/upload HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " + device.token +
                              "\r\nContent-Type: application/json\r\n\r\n"));
  const auto answer = socket.read_until("}}");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 411")) << answer;
  EXPECT_NE(answer.find("length_required"), std::string::npos);
}

TEST_F(HubServerLimitsTest, GzipBombIs413AndMemoryStaysBounded) {
  start();
  const auto device = enrol("Kiosk");
  const auto before = rss_kib();
  Socket socket(port_);
  ASSERT_TRUE(socket.send_all("POST /v1/upload HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " + device.token +
                              "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n"));
  // 512 MiB of zeros, compressed as it goes: neither side ever holds it inflated.
  z_stream deflater{};
  ASSERT_EQ(deflateInit2(&deflater, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  const std::string zeros(1u << 20, '\0');
  std::string out(256 * 1024, '\0');
  std::size_t compressed = 0;
  bool sending = true;
  for (int mib = 0; mib < 512 && sending; ++mib) {
    deflater.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
    deflater.avail_in = static_cast<uInt>(zeros.size());
    const int flush = mib == 511 ? Z_FINISH : Z_NO_FLUSH;
    do {
      deflater.next_out = reinterpret_cast<Bytef*>(out.data());
      deflater.avail_out = static_cast<uInt>(out.size());
      deflate(&deflater, flush);
      const std::size_t produced = out.size() - deflater.avail_out;
      if (produced > 0) {
        compressed += produced;
        sending = socket.send_all(chunk(std::string_view(out.data(), produced)));
      }
    } while (sending && deflater.avail_out == 0);
  }
  deflateEnd(&deflater);
  if (sending) socket.send_all("0\r\n\r\n");
  const auto answer = socket.read_until("}}");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("too_large"), std::string::npos);
  EXPECT_LT(compressed, std::size_t{8} << 20);  // it was within the received-bytes limit
  EXPECT_LT(rss_kib() - before, 128 * 1024);    // far below the 512 MiB it inflates to
  EXPECT_TRUE(healthy());
}

TEST_F(HubServerLimitsTest, EnrolmentBodyOverFourKiBIs413) {
  start();
  const std::string big = "{\"code\": \"" + std::string(5000, 'x') + "\"}";
  auto response = client()->Post("/v1/enrol", big, "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_NE(response->body.find("too_large"), std::string::npos);

  Socket chunked(port_);  // no Content-Length to refuse on: the parser's limit stops it
  ASSERT_TRUE(
      chunked.send_all("POST /v1/enrol HTTP/1.1\r\nHost: hub\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk(big)));
  const auto answer = chunked.read_until("}}");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer;
  EXPECT_TRUE(healthy());
}

TEST_F(HubServerLimitsTest, ConnectionsBeyondTheCapAreClosedAndTheOthersServed) {
  hub::ServerOptions options;
  options.max_connections = 8;
  start(options);
  std::vector<std::unique_ptr<Socket>> held;
  for (int i = 0; i < 8; ++i) held.push_back(std::make_unique<Socket>(port_));
  const auto bound = SteadyClock::now() + 30s;
  while (server_->stats().connections_open < 8 && SteadyClock::now() < bound) std::this_thread::sleep_for(20ms);
  Socket beyond(port_);
  EXPECT_TRUE(beyond.closed_within(30s));
  EXPECT_GE(server_->stats().connections_refused, 1u);
  held.clear();
  const auto freed = SteadyClock::now() + 30s;
  while (server_->stats().connections_open > 0 && SteadyClock::now() < freed) std::this_thread::sleep_for(20ms);
  EXPECT_TRUE(healthy());
}

}  // namespace
}  // namespace passerelle::testing

namespace passerelle::testing {
namespace {

// A kiosk's batch a little over the limit: it reads a clean 413 (its body drained), no reset.
TEST_F(HubServerLimitsTest, AnAuthenticatedBodyJustOverTheLimitIsAClean413) {
  signal(SIGPIPE, SIG_IGN);  // a reset shows as a failed request below, not a dead test
  start();
  const auto device = enrol("Kiosk");
  const std::string huge((8u << 20) + 1, ' ');
  auto response = client()->Post("/v1/upload", bearer(device.token), huge, "application/json");
  ASSERT_TRUE(response) << httplib::to_string(response.error());
  EXPECT_EQ(response->status, 413);
  EXPECT_TRUE(healthy());
}

}  // namespace
}  // namespace passerelle::testing
