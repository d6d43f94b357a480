// The throw-away cluster itself: it serves, several run side by side, and stopping leaves nothing;
// and the server a CTest run shares (pg_test_server), on which each program drops its databases.
#include "tests/support/pg_cluster.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sync/hub/pg/pq.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

namespace fs = std::filesystem;
using hub::pg::PgConnection;

// Processes whose working directory is inside `directory`: every PostgreSQL process of a cluster
// runs in its data directory.
std::vector<std::string> processes_inside(const fs::path& directory) {
  std::vector<std::string> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/proc", error)) {
    const std::string pid = entry.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::error_code unreadable;
    const fs::path cwd = fs::read_symlink(entry.path() / "cwd", unreadable);
    if (!unreadable && cwd.string().starts_with(directory.string())) found.push_back(pid);
  }
  return found;
}

// System V shared memory segments created by `pid` (the postmaster keeps a small one).
int shared_memory_segments_of(pid_t pid) {
  std::ifstream table("/proc/sysvipc/shm");
  std::string line;
  std::getline(table, line);  // header: key shmid perms size cpid lpid ...
  int count = 0;
  while (std::getline(table, line)) {
    std::istringstream fields(line);
    std::string key, shmid, perms, size;
    pid_t creator = 0;
    fields >> key >> shmid >> perms >> size >> creator;
    if (creator == pid) ++count;
  }
  return count;
}

std::unique_ptr<PgCluster> start_cluster() {
  auto cluster = PgCluster::start();
  EXPECT_TRUE(cluster) << cluster.error().message;
  return cluster ? std::move(cluster).value() : nullptr;
}

TEST(PgCluster, ServesAndLeavesNothingBehind) {
  PASSERELLE_REQUIRE_POSTGRESQL();
  auto cluster = start_cluster();
  ASSERT_NE(cluster, nullptr);
  const fs::path directory = cluster->directory();
  const pid_t postmaster = cluster->postmaster_pid();
  const std::string url = cluster->url();
  EXPECT_EQ(url, "postgresql://passerelle@127.0.0.1:" + std::to_string(cluster->port()) + "/passerelle_test");

  {
    auto db = PgConnection::connect(url);
    ASSERT_TRUE(db) << db.error().message;
    const auto row = db->query("SELECT current_database(), current_user, current_setting('server_encoding')");
    ASSERT_TRUE(row) << row.error().message;
    EXPECT_EQ(row->text(0, 0), "passerelle_test");
    EXPECT_EQ(row->text(0, 1), "passerelle");
    EXPECT_EQ(row->text(0, 2), "UTF8");
    EXPECT_FALSE(processes_inside(directory).empty());
    EXPECT_TRUE(fs::exists(directory / "data" / "PG_VERSION"));
    // Left open on purpose: an immediate shutdown does not wait for clients.
    cluster.reset();
  }

  EXPECT_FALSE(fs::exists(directory));
  EXPECT_TRUE(::kill(postmaster, 0) != 0 && errno == ESRCH) << "the postmaster still runs";
  EXPECT_EQ(processes_inside(directory), std::vector<std::string>{}) << "server processes survived";
  EXPECT_EQ(shared_memory_segments_of(postmaster), 0);
  const auto refused = PgConnection::connect(url, std::chrono::seconds(5));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::io);
}

TEST(PgCluster, SeveralRunSideBySide) {
  PASSERELLE_REQUIRE_POSTGRESQL();
  auto first = start_cluster();
  auto second = start_cluster();
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_NE(first->port(), second->port());
  EXPECT_NE(first->directory(), second->directory());

  auto created = second->create_database("other_db");
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(*created, second->url_for("other_db"));
  first.reset();
  auto db = PgConnection::connect(*created);
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_TRUE(db->query("SELECT 1"));
}

TEST(PgCluster, CreateDatabaseRefusesNamesThatAreNotPlainIdentifiers) {
  PASSERELLE_REQUIRE_POSTGRESQL();
  auto cluster = start_cluster();
  ASSERT_NE(cluster, nullptr);
  for (const char* name : {"", "Upper", "9lives", "x; DROP DATABASE passerelle_test", "a-b"}) {
    const auto created = cluster->create_database(name);
    ASSERT_FALSE(created) << name;
    EXPECT_EQ(created.error().code, Errc::invalid_input);
  }
  const auto duplicate = cluster->create_database(PgCluster::kDatabase);
  ASSERT_FALSE(duplicate);
}

