// The grammar of a hub's address, as enrolment tickets, the kiosk's [sync] hub_url and the
// organiser's `enrol --hub-url` spell it: http(s)://host[:port][/path]. One parser for all three,
// so that an address the hub's command accepts is one a kiosk can reach.
// Thread safety: a pure function. Failure: Errc::invalid_input, naming the address and the fault.
#pragma once

#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::sync {

struct HubAddress {
  std::string origin;  // scheme://host[:port], what an HTTP client connects to
  std::string prefix;  // "" or "/path" in front of every request path (a hub behind a reverse proxy)
  std::string host;    // without an IPv6 literal's brackets
  bool https = false;
};

Result<HubAddress> parse_hub_url(std::string_view url);

}  // namespace passerelle::sync
