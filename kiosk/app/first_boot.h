// FirstBootWorker: the work behind the first-boot screen (kiosk/ui/first_boot_view.h), on a thread
// of its own so that no frame waits on the network, a USB stick or a copy:
//   - every 2 s, looks for kiosk bundles (*.db) on removable media (the configured folders, two
//     levels down: /media/USER/LABEL), bounded in entries visited and files offered;
//   - redeems a scanned enrolment ticket and sets the kiosk up from the hub (sync/client/
//     kiosk_setup.h), retrying with back-off while the hub is out of reach;
//   - or installs the chosen bundle (core/store/bundle.h, install_kiosk_bundle).
// It reports a whole FirstBootReport whenever something changed; `ready` once the database is
// complete, after which it does nothing more and the app opens the database as on any start.
//
// Ownership: owns its thread and the KioskSetup. Borrows the clock, which must outlive it.
// Thread safety: enrol() and use_bundle() from any thread, never blocking; `deliver` runs on the
// worker's thread (the app posts to its RunQueue). Failure: every failure is a report's
// `problem` (the hub's, the network's or the bundle check's words, never personal data); an
// exception escaping the thread is reported the same way and ends the worker.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/util/clock.h"
#include "core/worker/worker_thread.h"
#include "kiosk/model/kiosk_state.h"
#include "sync/client/hub_transport.h"

namespace passerelle::kiosk {

struct FirstBootSettings {
  std::filesystem::path database;
  std::vector<std::filesystem::path> bundle_folders;
  std::string device_name;  // [sync] name; empty: the host name
  TransportFactory transports;
  bool unfinished = false;  // an earlier setup from the hub stopped half-way: finish it first
};

struct FirstBootReport {
  FirstBootState::Phase phase = FirstBootState::Phase::waiting;
  std::vector<BundleChoice> bundles;
  std::string event_name;
  std::int64_t received = 0;
  std::int64_t remaining = 0;
  std::string problem;
  std::int64_t retry_in_ms = 0;
  bool ready = false;  // the database is complete: open it
};

// Bundles in `folders` and their sub-folders two levels down, by path; at most `max_found`, after
// visiting at most `max_entries` directory entries. Symbolic links are not followed.
std::vector<BundleChoice> find_bundles(const std::vector<std::filesystem::path>& folders, std::size_t max_found = 16,
                                       std::size_t max_entries = 4096);

class FirstBootWorker {
 public:
  using Deliver = std::function<void(FirstBootReport)>;
  FirstBootWorker(FirstBootSettings settings, const Clock& clock, Deliver deliver);
  ~FirstBootWorker();
  FirstBootWorker(const FirstBootWorker&) = delete;
  FirstBootWorker& operator=(const FirstBootWorker&) = delete;

  void enrol(std::string ticket);
  void use_bundle(std::string path);

 private:
  void run(std::stop_token stop);
  void set_up_from_hub(std::stop_token stop);
  void publish();

  FirstBootSettings settings_;
  const Clock* clock_;
  Deliver deliver_;
  FirstBootReport report_;  // the worker thread's
  std::mutex mutex_;
  std::optional<std::string> ticket_;  // under mutex_
  std::optional<std::string> bundle_;  // under mutex_
  WorkerThread thread_;
};

}  // namespace passerelle::kiosk
