// HubTransport: one HTTP exchange with the hub, JSON both ways. An interface so that tests run the
// real sync worker against an in-memory hub, with no sockets (DESIGN.md: "HTTP transport is an
// interface"); production uses make_httplib_transport() (httplib_transport.h).
//
// Ownership: a transport is owned by the sync worker that made it through a TransportFactory.
// Thread safety: post_json()/get_json() from one thread at a time; cancel() from any thread.
// Failure: a Result error (Errc::io) only when no HTTP answer came (refused, reset, timeout, TLS,
// cancelled). Every HTTP status, 4xx and 5xx included, is a reply; hub_client.h interprets it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::kiosk {

struct HttpReply {
  int status = 0;
  std::string body;
};

class HubTransport {
 public:
  virtual ~HubTransport() = default;
  // `path` starts with "/v1/" and may carry a query string. An empty `token` sends no
  // Authorization header (enrolment, whose credential is the code in the body).
  virtual Result<HttpReply> post_json(std::string_view path, std::string_view body, std::string_view token) = 0;
  virtual Result<HttpReply> get_json(std::string_view path, std::string_view token) = 0;
  // Aborts the exchange in flight, which then fails with Errc::io, so that a stopping worker does
  // not sit out a timeout. Later exchanges reconnect.
  virtual void cancel() {}
};

// Where a hub is and how to know it: the address ("http://host:port", "https://host/prefix") and,
// for https, the pin of its certificate's key from the enrolment ticket (sync/tls/certificate_pin.h;
// empty: verified against certificate authorities instead).
struct HubEndpoint {
  std::string url;
  std::string certificate_pin;
  bool operator==(const HubEndpoint&) const = default;
};

// Makes the transport for a hub. Errc::invalid_input for an endpoint it cannot serve.
using TransportFactory = std::function<Result<std::unique_ptr<HubTransport>>(const HubEndpoint& hub)>;

}  // namespace passerelle::kiosk
