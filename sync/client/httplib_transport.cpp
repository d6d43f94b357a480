#include "sync/client/httplib_transport.h"

#include <httplib.h>

#include <cstdint>
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
      : client_(address.origin),
        prefix_(address.prefix),
        origin_(address.origin),
        max_answer_bytes_(options.max_answer_bytes) {
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
    httplib::Request request = request_for("POST", path, token);
    request.headers.emplace("Content-Type", "application/json");
    request.body = std::string(body);
    return exchange(std::move(request));
  }

  Result<HttpReply> get_json(std::string_view path, std::string_view token) override {
    return exchange(request_for("GET", path, token));
  }

  void cancel() override { client_.stop(); }

 private:
  httplib::Request request_for(const char* method, std::string_view path, std::string_view token) const {
    httplib::Request request;
    request.method = method;
    request.path = prefix_ + std::string(path);
    request.headers.emplace("Accept", "application/json");
    if (!token.empty()) request.headers.emplace("Authorization", "Bearer " + std::string(token));
    return request;
  }

  // httplib's own receiver would append the whole body, however long; this one stops at the bound.
  Result<HttpReply> exchange(httplib::Request request) {
    const std::string target = request.path;
    std::string body;
    bool too_large = false;
    request.content_receiver = [&](const char* data, std::size_t length, std::uint64_t, std::uint64_t) {
      if (length > max_answer_bytes_ - body.size()) {
        too_large = true;
        return false;
      }
      body.append(data, length);
      return true;
    };
    try {
      auto result = client_.send(request);
      if (too_large) {
        // The rest of the answer is still on the connection: a fresh one for the next exchange.
        client_.stop();
        return make_error(Errc::io, origin_ + target + ": the answer is larger than " +
                                        std::to_string(max_answer_bytes_) + " bytes; not read");
      }
      if (!result) return failure_of(result.error(), target);
      return HttpReply{result->status, std::move(body)};
    } catch (const std::exception& error) {
      return make_error(Errc::io, origin_ + target + ": " + error.what());
    }
  }

  Error failure_of(httplib::Error error, const std::string& target) const {
    // No person's data can be in here: an address and httplib's error name.
    if (verifier_ && verifier_->mismatch_seen())
      return Error{Errc::io, origin_ + target +
                                 ": the server's certificate is not the hub's this kiosk enrolled with (" +
                                 verifier_->pin() + "): another machine, or the hub's TLS files changed"};
    return Error{Errc::io, origin_ + target + ": " + describe(error)};
  }

  // Before the client: the client's TLS context points at it until the client is gone.
  std::optional<sync::tls::PinnedVerifier> verifier_;
  httplib::Client client_;
  std::string prefix_;
  std::string origin_;
  std::size_t max_answer_bytes_;
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
