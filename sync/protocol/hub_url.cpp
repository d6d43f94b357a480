#include "sync/protocol/hub_url.h"

#include "core/util/strings.h"

namespace passerelle::sync {

Result<HubAddress> parse_hub_url(std::string_view url) {
  const auto bad = [&](std::string_view why) {
    return make_error(Errc::invalid_input, "hub address '" + std::string(url) + "': " + std::string(why));
  };
  std::size_t scheme_length = 0;
  if (url.starts_with("http://")) {
    scheme_length = 7;
  } else if (url.starts_with("https://")) {
    scheme_length = 8;
  } else {
    return bad("must start with http:// or https://");
  }
  const std::string_view rest = url.substr(scheme_length);
  const auto slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  std::string_view prefix = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  if (authority.empty()) return bad("no host");
  if (authority.find_first_of("@?# \t") != std::string_view::npos ||
      prefix.find_first_of("?# \t") != std::string_view::npos)
    return bad("expected scheme://host[:port][/path]");
  // A port, if any, follows the last ':' outside an IPv6 literal's brackets.
  const auto bracket = authority.rfind(']');
  const auto colon = authority.rfind(':');
  const bool has_port = colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket);
  if (has_port) {
    const std::string_view port_text = authority.substr(colon + 1);
    const auto port = parse_integer<int>(port_text);
    if (!port || *port < 1 || *port > 65535) return bad("the port must be a number from 1 to 65535");
  }
  std::string_view host = has_port ? authority.substr(0, colon) : authority;
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
  if (host.empty()) return bad("no host");
  return HubAddress{std::string(url.substr(0, scheme_length)) + std::string(authority), std::string(prefix),
                    std::string(host), scheme_length == 8};
}

}  // namespace passerelle::sync
