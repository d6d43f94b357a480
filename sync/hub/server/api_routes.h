// The routes of docs/sync.md's HTTP API under /v1, plus GET /metrics, on an httplib::Server.
//
// Thread safety: handlers run on the server's worker threads at once; they share only the
// thread-safe HubStore, Clock and FeedSignal, which must outlive the server.
#pragma once

#include <httplib.h>

#include <cstddef>

#include "core/util/clock.h"
#include "sync/hub/server/feed_signal.h"
#include "sync/hub/server/live_stream.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

struct ApiSettings {
  bool metrics_need_token = true;  // false when the listener is loopback-only
  std::size_t max_body_bytes = 8u << 20;
  LiveStreamSettings live;
};

void install_api_routes(httplib::Server& server, HubStore& store, const Clock& clock, FeedSignal& signal,
                        const ApiSettings& settings);

}  // namespace passerelle::hub
