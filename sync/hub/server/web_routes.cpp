#include "sync/hub/server/web_routes.h"

#include <atomic>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/auth/password.h"
#include "core/text/terminal_text.h"
#include "sync/hub/live/live_figures.h"
#include "sync/hub/server/http_support.h"
#include "sync/hub/server/web_participants.h"
#include "sync/hub/server/web_support.h"
#include "sync/hub/store/account_rules.h"
#include "sync/hub/store/hub_tokens.h"

namespace passerelle::hub {
namespace {

using http::send_error;
using http::send_failure;
using http::send_json;

// A path of this hub to return to after logging in: "/" and what follows, nothing that a browser
// would read as another host ("//evil", "/\evil") or that could split a header.
std::string safe_next(std::string_view next) {
  if (next.empty() || next.size() > 512 || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\')))
    return "/";
  for (const char c : next)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return "/";
  return std::string(next);
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') || byte == '/' ||
        byte == '-' || byte == '_' || byte == '.') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::string login_page(std::string_view error, std::string_view next) {
  std::string location = "/login?error=" + std::string(error);
  if (next != "/") location += "&next=" + url_encode(next);
  return location;
}

// Who is asking, for the login limits: the socket's address, or behind a reverse proxy on this
// machine (deploy/nginx) the address the proxy says it serves.
std::string client_address(const Request& request) {
  if (request.from_loopback) {
    if (const auto real = request.header("X-Real-IP"); real && !real->empty() && real->size() <= 64)
      return std::string(*real);
  }
  return request.peer;
}

bool secure_transport(const Request& request) {
  if (request.over_tls) return true;
  const auto proto = request.header("X-Forwarded-Proto");
  return request.from_loopback && proto && *proto == "https";
}

std::string session_cookie(const Request& request, std::string_view value, std::int64_t max_age_s) {
  std::string cookie = std::string(http::kSessionCookie) + "=" + std::string(value) +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  if (secure_transport(request)) cookie += "; Secure";
  return cookie;
}

// The figures of an event, as a stream (docs/LIVE_VIEW.md, "How the pages stay live").
class FiguresSource final : public LiveSource {
 public:
  FiguresSource(HubStore& store, const Clock& clock, FeedSignal& signal, LiveFiguresCache& cache, std::int64_t event_id,
                std::string session_token, bool resumed, std::chrono::milliseconds every)
      : store_(store),
        clock_(clock),
        signal_(signal),
        cache_(cache),
        event_id_(event_id),
        session_token_(std::move(session_token)),
        resumed_(resumed),
        every_(every) {}

  LiveRound round(std::int64_t last_id) override {
    LiveRound round{false, {}, last_id};
    auto session = store_.web_session(session_token_);
    if (!session) {
      if (session.error().code == Errc::busy) return round;
      std::cerr << "passerelle-hub: live view of event " << event_id_ << ": " << session.error().message << "\n";
      round.end = true;
      return round;
    }
    const auto& events = (*session) ? (*session)->events : std::vector<std::int64_t>{};
    if (std::find(events.begin(), events.end(), event_id_) == events.end()) {
      round.end = true;  // the session ended or lost the event: the browser's reconnection gets 401 or 403
      return round;
    }
    const auto generation = signal_.generation();  // before reading: a commit after it makes a new one
    auto figures = cache_.get(store_, event_id_, clock_.wall_ms(), generation);
    if (!figures) {
      if (figures.error().code == Errc::busy) return round;
      std::cerr << "passerelle-hub: live view of event " << event_id_ << ": " << figures.error().message << "\n";
      round.end = true;
      return round;
    }
    const auto now = std::chrono::steady_clock::now();
    const bool first = !last_sent_.has_value();
    const bool moved = (*figures)->feed != last_id;
    if (first && resumed_ && !moved) {
      last_sent_ = now;  // the page holds these figures: wait for news, or the next periodic send
      return round;
    }
    if (!first && !moved && now - *last_sent_ < every_) return round;
    last_sent_ = now;
    round.last_id = (*figures)->feed;
    round.text = "id: " + std::to_string((*figures)->feed) + "\nevent: figures\ndata: " + (*figures)->json + "\n\n";
    return round;
  }

 private:
  HubStore& store_;
  const Clock& clock_;
  FeedSignal& signal_;
  LiveFiguresCache& cache_;
  const std::int64_t event_id_;
  const std::string session_token_;
  const bool resumed_;
  const std::chrono::milliseconds every_;
  std::optional<std::chrono::steady_clock::time_point> last_sent_;
};

struct Web {
  HubStore* store;
  const Clock* clock;
  FeedSignal* signal;
  WebSettings settings;
  std::unique_ptr<LoginLimiter> limiter;
  std::unique_ptr<LiveFiguresCache> cache;
  std::unique_ptr<std::atomic<int>> verifying;

  void page(std::string_view name, Response& response) const {
    web::secure(response);
    const WebFile* file = settings.assets ? settings.assets->find(name) : nullptr;
    if (!file) {
      response.status = 404;
      response.content_type = "text/plain; charset=utf-8";
      response.body = "The live view's pages are not installed on this hub.\n";
      return;
    }
    response.content_type = file->content_type;
    response.body = file->body;
    // Revalidated each time: a hub upgraded between two visits serves its new pages at once.
    response.set_header("Cache-Control", "no-cache");
  }

  void asset(const Request& request, Response& response) const { page(request.path_params.at(0), response); }

  void login(const Request& request, const Principal*, Response& response) const {
    web::secure(response);
    if (!web::same_site(request)) return send_error(response, 403, "cross_site", "this form comes from another site");
    const auto fields = web::form_fields(request, response);
    if (!fields) return;
    const std::string name = web::field(*fields, "name");
    const std::string password = web::field(*fields, "password");
    const std::string next = safe_next(web::field(*fields, "next"));
    const std::string address = client_address(request);
    const auto key = account_name_key(name);
    // A name no account could have still counts against its address: it is a guess too.
    const std::string name_key = key ? *key : std::string("\x01invalid");
    const std::int64_t now = clock->wall_ms();
    if (!limiter->allows(name_key, address, now)) {
      std::cerr << "passerelle-hub: login for '" << terminal_safe(name.substr(0, 64)) << "' from "
                << terminal_safe(address) << " refused: too many failed logins\n";
      return web::redirect(response, login_page("limited", next));
    }
    if (verifying->fetch_add(1) >= settings.logins_at_once) {
      --*verifying;
      return web::redirect(response, login_page("busy", next));
    }
    auto account = key ? store->account(name) : Result<std::optional<OrganiserAccount>>(std::nullopt);
    bool matches = false;
    if (account && *account) {
      matches = password_matches((*account)->password_hash, password);
    } else {
      password_matches_no_account(password);
    }
    --*verifying;
    if (!account) return send_failure(response, account.error());
    if (!matches) {
      // The operator's record of guessing (the name as typed, cut and made safe for a terminal).
      std::cerr << "passerelle-hub: failed login for '" << terminal_safe(name.substr(0, 64)) << "' from "
                << terminal_safe(address) << "\n";
      limiter->failed(name_key, address, now);
      return web::redirect(response, login_page("wrong", next));
    }
    limiter->succeeded(name_key);
    auto session = store->open_web_session((*account)->name, settings.session_ttl.count());
    if (!session) return send_failure(response, session.error());
    response.set_header("Set-Cookie", session_cookie(request, session->token, settings.session_ttl.count() / 1000));
    web::redirect(response, next);
  }

  void logout(const Request& request, const Principal* principal, Response& response) const {
    web::secure(response);
    const auto fields = web::form_fields(request, response);
    if (!fields || !web::form_allowed(request, *fields, *principal, response)) return;
    if (auto closed = store->close_web_session(principal->session_token); !closed)
      return send_failure(response, closed.error());
    response.set_header("Set-Cookie", session_cookie(request, "", 0));
    web::redirect(response, "/login?error=out");
  }

  void session(const Request&, const Principal* principal, Response& response) const {
    web::secure(response);
    response.set_header("Cache-Control", "no-store");
    nlohmann::json events = nlohmann::json::array();
    for (const auto id : principal->events) {
      auto event = store->event(id);
      if (!event) return send_failure(response, event.error());
      if (!*event) continue;
      events.push_back({{"id", id},
                        {"name", (*event)->name},
                        {"venue", (*event)->venue},
                        {"timezone", (*event)->timezone},
                        {"days", (*event)->days}});
    }
    const nlohmann::json body{{"account", principal->name},
                              {"csrf", principal->csrf_token},
                              {"expires_ms", principal->session_expires_ms},
                              {"events", std::move(events)}};
    send_json(response, 200, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }

  void figures(const Request& request, const Principal* principal, Response& response) const {
    const auto event = web::own_event(request, *principal, response);
    if (!event) return;
    auto figures = cache->get(*store, *event, clock->wall_ms(), signal->generation());
    if (!figures) return send_failure(response, figures.error());
    send_json(response, 200, (*figures)->json);
  }

  void stream(const Request& request, const Principal* principal, Response& response) const {
    const auto event = web::own_event(request, *principal, response);
    if (!event) return;
    std::optional<std::int64_t> after;
    if (const auto last = request.header("Last-Event-ID")) {
      auto parsed = http::parse_non_negative(*last, "Last-Event-ID");
      if (!parsed) return send_failure(response, parsed.error());
      after = *parsed;
    }
    LiveStreamStart start;
    start.after = after.value_or(0);
    // Capped per session (a browser: its tabs share the cookie), not per account: one account
    // may be a team's, on phones, a desk and the halls' wall screens (at most 20 sessions).
    start.owner = "session:" + principal->session_token;
    start.source = std::make_shared<FiguresSource>(*store, *clock, *signal, *cache, *event, principal->session_token,
                                                   after.has_value(), settings.figures_every);
    response.live = std::move(start);
  }
};

}  // namespace

void install_web_routes(Router& router, HubStore& store, const Clock& clock, FeedSignal& signal,
                        const WebSettings& settings) {
  auto web = std::make_shared<Web>(
      Web{&store, &clock, &signal, settings, std::make_unique<LoginLimiter>(settings.login),
          std::make_unique<LiveFiguresCache>(settings.figures_max_age), std::make_unique<std::atomic<int>>(0)});
  const auto add = [&](const char* method, const char* pattern, Access access, BodyRule body,
                       void (Web::*handler)(const Request&, const Principal*, Response&) const) {
    router.add(Route{method, pattern, access, body,
                     [web, handler](const Request& request, const Principal* principal, Response& response) {
                       ((*web).*handler)(request, principal, response);
                     },
                     nullptr});
  };
  const auto add_page = [&](const char* pattern, const char* file) {
    router.add(Route{"GET", pattern, Access::anyone, BodyRule::none,
                     [web, file](const Request&, const Principal*, Response& response) { web->page(file, response); },
                     nullptr});
  };
  add_page("/login", "login.html");
  add_page("/", "events.html");
  add_page("/events/{n}", "dashboard.html");
  add_page("/events/{n}/wall", "wall.html");
  add_page("/events/{n}/participants/{n}", "participant.html");
  install_participant_routes(router, store, clock);
  router.add(Route{
      "GET", "/assets/{f}", Access::anyone, BodyRule::none,
      [web](const Request& request, const Principal*, Response& response) { web->asset(request, response); }, nullptr});
  add("POST", "/login", Access::anyone, BodyRule::form, &Web::login);
  add("POST", "/logout", Access::web, BodyRule::form, &Web::logout);
  add("GET", "/web/session", Access::web, BodyRule::none, &Web::session);
  add("GET", "/web/events/{n}/figures", Access::web, BodyRule::none, &Web::figures);
  add("GET", "/web/events/{n}/stream", Access::web, BodyRule::none, &Web::stream);
}

}  // namespace passerelle::hub
