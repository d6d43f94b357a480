#include "sync/hub/pg/pq.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cassert>
#include <random>
#include <thread>
#include <vector>

namespace passerelle::hub::pg {

namespace {

std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return std::string(text);
}

// The statement's first line, short: enough to find it in the code, and SQL text never holds data.
std::string statement_label(std::string_view sql) {
  constexpr std::size_t kMaxLength = 80;
  const auto start = sql.find_first_not_of(" \n\t");
  if (start == std::string_view::npos) return "(empty statement)";
  sql.remove_prefix(start);
  const std::size_t end = std::min({sql.find('\n'), sql.size(), kMaxLength});
  return std::string(sql.substr(0, end)) + (end < sql.size() ? "..." : "");
}

Error connection_error(PGconn* connection, std::string_view context) {
  const bool lost = connection == nullptr || PQstatus(connection) != CONNECTION_OK;
  const char* message = connection != nullptr ? PQerrorMessage(connection) : "out of memory";
  return make_error(lost ? Errc::io : Errc::database, std::string(context) + ": " + trimmed(message));
}

Error result_error(PGconn* connection, const PGresult* result, std::string_view context) {
  if (result == nullptr) return connection_error(connection, context);
  const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL);
  std::string message =
      std::string(context) + ": " + trimmed(primary != nullptr ? primary : PQresultErrorMessage(result));
  if (detail != nullptr) message += " (" + trimmed(detail) + ")";
  if (sqlstate != nullptr) message += std::string(" [SQLSTATE ") + sqlstate + "]";
  // A dropped connection may come with no SQLSTATE at all, or with one that says something else.
  const bool lost = PQstatus(connection) != CONNECTION_OK;
  return make_error(lost ? Errc::io : errc_for_sqlstate(sqlstate != nullptr ? sqlstate : ""), std::move(message));
}

bool is_url(std::string_view text) {
  return text.starts_with("postgresql://") || text.starts_with("postgres://");
}

const char* isolation_sql(PgIsolation isolation) {
  switch (isolation) {
    case PgIsolation::read_committed:
      return "BEGIN ISOLATION LEVEL READ COMMITTED";
    case PgIsolation::repeatable_read:
      return "BEGIN ISOLATION LEVEL REPEATABLE READ";
    case PgIsolation::serializable:
      return "BEGIN ISOLATION LEVEL SERIALIZABLE";
  }
  return "BEGIN";
}

void drop_notice(void* /*context*/, const char* /*message*/) {}

}  // namespace

Errc errc_for_sqlstate(std::string_view sqlstate) noexcept {
  if (sqlstate.size() != 5) return Errc::database;
  const std::string_view sqlclass = sqlstate.substr(0, 2);
  if (sqlclass == "23") return Errc::conflict;
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") return Errc::busy;
  if (sqlclass == "08" || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03") return Errc::io;
  if (sqlstate == "53100") return Errc::io;
  if (sqlclass == "22") return Errc::invalid_input;
  return Errc::database;
}

void PgConnection::Finish::operator()(PGconn* connection) const noexcept {
  PQfinish(connection);
}

Result<PgConnection> PgConnection::connect(std::string_view url, std::chrono::seconds timeout) {
  if (!is_url(url)) return make_error(Errc::invalid_input, "not a postgresql:// URL");
  const std::string url_text(url);
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url_text.c_str(), &parse_error);
  if (options == nullptr) {
    std::string message = "malformed PostgreSQL URL: ";
    message += parse_error != nullptr ? trimmed(parse_error) : "out of memory";
    PQfreemem(parse_error);
    return make_error(Errc::invalid_input, std::move(message));
  }
  PQconninfoFree(options);

  // Later keywords override earlier ones: the URL may set its own connect_timeout, but every
  // string we exchange is UTF-8 whatever the URL or the environment (PGCLIENTENCODING) says.
  const std::string timeout_text = std::to_string(std::max<std::int64_t>(1, timeout.count()));
  const char* const keywords[] = {"connect_timeout", "fallback_application_name", "dbname", "client_encoding", nullptr};
  const char* const values[] = {timeout_text.c_str(), "passerelle", url_text.c_str(), "UTF8", nullptr};
  PgConnection connection(PQconnectdbParams(keywords, values, 1));
  if (connection.connection_ == nullptr || PQstatus(connection.handle()) != CONNECTION_OK) {
    return connection_error(connection.handle(), "cannot connect to PostgreSQL");
  }
  PQsetNoticeProcessor(connection.handle(), drop_notice, nullptr);
  // PgResult::bytea() reads the hex form, which a database or role may have configured away.
  PSL_TRY(connection.exec_script("SET bytea_output = hex"));
  return connection;
}

Result<PgResult> PgConnection::checked(PGresult* raw, std::string_view sql) {
  PgResult result(raw);
  if (raw != nullptr) {
    const ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return result;
  }
  return result_error(handle(), raw, statement_label(sql));
}

