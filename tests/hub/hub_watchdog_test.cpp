// Issue #16: `passerelle-hub serve` under systemd's Type=notify with a watchdog
// (deploy/systemd/passerelle-hub.service). The real binary runs with NOTIFY_SOCKET pointing at a
// socket of the test's (NotifyListener): READY=1 once it listens, WATCHDOG=1 while its I/O loop,
// workers and storage go round, STOPPING=1 at SIGTERM; and while its PostgreSQL is frozen
// (SIGSTOP), the beats stop, so that systemd would restart a hub that hangs.
#include <dirent.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/store/store.h"
#include "tests/hub/server_process.h"
#include "tests/support/notify_listener.h"
#include "tests/support/pg_cluster.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;

// The child inherits these (ServerProcess execs with this process's environment); each test is a
// process of its own under CTest.
void watchdog_environment(const NotifyListener& listener, const char* watchdog_usec) {
  ::setenv("NOTIFY_SOCKET", listener.path().c_str(), 1);
  if (watchdog_usec != nullptr)
    ::setenv("WATCHDOG_USEC", watchdog_usec, 1);
  else
    ::unsetenv("WATCHDOG_USEC");
}

std::unique_ptr<ServerProcess> serve(const std::string& database, const TempDir& dir) {
  std::string error;
  auto server = ServerProcess::start({"--db", database, "serve", "--listen", "127.0.0.1:0", "--threads", "2"},
                                     dir.file("server.log"), error);
  EXPECT_TRUE(server) << error;
  return server;
}

auto at_least(const std::string& line, std::size_t count) {
  return [line, count](const std::vector<NotifyMessage>& messages) { return count_lines(messages, line) >= count; };
}

TEST(HubWatchdog, SaysReadyOnceListeningThenBeatsUntilItStops) {
  TempDir dir;
  { ASSERT_TRUE(Store::open(dir.file("hub.db"))); }
  auto listener = NotifyListener::create(dir.file("notify"));
  ASSERT_TRUE(listener) << listener.error().message;
  watchdog_environment(**listener, "200000");  // WatchdogSec=200ms: a beat every 100 ms
  auto server = serve(dir.file("hub.db").string(), dir);
  ASSERT_TRUE(server);

  ASSERT_TRUE((*listener)->wait_for(at_least("WATCHDOG=1", 5), 30s)) << server->log();
  const auto messages = (*listener)->messages();
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages.front().text, "READY=1\nSTATUS=listening on " + server->url())
      << "READY=1 comes first, once the port is open";
  EXPECT_EQ(count_lines(messages, "READY=1"), 1u);

  EXPECT_EQ(server->stop(), 0) << server->log();
  const auto after = (*listener)->messages();
  EXPECT_EQ(count_lines(after, "STOPPING=1"), 1u);
}

TEST(HubWatchdog, WithoutAWatchdogItOnlySaysReadyAndStopping) {
  TempDir dir;
  { ASSERT_TRUE(Store::open(dir.file("hub.db"))); }
  auto listener = NotifyListener::create(dir.file("notify"));
  ASSERT_TRUE(listener) << listener.error().message;
  watchdog_environment(**listener, nullptr);
  auto server = serve(dir.file("hub.db").string(), dir);
  ASSERT_TRUE(server);
  ASSERT_TRUE((*listener)->wait_for(at_least("READY=1", 1), 30s)) << server->log();
  std::this_thread::sleep_for(500ms);  // beats, had there been any, at 100 ms would show by now
  EXPECT_EQ(server->stop(), 0) << server->log();
  const auto messages = (*listener)->messages();
  EXPECT_EQ(count_lines(messages, "WATCHDOG=1"), 0u);
  EXPECT_EQ(count_lines(messages, "STOPPING=1"), 1u);
}

// Every process of the cluster: the postmaster and its children (the backends the hub talks to).
std::vector<pid_t> cluster_processes(pid_t postmaster) {
  std::vector<pid_t> pids{postmaster};
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return pids;
  while (const dirent* entry = ::readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
    if (pid <= 0) continue;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    int parent = 0;
    if (std::sscanf(line.c_str() + close + 1, " %c %d", &state, &parent) == 2 && parent == postmaster)
      pids.push_back(pid);
  }
  ::closedir(proc);
  return pids;
}

// A database that hangs (SIGSTOP: the server takes connections' packets and answers nothing, as
// over a dead link): the hub's storage ping never returns, and no beat comes until it thaws.
TEST(HubWatchdog, AFrozenDatabaseStopsTheBeatsUntilItThaws) {
  PASSERELLE_REQUIRE_POSTGRESQL();
  // A cluster of this test's own: freezing the run's shared server would stall other tests.
  auto cluster = PgCluster::start();
  ASSERT_TRUE(cluster) << cluster.error().message;
  TempDir dir;
  auto listener = NotifyListener::create(dir.file("notify"));
  ASSERT_TRUE(listener) << listener.error().message;
  watchdog_environment(**listener, "200000");
  auto server = serve((*cluster)->url(), dir);
  ASSERT_TRUE(server);
  ASSERT_TRUE((*listener)->wait_for(at_least("WATCHDOG=1", 5), 30s)) << server->log();

  const auto frozen = cluster_processes((*cluster)->postmaster_pid());
  ASSERT_GE(frozen.size(), 2u) << "the postmaster and at least the hub's backend";
  const std::int64_t froze_ms = realtime_ms();
  for (const pid_t pid : frozen) ::kill(pid, SIGSTOP);
  std::this_thread::sleep_for(4s);
  const std::int64_t thawed_ms = realtime_ms();
  for (const pid_t pid : frozen) ::kill(pid, SIGCONT);
  const std::size_t before_thaw = count_lines((*listener)->messages(), "WATCHDOG=1");
  ASSERT_TRUE((*listener)->wait_for(at_least("WATCHDOG=1", before_thaw + 3), 30s))
      << "the beats come back once the database answers\n"
      << server->log();

  // A ping already answered when the database froze may still beat once: one second of grace.
  std::size_t while_frozen = 0;
  for (const std::int64_t arrived : arrivals((*listener)->messages(), "WATCHDOG=1"))
    if (arrived > froze_ms + 1000 && arrived < thawed_ms) ++while_frozen;
  EXPECT_EQ(while_frozen, 0u) << "a hub whose database hangs must not tell systemd it is well";
  EXPECT_EQ(server->stop(), 0) << server->log();
}

}  // namespace
}  // namespace passerelle::testing
