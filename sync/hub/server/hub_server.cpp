#include "sync/hub/server/hub_server.h"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <iostream>
#include <thread>
#include <vector>

#include "sync/hub/server/api_routes.h"
#include "sync/hub/server/feed_signal.h"
#include "sync/hub/server/http_connection.h"
#include "sync/hub/server/listen_address.h"
#include "sync/hub/server/request_router.h"

namespace passerelle::hub {

namespace asio = boost::asio;
using asio::ip::tcp;

int effective_worker_count(int requested) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int most = 2 * cores;
  if (requested <= 0) return std::max(2, most);
  return std::clamp(requested, 1, std::max(2, most));
}

struct HubServer::Impl {
  Impl(HubStore& store_in, const Clock& clock, ServerOptions options_in)
      : store(store_in),
        options(std::move(options_in)),
        io(options.io_threads),
        workers(static_cast<std::size_t>(options.threads)),
        acceptor(io),
        retry(io),
        shared(store, signal, router, options, workers, tls ? &*tls : nullptr) {
    ApiSettings settings;
    settings.metrics_need_token = !is_loopback_host(options.host);
    settings.live_batch = options.live.batch;
    install_api_routes(router, store_in, clock, signal, settings);
    install_web_routes(router, store_in, clock, signal, options.web);
  }

  void accept() {
    acceptor.async_accept(asio::make_strand(io), [this](boost::system::error_code error, tcp::socket socket) {
      if (error == asio::error::operation_aborted || !acceptor.is_open()) return;
      if (error) {
        // Out of descriptors (EMFILE) and the like: try again shortly rather than spin.
        retry.expires_after(std::chrono::milliseconds(100));
        retry.async_wait([this](boost::system::error_code waited) {
          if (!waited) accept();
        });
        return;
      }
      if (shared.open >= options.max_connections) {
        // Beyond the cap the connection is closed at once: a bounded server answers the others.
        ++shared.refused;
        boost::system::error_code ignored;
        socket.close(ignored);
      } else {
        start_connection(shared, std::move(socket));
      }
      accept();
    });
  }

  // The service watchdog's beat (ServerOptions::heartbeat): the timer runs on the I/O context and
  // the store's ping on a worker, as a request's handler would, so a stuck I/O loop, a pool whose
  // every worker is stuck, or a store that never answers all stop the beats. The next beat is
  // armed only when this one is done: a stuck store leaves no pile of pings behind.
  void beat() {
    if (shared.stopping) return;
    heartbeat_timer.expires_after(options.heartbeat_interval);
    heartbeat_timer.async_wait([this](boost::system::error_code error) {
      if (error || shared.stopping) return;
      asio::post(workers, [this] {
        options.heartbeat(store.ping());
        asio::post(io, [this] { beat(); });
      });
    });
  }

  HubStore& store;
  ServerOptions options;
  std::optional<asio::ssl::context> tls;  // set before `shared` is built (see create())
  asio::io_context io;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  asio::steady_timer retry;
  asio::steady_timer heartbeat_timer{io};
  FeedSignal signal;
  Router router;
  ServerShared shared;
  int port = 0;
};

HubServer::HubServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HubServer::~HubServer() {
  stop();
  impl_->workers.join();
}

