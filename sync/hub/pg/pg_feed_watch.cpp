#include "sync/hub/pg/pg_feed_watch.h"

#include <poll.h>

#include <algorithm>
#include <optional>

#include "sync/hub/pg/pg_hub_schema.h"
#include "sync/hub/pg/pg_hub_store.h"

namespace passerelle::hub::pg {
namespace {

Result<PgConnection> listening_connection(const std::string& url, std::chrono::seconds timeout) {
  PSL_ASSIGN_OR_RETURN(auto connection, PgConnection::connect(url, timeout));
  PSL_TRY(connection.exec_script(std::string("SET application_name = '") + PgFeedWatch::kApplicationName + "'"));
  PSL_TRY(connection.exec_script(std::string("LISTEN ") + kFeedChannel));
  return connection;
}

enum class Input { none, ready, lost };

Input wait_for_input(int socket, std::chrono::milliseconds timeout) {
  if (socket < 0) return Input::lost;
  pollfd watched{socket, POLLIN, 0};
  const int ready = ::poll(&watched, 1, static_cast<int>(timeout.count()));
  if (ready <= 0) return Input::none;  // the timeout, or a signal (EINTR): look again
  // POLLHUP and POLLERR too: reading then tells the connection is lost.
  return Input::ready;
}

}  // namespace

Result<std::unique_ptr<PgFeedWatch>> PgFeedWatch::start(std::string url, std::function<void()> changed,
                                                        Options options) {
  if (!changed) return make_error(Errc::invalid_input, "a feed watch needs a function to call");
  PSL_ASSIGN_OR_RETURN(auto connection, listening_connection(url, options.connect_timeout));
  return std::unique_ptr<PgFeedWatch>(
      new PgFeedWatch(std::move(url), std::move(changed), options, std::move(connection)));
}

PgFeedWatch::PgFeedWatch(std::string url, std::function<void()> changed, Options options, PgConnection first)
    : url_(std::move(url)),
      changed_(std::move(changed)),
      options_(options),
      thread_([this, connection = std::move(first)]() mutable { run(std::move(connection)); }) {}

PgFeedWatch::~PgFeedWatch() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_requested_.notify_all();
  thread_.join();
}

bool PgFeedWatch::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

bool PgFeedWatch::pause(std::chrono::milliseconds delay) {
  std::unique_lock lock(mutex_);
  return !stop_requested_.wait_for(lock, delay, [&] { return stopping_; });
}

void PgFeedWatch::run(PgConnection first) {
  std::optional<PgConnection> connection(std::move(first));
  std::chrono::milliseconds backoff = options_.first_backoff;
  while (!stopping()) {
    if (!connection) {
      if (!pause(backoff)) return;
      auto fresh = listening_connection(url_, options_.connect_timeout);
      if (!fresh) {
        backoff = std::min(backoff * 2, options_.max_backoff);
        continue;
      }
      connection.emplace(std::move(fresh).value());
      backoff = options_.first_backoff;
      changed_();  // whatever was notified while no one listened is lost: the watcher re-reads
      continue;
    }
    const Input input = wait_for_input(connection->socket(), options_.poll);
    if (input == Input::none) continue;
    auto notifications = input == Input::ready
                             ? connection->take_notifications()
                             : Result<std::vector<PgNotification>>(make_error(Errc::io, "LISTEN connection lost"));
    if (!notifications) {
      connection.reset();
      continue;
    }
    for (std::size_t i = 0; i < notifications->size(); ++i) changed_();
  }
}

Result<std::unique_ptr<FeedWatch>> PgHubStore::watch_feed(std::function<void()> changed) {
  PSL_ASSIGN_OR_RETURN(auto watch, PgFeedWatch::start(url_, std::move(changed)));
  return std::unique_ptr<FeedWatch>(std::move(watch));
}

}  // namespace passerelle::hub::pg
