#include "sync/client/httplib_transport.h"

#include <httplib.h>

#include <exception>
#include <optional>

#include "sync/protocol/hub_url.h"
#include "sync/tls/pinned_verifier.h"

namespace passerelle::kiosk {
namespace {

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
  HttplibTransport(const sync::HubAddress& address, const std::string& pin, const HttplibTransportOptions& options)
      : client_(address.origin), prefix_(address.prefix), origin_(address.origin) {
    if (!pin.empty()) {
      // The pin replaces the certificate authorities: httplib's own checks (a CA chain, the
      // host's name) would refuse a hub's self-signed certificate.
      verifier_.emplace(pin);
      client_.enable_server_certificate_verification(false);
      verifier_->install(*client_.ssl_context());
    }
    client_.set_keep_alive(true);
    client_.set_tcp_nodelay(true);
    client_.set_connection_timeout(options.connect_timeout);
    client_.set_read_timeout(options.read_timeout);
    client_.set_write_timeout(options.write_timeout);
    client_.set_follow_location(false);  // a redirect is a misconfigured front, said as such
    if (!options.ca_file.empty() && !verifier_) client_.set_ca_cert_path(options.ca_file.string());
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
      if (verifier_ && verifier_->mismatch_seen())
        return make_error(Errc::io, origin_ + target +
                                        ": the server's certificate is not the hub's this kiosk enrolled with (" +
                                        verifier_->pin() + "): another machine, or the hub's TLS files changed");
      return make_error(Errc::io, origin_ + target + ": " + describe(result.error()));
    }
    return HttpReply{result->status, result->body};
  }

  // Before the client: the client's TLS context points at it until the client is gone.
  std::optional<sync::tls::PinnedVerifier> verifier_;
  httplib::Client client_;
  std::string prefix_;
  std::string origin_;
};

}  // namespace

Result<std::unique_ptr<HubTransport>> make_httplib_transport(const HubEndpoint& hub,
                                                             const HttplibTransportOptions& options) {
  PSL_ASSIGN_OR_RETURN(const auto address, sync::parse_hub_url(hub.url));
  if (!hub.certificate_pin.empty() && !address.https)
    return make_error(Errc::invalid_input, "hub address '" + hub.url +
                                               "': this kiosk pinned the hub's certificate at enrolment, so the "
                                               "address must be https://");
  try {
    return std::unique_ptr<HubTransport>(std::make_unique<HttplibTransport>(address, hub.certificate_pin, options));
  } catch (const std::exception& error) {
    return make_error(Errc::invalid_input, "hub address '" + hub.url + "': " + error.what());
  }
}

TransportFactory httplib_transport_factory(HttplibTransportOptions options) {
  return [options = std::move(options)](const HubEndpoint& hub) { return make_httplib_transport(hub, options); };
}

}  // namespace passerelle::kiosk
