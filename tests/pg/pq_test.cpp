// The libpq wrapper against a real server: values both ways, error classes, transactions, retries.
#include "sync/hub/pg/pq.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "tests/support/pg_cluster.h"

namespace passerelle::hub::pg {
namespace {

using testing::PgTest;

class PqTest : public PgTest {
 protected:
  // Throws (which fails the test) when the server cannot be reached.
  PgConnection connect() {
    std::optional<PgConnection> connection;
    std::string error;
    if (auto opened = PgConnection::connect(database_url())) {
      connection.emplace(std::move(*opened));
    } else {
      error = opened.error().message;
    }
    if (!connection) throw std::runtime_error("cannot connect: " + error);
    return std::move(*connection);
  }
};

TEST(PqConnect, RefusesWhatIsNotAPostgresqlUrl) {
  const auto connection = PgConnection::connect("host=127.0.0.1 dbname=x");
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error().code, Errc::invalid_input);
}

TEST(PqConnect, MalformedUrlIsInvalidInput) {
  const auto connection = PgConnection::connect("postgresql://u@127.0.0.1/db?no_such_option=1");
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error().code, Errc::invalid_input);
  EXPECT_NE(connection.error().message.find("no_such_option"), std::string::npos) << connection.error().message;
}

TEST(PqConnect, UnreachableServerIsIoAndKeepsThePasswordOutOfTheMessage) {
  // Port 1 on loopback: nothing listens there, the refusal is immediate.
  const auto connection = PgConnection::connect("postgresql://u:s3cret@127.0.0.1:1/db");
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error().code, Errc::io);
  EXPECT_EQ(connection.error().message.find("s3cret"), std::string::npos) << connection.error().message;
}

TEST(PqErrors, SqlstatesMapToErrorClasses) {
  EXPECT_EQ(errc_for_sqlstate("23505"), Errc::conflict);       // unique_violation
  EXPECT_EQ(errc_for_sqlstate("23503"), Errc::conflict);       // foreign_key_violation
  EXPECT_EQ(errc_for_sqlstate("23502"), Errc::conflict);       // not_null_violation
  EXPECT_EQ(errc_for_sqlstate("40001"), Errc::busy);           // serialization_failure
  EXPECT_EQ(errc_for_sqlstate("40P01"), Errc::busy);           // deadlock_detected
  EXPECT_EQ(errc_for_sqlstate("55P03"), Errc::busy);           // lock_not_available
  EXPECT_EQ(errc_for_sqlstate("08006"), Errc::io);             // connection_failure
  EXPECT_EQ(errc_for_sqlstate("57P01"), Errc::io);             // admin_shutdown
  EXPECT_EQ(errc_for_sqlstate("53100"), Errc::io);             // disk_full
  EXPECT_EQ(errc_for_sqlstate("22P02"), Errc::invalid_input);  // invalid_text_representation
  EXPECT_EQ(errc_for_sqlstate("42601"), Errc::database);       // syntax_error
  EXPECT_EQ(errc_for_sqlstate("40002"), Errc::database);       // a rollback that is not retryable
  EXPECT_EQ(errc_for_sqlstate(""), Errc::database);
}

TEST(PqRetry, RetriesBusyUntilItSucceeds) {
  int calls = 0;
  const Result<int> outcome = with_retry([&]() -> Result<int> {
    if (++calls < 3) return make_error(Errc::busy, "serialization failure");
    return 42;
  });
  ASSERT_TRUE(outcome);
  EXPECT_EQ(*outcome, 42);
  EXPECT_EQ(calls, 3);
}

TEST(PqRetry, GivesUpAfterMaxAttemptsAndNeverRetriesOtherErrors) {
  int calls = 0;
  const RetryPolicy policy{4, std::chrono::milliseconds(1), std::chrono::milliseconds(2)};
  const Status busy = with_retry(
      [&]() -> Status {
        ++calls;
        return make_error(Errc::busy, "deadlock");
      },
      policy);
  EXPECT_FALSE(busy);
  EXPECT_EQ(calls, 4);

  calls = 0;
  const Status conflict = with_retry([&]() -> Status {
    ++calls;
    return make_error(Errc::conflict, "duplicate");
  });
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, Errc::conflict);
  EXPECT_EQ(calls, 1);
}

