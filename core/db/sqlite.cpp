#include "core/db/sqlite.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cassert>
#include <cerrno>

#include "core/util/files.h"

namespace passerelle::db {
namespace {

constexpr int kDefaultBusyTimeoutMs = 5000;

Errc classify(int result_code) {
  switch (result_code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Errc::busy;
    case SQLITE_CONSTRAINT:
      return Errc::conflict;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Errc::io;
    case SQLITE_NOTADB:
      return Errc::invalid_input;
    default:
      return Errc::database;
  }
}

}  // namespace

// ---- Query ---------------------------------------------------------------------------------

Query::Query(Database* database, sqlite3_stmt* statement, bool* in_use)
    : database_(database), statement_(statement), in_use_(in_use) {
  *in_use_ = true;
}

Query::Query(Query&& other) noexcept
    : database_(other.database_), statement_(other.statement_), in_use_(other.in_use_) {
  other.statement_ = nullptr;
  other.in_use_ = nullptr;
}

Query::~Query() {
  if (statement_ == nullptr) return;
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  *in_use_ = false;
}

Query& Query::bind(int index, std::int64_t value) {
  [[maybe_unused]] const int rc = sqlite3_bind_int64(statement_, index, value);
  assert(rc == SQLITE_OK);
  return *this;
}

Query& Query::bind(int index, double value) {
  [[maybe_unused]] const int rc = sqlite3_bind_double(statement_, index, value);
  assert(rc == SQLITE_OK);
  return *this;
}

Query& Query::bind(int index, std::string_view text) {
  // SQLITE_TRANSIENT: SQLite copies, so callers may pass temporaries.
  [[maybe_unused]] const int rc =
      sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  assert(rc == SQLITE_OK);
  return *this;
}

Query& Query::bind_blob(int index, std::string_view bytes) {
  [[maybe_unused]] const int rc = sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  assert(rc == SQLITE_OK);
  return *this;
}

Query& Query::bind(int index, std::nullptr_t) {
  [[maybe_unused]] const int rc = sqlite3_bind_null(statement_, index);
  assert(rc == SQLITE_OK);
  return *this;
}

Result<bool> Query::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return database_->error(rc, sqlite3_sql(statement_));
}

Status Query::run() {
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, step());
    if (!has_row) return {};
  }
}

Result<std::vector<std::string>> Query::collect_texts() {
  std::vector<std::string> texts;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, step());
    if (!has_row) return texts;
    texts.push_back(column_text(0));
  }
}

std::int64_t Query::column_int(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double Query::column_double(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::string Query::column_text(int column) const {
  const auto* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

std::string Query::column_blob(int column) const {
  const void* bytes = sqlite3_column_blob(statement_, column);
  if (bytes == nullptr) return {};
  return {static_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

std::optional<std::string> Query::column_optional_text(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_text(column);
}

std::optional<std::int64_t> Query::column_optional_int(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_int(column);
}

bool Query::column_is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

// ---- Database ------------------------------------------------------------------------------

void Database::ConnectionCloser::operator()(sqlite3* connection) const noexcept {
  sqlite3_close_v2(connection);
}

void Database::StatementFinalizer::operator()(sqlite3_stmt* statement) const noexcept {
  sqlite3_finalize(statement);
}

Result<Database> Database::open(const std::filesystem::path& path, OpenMode mode) {
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case OpenMode::read_write_create:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
    case OpenMode::read_write:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case OpenMode::read_only:
      flags |= SQLITE_OPEN_READONLY;
      break;
  }
  if (mode == OpenMode::read_write_create && !path.empty() && path.string() != ":memory:") {
    // SQLite would create the file with 0644 (less the umask); an empty file is a valid database.
    struct stat existing {};
    if (::lstat(path.c_str(), &existing) != 0 && errno == ENOENT)
      if (auto created = create_new_file(path, FileAccess::owner_only); !created) {
        // Another process may have created it in between: then SQLite opens theirs.
        if (::lstat(path.c_str(), &existing) != 0) return created.error();
      }
  }
  Database database;
  database.path_ = path;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  database.connection_.reset(raw);
  if (rc != SQLITE_OK) {
    if (raw == nullptr) return make_error(Errc::database, "cannot open " + path.string() + ": out of memory");
    return database.error(rc, "cannot open " + path.string());
  }
  sqlite3_extended_result_codes(raw, 1);
  database.set_busy_timeout_ms(kDefaultBusyTimeoutMs);
  // The first statement that reads the file also tells a database from a stray file.
  if (mode != OpenMode::read_only) {
    auto journal_mode = database.query("PRAGMA journal_mode=WAL");
    if (!journal_mode) return std::move(journal_mode).error();
    PSL_ASSIGN_OR_RETURN(const bool has_row, journal_mode->step());
    const std::string actual = has_row ? journal_mode->column_text(0) : "";
    if (actual != "wal" && path.string() != ":memory:")
      return make_error(Errc::database, path.string() + ": cannot switch to WAL mode (got '" + actual + "')");
  }
  PSL_TRY(database.exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  PSL_TRY(database.exec("SELECT count(*) FROM sqlite_schema"));
  return database;
}

Database::Database(Database&& other) noexcept = default;
Database& Database::operator=(Database&& other) noexcept = default;

Database::~Database() = default;

Status Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(connection_.get(), text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return make_error(classify(rc), detail + " (in: " + text.substr(0, 80) + ")");
}

Result<Query> Database::query(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v3(connection_.get(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    if (rc != SQLITE_OK) return error(rc, "prepare: " + std::string(sql.substr(0, 120)));
    CachedStatement cached;
    cached.statement.reset(raw);
    found = statements_.emplace(std::string(sql), std::move(cached)).first;
  }
  assert(!*found->second.in_use && "the same cached statement is already in use");
  return Query(this, found->second.statement.get(), found->second.in_use.get());
}

std::int64_t Database::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(connection_.get());
}

std::int64_t Database::changes() const {
  return sqlite3_changes64(connection_.get());
}

void Database::set_busy_timeout_ms(int milliseconds) {
  sqlite3_busy_timeout(connection_.get(), milliseconds);
}

Error Database::error(int result_code, std::string_view context) const {
  std::string message(context);
  message += ": ";
  const char* detail = connection_ ? sqlite3_errmsg(connection_.get()) : nullptr;
  message += detail != nullptr ? detail : sqlite3_errstr(result_code);
  return make_error(classify(result_code), std::move(message));
}

// ---- Transaction ---------------------------------------------------------------------------

Result<Transaction> Transaction::begin(Database& database, Kind kind) {
  PSL_TRY(database.exec(kind == Kind::immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"));
  return Transaction(&database);
}

Transaction::Transaction(Transaction&& other) noexcept : database_(other.database_) {
  other.database_ = nullptr;
}

Transaction::~Transaction() {
  if (database_ != nullptr) (void)database_->exec("ROLLBACK");
}

Status Transaction::commit() {
  Database* database = database_;
  database_ = nullptr;
  auto committed = database->exec("COMMIT");
  // A failed COMMIT may leave the transaction open (SQLITE_BUSY); roll it back so that the
  // caller's promise "nothing of it is stored" holds.
  if (!committed && !sqlite3_get_autocommit(database->handle())) (void)database->exec("ROLLBACK");
  return committed;
}

}  // namespace passerelle::db
