#include "tests/support/pg_cluster.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "sync/hub/pg/pq.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {

namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr auto kStartTimeout = 120s;  // generous: two cores shared by several test processes
constexpr auto kStopTimeout = 60s;
constexpr int kPortAttempts = 8;

// Whom the server programs run as.
struct Account {
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

std::optional<Account> server_account() {
  if (::geteuid() != 0) return Account{};
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwnam_r("postgres", &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
    return std::nullopt;
  }
  return Account{true, entry.pw_uid, entry.pw_gid};
}

std::string log_tail(const fs::path& log) {
  constexpr std::size_t kTail = 3000;
  const std::string text = read_file(log);
  return text.size() > kTail ? "..." + text.substr(text.size() - kTail) : text;
}

// Forks and execs `program` as `account`, output to `log`. Everything the child does between fork
// and exec is a plain system call, as fork in a possibly threaded process requires.
Result<pid_t> spawn(const fs::path& program, const std::vector<std::string>& arguments, const fs::path& log,
                    const fs::path& working_directory, const Account& account, int death_signal) {
  std::vector<std::string> words{program.string()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  const std::string directory = working_directory.string();

  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (log_fd < 0 || null_fd < 0) {
    if (log_fd >= 0) ::close(log_fd);
    if (null_fd >= 0) ::close(null_fd);
    return make_error(Errc::io, "cannot open " + log.string());
  }
  if (account.switch_user && ::fchown(log_fd, account.uid, account.gid) != 0) {
    ::close(log_fd);
    ::close(null_fd);
    return make_error(Errc::io, "cannot hand " + log.string() + " to the postgres account");
  }
  const pid_t parent = ::getpid();
  const pid_t child = ::fork();
  if (child == 0) {
    if (::dup2(null_fd, 0) < 0 || ::dup2(log_fd, 1) < 0 || ::dup2(log_fd, 2) < 0) ::_exit(126);
    ::close_range(3, ~0U, 0);
    if (account.switch_user &&
        (::setgroups(0, nullptr) != 0 || ::setgid(account.gid) != 0 || ::setuid(account.uid) != 0)) {
      ::_exit(126);
    }
    // After setuid, which clears it; and if the parent is already gone, nobody would stop us.
    ::prctl(PR_SET_PDEATHSIG, death_signal);
    if (::getppid() != parent) ::_exit(1);
    if (::chdir(directory.c_str()) != 0) ::_exit(126);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(log_fd);
  ::close(null_fd);
  if (child < 0) return make_error(Errc::io, "fork failed");
  return child;
}

// The exit status, or -1 when it was killed by a signal.
int wait_for_exit(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool has_exited(pid_t pid) {
  int status = 0;
  return ::waitpid(pid, &status, WNOHANG) == pid;
}

// A port nobody listens on right now. Another process may take it before the server binds it:
// launch() then sees the server exit and tries another.
std::optional<std::uint16_t> free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::nullopt;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  std::optional<std::uint16_t> port;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

constexpr std::string_view kDirectoryPrefix = "passerelle-pg-";
constexpr const char* kOwnerLock = "owner.lock";

// Holds an flock on `directory`/owner.lock for as long as the returned descriptor stays open. The
// file is locked before it gets its name, so a sweeper never finds it unlocked while we live.
int lock_as_owner(const fs::path& directory) {
  const fs::path staging = directory / "owner.lock.new";
  const int fd = ::open(staging.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0 || ::rename(staging.c_str(), (directory / kOwnerLock).c_str()) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Removes the directories of clusters whose test process died (SIGKILL, a test timeout): their
// server went with it (PR_SET_PDEATHSIG), their files stayed. A living owner holds its lock; a
// directory without a lock file is left alone (being created, or not one of ours).
void sweep_abandoned_clusters(const fs::path& parent) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    if (!entry.path().filename().string().starts_with(kDirectoryPrefix)) continue;
    const int fd = ::open((entry.path() / kOwnerLock).c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      std::error_code ignored;
      fs::remove_all(entry.path(), ignored);
    }
    ::close(fd);
  }
}

bool valid_database_name(std::string_view name) {
  if (name.empty() || name.size() > 63 || name[0] < 'a' || name[0] > 'z') return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// `admin_url` ends in /postgres; the same server's URL of `database`.
std::string sibling_url(std::string_view admin_url, std::string_view database) {
  return std::string(admin_url.substr(0, admin_url.rfind('/') + 1)) + std::string(database);
}

Status create_database_at(const std::string& admin_url, std::string_view name) {
  if (!valid_database_name(name)) return make_error(Errc::invalid_input, "bad database name " + std::string(name));
  PSL_ASSIGN_OR_RETURN(auto connection, hub::pg::PgConnection::connect(admin_url));
  // A name cannot be a parameter; it was checked against [a-z0-9_] above.
  return connection.exec_script("CREATE DATABASE " + std::string(name));
}

}  // namespace

fs::path PgCluster::default_bindir() {
  const char* configured = std::getenv("PASSERELLE_PG_BINDIR");
  return configured != nullptr && *configured != '\0' ? fs::path(configured) : fs::path("/usr/lib/postgresql/15/bin");
}

std::string PgCluster::unavailable_reason(const fs::path& bindir) {
  for (const char* program : {"initdb", "postgres"}) {
    if (::access((bindir / program).c_str(), X_OK) != 0) {
      return "PostgreSQL is not installed: no " + (bindir / program).string() +
             " (apt-get install postgresql, or set PASSERELLE_PG_BINDIR)";
    }
  }
  if (!server_account()) return "running as root, and there is no postgres account to run PostgreSQL as";
  return {};
}

Result<std::unique_ptr<PgCluster>> PgCluster::start(const fs::path& bindir) {
  if (const std::string reason = unavailable_reason(bindir); !reason.empty()) {
    return make_error(Errc::not_found, reason);
  }
  const fs::path parent = fs::temp_directory_path();
  sweep_abandoned_clusters(parent);
  std::unique_ptr<PgCluster> cluster(new PgCluster());
  std::string pattern = (parent / (std::string(kDirectoryPrefix) + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) return make_error(Errc::io, "mkdtemp failed for " + pattern);
  cluster->directory_ = pattern;
  cluster->owner_lock_ = lock_as_owner(cluster->directory_);
  if (cluster->owner_lock_ < 0) return make_error(Errc::io, "cannot lock " + pattern);
  PSL_TRY(cluster->initialise(bindir));
  PSL_TRY(cluster->launch(bindir));
  PSL_TRY(cluster->create_database(kDatabase));
  cluster->url_ = cluster->url_for(kDatabase);
  return cluster;
}

Status PgCluster::initialise(const fs::path& bindir) {
  const Account account = *server_account();
  if (account.switch_user && ::chown(directory_.c_str(), account.uid, account.gid) != 0) {
    return make_error(Errc::io, "cannot hand " + directory_.string() + " to the postgres account");
  }
  const fs::path log = directory_ / "initdb.log";
  PSL_ASSIGN_OR_RETURN(const pid_t initdb,
                       spawn(bindir / "initdb",
                             {"--pgdata=" + (directory_ / "data").string(), std::string("--username=") + kUser,
                              "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"},
                             log, directory_, account, SIGKILL));
  if (const int status = wait_for_exit(initdb); status != 0) {
    return make_error(Errc::io, "initdb failed (status " + std::to_string(status) + "):\n" + log_tail(log));
  }
  return {};
}

Status PgCluster::launch(const fs::path& bindir) {
  const Account account = *server_account();
  const fs::path log = directory_ / "postgres.log";
  for (int attempt = 1; attempt <= kPortAttempts; ++attempt) {
    const auto port = free_port();
    if (!port) return make_error(Errc::io, "no free port on 127.0.0.1");
    // fsync off: the cluster dies with the test. Dynamic shared memory in the data directory, so a
    // killed test leaves nothing in /dev/shm. 200 connections: a CTest run shares one server
    // (fresh_test_database), and each hub a test starts holds a pool of them.
    PSL_ASSIGN_OR_RETURN(postmaster_, spawn(bindir / "postgres",
                                            {"-D", (directory_ / "data").string(), "-k", directory_.string(), "-p",
                                             std::to_string(*port), "-c", "listen_addresses=127.0.0.1", "-c",
                                             "fsync=off", "-c", "shared_buffers=16MB", "-c", "max_connections=200",
                                             "-c", "dynamic_shared_memory_type=mmap"},
                                            log, directory_, account, SIGQUIT));
    port_ = *port;
    const std::string ping_url = url_for("postgres");
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    bool exited = false;
    while (std::chrono::steady_clock::now() < deadline) {
      if (has_exited(postmaster_)) {
        exited = true;
        break;
      }
      if (hub::pg::PgConnection::connect(ping_url, 5s)) return {};
      std::this_thread::sleep_for(20ms);
    }
    if (!exited) {
      stop();
      return make_error(Errc::io, "PostgreSQL did not accept connections in time:\n" + log_tail(log));
    }
    postmaster_ = -1;
    const std::string text = read_file(log);
    if (text.find("Address already in use") == std::string::npos) {
      return make_error(Errc::io, "PostgreSQL exited at start:\n" + log_tail(log));
    }
  }
  return make_error(Errc::io, "PostgreSQL found no free port:\n" + log_tail(log));
}

std::string PgCluster::url_for(std::string_view database) const {
  return std::string("postgresql://") + kUser + "@127.0.0.1:" + std::to_string(port_) + "/" + std::string(database);
}

Result<std::string> PgCluster::create_database(std::string_view name) {
  PSL_TRY(create_database_at(url_for("postgres"), name));
  return url_for(name);
}

void PgCluster::stop() noexcept {
  if (postmaster_ <= 0) return;
  ::kill(postmaster_, SIGQUIT);
  const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  while (!has_exited(postmaster_)) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(postmaster_, SIGKILL);
      wait_for_exit(postmaster_);
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  postmaster_ = -1;
}

PgCluster::~PgCluster() {
  stop();
  std::error_code ignored;
  if (!directory_.empty()) fs::remove_all(directory_, ignored);
  if (owner_lock_ >= 0) ::close(owner_lock_);
}

bool ci_requires_all_tests() {
  const char* value = std::getenv("CI");
  return value != nullptr && std::string_view(value) == "true";
}

namespace {

// The server this test program makes its databases on: the run's shared one, or its own.
class TestServer {
 public:
  ~TestServer() {
    if (shared_admin_url_.empty()) return;
    // Left behind, the databases of ~200 test programs would fill the shared server's disk.
    auto connection = hub::pg::PgConnection::connect(shared_admin_url_);
    if (!connection) return;
    for (const auto& name : made_) (void)connection->exec_script("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  Result<std::string> fresh_database(std::string_view prefix) {
    std::lock_guard lock(mutex_);
    if (!tried_) {
      tried_ = true;
      start();
    }
    if (error_) return *error_;
    const std::string name =
        std::string(prefix) + "_" + std::to_string(::getpid()) + "_" + std::to_string(++made_count_);
    if (own_) return own_->create_database(name);
    PSL_TRY(create_database_at(shared_admin_url_, name));
    made_.push_back(name);
    return sibling_url(shared_admin_url_, name);
  }

 private:
  void start() {
    if (std::string reason = PgCluster::unavailable_reason(PgCluster::default_bindir()); !reason.empty()) {
      error_ = make_error(Errc::not_found, std::move(reason));
      return;
    }
    // The fixture writes `url` once its server accepts connections; without one (no fixture, as
    // when a test program is run by hand), the program starts its own.
    const char* fixture = std::getenv("PASSERELLE_TEST_PG_DIR");
    if (fixture != nullptr && *fixture != '\0' && fs::exists(fs::path(fixture) / "url")) {
      shared_admin_url_ = read_file(fs::path(fixture) / "url");
      while (!shared_admin_url_.empty() && shared_admin_url_.back() == '\n') shared_admin_url_.pop_back();
      return;
    }
    auto started = PgCluster::start();
    if (!started) {
      error_ = started.error();
      return;
    }
    own_ = std::move(started).value();
  }

  std::mutex mutex_;
  bool tried_ = false;
  std::optional<Error> error_;
  std::unique_ptr<PgCluster> own_;
  std::string shared_admin_url_;
  std::vector<std::string> made_;
  int made_count_ = 0;
};

}  // namespace

Result<std::string> fresh_test_database(std::string_view prefix) {
  static TestServer server;
  return server.fresh_database(prefix);
}

void PgTest::SetUp() {
  PASSERELLE_REQUIRE_POSTGRESQL();
  auto url = fresh_test_database("test");
  ASSERT_TRUE(url) << "cannot start PostgreSQL: " << url.error().message;
  database_url_ = *url;
}

}  // namespace passerelle::testing