TEST_F(PqTest, ValuesAndNullsRoundTrip) {
  auto db = connect();
  ASSERT_TRUE(db.exec_script(R"sql(
    CREATE TABLE sample (id integer PRIMARY KEY, label text, amount bigint, flag boolean, ratio double precision,
                         payload bytea))sql"));
  std::string all_bytes;
  for (int byte = 0; byte < 256; ++byte) all_bytes += static_cast<char>(byte);
  const std::string name = "Zoë Ørsted-Dvořák, 5 €";
  const std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
  const std::int64_t highest = std::numeric_limits<std::int64_t>::max();
  constexpr const char* kInsert = "INSERT INTO sample VALUES ($1, $2, $3, $4, $5, $6)";
  ASSERT_TRUE(db.query(kInsert, 1, name, lowest, true, 0.1, PgParam::bytea(all_bytes)));
  ASSERT_TRUE(db.query(kInsert, 2, "", highest, false, -2.5e300, PgParam::bytea("")));
  ASSERT_TRUE(db.query(kInsert, 3, std::nullopt, std::optional<std::int64_t>(), std::optional<bool>(), std::nullopt,
                       std::nullopt));

  const auto rows = db.query("SELECT label, amount, flag, ratio, payload FROM sample ORDER BY id");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->rows(), 3);
  EXPECT_EQ(rows->text(0, 0), name);
  EXPECT_EQ(rows->int64(0, 1), lowest);
  EXPECT_TRUE(rows->boolean(0, 2));
  EXPECT_EQ(rows->float64(0, 3), 0.1);
  EXPECT_EQ(rows->bytea(0, 4), all_bytes);

  EXPECT_EQ(rows->optional_text(1, 0), std::optional<std::string>(""));  // empty is not NULL
  EXPECT_EQ(rows->int64(1, 1), highest);
  EXPECT_FALSE(rows->boolean(1, 2));
  EXPECT_EQ(rows->float64(1, 3), -2.5e300);
  EXPECT_EQ(rows->bytea(1, 4), "");

  for (int column = 0; column < 5; ++column) EXPECT_TRUE(rows->is_null(2, column)) << column;
  EXPECT_EQ(rows->optional_text(2, 0), std::nullopt);
  EXPECT_EQ(rows->optional_int64(2, 1), std::nullopt);
  EXPECT_EQ(rows->optional_boolean(2, 2), std::nullopt);
  EXPECT_EQ(rows->column("payload"), 4);
}

TEST_F(PqTest, UntypedParametersNeedACastAndThenReadBack) {
  auto db = connect();
  const auto row = db.query("SELECT $1::bigint + 1, $2::text IS NULL, $3::boolean", std::int64_t{41}, std::nullopt,
                            std::optional<bool>(true));
  ASSERT_TRUE(row) << row.error().message;
  EXPECT_EQ(row->int64(0, 0), 42);
  EXPECT_TRUE(row->boolean(0, 1));
  EXPECT_TRUE(row->boolean(0, 2));
}

TEST_F(PqTest, TextWithANulByteIsRefusedBeforeTheServer) {
  auto db = connect();
  const auto result = db.query("SELECT $1::text", std::string("a\0b", 3));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::invalid_input);
}

