#include "sync/hub/server/http_support.h"

#include <iostream>

#include "core/util/strings.h"
#include "sync/protocol/wire.h"

namespace passerelle::hub::http {

void send_json(Response& response, int status, std::string body) {
  response.status = status;
  response.content_type = "application/json";
  response.body = std::move(body);
}

void send_error(Response& response, int status, std::string_view code, std::string_view message) {
  send_json(response, status, sync::error_json(code, message));
}

void send_failure(Response& response, const Error& error) {
  switch (error.code) {
    case Errc::invalid_input:
      return send_error(response, 400, "bad_request", error.message);
    case Errc::not_found:
      return send_error(response, 404, "not_found", error.message);
    case Errc::conflict:
      return send_error(response, 409, "conflict", error.message);
    case Errc::busy:
      return send_error(response, 503, "busy", "the hub's storage is busy; try again");
    case Errc::exhausted:
      return send_error(response, 429, "quota_exhausted", error.message);
    case Errc::io:
      // A failing or full disk under SQLite, or a lost connection to PostgreSQL: nothing of the
      // request was stored, and the same request may succeed once the storage does, so the kiosk keeps the batch and
      // retries. The path and the system's reason are the operator's business (the hub's log), not the client's.
      std::cerr << "passerelle-hub: storage failed: " << error.message << "\n";
      response.set_header("Retry-After", "5");
      return send_error(response, 503, "storage_failed", "the hub's storage failed; nothing was stored");
    case Errc::unsupported:
    case Errc::database:
      break;
  }
  return send_error(response, 500, "internal", error.message);
}

std::optional<std::string> bearer_token(const Request& request) {
  constexpr std::string_view kScheme = "Bearer ";
  const std::string_view header = request.header("Authorization").value_or(std::string_view{});
  if (header.size() <= kScheme.size() || header.compare(0, kScheme.size(), kScheme) != 0) return std::nullopt;
  return std::string(header.substr(kScheme.size()));
}

std::optional<std::string> cookie(const Request& request, std::string_view name) {
  std::string_view header = request.header("Cookie").value_or(std::string_view{});
  while (!header.empty()) {
    const auto end = header.find(';');
    auto pair = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return std::nullopt;
}

namespace {

std::optional<Principal> authorise_web(HubStore& store, const Request& request, Response& response) {
  const auto token = cookie(request, kSessionCookie);
  auto session = token ? store.web_session(*token) : Result<std::optional<WebSession>>(std::nullopt);
  if (!session) {
    send_failure(response, session.error());
    return std::nullopt;
  }
  if (!*session) {
    if (request.method == "POST") {
      // A page's form sent after its session ended: the browser shows the login page, not JSON.
      response.status = 303;
      response.content_type = "text/plain; charset=utf-8";
      response.body = "See /login?error=ended\n";
      response.set_header("Location", "/login?error=ended");
      return std::nullopt;
    }
    send_error(response, 401, "unauthorized", "no session, or it has ended: log in");
    return std::nullopt;
  }
  Principal principal;
  principal.kind = Principal::Kind::web;
  principal.name = std::move((*session)->account);
  principal.events = std::move((*session)->events);
  principal.session_token = *token;
  principal.csrf_token = std::move((*session)->csrf_token);
  principal.session_expires_ms = (*session)->expires_ms;
  return principal;
}

}  // namespace

std::optional<Principal> authorise(HubStore& store, const Request& request, Response& response, Access access) {
  if (access == Access::anyone) return Principal{};
  if (access == Access::web) return authorise_web(store, request, response);
  const auto token = bearer_token(request);
  if (!token) {
    response.set_header("WWW-Authenticate", "Bearer");
    send_error(response, 401, "unauthorized", "this call needs a device or organiser token (Authorization: Bearer)");
    return std::nullopt;
  }
  auto auth = store.authenticate(*token);
  if (!auth) {
    send_failure(response, auth.error());
    return std::nullopt;
  }
  switch (auth->status) {
    case AuthStatus::unknown:
      response.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      send_error(response, 401, "unauthorized", "unknown token");
      return std::nullopt;
    case AuthStatus::revoked:
      send_error(response, 403, "revoked", "this device was revoked by the organiser; export its journal instead");
      return std::nullopt;
    case AuthStatus::ok:
      break;
  }
  if (access == Access::device && auth->principal.is_organiser()) {
    send_error(response, 403, "forbidden", "this call is for enrolled devices");
    return std::nullopt;
  }
  if (access == Access::organiser && !auth->principal.is_organiser()) {
    send_error(response, 403, "forbidden", "this call needs an organiser token");
    return std::nullopt;
  }
  return std::move(auth->principal);
}

Result<std::int64_t> parse_non_negative(std::string_view text, std::string_view what) {
  const auto value = parse_integer<std::int64_t>(text);
  if (!value || *value < 0 || *value > sync::kMaxSeq)
    return make_error(Errc::invalid_input,
                      std::string(what) + " must be an integer from 0 to " + std::to_string(sync::kMaxSeq));
  return *value;
}

Result<std::int64_t> integer_param(const Request& request, std::string_view name, std::int64_t fallback) {
  const auto value = request.param(name);
  if (!value) return fallback;
  return parse_non_negative(*value, name);
}

}  // namespace passerelle::hub::http
