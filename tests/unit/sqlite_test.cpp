#include "core/db/sqlite.h"

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace passerelle::db {
namespace {

TEST(Sqlite, OpensWithWalFullSyncAndForeignKeys) {
  testing::TempDir dir;
  auto database = Database::open(dir.file("a.db"));
  ASSERT_TRUE(database) << database.error().message;
  for (const auto& [pragma, expected] :
       {std::pair{"PRAGMA journal_mode", "wal"}, {"PRAGMA synchronous", "2"}, {"PRAGMA foreign_keys", "1"}}) {
    auto query = database->query(pragma);
    ASSERT_TRUE(query);
    ASSERT_TRUE(*query->step());
    EXPECT_EQ(query->column_text(0), expected) << pragma;
  }
}

TEST(Sqlite, StatementsArePreparedOnceAndResetAfterUse) {
  auto database = Database::open(":memory:");
  ASSERT_TRUE(database);
  ASSERT_TRUE(database->exec("CREATE TABLE t(x INTEGER)"));
  for (int i = 0; i < 3; ++i) {
    auto insert = database->query("INSERT INTO t(x) VALUES (?)");
    ASSERT_TRUE(insert);
    ASSERT_TRUE(insert->bind_all(i).run());
  }
  auto count = database->query("SELECT count(*), sum(x) FROM t");
  ASSERT_TRUE(*count->step());
  EXPECT_EQ(count->column_int(0), 3);
  EXPECT_EQ(count->column_int(1), 3);
}

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
  auto database = Database::open(":memory:");
  ASSERT_TRUE(database->exec("CREATE TABLE t(x INTEGER)"));
  {
    auto transaction = Transaction::begin(*database);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(database->exec("INSERT INTO t VALUES (1)"));
  }
  {
    auto transaction = Transaction::begin(*database);
    ASSERT_TRUE(database->exec("INSERT INTO t VALUES (2)"));
    ASSERT_TRUE(transaction->commit());
  }
  auto rows = database->query("SELECT group_concat(x) FROM t");
  ASSERT_TRUE(*rows->step());
  EXPECT_EQ(rows->column_text(0), "2");
}

TEST(Sqlite, ConstraintViolationIsAConflict) {
  auto database = Database::open(":memory:");
  ASSERT_TRUE(database->exec("CREATE TABLE t(x INTEGER PRIMARY KEY)"));
  ASSERT_TRUE(database->exec("INSERT INTO t VALUES (1)"));
  auto insert = database->query("INSERT INTO t VALUES (1)");
  auto status = insert->run();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, Errc::conflict);
}

TEST(Sqlite, AFileThatIsNotADatabaseIsRejected) {
  testing::TempDir dir;
  testing::write_file(dir.file("junk.db"), std::string(4096, 'x'));
  auto database = Database::open(dir.file("junk.db"));
  ASSERT_FALSE(database);
  EXPECT_EQ(database.error().code, Errc::invalid_input);
}

TEST(Sqlite, MissingFolderIsAnIoError) {
  auto database = Database::open("/nonexistent-folder/x.db");
  ASSERT_FALSE(database);
  EXPECT_EQ(database.error().code, Errc::io);
}

TEST(Sqlite, SecondWriterGetsBusyAfterTimeout) {
  testing::TempDir dir;
  auto first = Database::open(dir.file("a.db"));
  auto second = Database::open(dir.file("a.db"));
  ASSERT_TRUE(first && second);
  second->set_busy_timeout_ms(50);
  auto holding = Transaction::begin(*first);
  ASSERT_TRUE(holding);
  auto blocked = Transaction::begin(*second);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, Errc::busy);
}

}  // namespace
}  // namespace passerelle::db
