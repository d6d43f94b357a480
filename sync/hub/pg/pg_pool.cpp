#include "sync/hub/pg/pg_pool.h"

namespace passerelle::hub::pg {

PgPool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->give_back(std::move(connection_));
}

PgPool::PgPool(std::string url, PgConnection first, Options options) : url_(std::move(url)), options_(options) {
  idle_.push_back(std::make_unique<PgConnection>(std::move(first)));
  open_ = 1;
}

PgPool::~PgPool() = default;

Result<PgPool::Lease> PgPool::acquire() {
  {
    std::unique_lock lock(mutex_);
    const bool available = returned_.wait_for(lock, options_.wait_timeout,
                                              [&] { return !idle_.empty() || open_ < options_.max_connections; });
    if (!available) {
      return make_error(Errc::busy,
                        "all " + std::to_string(options_.max_connections) + " PostgreSQL connections stayed in use");
    }
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection), true);
    }
    ++open_;  // counted before connecting, so that waiting callers do not overshoot the limit
  }
  // Connected outside the lock: it takes a round trip or several.
  auto connection = PgConnection::connect(url_);
  if (connection && !options_.session_setup.empty()) {
    if (auto setup = connection->exec_script(options_.session_setup); !setup) connection = std::move(setup).error();
  }
  if (!connection) {
    give_back(nullptr);
    return std::move(connection).error();
  }
  return Lease(this, std::make_unique<PgConnection>(std::move(connection).value()), false);
}

Result<PgPool::Session> PgPool::begin(std::optional<PgIsolation> isolation) {
  for (;;) {
    PSL_ASSIGN_OR_RETURN(auto lease, acquire());
    auto transaction = PgTransaction::begin(*lease, isolation);
    if (transaction) return Session{std::move(lease), std::move(transaction).value()};
    // A pooled connection the server dropped while it was idle: nothing was done on it yet, so
    // another one may take over. A fresh connection failing is a real failure.
    if (transaction.error().code != Errc::io || !lease.reused()) return std::move(transaction).error();
    lease.discard();
  }
}

void PgPool::give_back(std::unique_ptr<PgConnection> connection) {
  {
    std::lock_guard lock(mutex_);
    if (connection != nullptr && connection->is_open() && !connection->in_transaction()) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
  }
  returned_.notify_one();
  // A connection not kept closes here, outside the lock.
}

}  // namespace passerelle::hub::pg
