// `--listen ADDR:PORT` for passerelle-hub serve: "127.0.0.1:8080", "0.0.0.0:0", "[::1]:8443",
// "localhost:8080". Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::hub {

struct ListenAddress {
  std::string host;  // without brackets
  int port = 0;      // 0: any free port
};

// Errc::invalid_input for a missing host or a port outside 0..65535.
Result<ListenAddress> parse_listen_address(std::string_view text);

// Only this machine can connect: 127.0.0.0/8, ::1, localhost.
bool is_loopback_host(std::string_view host) noexcept;

// "http://host:port" (IPv6 hosts in brackets), as clients and the enrolment ticket spell it.
std::string base_url(bool tls, std::string_view host, int port);

}  // namespace passerelle::hub