TEST_F(PqTest, ErrorsAreClassified) {
  auto db = connect();
  ASSERT_TRUE(db.exec_script("CREATE TABLE person (id bigint PRIMARY KEY, email text NOT NULL UNIQUE)"));
  ASSERT_TRUE(db.query("INSERT INTO person VALUES ($1, $2)", 1, "a@example.org"));

  const auto duplicate = db.query("INSERT INTO person VALUES ($1, $2)", 2, "a@example.org");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, Errc::conflict);
  EXPECT_NE(duplicate.error().message.find("23505"), std::string::npos) << duplicate.error().message;

  const auto missing = db.query("INSERT INTO person VALUES ($1, $2)", 3, std::nullopt);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::conflict);

  const auto not_a_number = db.query("INSERT INTO person VALUES ($1, $2)", "12x", "b@example.org");
  ASSERT_FALSE(not_a_number);
  EXPECT_EQ(not_a_number.error().code, Errc::invalid_input);

  const auto syntax = db.query("SELEC 1");
  ASSERT_FALSE(syntax);
  EXPECT_EQ(syntax.error().code, Errc::database);

  // Failed statements leave the connection usable.
  const auto count = db.query("SELECT count(*) FROM person");
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(count->int64(0, 0), 1);
}

TEST_F(PqTest, StatementsArePreparedOncePerConnection) {
  auto db = connect();
  for (int i = 0; i < 5; ++i) {
    const auto row = db.query("SELECT $1::integer * 2", i);
    ASSERT_TRUE(row) << row.error().message;
    EXPECT_EQ(row->int64(0, 0), i * 2);
  }
  ASSERT_TRUE(db.execute("SELECT $1::integer", 7));  // the unnamed statement: not kept
  const auto prepared = db.execute("SELECT count(*) FROM pg_prepared_statements");
  ASSERT_TRUE(prepared) << prepared.error().message;
  EXPECT_EQ(prepared->int64(0, 0), 1);

  // The cache moves with the connection.
  PgConnection moved = std::move(db);
  ASSERT_TRUE(moved.query("SELECT $1::integer * 2", 9));
  const auto still = moved.execute("SELECT count(*) FROM pg_prepared_statements");
  ASSERT_TRUE(still);
  EXPECT_EQ(still->int64(0, 0), 1);
}

TEST_F(PqTest, AffectedRowsCountsChanges) {
  auto db = connect();
  ASSERT_TRUE(db.exec_script("CREATE TABLE n (v integer); INSERT INTO n SELECT generate_series(1, 10)"));
  const auto updated = db.query("UPDATE n SET v = v + 100 WHERE v > $1", 4);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->affected_rows(), 6);
  const auto selected = db.query("SELECT v FROM n");
  ASSERT_TRUE(selected);
  EXPECT_EQ(selected->rows(), 10);
}

TEST_F(PqTest, TransactionRollsBackUnlessCommitted) {
  auto db = connect();
  ASSERT_TRUE(db.exec_script("CREATE TABLE t (v integer)"));
  {
    auto transaction = PgTransaction::begin(db);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(db.query("INSERT INTO t VALUES ($1)", 1));
    EXPECT_TRUE(db.in_transaction());
  }
  EXPECT_FALSE(db.in_transaction());
  {
    auto transaction = PgTransaction::begin(db);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(db.query("INSERT INTO t VALUES ($1)", 2));
    ASSERT_TRUE(transaction->commit());
  }
  const auto rows = db.query("SELECT v FROM t");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->rows(), 1);
  EXPECT_EQ(rows->int64(0, 0), 2);
}

TEST_F(PqTest, CommitAfterAFailedStatementFailsAndStoresNothing) {
  auto db = connect();
  ASSERT_TRUE(db.exec_script("CREATE TABLE t (v integer PRIMARY KEY)"));
  auto transaction = PgTransaction::begin(db);
  ASSERT_TRUE(transaction);
  ASSERT_TRUE(db.query("INSERT INTO t VALUES ($1)", 1));
  ASSERT_FALSE(db.query("INSERT INTO t VALUES ($1)", 1));
  EXPECT_FALSE(transaction->commit());
  EXPECT_FALSE(db.in_transaction());
  const auto rows = db.query("SELECT count(*) FROM t");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->int64(0, 0), 0);
}

TEST_F(PqTest, IsolationLevelIsTheOneAskedFor) {
  auto db = connect();
  auto transaction = PgTransaction::begin(db, PgIsolation::serializable);
  ASSERT_TRUE(transaction);
  const auto level = db.query("SELECT current_setting('transaction_isolation')");
  ASSERT_TRUE(level);
  EXPECT_EQ(level->text(0, 0), "serializable");
}

