// The fault proxy does what the sync fault tests rely on: each fate reaches the hub (or not) and
// the client (or not) as documented.
#include "tests/support/fault_proxy.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <optional>
#include <string>
#include <thread>

namespace passerelle::testing {
namespace {

// Answers every chunk it reads with "ok" and counts what it received.
class CountingUpstream {
 public:
  CountingUpstream() {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(::listen(listener_, 16), 0);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~CountingUpstream() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
  }
  std::uint16_t port() const { return port_; }
  int requests() const { return requests_; }

 private:
  void serve() {
    std::vector<pollfd> watch{{listener_, POLLIN, 0}};
    while (!stop_) {
      if (::poll(watch.data(), watch.size(), 50) <= 0) continue;
      if (watch[0].revents & POLLIN) watch.push_back({::accept(listener_, nullptr, nullptr), POLLIN, 0});
      for (std::size_t i = 1; i < watch.size(); ++i) {
        if (!(watch[i].revents & (POLLIN | POLLHUP))) continue;
        char buffer[256];
        if (::recv(watch[i].fd, buffer, sizeof buffer, 0) > 0) {
          ++requests_;
          ::send(watch[i].fd, "ok", 2, MSG_NOSIGNAL);
        } else {
          ::close(watch[i].fd);
          watch.erase(watch.begin() + static_cast<std::ptrdiff_t>(i--));
        }
      }
    }
    for (std::size_t i = 1; i < watch.size(); ++i) ::close(watch[i].fd);
  }

  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

// Sends one request through the proxy; the answer, or nothing when the connection was dropped.
std::optional<std::string> ask(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::optional<std::string> answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, "hello", 5, MSG_NOSIGNAL) == 5) {
    pollfd watch{fd, POLLIN, 0};
    char buffer[16];
    if (::poll(&watch, 1, 5000) > 0) {
      const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
      if (got > 0) answer = std::string(buffer, static_cast<std::size_t>(got));
    }
  }
  ::close(fd);
  return answer;
}

void await_requests(const CountingUpstream& upstream, int expected) {
  for (int i = 0; i < 200 && upstream.requests() < expected; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

TEST(FaultProxy, EachFateDoesWhatItSays) {
  CountingUpstream upstream;
  FaultProxy proxy(upstream.port(), 1, FaultMix{});
  EXPECT_EQ(ask(proxy.port()), "ok");
  await_requests(upstream, 1);
  EXPECT_EQ(upstream.requests(), 1);

  proxy.set_mix(FaultMix{.refuse = 100});
  EXPECT_EQ(ask(proxy.port()), std::nullopt);
  EXPECT_EQ(upstream.requests(), 1) << "a refused request never reaches the upstream";

  proxy.set_mix(FaultMix{.cut = 100});
  EXPECT_EQ(ask(proxy.port()), std::nullopt);
  await_requests(upstream, 2);
  EXPECT_EQ(upstream.requests(), 2) << "a cut request was served, its answer lost";

  proxy.set_mix(FaultMix{.duplicate = 100});
  EXPECT_EQ(ask(proxy.port()), "ok");
  await_requests(upstream, 4);
  EXPECT_EQ(upstream.requests(), 4) << "a duplicated request is served twice";

  proxy.set_mix(FaultMix{.delay = 100, .delay_ms = 20});
  EXPECT_EQ(ask(proxy.port()), "ok");
  const auto counts = proxy.counts();
  EXPECT_EQ(counts.passed, 1);
  EXPECT_EQ(counts.refused, 1);
  EXPECT_EQ(counts.cut, 1);
  EXPECT_EQ(counts.duplicated, 1);
  EXPECT_EQ(counts.delayed, 1);
}

}  // namespace
}  // namespace passerelle::testing
