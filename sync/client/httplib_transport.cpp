#include "sync/client/httplib_transport.h"

#include <httplib.h>

#include <charconv>
#include <exception>

namespace passerelle::kiosk {
namespace {

struct HubAddress {
  std::string origin;  // scheme://host[:port], what httplib::Client takes
  std::string prefix;  // "" or "/path" in front of every request path (a hub behind a reverse proxy)
};

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
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    const std::string_view port_text = authority.substr(colon + 1);
    int port = 0;
    const auto parsed = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (parsed.ec != std::errc() || parsed.ptr != port_text.data() + port_text.size() || port < 1 || port > 65535)
      return bad("the port must be a number from 1 to 65535");
  }
  return HubAddress{std::string(url.substr(0, scheme_length)) + std::string(authority), std::string(prefix)};
}

// httplib's error names ("Connection", "Read") say little to the staff who read them.
std::string describe(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "cannot connect";
    case httplib::Error::ConnectionTimeout:
      return "no connection within the timeout";
    case httplib::Error::Read:
      return "no answer (the connection broke or timed out)";
    case httplib::Error::Write:
      return "cannot send (the connection broke or timed out)";
    case httplib::Error::Canceled:
      return "cancelled";
    case httplib::Error::SSLConnection:
      return "TLS handshake failed";
    case httplib::Error::SSLLoadingCerts:
      return "cannot load the CA certificates";
    case httplib::Error::SSLServerVerification:
      return "the hub's certificate is not trusted (see [sync] ca_file)";
    default:
      return httplib::to_string(error);
  }
}

class HttplibTransport final : public HubTransport {
 public:
  HttplibTransport(const HubAddress& address, const HttplibTransportOptions& options)
      : client_(address.origin), prefix_(address.prefix), origin_(address.origin) {
    client_.set_keep_alive(true);
    client_.set_tcp_nodelay(true);
    client_.set_connection_timeout(options.connect_timeout);
    client_.set_read_timeout(options.read_timeout);
    client_.set_write_timeout(options.write_timeout);
    client_.set_follow_location(false);  // a redirect is a misconfigured front, said as such
    if (!options.ca_file.empty()) client_.set_ca_cert_path(options.ca_file.string());
  }

  Result<HttpReply> post_json(std::string_view path, std::string_view body, std::string_view token) override {
    const std::string target = prefix_ + std::string(path);
    try {
      return reply_of(client_.Post(target, headers(token), std::string(body), "application/json"), target);
    } catch (const std::exception& error) {
      return make_error(Errc::io, origin_ + target + ": " + error.what());
    }
  }

  Result<HttpReply> get_json(std::string_view path, std::string_view token) override {
    const std::string target = prefix_ + std::string(path);
    try {
      return reply_of(client_.Get(target, headers(token)), target);
    } catch (const std::exception& error) {
      return make_error(Errc::io, origin_ + target + ": " + error.what());
    }
  }

  void cancel() override { client_.stop(); }

 private:
  static httplib::Headers headers(std::string_view token) {
    httplib::Headers headers{{"Accept", "application/json"}};
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + std::string(token));
    return headers;
  }

  Result<HttpReply> reply_of(const httplib::Result& result, const std::string& target) const {
    if (!result) {
      // No person's data can be in here: an address and httplib's error name.
      return make_error(Errc::io, origin_ + target + ": " + describe(result.error()));
    }
    return HttpReply{result->status, result->body};
  }

  httplib::Client client_;
  std::string prefix_;
  std::string origin_;
};

}  // namespace

Result<std::unique_ptr<HubTransport>> make_httplib_transport(const std::string& hub_url,
                                                             const HttplibTransportOptions& options) {
  PSL_ASSIGN_OR_RETURN(const auto address, parse_hub_url(hub_url));
  try {
    return std::unique_ptr<HubTransport>(std::make_unique<HttplibTransport>(address, options));
  } catch (const std::exception& error) {
    return make_error(Errc::invalid_input, "hub address '" + hub_url + "': " + error.what());
  }
}

TransportFactory httplib_transport_factory(HttplibTransportOptions options) {
  return
      [options = std::move(options)](const std::string& hub_url) { return make_httplib_transport(hub_url, options); };
}

}  // namespace passerelle::kiosk
