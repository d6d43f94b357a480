// HubServer: `passerelle-hub serve`, the HTTP(S) API of docs/sync.md on Boost.Beast over Asio.
//
// Ownership: borrows the HubStore and the Clock, which must outlive it; owns the listening socket,
// every connection, the I/O context and the worker pool (behind Impl, so that this header
// includes no Asio).
// Threads (docs/ARCHITECTURE.md "The hub"): serve() runs the I/O context on the calling thread
// plus `io_threads - 1` more; no connection or live stream holds a thread. Store calls, which
// block, run on a fixed pool of `threads` workers (at most twice the cores), so a slow query never
// stalls I/O. Whatever the number of connections, the process keeps
// 1 + (io_threads - 1) + workers threads here. stop() may be called from any thread, e.g. a
// signal watcher: it closes the listening socket, ends live streams and idle connections, lets
// requests in progress finish, and serve() then returns.
// Bounds: a request has one deadline for its headers, body, handler and answer; idle keep-alive
// connections close after keep_alive_idle; at most max_connections are open (more are closed at
// once); headers are checked (token, size, encoding) before a body is read (docs/sync.md
// "Limits of a request").
// Failure: create() and bind() return Result (bad TLS files, address in use); serve() returns an
// error only if the server could not run at all. No exception leaves a worker: a handler that
// throws is answered with 500.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/util/clock.h"
#include "core/util/result.h"
#include "sync/hub/server/body_reader.h"
#include "sync/hub/server/live_stream.h"
#include "sync/hub/server/web_routes.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                                // 0: any free port, see bound_port()
  std::optional<std::string> tls_certificate;  // PEM files; both or neither
  std::optional<std::string> tls_private_key;
  int threads = 0;     // workers for store calls; 0: twice the cores; clamped to 1..2 x cores
  int io_threads = 1;  // threads running the I/O context, 1 to 4
  BodyLimits body;
  std::size_t max_header_bytes = 16u << 10;           // 431 beyond
  std::chrono::milliseconds request_timeout{30'000};  // headers + body + handler + answer
  std::chrono::milliseconds enrol_timeout{5'000};     // the same, for POST /v1/enrol
  std::chrono::milliseconds keep_alive_idle{5'000};   // waiting for a request's first byte
  std::chrono::milliseconds tls_handshake_timeout{10'000};
  std::chrono::milliseconds live_write_timeout{30'000};  // a stream's reader that stops reading
  std::size_t keep_alive_requests = 10'000;
  std::size_t max_connections = 4096;
  LiveStreamSettings live;
  WebSettings web;  // the organisers' live view (docs/LIVE_VIEW.md)
  // Liveness for a service watchdog: every heartbeat_interval (0: never) while serving, a timer on
  // the I/O context hands HubStore::ping() to a worker, which then calls `heartbeat` with its
  // outcome. Beats stop while the I/O loop, every worker or the store is stuck. Called on a worker
  // thread: it must be thread safe and quick.
  std::chrono::milliseconds heartbeat_interval{0};
  std::function<void(const Status& store)> heartbeat;
};

// Counters for tests, benchmarks and logs; read at any time.
struct ServerStats {
  std::uint64_t connections_open = 0;
  std::uint64_t connections_refused = 0;  // over max_connections
  std::uint64_t bytes_received = 0;       // what the server read from its sockets (after TLS)
  std::uint64_t live_streams = 0;
  int workers = 0;
  int io_threads = 0;
};

class HubServer {
 public:
  static Result<std::unique_ptr<HubServer>> create(HubStore& store, const Clock& clock, ServerOptions options);
  ~HubServer();
  HubServer(const HubServer&) = delete;
  HubServer& operator=(const HubServer&) = delete;

  // Binds the listening socket; returns the port (the real one when options.port was 0).
  Result<int> bind();
  // "http(s)://host:port" once bound.
  std::string url() const;
  // Serves until stop(). Call after bind(), once.
  Status serve();
  void stop();
  ServerStats stats() const;

  struct Impl;

 private:
  explicit HubServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The worker count `options.threads` gives on this machine (2 x cores when 0; clamped to
// 1..2 x cores so that the process stays within 4 + 2 x cores threads).
int effective_worker_count(int requested);

}  // namespace passerelle::hub