Result<std::unique_ptr<HubServer>> HubServer::create(HubStore& store, const Clock& clock, ServerOptions options) {
  if (options.threads < 0 || options.threads > 1024)
    return make_error(Errc::invalid_input, "--threads must be 1 to 1024");
  if (options.io_threads < 1 || options.io_threads > 4)
    return make_error(Errc::invalid_input, "the server runs 1 to 4 I/O threads");
  if (options.tls_certificate.has_value() != options.tls_private_key.has_value())
    return make_error(Errc::invalid_input, "TLS needs both --tls-cert and --tls-key");
  options.threads = effective_worker_count(options.threads);
  std::optional<asio::ssl::context> tls;
  if (options.tls_certificate) {
    tls.emplace(asio::ssl::context::tls_server);
    boost::system::error_code error;
    tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                         asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                         asio::ssl::context::single_dh_use,
                     error);
    if (!error) tls->use_certificate_chain_file(*options.tls_certificate, error);
    if (!error) tls->use_private_key_file(*options.tls_private_key, asio::ssl::context::pem, error);
    if (error)
      return make_error(Errc::invalid_input, "cannot load the TLS certificate " + *options.tls_certificate +
                                                 " with the key " + *options.tls_private_key + ": " + error.message());
  }
  auto impl = std::make_unique<Impl>(store, clock, std::move(options));
  if (tls) {
    impl->tls.emplace(std::move(*tls));
    impl->shared.tls = &*impl->tls;
  }
  return std::unique_ptr<HubServer>(new HubServer(std::move(impl)));
}

Result<int> HubServer::bind() {
  const auto& host = impl_->options.host;
  const auto fail = [&](const std::string& why) {
    return make_error(Errc::io,
                      "cannot listen on " + host + ":" + std::to_string(impl_->options.port) + " (" + why + ")");
  };
  boost::system::error_code error;
  tcp::resolver resolver(impl_->io);
  const auto endpoints = resolver.resolve(host, std::to_string(impl_->options.port),
                                          tcp::resolver::passive | tcp::resolver::numeric_service, error);
  if (error || endpoints.empty()) return fail("not an address of this machine");
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    return fail(error == asio::error::address_in_use ? "address in use" : error.message());
  }
  impl_->port = acceptor.local_endpoint().port();
  return impl_->port;
}

std::string HubServer::url() const {
  return base_url(impl_->options.tls_certificate.has_value(), impl_->options.host, impl_->port);
}

Status HubServer::serve() {
  if (impl_->port <= 0) return make_error(Errc::io, "the server is not bound");
  // Entries committed by other processes on the same database (another hub on PostgreSQL) wake
  // the live streams as this process's own uploads do; without a watch, streams re-read instead.
  auto watch = impl_->store.watch_feed([signal = &impl_->signal] { signal->notify(); });
  if (!watch)
    std::cerr << "passerelle-hub: cannot watch the feed (" << watch.error().message
              << "); live pages follow other hubs' uploads by re-reading\n";
  impl_->accept();
  if (impl_->options.heartbeat && impl_->options.heartbeat_interval.count() > 0) impl_->beat();
  // The calling thread runs the I/O context, with io_threads - 1 more. run() returns once stop()
  // closed the acceptor and every connection (and the worker jobs they wait for) is done.
  std::vector<std::jthread> more;
  for (int i = 1; i < impl_->options.io_threads; ++i) more.emplace_back([this] { impl_->io.run(); });
  try {
    impl_->io.run();
  } catch (const std::exception& error) {
    std::cerr << "passerelle-hub: the server's I/O loop failed: " << error.what() << "\n";
    stop();
    more.clear();
    return make_error(Errc::io, std::string("the server stopped: ") + error.what());
  }
  return {};
}

void HubServer::stop() {
  auto& impl = *impl_;
  impl.shared.stopping = true;
  impl.signal.close();  // live streams end now
  asio::post(impl.io, [&impl] {
    boost::system::error_code ignored;
    impl.acceptor.close(ignored);
    impl.retry.cancel();
    impl.heartbeat_timer.cancel();
    shutdown_connections(impl.shared);
  });
}

ServerStats HubServer::stats() const {
  ServerStats stats;
  stats.connections_open = impl_->shared.open;
  stats.connections_refused = impl_->shared.refused;
  stats.bytes_received = impl_->shared.bytes_received;
  stats.live_streams = static_cast<std::uint64_t>(impl_->shared.live_limits.open());
  stats.workers = impl_->options.threads;
  stats.io_threads = impl_->options.io_threads;
  return stats;
}

}  // namespace passerelle::hub
