#include "sync/hub/server/web_support.h"

#include "sync/hub/server/http_support.h"
#include "sync/hub/store/hub_tokens.h"

namespace passerelle::hub::web {

using http::send_error;

// What every answer of the live view carries. Scripts and styles come from the hub only and no
// inline script runs, so a participant's name that slipped into a page as markup would still
// execute nothing; no other site may frame a page (clickjacking of the logout or revoke forms).
void secure(Response& response) {
  response.set_header("Content-Security-Policy",
                      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                      "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  response.set_header("X-Content-Type-Options", "nosniff");
  // Not no-referrer: under it Chromium sends "Origin: null" with a form of the page's own site,
  // which same_site() could then not tell from a sandboxed frame's. same-origin still sends
  // nothing to another site.
  response.set_header("Referrer-Policy", "same-origin");
  response.set_header("X-Frame-Options", "DENY");
}

void redirect(Response& response, const std::string& location) {
  response.status = 303;
  response.content_type = "text/plain; charset=utf-8";
  response.body = "See " + location + "\n";
  response.set_header("Location", location);
  response.set_header("Cache-Control", "no-store");
}

// A page's form: application/x-www-form-urlencoded only (what a browser's form sends), within the
// small body limit the connection applied (BodyRule::form). Empty with 415 written otherwise.
std::optional<HeaderList> form_fields(const Request& request, Response& response) {
  const auto type = request.header("Content-Type").value_or("");
  if (type.substr(0, type.find(';')) != "application/x-www-form-urlencoded") {
    send_error(response, 415, "unsupported_type", "a form is sent as application/x-www-form-urlencoded");
    return std::nullopt;
  }
  std::string path;
  HeaderList fields;
  split_target("?" + request.body, path, fields);
  return fields;
}

std::string field(const HeaderList& fields, std::string_view name) {
  for (const auto& [key, value] : fields)
    if (key == name) return value;
  return {};
}

// A write from a page of another site is refused whatever it carries: the browser says where a
// form came from (Sec-Fetch-Site, Origin), and SameSite=Strict already keeps the cookie from such
// a request; this holds even for a browser that ignores SameSite.
bool same_site(const Request& request) {
  const auto site = request.header("Sec-Fetch-Site");
  if (site && *site == "cross-site") return false;
  const auto origin = request.header("Origin");
  // "null" is what a sandboxed frame or a privacy setting sends: trusted only when the browser
  // also says the request comes from this site.
  if (!origin) return true;
  if (*origin == "null") return site && *site == "same-origin";
  const auto scheme_end = origin->find("://");
  const auto host = request.header("Host");
  return scheme_end != std::string_view::npos && host && origin->substr(scheme_end + 3) == *host;
}

bool form_allowed(const Request& request, const HeaderList& fields, const Principal& principal, Response& response) {
  if (!same_site(request)) {
    send_error(response, 403, "cross_site", "this form comes from another site");
    return false;
  }
  if (!same_secret(principal.csrf_token, field(fields, "csrf"))) {
    send_error(response, 403, "bad_csrf", "this form is not from this session's pages: reload the page");
    return false;
  }
  return true;
}

std::optional<std::int64_t> own_event(const Request& request, const Principal& principal, Response& response) {
  secure(response);
  response.set_header("Cache-Control", "no-store");
  auto id = http::parse_non_negative(request.path_params.at(0), "the event id");
  if (!id || !principal.sees_event(*id)) {
    send_error(response, 403, "forbidden", "this account was not given this event");
    return std::nullopt;
  }
  return *id;
}

}  // namespace passerelle::hub::web
