#include "tests/sync/sync_cluster.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "core/db/sqlite.h"
#include "core/store/store.h"
#include "sync/hub/pg/pq.h"
#include "sync/protocol/sync_store.h"
#include "tests/support/pg_cluster.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::set<std::string> query_set(const std::filesystem::path& db, const std::string& sql) {
  std::set<std::string> out;
  auto database = db::Database::open(db, db::OpenMode::read_only);
  if (!database) return out;
  auto query = database->query(sql);
  if (!query) return out;
  auto texts = query->collect_texts();
  if (texts) out.insert(texts->begin(), texts->end());
  return out;
}

}  // namespace

SyncCluster::SyncCluster(int participants, std::uint32_t seed, HubStorage storage) {
  hub_db_ = dir_.file("hub.db");
  served_db_ = hub_db_.string();
  hub_output_ = dir_.file("hub.out");
  auto records = generate_participants(static_cast<std::size_t>(participants), seed);
  for (std::size_t i = 0; i < records.size(); ++i) records[i].ticket_codes = {"TKT-" + std::to_string(i + 1)};
  write_file(dir_.file("people.csv"), to_canonical_csv(records));
  auto init = hub_command({"init", "--event-config", testing::demo_asset("event.toml")});
  EXPECT_TRUE(init.ok) << init.text;
  auto imported = hub_command({"import", "participants", dir_.file("people.csv").string()});
  EXPECT_TRUE(imported.ok) << imported.text;
  if (storage == HubStorage::postgresql) {
    auto url = fresh_test_database("sync");
    EXPECT_TRUE(url) << url.error().message;
    if (url) {
      auto published = hub_command({"publish", "--to", *url});
      EXPECT_TRUE(published.ok) << published.text;
      served_db_ = *url;
      postgresql_ = true;
    }
  }
  proxy_ = std::make_unique<FaultProxy>(1, seed, FaultMix{});
}

SyncCluster::~SyncCluster() {
  for (auto& kiosk : kiosks_) kill_kiosk(kiosk, SIGKILL);
  kill_hub();
  proxy_->stop();
}

std::string SyncCluster::hub_url() const {
  return "http://127.0.0.1:" + std::to_string(proxy_->port());
}

CommandOutput SyncCluster::hub_command(const std::vector<std::string>& arguments) const {
  static const std::set<std::string> kRegistryCommands{"init", "import", "export-kiosk", "publish", "pull"};
  const bool on_file = !arguments.empty() && kRegistryCommands.contains(arguments.front());
  std::string command =
      shell_quote(PASSERELLE_HUB_BINARY) + " --db " + shell_quote(on_file ? hub_db_.string() : served_db_);
  for (const auto& argument : arguments) command += " " + shell_quote(argument);
  return run_command(command + " 2>&1");
}

pid_t spawn_process(const std::vector<std::string>& argv, const std::filesystem::path& output, int trace_fd) {
  // Everything the child needs is built before fork: between fork and exec only
  // async-signal-safe calls (the proxy's threads may hold locks).
  std::vector<char*> pointers;
  for (const auto& argument : argv) pointers.push_back(const_cast<char*>(argument.c_str()));
  pointers.push_back(nullptr);
  const std::string out = output.string();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
    }
    if (trace_fd >= 0) ::dup2(trace_fd, 3);  // dup2 clears close-on-exec on the copy
    ::execv(pointers[0], pointers.data());
    ::_exit(127);
  }
  return pid;
}

pid_t SyncCluster::spawn(const std::vector<std::string>& argv, const std::filesystem::path& output, int trace_fd) {
  return spawn_process(argv, output, trace_fd);
}

