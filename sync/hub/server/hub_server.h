// HubServer: `passerelle-hub serve`, the HTTP(S) API of docs/sync.md on cpp-httplib 0.11.
//
// Ownership: borrows the HubStore and the Clock, which must outlive it; owns the httplib server.
// Threads: serve() blocks the calling thread while `threads` workers answer requests (a live
// stream holds one worker while open). stop() may be called from any thread, e.g. a signal
// watcher: it closes the listening socket, ends the live streams, lets requests in progress finish,
// and serve() then returns. No exception leaves a worker: an exception handler answers 500.
// Failure: create() and bind() return Result (bad TLS files, address in use); serve() returns an
// error only if the server could not run at all.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "core/util/clock.h"
#include "core/util/result.h"
#include "sync/hub/server/feed_signal.h"
#include "sync/hub/server/live_stream.h"
#include "sync/hub/store/hub_store.h"

namespace httplib {
class Server;
}

namespace passerelle::hub {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                                // 0: any free port, see bound_port()
  std::optional<std::string> tls_certificate;  // PEM files; both or neither
  std::optional<std::string> tls_private_key;
  int threads = 16;
  std::size_t max_body_bytes = 8u << 20;  // a full upload batch is well under 5 MiB
  std::chrono::seconds io_timeout{30};
  std::size_t keep_alive_requests = 10'000;
  LiveStreamSettings live;
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
  // Serves until stop(). Call after bind().
  Status serve();
  void stop();

 private:
  HubServer(HubStore& store, const Clock& clock, ServerOptions options, std::unique_ptr<httplib::Server> server);

  HubStore* store_;
  const Clock* clock_;
  ServerOptions options_;
  FeedSignal signal_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
};

}  // namespace passerelle::hub
