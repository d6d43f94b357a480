// One HTTP/1.1 connection of the hub, plain or TLS, as an Asio state machine (Boost.Beast's
// parser and serialiser), and what all connections of one server share.
//
// A connection goes: [TLS handshake, own deadline] → wait for a request's first byte (keep-alive
// idle deadline) → headers (the request's deadline starts) → route, size, encoding and token
// checks on the headers alone → body (de-chunked, counted, capped) → handler on a worker →
// answer → next request, or close. A live stream's answer turns the connection into a stream
// (live_stream.h) until the client leaves, the token stops passing or the server stops.
// An answer given before a body was read (401, 403, 411, 413, 415) closes the connection after a
// short bounded drain, so that the client reads the answer instead of a reset.
//
// Ownership: a connection owns its socket and keeps itself alive (shared_ptr) through its
// pending operations; ServerShared is owned by HubServer::Impl and outlives every connection
// (serve() returns only once all are gone).
// Threads: each connection's handlers run on its strand, on the I/O threads; store calls and
// handlers are posted to the worker pool and their results posted back to the strand.
// Only hub_server.cpp and http_connection.cpp include this header: it brings in Asio.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "sync/hub/server/feed_signal.h"
#include "sync/hub/server/hub_server.h"
#include "sync/hub/server/live_stream.h"
#include "sync/hub/server/request_router.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

class Connection {
 public:
  virtual ~Connection() = default;
  // From any thread: close now if idle or streaming, else after the answer in progress.
  virtual void shutdown() = 0;
};

struct ServerShared {
  ServerShared(HubStore& store_in, FeedSignal& signal_in, const Router& router_in, const ServerOptions& options_in,
               boost::asio::thread_pool& workers_in, boost::asio::ssl::context* tls_in)
      : store(store_in),
        signal(signal_in),
        router(router_in),
        options(options_in),
        workers(workers_in),
        tls(tls_in),
        live_limits(options_in.live) {}

  HubStore& store;
  FeedSignal& signal;
  const Router& router;
  const ServerOptions& options;
  boost::asio::thread_pool& workers;
  boost::asio::ssl::context* tls;  // null: plain HTTP
  LiveStreamLimits live_limits;

  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> open{0};
  std::atomic<std::uint64_t> refused{0};
  std::atomic<std::uint64_t> bytes_received{0};

  // Every open connection, so that stop() can close the idle ones.
  std::mutex registry_mutex;
  std::map<std::uint64_t, std::weak_ptr<Connection>> registry;
  std::uint64_t next_id = 0;
};

// Takes over an accepted socket (whose executor should be a strand) and starts serving it.
void start_connection(ServerShared& shared, boost::asio::ip::tcp::socket socket);

// Asks every open connection to shut down (server stop).
void shutdown_connections(ServerShared& shared);

}  // namespace passerelle::hub
