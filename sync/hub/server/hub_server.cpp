#include "sync/hub/server/hub_server.h"

#include <httplib.h>

#include <iostream>

#include "sync/hub/server/api_routes.h"
#include "sync/hub/server/http_support.h"
#include "sync/hub/server/listen_address.h"

namespace passerelle::hub {
namespace {

std::string_view code_for_status(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 413:
      return "too_large";
    case 414:
      return "uri_too_long";
    default:
      return status >= 500 ? "internal" : "error";
  }
}

void configure(httplib::Server& server, const ServerOptions& options) {
  const int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  // Without TCP_NODELAY and a raised keep-alive count, loopback requests crawl (DESIGN.md pitfalls).
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(options.keep_alive_requests);
  server.set_keep_alive_timeout(5);
  const auto timeout = static_cast<time_t>(options.io_timeout.count());
  server.set_read_timeout(timeout, 0);
  server.set_write_timeout(timeout, 0);
  server.set_payload_max_length(options.max_body_bytes);
  // Answers httplib produced itself (413, 404 for an unknown route, 400 for a bad request line)
  // get the API's JSON error body; answers our handlers wrote keep theirs.
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        http::send_error(
            response, response.status, code_for_status(response.status),
            response.status == 413 ? "the request body is larger than the hub accepts" : "no such resource or method");
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [](const httplib::Request& request, httplib::Response& response, std::exception_ptr exception) {
        std::string what = "unknown exception";
        try {
          if (exception) std::rethrow_exception(exception);
        } catch (const std::exception& error) {
          what = error.what();
        } catch (...) {
        }
        std::cerr << "passerelle-hub: " << request.method << " " << request.path << ": " << what << "\n";
        http::send_error(response, 500, "internal", "the hub failed on this request");
      });
}

}  // namespace

HubServer::HubServer(HubStore& store, const Clock& clock, ServerOptions options,
                     std::unique_ptr<httplib::Server> server)
    : store_(&store), clock_(&clock), options_(std::move(options)), server_(std::move(server)) {}

HubServer::~HubServer() {
  stop();
}

Result<std::unique_ptr<HubServer>> HubServer::create(HubStore& store, const Clock& clock, ServerOptions options) {
  if (options.threads < 2 || options.threads > 1024)
    return make_error(Errc::invalid_input, "--threads must be 2 to 1024");
  if (options.tls_certificate.has_value() != options.tls_private_key.has_value())
    return make_error(Errc::invalid_input, "TLS needs both --tls-cert and --tls-key");
  std::unique_ptr<httplib::Server> server;
  if (options.tls_certificate) {
    auto tls = std::make_unique<httplib::SSLServer>(options.tls_certificate->c_str(), options.tls_private_key->c_str());
    if (!tls->is_valid())
      return make_error(Errc::invalid_input, "cannot load the TLS certificate " + *options.tls_certificate +
                                                 " with the key " + *options.tls_private_key);
    server = std::move(tls);
  } else {
    server = std::make_unique<httplib::Server>();
  }
  configure(*server, options);
  auto hub = std::unique_ptr<HubServer>(new HubServer(store, clock, std::move(options), std::move(server)));
  ApiSettings settings;
  settings.metrics_need_token = !is_loopback_host(hub->options_.host);
  settings.max_body_bytes = hub->options_.max_body_bytes;
  settings.live = hub->options_.live;
  install_api_routes(*hub->server_, *hub->store_, *hub->clock_, hub->signal_, settings);
  return hub;
}

Result<int> HubServer::bind() {
  const auto& host = options_.host;
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(host);
    if (port_ < 0) port_ = 0;
  } else if (server_->bind_to_port(host, options_.port)) {
    port_ = options_.port;
  }
  if (port_ <= 0)
    return make_error(Errc::io, "cannot listen on " + host + ":" + std::to_string(options_.port) +
                                    " (address in use, or not an address of this machine)");
  return port_;
}

std::string HubServer::url() const {
  return base_url(options_.tls_certificate.has_value(), options_.host, port_);
}

Status HubServer::serve() {
  if (port_ <= 0) return make_error(Errc::io, "the server is not bound");
  // Returns once stop() closed the socket and the workers finished their requests.
  if (!server_->listen_after_bind() && !signal_.closed())
    return make_error(Errc::io, "the server stopped accepting connections");
  return {};
}

void HubServer::stop() {
  signal_.close();  // live streams end at their next round
  server_->stop();
}

}  // namespace passerelle::hub