TEST(PgCluster, StartRemovesWhatKilledTestsLeftBehindButNotLiveClusters) {
  PASSERELLE_REQUIRE_POSTGRESQL();
  auto make_directory = [](const char* name) {
    const fs::path directory = fs::temp_directory_path() / name;
    fs::create_directories(directory / "data");
    std::ofstream(directory / "owner.lock").put('x');
    return directory;
  };
  const fs::path abandoned = make_directory("passerelle-pg-abandoned-by-test");
  const fs::path alive = make_directory("passerelle-pg-alive-for-test");
  const int held = ::open((alive / "owner.lock").c_str(), O_RDWR | O_CLOEXEC);
  ASSERT_GE(held, 0);
  ASSERT_EQ(::flock(held, LOCK_EX), 0);

  auto cluster = start_cluster();
  ASSERT_NE(cluster, nullptr);
  EXPECT_FALSE(fs::exists(abandoned));
  EXPECT_TRUE(fs::exists(alive / "data"));
  ::close(held);
  std::error_code ignored;
  fs::remove_all(alive, ignored);
}

TEST(PgCluster, MissingBinariesAreReportedNotCrashedOn) {
  const fs::path nowhere = "/nonexistent/postgresql/bin";
  EXPECT_NE(PgCluster::unavailable_reason(nowhere).find("not installed"), std::string::npos);
  const auto cluster = PgCluster::start(nowhere);
  ASSERT_FALSE(cluster);
  EXPECT_EQ(cluster.error().code, Errc::not_found);
}

TEST(PgTestServer, ARunSharesOneServerAndEachProgramDropsItsDatabases) {
  PASSERELLE_REQUIRE_POSTGRESQL();
  TempDir dir;
  const fs::path fixture = dir.path() / "pg-server";
  // exec: the holder watches its starter's parent, here this test, as it watches ctest.
  const auto started = run_command("exec " + shell_quote(PASSERELLE_PG_TEST_SERVER_BINARY) + " start " +
                                   shell_quote(fixture.string()) + " 2>&1");
  ASSERT_TRUE(started.ok) << started.text;
  std::string admin = read_file(fixture / "url");
  ASSERT_TRUE(admin.ends_with("/postgres\n")) << admin;
  admin.pop_back();

  const auto probe = run_command("PASSERELLE_TEST_PG_DIR=" + shell_quote(fixture.string()) + " " +
                                 shell_quote(PASSERELLE_PG_TEST_SERVER_BINARY) + " probe 2>&1");
  ASSERT_TRUE(probe.ok) << probe.text;
  const std::string server = admin.substr(0, admin.rfind('/') + 1);
  EXPECT_NE(probe.text.find("DATABASE " + server + "probe_"), std::string::npos)
      << "the program made its database on the shared server:\n"
      << probe.text;
  {
    auto db = PgConnection::connect(admin);
    ASSERT_TRUE(db) << db.error().message;
    const auto left = db->query("SELECT count(*) FROM pg_database WHERE datname LIKE 'probe%'");
    ASSERT_TRUE(left) << left.error().message;
    EXPECT_EQ(left->text(0, 0), "0") << "a program drops its databases when it exits";
  }

  const auto stopped =
      run_command(shell_quote(PASSERELLE_PG_TEST_SERVER_BINARY) + " stop " + shell_quote(fixture.string()) + " 2>&1");
  ASSERT_TRUE(stopped.ok) << stopped.text;
  EXPECT_FALSE(fs::exists(fixture / "url"));
  EXPECT_FALSE(PgConnection::connect(admin)) << "the server stopped with the run";
  // Stopping what is already stopped is not an error: a cleanup may run after a failed start.
  EXPECT_TRUE(run_command(shell_quote(PASSERELLE_PG_TEST_SERVER_BINARY) + " stop " + shell_quote(fixture.string())).ok);
}

}  // namespace
}  // namespace passerelle::testing
