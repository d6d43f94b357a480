// The organisers' live view as routes of the hub's server (docs/LIVE_VIEW.md, "Pages and routes"):
// the pages (assets/web, served from memory), logging in and out, the session's JSON, an event's
// figures and their live stream.
//
// Logging in verifies an argon2id hash: tens of milliseconds and 64 MiB, on a worker (handlers
// run there), at most `logins_at_once` at a time (more are told to try again), and never for an
// attempt the LoginLimiter refuses. Writes (forms) need the session's CSRF token and a same-site
// origin. Every answer carries the pages' security headers.
//
// Thread safety: handlers run on the server's workers at once; they share the thread-safe
// HubStore, Clock, FeedSignal, LoginLimiter and LiveFiguresCache, which the router's routes own
// (or borrow, for the store, clock and signal, which must outlive the router).
#pragma once

#include <chrono>
#include <memory>

#include "core/util/clock.h"
#include "sync/hub/server/feed_signal.h"
#include "sync/hub/server/login_limiter.h"
#include "sync/hub/server/request_router.h"
#include "sync/hub/server/web_assets.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

struct WebSettings {
  std::shared_ptr<const WebAssets> assets;  // null: the pages answer 404 saying they are not installed
  std::chrono::milliseconds session_ttl{12 * 3600 * 1000};
  std::chrono::milliseconds figures_every{15'000};   // a stream sends the figures at least this often
  std::chrono::milliseconds figures_max_age{2'000};  // figures shared between pages at most this old
  LoginLimits login;
  int logins_at_once = 2;  // argon2id verifications in parallel: 64 MiB each
};

void install_web_routes(Router& router, HubStore& store, const Clock& clock, FeedSignal& signal,
                        const WebSettings& settings);

}  // namespace passerelle::hub
