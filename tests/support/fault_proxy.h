// FaultProxy: a TCP relay on loopback that misbehaves at seeded random points, for the sync
// fault tests. Put it between a kiosk's sync worker and the hub; each accepted connection draws
// one fate from the seed:
//   pass       relay both ways untouched;
//   refuse     close at once, before a byte reaches the hub (the hub saw nothing);
//   cut        relay the request, then reset the client's connection as the first answer
//              bytes come back: the hub did the work, the client never learns it (the case that
//              tests idempotence);
//   delay      hold each relayed chunk for a while;
//   duplicate  also send the client's first request to the hub a second time on a connection of
//              its own, whose answer is thrown away (a retransmitting middlebox).
// Thread safety: construct, then use from one thread; relaying runs on threads the proxy owns,
// all joined by stop() or the destructor. Failures to bind are fatal to the test (assert).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace passerelle::testing {

struct FaultMix {
  // Chances out of 100 for each fate; the rest pass.
  int refuse = 0;
  int cut = 0;
  int delay = 0;
  int duplicate = 0;
  int delay_ms = 200;
};

struct FaultCounts {
  std::int64_t passed = 0;
  std::int64_t refused = 0;
  std::int64_t cut = 0;
  std::int64_t delayed = 0;
  std::int64_t duplicated = 0;
};

class FaultProxy {
 public:
  FaultProxy(std::uint16_t upstream_port, std::uint32_t seed, FaultMix mix);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::uint16_t port() const { return port_; }
  // Changes the mix for connections accepted from now on (e.g. all pass, to let things converge).
  void set_mix(FaultMix mix);
  // Points the proxy at another upstream (a restarted hub on a new port).
  void set_upstream(std::uint16_t upstream_port);
  FaultCounts counts() const;
  void stop();

 private:
  enum class Fate { pass, refuse, cut, delay, duplicate };
  void accept_loop();
  void relay(int client, std::uint16_t upstream_port);
  Fate draw(int& delay_ms);

  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<std::uint16_t> upstream_port_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  FaultMix mix_;
  std::mt19937 random_;
  FaultCounts counts_;
  std::vector<int> open_sockets_;
  std::vector<std::thread> workers_;
  std::thread acceptor_;
};

}  // namespace passerelle::testing
