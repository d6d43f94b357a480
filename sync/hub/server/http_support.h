// What every route of the hub's HTTP API shares: JSON answers, errors as docs/sync.md spells them
// ({"error": {"code", "message"}}), bearer authentication and query parameters. Over the
// transport-free Request and Response of request_router.h.
//
// Thread safety: stateless functions; the HubStore they are given is thread-safe. authorise()
// calls the store and so runs on a worker thread, never on an I/O thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"
#include "sync/hub/server/request_router.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub::http {

void send_json(Response& response, int status, std::string body);
void send_error(Response& response, int status, std::string_view code, std::string_view message);
// A storage failure: busy → 503, io (a failing or full disk) → 503 storage_failed with
// Retry-After, not_found → 404, conflict → 409, invalid_input → 400, exhausted → 429, else 500.
void send_failure(Response& response, const Error& error);

// The token of "Authorization: Bearer <token>"; empty when absent or of another scheme.
std::optional<std::string> bearer_token(const Request& request);

// The value of the cookie `name` in the request's Cookie header; empty when absent.
std::optional<std::string> cookie(const Request& request, std::string_view name);

// The web session's cookie (docs/LIVE_VIEW.md, "Pages and routes").
inline constexpr std::string_view kSessionCookie = "psw";

// Authenticates the request's token (or, for Access::web, its session cookie) and checks
// `access` (Access::anyone: nothing to check). On refusal the response is written (401 without or
// with an unknown token or session, 403 for a revoked device or the wrong kind of token) and the
// result is empty.
std::optional<Principal> authorise(HubStore& store, const Request& request, Response& response, Access access);

// Query parameters, path segments and headers carry event ids, feed positions and limits: integers
// from 0 to sync::kMaxSeq (wire.h), as the bodies' are.
//
// Such an integer query parameter, or `fallback` when absent; Errc::invalid_input otherwise.
Result<std::int64_t> integer_param(const Request& request, std::string_view name, std::int64_t fallback);
// Such an integer in decimal (a path segment, a header).
Result<std::int64_t> parse_non_negative(std::string_view text, std::string_view what);

}  // namespace passerelle::hub::http
