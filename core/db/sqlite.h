// RAII over the SQLite C API: connections, cached prepared statements, transactions.
//
// Ownership: Database owns its sqlite3 connection and every statement prepared on it; a Query
// borrows one cached statement and resets it (clearing bindings) when it goes out of scope.
// Thread safety: a Database and its Queries are used by one thread at a time (the connection
// is opened SQLITE_OPEN_NOMUTEX). Open one Database per thread; SQLite's own locking then keeps
// several connections and processes consistent.
// Failure: every call that touches the file returns Result/Status; SQLITE_BUSY after the busy
// timeout maps to Errc::busy, constraint violations to Errc::conflict, I/O and full disk to
// Errc::io, anything else to Errc::database. Binding an out-of-range index is a bug (assert).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/util/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace passerelle::db {

class Database;

class Query {
 public:
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  // Parameters are 1-based, as in SQLite.
  Query& bind(int index, std::int64_t value);
  Query& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Query& bind(int index, double value);
  Query& bind(int index, std::string_view text);
  Query& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Query& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Query& bind(int index, std::nullptr_t);
  Query& bind_blob(int index, std::string_view bytes);
  template <class T>
  Query& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }
  // bind_all(a, b, c) binds parameters 1, 2, 3.
  template <class... Args>
  Query& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  // Ok(true) when a row is ready to read, Ok(false) when the statement is done.
  Result<bool> step();
  // Steps to completion; for statements that return no rows.
  Status run();
  // Steps to completion, collecting the first column of every row as text.
  Result<std::vector<std::string>> collect_texts();

  std::int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;  // empty for NULL
  std::string column_blob(int column) const;  // raw bytes; empty for NULL
  std::optional<std::string> column_optional_text(int column) const;
  std::optional<std::int64_t> column_optional_int(int column) const;
  bool column_is_null(int column) const;

 private:
  friend class Database;
  Query(Database* database, sqlite3_stmt* statement, bool* in_use);

  Database* database_;
  sqlite3_stmt* statement_;
  bool* in_use_;
};

enum class OpenMode { read_write_create, read_write, read_only };

class Database {
 public:
  // Opens (and for read_write_create creates) the file with WAL, synchronous=FULL, foreign
  // keys on and a busy timeout. ":memory:" opens a private in-memory database. A file that does
  // not exist yet is created for its owner only (0600, core/util/files.h) before SQLite opens it,
  // and SQLite gives its -wal and -shm files the same mode: every Passerelle database holds
  // personal data, and the event file and a kiosk's file hold secrets (signing keys, the device
  // token).
  static Result<Database> open(const std::filesystem::path& path, OpenMode mode = OpenMode::read_write_create);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs SQL text with no parameters (schema, pragmas); may hold several statements.
  Status exec(std::string_view sql);
  // The statement for `sql`, prepared on first use and reused afterwards. Using the same SQL
  // twice at once (nested) is a bug.
  Result<Query> query(std::string_view sql);

  std::int64_t last_insert_rowid() const;
  std::int64_t changes() const;
  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() const { return connection_.get(); }

  void set_busy_timeout_ms(int milliseconds);

  // The error for a failed SQLite call on this connection, with its own message.
  Error error(int result_code, std::string_view context) const;

 private:
  struct ConnectionCloser {
    void operator()(sqlite3* connection) const noexcept;
  };
  struct StatementFinalizer {
    void operator()(sqlite3_stmt* statement) const noexcept;
  };
  struct CachedStatement {
    std::unique_ptr<sqlite3_stmt, StatementFinalizer> statement;
    std::unique_ptr<bool> in_use = std::make_unique<bool>(false);
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
  };

  Database() = default;

  std::filesystem::path path_;
  std::unique_ptr<sqlite3, ConnectionCloser> connection_;
  // Declared after the connection so that statements are finalized before it closes.
  std::unordered_map<std::string, CachedStatement, StringHash, std::equal_to<>> statements_;
};

// A transaction that rolls back unless commit() succeeded. `immediate` takes the write lock at
// once, so that read-then-write sequences (sequence numbers) are serialised across processes.
class Transaction {
 public:
  enum class Kind { deferred, immediate };

  static Result<Transaction> begin(Database& database, Kind kind = Kind::immediate);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // On failure the transaction has been rolled back; nothing of it is stored.
  Status commit();

 private:
  explicit Transaction(Database* database) : database_(database) {}
  Database* database_;
};

}  // namespace passerelle::db
