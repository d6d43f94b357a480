// RAII over libpq: connections, cached prepared statements, results, transactions, retries.
//
// Ownership: a PgConnection owns its PGconn and the statements prepared on it. A PgResult owns its
// PGresult, a self-contained copy of the rows that may outlive the connection. A PgTransaction
// borrows its connection, which must neither move nor die while the transaction is open.
// Thread safety: one connection per thread. A PgConnection and its transactions are used by one
// thread at a time; libpq itself is thread-safe across connections. The server keeps any number of
// connections (threads or processes) consistent.
// Values travel only as parameters ($1, $2, ...) in text format; SQL text never contains data. The
// server infers each parameter's type from its use; where it cannot (`SELECT $1`), cast: `$1::bigint`.
// exec_script() runs parameterless SQL such as schema text, which may hold several statements.
// Failure: every call that talks to the server returns Result/Status, classified by SQLSTATE:
//   conflict      integrity violations (class 23: unique 23505, foreign key, not null, check), as the
//                 SQLite store reports constraint violations;
//   busy          serialization failure 40001, deadlock 40P01, lock timeout 55P03: retryable, the
//                 transaction was rolled back; wrap the whole transaction in with_retry();
//   io            connection failure or loss (class 08, PQstatus bad, server shutdown 57P0x), full
//                 disk 53100: the connection is unusable, open a new one. A COMMIT that fails with io
//                 has an unknown outcome;
//   invalid_input a malformed URL, a text parameter holding a NUL byte (PostgreSQL text cannot), data
//                 the server refuses to convert (class 22: bad number, invalid UTF-8);
//   database      everything else (syntax errors are bugs, but they too are reported, not asserted).
// Reading a column as the wrong type, or NULL with a non-optional accessor, is a bug (assert).
// The session's bytea_output is set to hex. Server notices ("relation already exists, skipping")
// are dropped, not printed on stderr. Not supported: poolers in transaction mode (pgbouncer), which
// do not keep prepared statements.
#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/util/result.h"

