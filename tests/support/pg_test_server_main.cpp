// The PostgreSQL server a whole CTest run shares: the fixture `pg_server` (tests/CMakeLists.txt).
// A test program that started its own cluster paid initdb and a server start, about 2 s of CPU,
// in every one of the ~200 PostgreSQL test processes of each CI pass; now each makes a database.
//
//   pg_test_server start DIR   forks a holder that owns a PgCluster (tests/support/pg_cluster.h)
//                              and writes DIR/url (the server's `postgres` database) once it
//                              accepts connections; returns when it has, or has failed.
//   pg_test_server stop DIR    asks the holder to stop its cluster and waits until it has.
//   pg_test_server probe       makes a database as a test program does (fresh_test_database,
//                              $PASSERELLE_TEST_PG_DIR), prints "DATABASE <url>" and exits, which
//                              drops it: what tests/pg/pg_cluster_test.cpp checks.
//
// The holder stops its cluster on SIGTERM, as soon as the ctest that started it is gone (a run
// killed before its cleanup), and after kMaxLifetime whatever happens. Without PostgreSQL, `start`
// writes no url and succeeds: each test then skips, or fails under CI=true, as it would alone.
// Files in DIR: pid (the holder), url, failed (why it could not start), stopped, holder.log.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

#include "tests/support/pg_cluster.h"
#include "tests/support/test_support.h"

namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using passerelle::testing::PgCluster;
using passerelle::testing::read_file;
using passerelle::testing::write_file;

constexpr auto kStartTimeout = 180s;  // initdb on two cores that the build may still share
constexpr auto kStopTimeout = 90s;
constexpr auto kMaxLifetime = std::chrono::hours(6);

// Written whole or not at all: a test that sees the file reads a complete address.
void publish(const fs::path& file, const std::string& text) {
  const fs::path staging = file.string() + ".new";
  write_file(staging, text);
  fs::rename(staging, file);
}

bool alive(pid_t pid) {
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

// Only a holder of ours is signalled: a pid left by an earlier run may since name anything.
bool is_holder(pid_t pid) {
  // A zombie's command line reads empty: it is not serving either.
  return read_file("/proc/" + std::to_string(pid) + "/cmdline").find("pg_test_server") != std::string::npos;
}

int stop(const fs::path& dir) {
  const fs::path pid_file = dir / "pid";
  if (!fs::exists(pid_file)) return 0;
  const pid_t holder = static_cast<pid_t>(std::stol(read_file(pid_file)));
  if (!fs::exists(dir / "stopped") && holder > 0 && is_holder(holder)) {
    ::kill(holder, SIGTERM);
    // The holder is not our child: its last act, not its exit status, says it is done.
    const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
    while (!fs::exists(dir / "stopped") && is_holder(holder) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(50ms);
    if (!fs::exists(dir / "stopped") && is_holder(holder)) {
      std::cerr << "pg_test_server: the holder " << holder << " did not stop; see " << (dir / "holder.log") << "\n";
      return 1;
    }
  }
  for (const char* name : {"pid", "url", "failed", "stopped"}) fs::remove(dir / name);
  return 0;
}

// The holder: owns the cluster until told to stop or left alone.
[[noreturn]] void hold(const fs::path& dir, pid_t ctest) {
  ::setsid();
  // Nothing inherited may keep ctest's pipes open: ctest waits for them to close.
  const int null_fd = ::open("/dev/null", O_RDONLY);
  const int log_fd = ::open((dir / "holder.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (null_fd < 0 || log_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(log_fd, 1) < 0 || ::dup2(log_fd, 2) < 0) ::_exit(1);
  ::close_range(3, ~0U, 0);

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGHUP);
  ::sigprocmask(SIG_BLOCK, &stop_signals, nullptr);

  int status = 0;
  {
    auto cluster = PgCluster::start();
    if (!cluster) {
      std::cerr << cluster.error().message << "\n";
      publish(dir / "failed", cluster.error().message + "\n");
      ::_exit(1);
    }
    publish(dir / "url", (*cluster)->url_for("postgres") + "\n");
    std::cout << "serving " << (*cluster)->url_for("postgres") << " for ctest " << ctest << std::endl;
    const auto deadline = std::chrono::steady_clock::now() + kMaxLifetime;
    const timespec second{1, 0};
    while (true) {
      const int signal = ::sigtimedwait(&stop_signals, nullptr, &second);
      if (signal > 0) {
        std::cout << "stopping on signal " << signal << std::endl;
        break;
      }
      if (!alive(ctest)) {
        std::cout << "stopping: ctest " << ctest << " is gone" << std::endl;
        break;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        std::cout << "stopping: served for the longest a test run may take" << std::endl;
        status = 1;
        break;
      }
    }
  }                         // the cluster stops here
  fs::remove(dir / "url");  // no test may take a stopped server for the run's
  publish(dir / "stopped", "\n");
  std::cout.flush();
  ::_exit(status);
}

int start(const fs::path& dir) {
  fs::create_directories(dir);
  // An earlier run killed before its cleanup may have left its holder serving.
  if (stop(dir) != 0) return 1;
  if (const std::string reason = PgCluster::unavailable_reason(PgCluster::default_bindir()); !reason.empty()) {
    std::cout << "no shared server: " << reason << "\n";
    return 0;
  }
  const pid_t ctest = ::getppid();
  std::cout.flush();
  std::cerr.flush();
  const pid_t holder = ::fork();
  if (holder < 0) {
    std::cerr << "pg_test_server: fork failed\n";
    return 1;
  }
  if (holder == 0) hold(dir, ctest);
  publish(dir / "pid", std::to_string(holder) + "\n");
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(dir / "url")) {
      std::cout << "serving " << read_file(dir / "url");
      return 0;
    }
    int status = 0;
    if (fs::exists(dir / "failed") || ::waitpid(holder, &status, WNOHANG) == holder) break;
    std::this_thread::sleep_for(20ms);
  }
  std::cerr << "pg_test_server: the server did not start:\n" << read_file(dir / "holder.log");
  ::kill(holder, SIGTERM);
  return 1;
}

int probe() {
  const auto url = passerelle::testing::fresh_test_database("probe");
  if (!url) {
    std::cerr << "pg_test_server: " << url.error().message << "\n";
    return 1;
  }
  std::cout << "DATABASE " << *url << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string usage = "usage: pg_test_server start|stop DIR, or pg_test_server probe\n";
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "probe" && argc == 2) return probe();
  if (argc != 3) {
    std::cerr << usage;
    return 2;
  }
  const fs::path dir = argv[2];
  try {
    if (command == "start") return start(dir);
    if (command == "stop") return stop(dir);
  } catch (const std::exception& error) {
    std::cerr << "pg_test_server: " << error.what() << "\n";
    return 1;
  }
  std::cerr << usage;
  return 2;
}