void SyncCluster::start_hub() {
  ASSERT_LT(hub_pid_, 0) << "hub already running";
  const auto before = slurp(hub_output_).size();
  int trace[2];
  ASSERT_EQ(::pipe2(trace, O_CLOEXEC | O_NONBLOCK), 0);
  hub_pid_ = spawn({PASSERELLE_FAULT_HUB_BINARY, "--db", served_db_, "serve", "--listen", "127.0.0.1:0"}, hub_output_,
                   trace[1]);
  ::close(trace[1]);
  hub_trace_ = trace[0];
  ASSERT_GT(hub_pid_, 0);
  const std::string marker = "listening on http://127.0.0.1:";
  for (int i = 0; i < 600; ++i) {
    const auto text = slurp(hub_output_).substr(before);
    if (const auto at = text.find(marker); at != std::string::npos) {
      proxy_->set_upstream(static_cast<std::uint16_t>(std::stoi(text.substr(at + marker.size()))));
      return;
    }
    int status = 0;
    if (::waitpid(hub_pid_, &status, WNOHANG) == hub_pid_) {
      hub_pid_ = -1;
      FAIL() << "the hub exited at start: " << text;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL() << "the hub did not start listening within 30 s";
}

void SyncCluster::kill_hub() {
  if (hub_pid_ <= 0) return;
  ::kill(hub_pid_, SIGKILL);
  ::waitpid(hub_pid_, nullptr, 0);
  hub_pid_ = -1;
  if (hub_trace_ >= 0) ::close(hub_trace_);
  hub_trace_ = -1;
}

std::string SyncCluster::hub_died() {
  if (hub_pid_ <= 0) return "";
  int status = 0;
  if (::waitpid(hub_pid_, &status, WNOHANG) != hub_pid_) return "";
  hub_pid_ = -1;
  if (hub_trace_ >= 0) ::close(hub_trace_);
  hub_trace_ = -1;
  const std::string how = WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                              : "exited with status " + std::to_string(WEXITSTATUS(status));
  return "the hub " + how + " on its own; it printed:\n" + testing::read_file(hub_output_);
}

bool SyncCluster::hub_is_writing(std::chrono::milliseconds timeout) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  if (!postgresql_) {
    // What was traced before this call is history: drain it, then wait for a new page write.
    char bytes[4096];
    while (::read(hub_trace_, bytes, sizeof bytes) > 0) {
    }
    while (std::chrono::steady_clock::now() < give_up) {
      pollfd ready{hub_trace_, POLLIN, 0};
      if (::poll(&ready, 1, 5) <= 0) continue;
      const ssize_t got = ::read(hub_trace_, bytes, sizeof bytes);
      if (got <= 0) continue;
      if (std::string_view(bytes, static_cast<std::size_t>(got)).find('w') != std::string_view::npos) return true;
    }
    return false;
  }
  // A hub's transaction holds a transaction id once it has written a row, until it commits.
  // One watching connection per database, kept across the hub's restarts.
  static std::map<std::string, hub::pg::PgConnection> watchers;
  auto found = watchers.find(served_db_);
  if (found == watchers.end()) {
    auto connected = hub::pg::PgConnection::connect(served_db_);
    if (!connected) return false;
    found = watchers.emplace(served_db_, std::move(*connected)).first;
  }
  auto* watcher = &found->second;
  while (std::chrono::steady_clock::now() < give_up) {
    auto writing = watcher->query(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND backend_xid IS NOT NULL");
    if (writing && writing->rows() == 1 && writing->int64(0, 0) > 0) return true;
  }
  return false;
}

bool SyncCluster::kill_hub_while_writing(std::chrono::milliseconds timeout) {
  const bool writing = hub_is_writing(timeout);
  kill_hub();
  return writing;
}

KioskProcess& SyncCluster::add_kiosk(unsigned seed) {
  KioskProcess kiosk;
  kiosk.seed = seed;
  kiosk.db = dir_.file("kiosk-" + std::to_string(++bundles_) + ".db");
  kiosk.output = dir_.file("kiosk-" + std::to_string(bundles_) + ".out");
  auto exported = hub_command({"export-kiosk", kiosk.db.string()});
  EXPECT_TRUE(exported.ok) << exported.text;
  kiosks_.push_back(kiosk);
  return kiosks_.back();
}

std::string SyncCluster::enrolment_ticket() {
  auto enrolled = hub_command({"enrol", "--hub-url", hub_url()});
  EXPECT_TRUE(enrolled.ok) << enrolled.text;
  std::istringstream lines(enrolled.text);
  for (std::string line; std::getline(lines, line);)
    if (const auto at = line.find("PSLENROL1 "); at != std::string::npos) return line.substr(at);
  ADD_FAILURE() << "no ticket in: " << enrolled.text;
  return {};
}

void SyncCluster::start_kiosk(KioskProcess& kiosk, const std::vector<std::string>& extra_arguments) {
  std::vector<std::string> argv{PASSERELLE_SYNC_KIOSK_BINARY, "--db", kiosk.db.string(), "--seed",
                                std::to_string(kiosk.seed)};
  argv.insert(argv.end(), extra_arguments.begin(), extra_arguments.end());
  kiosk.pid = spawn(argv, kiosk.output);
  ++kiosk.runs;
  ASSERT_GT(kiosk.pid, 0);
}

void SyncCluster::kill_kiosk(KioskProcess& kiosk, int signal_number) {
  if (kiosk.pid <= 0) return;
  ::kill(kiosk.pid, signal_number);
  ::waitpid(kiosk.pid, nullptr, 0);
  kiosk.pid = -1;
  // A run killed before its DONE never prints one: count only the runs that finished, so that
  // waiting for the next run's DONE waits for that run alone.
  kiosk.runs = static_cast<int>(output_lines(kiosk.output, "DONE").size());
}

std::vector<std::string> SyncCluster::output_lines(const std::filesystem::path& output, const std::string& prefix) {
  std::vector<std::string> found;
  std::istringstream lines(slurp(output));
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with(prefix)) found.push_back(line.substr(prefix.size()));
  return found;
}

std::set<std::string> SyncCluster::green_uuids() const {
  std::set<std::string> all;
  for (const auto& kiosk : kiosks_)
    for (auto& uuid : output_lines(kiosk.output, "GREEN ")) all.insert(std::move(uuid));
  return all;
}

std::set<std::string> SyncCluster::journal_uuids(const std::filesystem::path& db) {
  return query_set(db, "SELECT uuid FROM journal");
}

void SyncCluster::pull_if_postgresql() const {
  if (served_db_ == hub_db_.string()) return;
  auto pulled = hub_command({"pull", "--from", served_db_});
  EXPECT_TRUE(pulled.ok) << pulled.text;
}

std::set<std::string> SyncCluster::hub_journal_uuids() const {
  pull_if_postgresql();
  return journal_uuids(hub_db_);
}

std::vector<std::string> SyncCluster::hub_attendance() const {
  pull_if_postgresql();
  return attendance(hub_db_);
}

// Through the CLI, which reads either storage: "... uuid <uuid>" per quarantined entry.
std::set<std::string> SyncCluster::quarantined_uuids() const {
  std::set<std::string> uuids;
  const auto listed = hub_command({"quarantine"});
  EXPECT_TRUE(listed.ok) << listed.text;
  std::istringstream words(listed.text);
  for (std::string word; words >> word;)
    if (word == "uuid" && words >> word && word != "-") uuids.insert(word);
  return uuids;
}

std::int64_t SyncCluster::unsent(const std::filesystem::path& db) {
  auto store = Store::open(db);
  if (!store) return -1;
  auto count = sync::SyncStore(*store).unsent_count();
  return count ? *count : -1;
}

std::vector<std::string> SyncCluster::attendance(const std::filesystem::path& db) {
  const auto rows =
      query_set(db,
                "SELECT p.external_id || '|' || c.name || '|' || min(j.wall_ms) FROM journal j "
                "JOIN participant p ON p.id = j.participant_id JOIN checkpoint c ON c.id = j.checkpoint_id "
                "WHERE j.outcome = 'accepted' AND j.kind IN ('checkin', 'manual_checkin') "
                "GROUP BY p.external_id, c.name");
  return {rows.begin(), rows.end()};
}

std::string SyncCluster::await_convergence(int timeout_seconds) {
  std::string difference;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    difference.clear();
    const auto hub = hub_journal_uuids();
    for (const auto& kiosk : kiosks_) {
      if (const auto left = unsent(kiosk.db); left != 0)
        difference += kiosk.db.filename().string() + " has " + std::to_string(left) + " unsent; ";
      if (journal_uuids(kiosk.db) != hub)
        difference += kiosk.db.filename().string() + " holds other entries than the hub; ";
    }
    if (difference.empty()) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  return difference;
}

}  // namespace passerelle::testing