// Declared as in <libpq-fe.h>, which only pq.cpp includes.
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace passerelle::hub::pg {

// The Errc for a five-character SQLSTATE (see the table above).
Errc errc_for_sqlstate(std::string_view sqlstate) noexcept;

// One parameter in text format; NULL when empty.
class PgParam {
 public:
  PgParam(std::nullopt_t) {}                                      // NOLINT(google-explicit-constructor)
  PgParam(std::string_view text) : text_(std::in_place, text) {}  // NOLINT(google-explicit-constructor)
  PgParam(const std::string& text) : text_(text) {}               // NOLINT(google-explicit-constructor)
  PgParam(const char* text) : text_(std::in_place, text) {}       // NOLINT(google-explicit-constructor)
  PgParam(bool value) : text_(value ? "t" : "f") {}               // NOLINT(google-explicit-constructor)
  PgParam(double value);                                          // NOLINT(google-explicit-constructor)
  template <std::integral T>
  requires(!std::is_same_v<T, bool> && !std::is_same_v<T, char>) PgParam(T value)  // NOLINT
      : text_(std::to_string(value)) {}
  // Built in its initialiser: an assignment in the body made GCC 12 at -O3 warn of a
  // maybe-uninitialised optional (a Release build with -Werror failed on it).
  template <class T>
  PgParam(const std::optional<T>& value)  // NOLINT(google-explicit-constructor)
      : text_(value ? PgParam(*value).text_ : std::nullopt) {}

  // Raw bytes for a bytea column (sent in PostgreSQL's hex form, so any byte is fine).
  static PgParam bytea(std::string_view bytes);

  const std::optional<std::string>& text() const { return text_; }

 private:
  std::optional<std::string> text_;
};

class PgResult {
 public:
  PgResult(PgResult&&) noexcept = default;
  PgResult& operator=(PgResult&&) noexcept = default;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ~PgResult() = default;

  int rows() const;
  int columns() const;
  // Rows changed by INSERT/UPDATE/DELETE (with or without RETURNING); 0 for other commands.
  std::int64_t affected_rows() const;
  // The index of a result column; a name the query does not return is a bug.
  int column(std::string_view name) const;

  bool is_null(int row, int column) const;
  // Valid as long as this result lives.
  std::string_view text(int row, int column) const;
  std::int64_t int64(int row, int column) const;
  bool boolean(int row, int column) const;
  double float64(int row, int column) const;
  std::string bytea(int row, int column) const;
  std::optional<std::string> optional_text(int row, int column) const;
  std::optional<std::int64_t> optional_int64(int row, int column) const;
  std::optional<bool> optional_boolean(int row, int column) const;

 private:
  friend class PgConnection;
  struct Clear {
    void operator()(PGresult* result) const noexcept;
  };
  explicit PgResult(PGresult* result) : result_(result) {}

  std::unique_ptr<PGresult, Clear> result_;
};

// A NOTIFY received on a connection that LISTENs.
struct PgNotification {
  std::string channel;
  std::string payload;
  int sender_pid = 0;  // the notifying session's server process
};

class PgConnection {
 public:
  // Opens `url` (postgresql://user[:password]@host[:port]/database?options) with client encoding
  // UTF8. `timeout` applies unless the URL sets connect_timeout itself. Fails with invalid_input
  // for a malformed URL, io when the server cannot be reached or refuses us.
  static Result<PgConnection> connect(std::string_view url, std::chrono::seconds timeout = std::chrono::seconds(10));

  PgConnection(PgConnection&& other) noexcept = default;
  PgConnection& operator=(PgConnection&& other) noexcept = default;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection() = default;

  // Prepares `sql` on first use (PQprepare, named per connection) and executes the prepared
  // statement; later calls with the same text reuse it. For statements run again and again.
  template <class... Args>
  Result<PgResult> query(std::string_view sql, const Args&... args) {
    const PgParam params[] = {PgParam(args)..., PgParam(std::nullopt)};
    return query_params(sql, std::span<const PgParam>(params, sizeof...(Args)));
  }
  Result<PgResult> query_params(std::string_view sql, std::span<const PgParam> params);

  // Executes `sql` once without keeping a prepared statement (PQexecParams).
  template <class... Args>
  Result<PgResult> execute(std::string_view sql, const Args&... args) {
    const PgParam params[] = {PgParam(args)..., PgParam(std::nullopt)};
    return execute_params(sql, std::span<const PgParam>(params, sizeof...(Args)));
  }
  Result<PgResult> execute_params(std::string_view sql, std::span<const PgParam> params);

  // Runs parameterless SQL text (schema, SET), which may hold several statements.
  Status exec_script(std::string_view sql);

  // True between BEGIN and COMMIT/ROLLBACK, also when the transaction has failed.
  bool in_transaction() const;
  // False once the connection is lost; every later call then fails with io.
  bool is_open() const;
  // The server process serving this connection (pg_backend_pid()).
  int backend_pid() const;

  // For a connection that LISTENs and runs nothing else meanwhile: the socket to wait on (poll)
  // until the server sends something (-1 once lost); then take_notifications() reads what has
  // arrived without blocking and returns the notifications it completed, oldest first, possibly
  // none. Errc::io once the connection is lost (the server closed it, or it failed).
  int socket() const;
  Result<std::vector<PgNotification>> take_notifications();

  PGconn* handle() const { return connection_.get(); }

 private:
  struct Finish {
    void operator()(PGconn* connection) const noexcept;
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
  };

  explicit PgConnection(PGconn* connection) : connection_(connection) {}
  Result<PgResult> checked(PGresult* result, std::string_view sql);
  Result<std::string> prepared_name(std::string_view sql);

  std::unique_ptr<PGconn, Finish> connection_;
  // SQL text -> server-side statement name.
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> prepared_;
};

enum class PgIsolation { read_committed, repeatable_read, serializable };

// BEGIN ... ROLLBACK, unless commit() succeeded.
class PgTransaction {
 public:
  // Plain BEGIN (the server's default isolation, normally READ COMMITTED) when `isolation` is
  // empty. Beginning inside an open transaction is a bug.
  static Result<PgTransaction> begin(PgConnection& connection, std::optional<PgIsolation> isolation = {});

  PgTransaction(PgTransaction&& other) noexcept;
  PgTransaction& operator=(PgTransaction&&) = delete;
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  ~PgTransaction();

  // Fails when a statement of the transaction failed earlier (PostgreSQL then rolls back), or at
  // COMMIT itself (busy for a serialization failure, conflict for a deferred constraint). After a
  // failure nothing of the transaction is stored, except for io, where the outcome is unknown.
  Status commit();

 private:
  explicit PgTransaction(PgConnection* connection) : connection_(connection) {}
  PgConnection* connection_;  // null once committed, rolled back or moved from
};

struct RetryPolicy {
  int max_attempts = 10;
  std::chrono::milliseconds first_backoff{2};
  std::chrono::milliseconds max_backoff{250};
};

// Sleeps before retry number `attempt` (1-based): exponential backoff with random jitter, so that
// the transactions that collided do not collide again in lockstep.
void sleep_before_retry(int attempt, const RetryPolicy& policy);

// Runs `body` (which begins, does and commits one whole transaction, returning a Result or Status)
// again while it fails with Errc::busy, up to policy.max_attempts times; returns the last outcome.
// Other failures (conflict, io, ...) are returned at once: retrying cannot help them, and after io
// a COMMIT may have happened.
template <class Body>
auto with_retry(Body&& body, const RetryPolicy& policy = {}) -> std::invoke_result_t<Body&> {
  for (int attempt = 1;; ++attempt) {
    auto outcome = body();
    if (outcome || outcome.error().code != Errc::busy || attempt >= policy.max_attempts) return outcome;
    sleep_before_retry(attempt, policy);
  }
}

}  // namespace passerelle::hub::pg
