// Live streams: server-sent events over a connection that holds no thread. Two sources use them:
// the kiosks' entries of an event (here) and the live view's figures (web_routes.h).
//
// GET /v1/events/{id}/live: the event's entries as server-sent events (docs/sync.md "Live
// stream"). Each event is `id: <feed seq>`, `event: entry`, `data: <entry JSON>`; a client that
// reconnects with Last-Event-ID: N gets exactly the entries after N, none twice, none skipped
// (feed positions are assigned in commit order: sqlite_hub_schema.cpp). A `: keep-alive` comment
// goes out when nothing else did for a while.
//
// A stream holds no thread. The connection (http_connection.cpp) runs it in rounds: a round is
// one LiveSource::round() on a worker thread (the store is blocking), then the events are written, then
// an Asio timer waits until the FeedSignal is notified (an upload through this server), the
// periodic re-read is due (writes by other processes), or a keep-alive is due. Every round
// re-checks the token, so a device revoked while its stream is open loses it within `recheck`.
//
// LiveStreamLimits caps the streams per device (or organiser token, or account) and in total.
// Threads: a source's rounds run on any worker, one at a time; LiveStreamLimits is thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "sync/hub/server/request_router.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

struct LiveStreamSettings {
  std::chrono::milliseconds keep_alive{15'000};
  std::chrono::milliseconds recheck{2'000};  // for writes by other processes, and revocations
  int batch = 200;
  int max_per_device = 4;  // beyond: 429 too_many_streams
  int max_total = 256;     // beyond: 503 too_many_streams
};

// The text a stream starts with: how long a browser's EventSource waits before it reconnects.
inline constexpr const char* kLiveStreamPreamble = "retry: 3000\n\n";
inline constexpr const char* kLiveStreamKeepAlive = ": keep-alive\n\n";

// The kiosks' entries of an event (GET /v1/events/{id}/live): each round re-authenticates `token`,
// then reads what is new after `last_id`. A busy store costs a round, not the stream.
std::shared_ptr<LiveSource> entries_source(HubStore& store, std::int64_t event_id, std::string token, int batch);

class LiveStreamLimits {
 public:
  explicit LiveStreamLimits(const LiveStreamSettings& settings)
      : per_owner_(settings.max_per_device), total_(settings.max_total) {}

  enum class Admit { ok, owner_full, server_full };
  // On ok the caller holds one stream of `owner` until release(owner).
  Admit acquire(const std::string& owner);
  void release(const std::string& owner);
  int open() const;

 private:
  const int per_owner_;
  const int total_;
  mutable std::mutex mutex_;
  std::map<std::string, int> by_owner_;
  int open_ = 0;
};

}  // namespace passerelle::hub
