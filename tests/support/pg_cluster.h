// A throw-away PostgreSQL cluster for tests, and a GoogleTest fixture that hands each test a fresh
// database in it.
//
// PgCluster::start() runs initdb into a new temporary directory, starts `postgres` on 127.0.0.1 and
// a free port (its unix socket in that directory, so clusters of concurrent test processes never
// share a lock file), waits until it accepts connections and creates the database
// `passerelle_test`. The destructor shuts the server down (immediate shutdown: nothing in it is
// worth keeping), waits for it and its children to exit, and removes the directory.
// PostgreSQL refuses to run as root: as root the server programs run as the `postgres` account
// (which Debian's postgresql-common creates), as any other user as that user.
// Binaries: $PASSERELLE_PG_BINDIR, else /usr/lib/postgresql/15/bin (Debian's postgresql-15).
// If the test process dies, the server gets SIGQUIT from the kernel (PR_SET_PDEATHSIG) and exits;
// the directory stays until the next start() removes it (a living cluster holds an flock on its
// owner.lock, a dead one does not). The signal follows the *thread* that started the cluster:
// start it from a thread that outlives it (the fixture below uses the main thread).
// Thread safety: start() and the destructor from one thread; url()/port() from any.
// Failure: start() and create_database() return Result (not_found when PostgreSQL is not
// installed, io when initdb or the server fails; the message then ends with the server's log).
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::testing {

class PgCluster {
 public:
  static constexpr const char* kUser = "passerelle";
  static constexpr const char* kDatabase = "passerelle_test";

  // Why no cluster can start here (no binaries in `bindir`, root without a postgres account), or
  // empty when it can.
  static std::string unavailable_reason(const std::filesystem::path& bindir);
  static std::filesystem::path default_bindir();

  static Result<std::unique_ptr<PgCluster>> start(const std::filesystem::path& bindir = default_bindir());

  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;
  ~PgCluster();

  // postgresql://passerelle@127.0.0.1:PORT/passerelle_test
  const std::string& url() const { return url_; }
  std::string url_for(std::string_view database) const;
  // Creates the database `name` ([a-z0-9_], starting with a letter) and returns its URL.
  Result<std::string> create_database(std::string_view name);

  std::uint16_t port() const { return port_; }
  const std::filesystem::path& directory() const { return directory_; }
  pid_t postmaster_pid() const { return postmaster_; }

 private:
  PgCluster() = default;
  Status initialise(const std::filesystem::path& bindir);
  Status launch(const std::filesystem::path& bindir);
  void stop() noexcept;

  std::filesystem::path directory_;
  std::uint16_t port_ = 0;
  pid_t postmaster_ = -1;
  int owner_lock_ = -1;  // flock held while this cluster lives; see sweep_abandoned_clusters()
  std::string url_;
};

// True when the environment says CI=true: a test that would skip must fail instead.
bool ci_requires_all_tests();

// In a test body: skips when PostgreSQL cannot run here, or fails under CI=true.
#define PASSERELLE_REQUIRE_POSTGRESQL()                                                                           \
  do {                                                                                                            \
    const std::string psl_pg_reason_ =                                                                            \
        ::passerelle::testing::PgCluster::unavailable_reason(::passerelle::testing::PgCluster::default_bindir()); \
    if (!psl_pg_reason_.empty()) {                                                                                \
      if (::passerelle::testing::ci_requires_all_tests()) {                                                       \
        FAIL() << psl_pg_reason_ << "; CI=true requires the PostgreSQL tests to run";                             \
      }                                                                                                           \
      GTEST_SKIP() << psl_pg_reason_;                                                                             \
    }                                                                                                             \
  } while (false)

// A new, empty database for one test, named `<prefix>_<pid>_<n>` ([a-z0-9_] prefix): its URL.
// Where: on the server the whole CTest run shares when the fixture `pg_server` started one
// ($PASSERELLE_TEST_PG_DIR/url, written by tests/support/pg_test_server_main.cpp), else in a
// cluster of this test program's own, started on first use; start that from the main thread (a
// test's SetUp or body), since its server stops when the thread that started it ends. Databases
// made on the shared server are dropped when the program exits.
// Thread safety: any thread, serialised inside.
// Failure: not_found when PostgreSQL cannot run here (the caller then skips, or fails under
// CI=true), io when it is installed but fails to start or to create the database.
Result<std::string> fresh_test_database(std::string_view prefix);

// Each test gets a fresh database (fresh_test_database). Without PostgreSQL the test skips, or
// fails under CI=true.
class PgTest : public ::testing::Test {
 protected:
  void SetUp() override;

  const std::string& database_url() const { return database_url_; }

 private:
  std::string database_url_;
};

}  // namespace passerelle::testing
