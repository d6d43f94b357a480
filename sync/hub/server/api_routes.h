// The routes of docs/sync.md's HTTP API under /v1, plus GET /metrics, as a Router's table.
//
// Thread safety: handlers run on the server's worker threads at once; they share only the
// thread-safe HubStore, Clock and FeedSignal, which must outlive the router.
#pragma once

#include "core/util/clock.h"
#include "sync/hub/server/feed_signal.h"
#include "sync/hub/server/request_router.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

struct ApiSettings {
  bool metrics_need_token = true;  // false when the listener is loopback-only
  int live_batch = 200;            // entries a live stream reads a round
};

void install_api_routes(Router& router, HubStore& store, const Clock& clock, FeedSignal& signal,
                        const ApiSettings& settings);

}  // namespace passerelle::hub