TEST_F(PqTest, SerializationFailureIsBusyAndWithRetryRunsTheTransactionAgain) {
  auto db = connect();
  auto other = connect();
  ASSERT_TRUE(db.exec_script("CREATE TABLE counter (v integer); INSERT INTO counter VALUES (0)"));
  int attempts = 0;
  std::optional<Errc> first_failure;
  const Status outcome = with_retry([&]() -> Status {
    ++attempts;
    PSL_ASSIGN_OR_RETURN(auto transaction, PgTransaction::begin(db, PgIsolation::repeatable_read));
    PSL_TRY(db.query("SELECT v FROM counter"));  // takes the snapshot
    if (attempts == 1) {
      // Someone else changes the row after our snapshot: our update cannot be serialised.
      if (!other.query("UPDATE counter SET v = v + 10")) return make_error(Errc::database, "other writer failed");
    }
    if (auto updated = db.query("UPDATE counter SET v = v + 1"); !updated) {
      if (!first_failure) first_failure = updated.error().code;
      return std::move(updated).error();
    }
    return transaction.commit();
  });
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(first_failure, Errc::busy);
  EXPECT_EQ(attempts, 2);
  const auto value = db.query("SELECT v FROM counter");
  ASSERT_TRUE(value);
  EXPECT_EQ(value->int64(0, 0), 11);
}

TEST_F(PqTest, DeadlockIsBusy) {
  auto first = connect();
  auto second = connect();
  ASSERT_TRUE(
      first.exec_script("CREATE TABLE pair (id integer PRIMARY KEY, v integer); "
                        "INSERT INTO pair VALUES (1, 0), (2, 0)"));
  auto first_begun = PgTransaction::begin(first);
  auto second_begun = PgTransaction::begin(second);
  ASSERT_TRUE(first_begun && second_begun);
  std::optional<PgTransaction> first_transaction(std::move(first_begun).value());
  std::optional<PgTransaction> second_transaction(std::move(second_begun).value());
  ASSERT_TRUE(first.query("UPDATE pair SET v = 1 WHERE id = $1", 1));
  ASSERT_TRUE(second.query("UPDATE pair SET v = 2 WHERE id = $1", 2));
  // Each now wants the other's row; the server's deadlock check aborts one of them.
  std::optional<Errc> second_error;
  std::thread second_thread([&] {
    auto blocked = second.query("UPDATE pair SET v = 2 WHERE id = $1", 1);
    if (!blocked) second_error = blocked.error().code;
    second_transaction.reset();  // ROLLBACK, releasing what the first may wait on
  });
  auto crossing = first.query("UPDATE pair SET v = 1 WHERE id = $1", 2);
  std::optional<Errc> first_error;
  if (!crossing) first_error = crossing.error().code;
  first_transaction.reset();
  second_thread.join();
  EXPECT_TRUE(first_error.has_value() != second_error.has_value()) << "exactly one side is the deadlock victim";
  EXPECT_EQ(first_error.value_or(second_error.value_or(Errc::database)), Errc::busy);
}

TEST_F(PqTest, LostConnectionIsIo) {
  auto victim = connect();
  auto admin = connect();
  ASSERT_TRUE(victim.query("SELECT 1"));
  const auto terminated = admin.query("SELECT pg_terminate_backend($1)", victim.backend_pid());
  ASSERT_TRUE(terminated) << terminated.error().message;
  ASSERT_TRUE(terminated->boolean(0, 0));
  // The backend may still be exiting when the next query arrives; either way it cannot succeed.
  const auto after = victim.query("SELECT 1");
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, Errc::io) << after.error().message;
  EXPECT_FALSE(victim.is_open());
  EXPECT_EQ(victim.query("SELECT 2").error().code, Errc::io);
}

}  // namespace
}  // namespace passerelle::hub::pg
