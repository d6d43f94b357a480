// A pool of PostgreSQL connections for a store that many threads call, and the transaction
// scaffolding its methods run in.
//
// Each caller leases a connection for the length of one call (libpq connections are one thread's
// at a time) and gives it back. The pool opens connections on demand up to `max_connections`;
// beyond that a caller waits for one to come back, and fails with Errc::busy after
// `wait_timeout`. A connection that was lost, or is still inside a transaction, is closed rather
// than given back. A connection idle in the pool may have been dropped by the server (a restart):
// begin() notices when BEGIN fails with io and takes another one, since nothing happened yet.
// Thread safety: every method from any thread. The pool must outlive its leases.
// Failure: acquire() and begin() fail with io when no connection can be opened, busy when the
// pool stayed exhausted.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sync/hub/pg/pq.h"

namespace passerelle::hub::pg {

class PgPool {
 public:
  class Lease {
   public:
    Lease(PgPool* pool, std::unique_ptr<PgConnection> connection, bool reused)
        : pool_(pool), connection_(std::move(connection)), reused_(reused) {}
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)),
          connection_(std::move(other.connection_)),
          reused_(other.reused_) {}
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    PgConnection& operator*() const { return *connection_; }
    PgConnection* operator->() const { return connection_.get(); }
    // Came from the idle list rather than freshly connected.
    bool reused() const { return reused_; }
    // Closes the connection instead of giving it back.
    void discard() { connection_.reset(); }

   private:
    PgPool* pool_;  // null once moved from
    std::unique_ptr<PgConnection> connection_;
    bool reused_;
  };

  // A transaction on a leased connection. Members end in reverse order: the transaction (rolled
  // back unless committed) before the lease that returns the connection.
  struct Session {
    Lease lease;
    PgTransaction transaction;
  };

  struct Options {
    std::size_t max_connections = 32;
    // Run on every new connection (SET statements), after connect().
    std::string session_setup;
    std::chrono::milliseconds wait_timeout{30'000};
    RetryPolicy retry;
  };

  // `first` is an already open connection to `url`, already set up; it becomes the pool's first
  // idle one.
  PgPool(std::string url, PgConnection first, Options options);
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;
  ~PgPool();

  Result<Lease> acquire();
  Result<Session> begin(std::optional<PgIsolation> isolation);

  // Runs `body(PgConnection&)` (returning a Result or Status) in one READ COMMITTED transaction,
  // committed when the body succeeded; the whole transaction again on a serialization failure or
  // deadlock (with_retry), so the body must not keep state from one attempt to the next.
  template <class Body>
  auto write(Body&& body) -> std::invoke_result_t<Body&, PgConnection&> {
    return transact(PgIsolation::read_committed, body);
  }
  // Runs `body(PgConnection&)` on one snapshot (REPEATABLE READ): every statement sees the same
  // committed state, as a SQLite read transaction does.
  template <class Body>
  auto read(Body&& body) -> std::invoke_result_t<Body&, PgConnection&> {
    return transact(PgIsolation::repeatable_read, body);
  }

 private:
  template <class Body>
  auto transact(PgIsolation isolation, Body& body) -> std::invoke_result_t<Body&, PgConnection&> {
    using Outcome = std::invoke_result_t<Body&, PgConnection&>;
    return with_retry(
        [&]() -> Outcome {
          PSL_ASSIGN_OR_RETURN(auto session, begin(isolation));
          Outcome outcome = body(*session.lease);
          if (!outcome) return outcome;
          PSL_TRY(session.transaction.commit());
          return outcome;
        },
        options_.retry);
  }

  void give_back(std::unique_ptr<PgConnection> connection);

  std::string url_;
  Options options_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  std::size_t open_ = 0;  // idle and leased
};

}  // namespace passerelle::hub::pg
