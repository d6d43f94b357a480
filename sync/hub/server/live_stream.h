// GET /v1/events/{id}/live: the event's entries as server-sent events (docs/sync.md "Live
// stream"). Each event is `id: <feed seq>`, `event: entry`, `data: <entry JSON>`; a client that
// reconnects with Last-Event-ID: N gets exactly the entries after N, none twice, none skipped
// (feed positions are assigned in commit order: sqlite_hub_schema.cpp). A `: keep-alive` comment
// goes out when nothing else did for a while.
//
// The stream holds one of the server's threads while open. It waits on the FeedSignal, woken by
// uploads through this server, and re-reads the store now and then for entries written by other
// processes. It ends when the client goes away or the signal is closed (shutdown). No exception
// leaves the content provider: httplib 0.11 would let it escape the worker thread.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstdint>

#include "sync/hub/server/feed_signal.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

struct LiveStreamSettings {
  std::chrono::milliseconds keep_alive{15'000};
  std::chrono::milliseconds recheck{2'000};  // for writes by other processes
  int batch = 200;
};

// Makes `response` the stream. `store` and `signal` must outlive every stream (the server's).
void start_live_stream(httplib::Response& response, HubStore& store, FeedSignal& signal, std::int64_t event_id,
                       std::int64_t after, LiveStreamSettings settings);

}  // namespace passerelle::hub
