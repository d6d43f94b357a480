// SyncCluster: a hub (the real passerelle-hub serve) behind a FaultProxy and several headless
// kiosks (tests/sync/sync_kiosk_main.cpp, the kiosk's own SyncWorker), all as processes on
// loopback, so that the tests can kill any of them with SIGKILL at any point.
//
// Every process writes its standard output to a file in the cluster's folder (appending across
// restarts), which the tests read for the kiosks' GREEN lines. Thread safety: one test thread.
// Failures of set-up are reported through GoogleTest assertions.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tests/support/fault_proxy.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {

struct KioskProcess {
  std::filesystem::path db;
  std::filesystem::path output;
  unsigned seed = 0;
  pid_t pid = -1;
  int runs = 0;  // runs started and not killed: the output file holds one DONE per finished run
};

enum class HubStorage { sqlite, postgresql };

// Starts `argv` with its standard output and error appended to `output`, and `trace_fd` (when not
// -1) as its file descriptor 3: where the fault VFS of fault_hub and setup_kiosk traces writes.
pid_t spawn_process(const std::vector<std::string>& argv, const std::filesystem::path& output, int trace_fd = -1);

class SyncCluster {
 public:
  // A hub with one event of `participants` people (each with a ticket code), behind a proxy. With
  // PostgreSQL the registry is published from the event file into a fresh database of a
  // throw-away cluster (one per test program), and the hub serves from there.
  SyncCluster(int participants, std::uint32_t seed, HubStorage storage = HubStorage::sqlite);
  ~SyncCluster();

  const std::filesystem::path& hub_db() const { return hub_db_; }
  FaultProxy& proxy() { return *proxy_; }
  std::string hub_url() const;  // through the proxy

  void start_hub();
  void kill_hub();  // SIGKILL
  // Waits up to `timeout` for the hub to be writing (SQLite: a page write traced by fault_hub;
  // PostgreSQL: a transaction of the hub's holding a transaction id), then kills it at once.
  // True when the kill fell while it wrote: the kills that prove something.
  bool kill_hub_while_writing(std::chrono::milliseconds timeout);
  bool hub_running() const { return hub_pid_ > 0; }
  // Empty while the hub runs or was stopped by this cluster; once it has exited on its own (a
  // crash, a sanitizer report), what it printed: a test then stops at once instead of waiting out
  // every bound for kiosks that can no longer sync.
  std::string hub_died();

  // A new kiosk database from the hub's bundle, and a fresh enrolment ticket for it.
  KioskProcess& add_kiosk(unsigned seed);
  std::string enrolment_ticket();
  void start_kiosk(KioskProcess& kiosk, const std::vector<std::string>& extra_arguments);
  void kill_kiosk(KioskProcess& kiosk, int signal_number);
  std::deque<KioskProcess>& kiosks() { return kiosks_; }

  // Runs passerelle-hub with these arguments after `--db`: the event file for registry commands
  // (init, import, export-kiosk, publish, pull), the served store for the others.
  CommandOutput hub_command(const std::vector<std::string>& arguments) const;

  // Lines starting with `prefix` in a process's output, prefix removed.
  static std::vector<std::string> output_lines(const std::filesystem::path& output, const std::string& prefix);
  // Every GREEN uuid any kiosk printed, over all its runs.
  std::set<std::string> green_uuids() const;

  // UUIDs of the event's journal in a database file; the hub's (pulled into the event file first
  // when it serves from PostgreSQL); the hub's quarantined UUIDs.
  static std::set<std::string> journal_uuids(const std::filesystem::path& db);
  std::set<std::string> hub_journal_uuids() const;
  std::vector<std::string> hub_attendance() const;
  std::set<std::string> quarantined_uuids() const;
  static std::int64_t unsent(const std::filesystem::path& db);
  // participant external id + checkpoint name -> first accepted check-in (ms), as attendance says.
  static std::vector<std::string> attendance(const std::filesystem::path& db);

  // Waits (generously) until every kiosk has sent everything and holds what the hub holds.
  // Returns a description of what is still different, empty when converged.
  std::string await_convergence(int timeout_seconds);

 private:
  pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& output, int trace_fd = -1);
  bool hub_is_writing(std::chrono::milliseconds timeout);

  TempDir dir_;
  void pull_if_postgresql() const;

  std::filesystem::path hub_db_;
  std::string served_db_;  // hub_db_, or a postgresql:// URL
  std::filesystem::path hub_output_;
  pid_t hub_pid_ = -1;
  int hub_trace_ = -1;  // read end of the running fault_hub's trace pipe
  bool postgresql_ = false;
  std::unique_ptr<FaultProxy> proxy_;
  std::deque<KioskProcess> kiosks_;  // a deque: references handed out stay valid
  int bundles_ = 0;
};

}  // namespace passerelle::testing
