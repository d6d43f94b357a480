// PgHubStore::watch_feed: hearing of feed rows that another hub process committed to the same
// database (docs/LIVE_VIEW.md, "How the pages stay live", "On PostgreSQL").
//
// Every transaction that adds feed rows notifies kFeedChannel (PendingFeed::flush, pg_hub_rows.h),
// which PostgreSQL delivers at its COMMIT only. A PgFeedWatch LISTENs on a connection of its own
// (not the pool's: a pooled connection runs other statements and is not always open) and calls
// `changed` once per notification. A thread of its own waits on the connection's socket, in polls
// of `poll` at most so that it sees the destructor's request soon; the destructor stops and joins
// it.
//
// When the connection drops (a server restart, a terminated backend, a failure TCP reports), it
// connects again after `first_backoff`, doubling up to `max_backoff` while that fails, and calls
// `changed` once when it listens again: notifications sent meanwhile are gone for good, so the
// watcher must re-read. A connection attempt in progress (at most `connect_timeout`) delays the
// destructor by as much.
//
// Ownership: owns its connection and thread. `changed` runs on that thread; it must be quick, must
// not throw and must not destroy the watch. Thread safety: create and destroy from one thread.
// Failure: start() fails as PgConnection::connect or as LISTEN does; later failures are retried,
// never reported.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "sync/hub/pg/pq.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub::pg {

class PgFeedWatch final : public FeedWatch {
 public:
  // Shows in pg_stat_activity.application_name, so that an operator (or a test) can tell the
  // listening connection from the pool's.
  static constexpr const char* kApplicationName = "passerelle feed watch";

  struct Options {
    std::chrono::milliseconds poll{100};
    std::chrono::milliseconds first_backoff{50};
    std::chrono::milliseconds max_backoff{5'000};
    std::chrono::seconds connect_timeout{2};  // libpq's least
  };

  // Connects to `url` and LISTENs before returning, so that nothing committed after start()
  // returned goes unheard.
  static Result<std::unique_ptr<PgFeedWatch>> start(std::string url, std::function<void()> changed, Options options);
  static Result<std::unique_ptr<PgFeedWatch>> start(std::string url, std::function<void()> changed) {
    return start(std::move(url), std::move(changed), Options());
  }

  PgFeedWatch(const PgFeedWatch&) = delete;
  PgFeedWatch& operator=(const PgFeedWatch&) = delete;
  ~PgFeedWatch() override;

 private:
  PgFeedWatch(std::string url, std::function<void()> changed, Options options, PgConnection first);

  void run(PgConnection first);
  // Sleeps `delay`; false when stopped meanwhile (at once).
  bool pause(std::chrono::milliseconds delay);
  bool stopping();

  const std::string url_;
  const std::function<void()> changed_;
  const Options options_;
  std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stopping_ = false;  // under mutex_
  std::thread thread_;     // last: starts once everything above is ready
};

}  // namespace passerelle::hub::pg
