#include "tests/support/fault_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cassert>
#include <chrono>
#include <string>

namespace passerelle::testing {
namespace {

int connect_loopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

bool send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
    if (sent <= 0) return false;
    data += sent;
    size -= static_cast<std::size_t>(sent);
  }
  return true;
}

// Closes with a TCP reset rather than a clean FIN: what a dropped network path looks like.
void reset(int fd) {
  linger hard{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  ::close(fd);
}

// Sends `request` on a connection of its own and reads the answer until the hub closes or goes
// quiet, throwing it away.
void replay(std::uint16_t port, const std::string& request) {
  const int fd = connect_loopback(port);
  if (fd < 0) return;
  if (send_all(fd, request.data(), request.size())) {
    char buffer[16384];
    pollfd watch{fd, POLLIN, 0};
    // Keep-alive holds the connection open: wait for the answer, then stop once it goes quiet.
    int wait_ms = 2000;
    while (::poll(&watch, 1, wait_ms) > 0 && ::recv(fd, buffer, sizeof buffer, 0) > 0) wait_ms = 100;
  }
  ::close(fd);
}

}  // namespace

FaultProxy::FaultProxy(std::uint16_t upstream_port, std::uint32_t seed, FaultMix mix)
    : upstream_port_(upstream_port), mix_(mix), random_(seed) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  assert(listener_ >= 0);
  const int one = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  [[maybe_unused]] const int bound = ::bind(listener_, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  assert(bound == 0);
  [[maybe_unused]] const int listening = ::listen(listener_, 64);
  assert(listening == 0);
  socklen_t length = sizeof address;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  stop();
}

void FaultProxy::set_mix(FaultMix mix) {
  std::lock_guard lock(mutex_);
  mix_ = mix;
}

void FaultProxy::set_upstream(std::uint16_t upstream_port) {
  upstream_port_ = upstream_port;
}

FaultCounts FaultProxy::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

void FaultProxy::stop() {
  if (stopping_.exchange(true)) return;
  if (acceptor_.joinable()) acceptor_.join();
  ::close(listener_);
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    workers.swap(workers_);
  }
  for (auto& worker : workers) worker.join();
}

FaultProxy::Fate FaultProxy::draw(int& delay_ms) {
  std::lock_guard lock(mutex_);
  delay_ms = mix_.delay_ms;
  const int roll = static_cast<int>(random_() % 100);
  int edge = mix_.refuse;
  if (roll < edge) return ++counts_.refused, Fate::refuse;
  if (roll < (edge += mix_.cut)) return ++counts_.cut, Fate::cut;
  if (roll < (edge += mix_.delay)) return ++counts_.delayed, Fate::delay;
  if (roll < (edge += mix_.duplicate)) return ++counts_.duplicated, Fate::duplicate;
  ++counts_.passed;
  return Fate::pass;
}

void FaultProxy::accept_loop() {
  pollfd watch{listener_, POLLIN, 0};
  while (!stopping_) {
    if (::poll(&watch, 1, 100) <= 0) continue;
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    const int one = 1;
    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::lock_guard lock(mutex_);
    workers_.emplace_back([this, client] { relay(client, upstream_port_.load()); });
  }
}

// One fate per request: a keep-alive connection carries many, and each new request (client bytes
// after answer bytes) draws again, so faults keep coming on long-lived connections.
void FaultProxy::relay(int client, std::uint16_t upstream_port) {
  int upstream = -1;
  Fate fate = Fate::pass;
  int delay_ms = 0;
  bool answering = true;  // so that the first client bytes start a request
  std::string request;
  char buffer[16384];
  auto finish = [&](bool hard) {
    hard ? reset(client) : (void)::close(client);
    if (upstream >= 0) ::close(upstream);
  };
  while (!stopping_) {
    pollfd watch[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    const int ready = ::poll(watch, upstream >= 0 ? 2 : 1, 100);
    if (ready <= 0) continue;
    if (watch[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
      if (got <= 0) return finish(false);
      if (answering) {
        answering = false;
        request.clear();
        fate = draw(delay_ms);
        if (fate == Fate::refuse) return finish(true);
        if (upstream < 0 && (upstream = connect_loopback(upstream_port)) < 0) return finish(true);
      }
      request.append(buffer, static_cast<std::size_t>(got));
      if (fate == Fate::delay) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      if (!send_all(upstream, buffer, static_cast<std::size_t>(got))) return finish(true);
    }
    if (upstream >= 0 && (watch[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      const ssize_t got = ::recv(upstream, buffer, sizeof buffer, 0);
      if (got <= 0) return finish(false);
      if (!answering) {
        answering = true;
        if (fate == Fate::cut) return finish(true);
        if (fate == Fate::duplicate) replay(upstream_port, request);
      }
      if (fate == Fate::delay) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      if (!send_all(client, buffer, static_cast<std::size_t>(got))) return finish(true);
    }
  }
  finish(false);
}

}  // namespace passerelle::testing
