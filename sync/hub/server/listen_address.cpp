#include "sync/hub/server/listen_address.h"

#include "core/util/strings.h"

namespace passerelle::hub {

Result<ListenAddress> parse_listen_address(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0)
    return make_error(Errc::invalid_input,
                      "--listen takes ADDRESS:PORT (e.g. 0.0.0.0:8443), not '" + std::string(text) + "'");
  ListenAddress address;
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty() || host.find_first_of("[] ") != std::string_view::npos)
    return make_error(Errc::invalid_input, "--listen: bad address '" + std::string(text.substr(0, colon)) + "'");
  address.host = std::string(host);
  const std::string_view port = text.substr(colon + 1);
  const auto number = parse_integer<int>(port);
  if (!number || *number < 0 || *number > 65535)
    return make_error(Errc::invalid_input, "--listen: the port must be 0 to 65535, not '" + std::string(port) + "'");
  address.port = *number;
  return address;
}

bool is_loopback_host(std::string_view host) noexcept {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

std::string base_url(bool tls, std::string_view host, int port) {
  const bool ipv6 = host.find(':') != std::string_view::npos;
  std::string url = tls ? "https://" : "http://";
  url += ipv6 ? "[" + std::string(host) + "]" : std::string(host);
  return url + ":" + std::to_string(port);
}

}  // namespace passerelle::hub
