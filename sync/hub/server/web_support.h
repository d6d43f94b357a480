// What the live view's routes share (web_routes.cpp, web_participants.cpp): the pages' security
// headers, redirects, forms and their same-site check, and the event a request may see.
// Stateless functions over the transport-free Request and Response; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sync/hub/server/request_router.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub::web {

// The Content-Security-Policy and the other headers every answer of the live view carries.
void secure(Response& response);
// 303 to `location` (a path of this hub).
void redirect(Response& response, const std::string& location);
// The fields of a page's form; empty, with 415 written, unless it is urlencoded.
std::optional<HeaderList> form_fields(const Request& request, Response& response);
// A field's value, or empty.
std::string field(const HeaderList& fields, std::string_view name);
// False for a request a page of another site made (Sec-Fetch-Site, Origin against Host).
bool same_site(const Request& request);
// The form's `csrf` field against the session's token, and same_site; on refusal 403 is written.
bool form_allowed(const Request& request, const HeaderList& fields, const Principal& principal, Response& response);
// The event of the path's first parameter when the session's account was given it; otherwise 403
// (alike for an event that does not exist: ids do not tell which events the hub holds). Also
// writes the security headers and Cache-Control: no-store.
std::optional<std::int64_t> own_event(const Request& request, const Principal& principal, Response& response);

}  // namespace passerelle::hub::web
