// The production HubTransport over cpp-httplib (Debian's 0.11.4, built with OpenSSL, so both
// http:// and https:// hubs). One keep-alive connection with TCP_NODELAY (without it loopback
// requests crawl at about 15 a second: DESIGN.md, pitfalls) and timeouts of a few seconds, so an
// unplugged cable turns into an error quickly and the worker backs off.
//
// Ownership and thread safety: as HubTransport (hub_transport.h). Failure: make_httplib_transport()
// fails with Errc::invalid_input for an address that is not http(s)://host[:port][/prefix]
// (sync/protocol/hub_url.h). An answer whose body grows past max_answer_bytes is dropped as it
// arrives (never held whole) and the exchange fails with Errc::io, so a broken or hostile server
// cannot fill the kiosk's memory.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "sync/client/hub_transport.h"

namespace passerelle::kiosk {

struct HttplibTransportOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds read_timeout{8000};  // a batch of 1,000 entries is stored in well under that
  std::chrono::milliseconds write_timeout{8000};
  // https: the certificate (or CA) to trust, for a hub with a self-signed certificate; empty: the
  // system's CAs.
  std::filesystem::path ca_file;
  // The hub's largest answer is a change page: 1,000 participants (sync::kMaxChangePage), a few
  // hundred bytes each in practice; 64 MiB leaves them 64 KiB each.
  std::size_t max_answer_bytes = std::size_t{64} << 20;
};

// With a certificate pin the hub's certificate must carry that key, whoever signed it, and
// ca_file is not used; a pin with an http:// address is Errc::invalid_input.
Result<std::unique_ptr<HubTransport>> make_httplib_transport(const HubEndpoint& hub,
                                                             const HttplibTransportOptions& options = {});

// A TransportFactory that makes httplib transports with `options`.
TransportFactory httplib_transport_factory(HttplibTransportOptions options = {});

}  // namespace passerelle::kiosk
