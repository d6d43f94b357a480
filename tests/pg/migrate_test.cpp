// Forward-only migrations on PostgreSQL: idempotent, all-or-nothing, and safe when hub processes
// start at the same moment.
#include "sync/hub/pg/migrate.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "tests/support/pg_cluster.h"

namespace passerelle::hub::pg {
namespace {

using testing::PgTest;

// Neither migration may run twice: CREATE TABLE without IF NOT EXISTS, a row per application.
constexpr PgMigration kMigrations[] = {
    {1, "guests",
     "CREATE TABLE guest (id bigint PRIMARY KEY, name text NOT NULL);"
     "CREATE TABLE applied (version integer NOT NULL);"
     "INSERT INTO applied VALUES (1);"},
    {2, "guest email", "ALTER TABLE guest ADD COLUMN email text; INSERT INTO applied VALUES (2);"},
    {3, "visits", "CREATE TABLE visit (guest bigint REFERENCES guest(id)); INSERT INTO applied VALUES (3);"},
};

class MigrateTest : public PgTest {
 protected:
  void SetUp() override {
    PgTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto connection = PgConnection::connect(database_url());
    ASSERT_TRUE(connection) << connection.error().message;
    db_.emplace(std::move(connection).value());
  }

  std::vector<std::int64_t> applied() {
    std::vector<std::int64_t> versions;
    const auto rows = db_->query("SELECT version FROM applied ORDER BY version");
    EXPECT_TRUE(rows) << rows.error().message;
    if (!rows) return versions;
    for (int row = 0; row < rows->rows(); ++row) versions.push_back(rows->int64(row, 0));
    return versions;
  }

  std::optional<PgConnection> db_;
};

TEST_F(MigrateTest, AFreshDatabaseIsAtVersionZero) {
  const auto version = schema_version(*db_);
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(*version, 0);
}

TEST_F(MigrateTest, AppliesEveryMigrationOnceAndAgainIsANoOp) {
  ASSERT_TRUE(migrate(*db_, kMigrations));
  ASSERT_TRUE(migrate(*db_, kMigrations));
  EXPECT_EQ(*schema_version(*db_), 3);
  EXPECT_EQ(applied(), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(MigrateTest, LaterProgramsApplyOnlyTheirNewMigrations) {
  ASSERT_TRUE(migrate(*db_, std::span(kMigrations).first(1)));
  EXPECT_EQ(*schema_version(*db_), 1);
  ASSERT_TRUE(migrate(*db_, kMigrations));
  EXPECT_EQ(*schema_version(*db_), 3);
  EXPECT_EQ(applied(), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(MigrateTest, AFailingMigrationRollsBackAndNamesItself) {
  const PgMigration broken[] = {
      kMigrations[0],
      {2, "half done", "CREATE TABLE half (v integer); INSERT INTO applied VALUES (2); SELEC oops;"},
  };
  const Status outcome = migrate(*db_, broken);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, Errc::database);
  EXPECT_NE(outcome.error().message.find("migration 2 (half done)"), std::string::npos) << outcome.error().message;
  EXPECT_EQ(*schema_version(*db_), 1);
  EXPECT_EQ(applied(), (std::vector<std::int64_t>{1}));
  const auto half = db_->query("SELECT to_regclass('half') IS NULL");
  ASSERT_TRUE(half);
  EXPECT_TRUE(half->boolean(0, 0)) << "the failed migration's first statement was kept";
}

TEST_F(MigrateTest, ADatabaseNewerThanTheProgramIsUnsupportedAndUntouched) {
  ASSERT_TRUE(migrate(*db_, kMigrations));
  const Status outcome = migrate(*db_, std::span(kMigrations).first(2));
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, Errc::unsupported);
  EXPECT_EQ(*schema_version(*db_), 3);
}

// Several processes (not threads: as hub processes would) migrate one empty database at once.
TEST_F(MigrateTest, RacingProcessesApplyEachMigrationExactlyOnce) {
  constexpr int kProcesses = 6;
  int start_gate[2];
  ASSERT_EQ(::pipe(start_gate), 0);
  std::vector<pid_t> children;
  for (int i = 0; i < kProcesses; ++i) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      // The child leaves with _exit only: no test framework, no static destructors (which would
      // stop the shared cluster).
      ::close(start_gate[1]);
      auto connection = PgConnection::connect(database_url());
      char ignored = 0;
      while (::read(start_gate[0], &ignored, 1) > 0) {
      }  // returns 0 once the parent closes its end: everyone starts together
      const bool migrated = connection && migrate(*connection, kMigrations);
      ::_exit(migrated ? 0 : 1);
    }
    children.push_back(child);
  }
  ::close(start_gate[0]);
  ::close(start_gate[1]);
  for (const pid_t child : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a racing process failed to migrate";
  }
  EXPECT_EQ(*schema_version(*db_), 3);
  EXPECT_EQ(applied(), (std::vector<std::int64_t>{1, 2, 3}));
}

}  // namespace
}  // namespace passerelle::hub::pg