Result<std::string> PgConnection::prepared_name(std::string_view sql) {
  if (const auto found = prepared_.find(sql); found != prepared_.end()) return found->second;
  std::string name = "psl_" + std::to_string(prepared_.size() + 1);
  std::string text(sql);
  PSL_TRY(checked(PQprepare(handle(), name.c_str(), text.c_str(), 0, nullptr), sql));
  prepared_.emplace(std::move(text), name);
  return name;
}

namespace {

// libpq takes text parameters as C strings, so an embedded NUL would silently cut the value short.
Result<std::vector<const char*>> parameter_values(std::span<const PgParam> params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto& text = params[i].text();
    if (text && text->find('\0') != std::string::npos) {
      return make_error(Errc::invalid_input, "parameter $" + std::to_string(i + 1) + " contains a NUL byte");
    }
    values.push_back(text ? text->c_str() : nullptr);
  }
  return values;
}

}  // namespace

Result<PgResult> PgConnection::query_params(std::string_view sql, std::span<const PgParam> params) {
  PSL_ASSIGN_OR_RETURN(const auto values, parameter_values(params));
  PSL_ASSIGN_OR_RETURN(const std::string name, prepared_name(sql));
  return checked(
      PQexecPrepared(handle(), name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0), sql);
}

Result<PgResult> PgConnection::execute_params(std::string_view sql, std::span<const PgParam> params) {
  PSL_ASSIGN_OR_RETURN(const auto values, parameter_values(params));
  const std::string text(sql);
  return checked(PQexecParams(handle(), text.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                              nullptr, 0),
                 sql);
}

Status PgConnection::exec_script(std::string_view sql) {
  const std::string text(sql);
  PSL_TRY(checked(PQexec(handle(), text.c_str()), sql));
  return {};
}

bool PgConnection::in_transaction() const {
  const PGTransactionStatusType status = PQtransactionStatus(handle());
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool PgConnection::is_open() const {
  return PQstatus(handle()) == CONNECTION_OK;
}

int PgConnection::backend_pid() const {
  return PQbackendPID(handle());
}

int PgConnection::socket() const {
  return PQsocket(handle());
}

Result<std::vector<PgNotification>> PgConnection::take_notifications() {
  // A failed read is a lost connection whatever PQstatus says yet: nothing else can fail here.
  if (PQconsumeInput(handle()) == 0 || PQstatus(handle()) != CONNECTION_OK)
    return make_error(Errc::io, "LISTEN connection lost: " + trimmed(PQerrorMessage(handle())));
  std::vector<PgNotification> notifications;
  while (PGnotify* notify = PQnotifies(handle())) {
    notifications.push_back(
        PgNotification{notify->relname, notify->extra != nullptr ? notify->extra : "", notify->be_pid});
    PQfreemem(notify);
  }
  return notifications;
}

Result<PgTransaction> PgTransaction::begin(PgConnection& connection, std::optional<PgIsolation> isolation) {
  assert(!connection.in_transaction() && "PgTransaction::begin inside an open transaction");
  PSL_TRY(connection.exec_script(isolation ? isolation_sql(*isolation) : "BEGIN"));
  return PgTransaction(&connection);
}

PgTransaction::PgTransaction(PgTransaction&& other) noexcept : connection_(std::exchange(other.connection_, nullptr)) {}

PgTransaction::~PgTransaction() {
  if (connection_ == nullptr || !connection_->is_open() || !connection_->in_transaction()) return;
  PQclear(PQexec(connection_->handle(), "ROLLBACK"));
}

Status PgTransaction::commit() {
  assert(connection_ != nullptr && "commit() on a finished transaction");
  PgConnection& connection = *std::exchange(connection_, nullptr);
  PGconn* handle = connection.handle();
  if (PQtransactionStatus(handle) == PQTRANS_INERROR) {
    PQclear(PQexec(handle, "ROLLBACK"));
    return make_error(Errc::database, "COMMIT: a statement of the transaction failed; rolled back");
  }
  PGresult* raw = PQexec(handle, "COMMIT");
  const std::string tag = raw != nullptr ? PQcmdStatus(raw) : "";
  const bool committed = raw != nullptr && PQresultStatus(raw) == PGRES_COMMAND_OK && tag == "COMMIT";
  if (committed) {
    PQclear(raw);
    return {};
  }
  Error error = raw != nullptr && PQresultStatus(raw) == PGRES_COMMAND_OK
                    ? make_error(Errc::database, "COMMIT: the server rolled the transaction back")
                    : result_error(handle, raw, "COMMIT");
  PQclear(raw);
  if (error.code == Errc::io) error.message += " (the transaction may or may not have been committed)";
  return error;
}

void sleep_before_retry(int attempt, const RetryPolicy& policy) {
  thread_local std::minstd_rand random(std::random_device{}());
  const int doublings = std::clamp(attempt - 1, 0, 20);
  const auto ceiling = std::min(policy.max_backoff, policy.first_backoff * (std::int64_t{1} << doublings));
  const auto count = std::max<std::int64_t>(1, ceiling.count());
  std::uniform_int_distribution<std::int64_t> jitter(count / 2, count);
  std::this_thread::sleep_for(std::chrono::milliseconds(jitter(random)));
}

}  // namespace passerelle::hub::pg
