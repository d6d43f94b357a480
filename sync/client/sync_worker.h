// SyncWorker: the kiosk's side of sync (docs/sync.md) on a thread of its own. It owns a Store
// (its own SQLite connection) on the kiosk's database file, next to the check-in worker's:
// SQLite's locks keep the two consistent. Each round it
//   1. redeems a pending enrolment ticket (the hub assigns the device id and token),
//   2. uploads unacknowledged entries in batches, moving the acknowledged mark to the hub's
//      acked_seq only after the hub's answer,
//   3. downloads the change feed page by page, each page applied with its cursor in one
//      transaction (an interrupted first sync resumes there),
//   4. now and then reconciles its entry counts and digests with the hub,
// and records the clock offset hub_time - (sent + received) / 2 of every exchange.
//
// Timing: a round starts within moments of notify() while the hub is reachable, and every
// poll_interval otherwise (for downloads). After a failure it waits with exponential back-off and
// jitter (core/worker/retry_backoff.h); notify() then only refreshes the counts, so a busy door
// does not hammer a hub that is away. 401/403 mean the hub will not take this device (revoked, or
// its token unknown): the worker stops syncing, keeps every entry (--export-journal still writes
// them) and says so, until a new enrolment. Other 4xx are shown and retried only after the longest
// back-off.
//
// Ownership: owns its thread, Store and transports; borrows the clock, which must outlive it.
// Thread safety: notify() and enrol() from any thread, never blocking on I/O. `publish` runs on
// the worker's thread whenever the status changed; the kiosk posts it to its RunQueue.
// Failure: nothing is thrown; every problem is a status (last_error, link, enrolment). An exception
// escaping the worker's thread ends sync for this run of the kiosk and is published as last_error
// ("sync stopped: ..."); check-ins go on regardless. Destruction aborts the exchange in flight and
// joins promptly.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/util/clock.h"
#include "core/worker/worker_thread.h"
#include "sync/client/hub_transport.h"
#include "sync/client/sync_status.h"
#include "sync/protocol/wire.h"

namespace passerelle::kiosk {

struct SyncWorkerConfig {
  std::filesystem::path database;
  std::int64_t event_id = 0;  // the kiosk's event; 0: the database's only event
  std::string device_name;    // shown in the hub's device list; empty: this machine's host name
  // Where the hub is now, when it moved since enrolment ([sync] hub_url); empty: the enrolment's.
  std::string hub_url_override;
  // How often an idle kiosk asks for other kiosks' entries: DESIGN.md wants a check-in visible on
  // another kiosk within 1 s; an empty answer costs the hub one indexed read.
  std::chrono::milliseconds poll_interval{500};
  std::chrono::milliseconds backoff_initial{1000};
  std::chrono::milliseconds backoff_max{60000};
  double backoff_jitter = 0.2;
  std::uint64_t backoff_seed = 0;  // 0: a random seed
  std::chrono::milliseconds reconcile_interval{std::chrono::minutes(5)};
  int upload_batch = sync::kMaxUploadBatch;
  int page_limit = sync::kMaxChangePage;
};

class SyncWorker {
 public:
  using Publish = std::function<void(SyncStatus)>;

  SyncWorker(SyncWorkerConfig config, const Clock& clock, TransportFactory transports, Publish publish);
  ~SyncWorker();
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  // A journal entry was committed: upload it soon.
  void notify();
  // An enrolment ticket was scanned or given ("PSLENROL1 <hub-url> <code>"). A malformed one is
  // reported as EnrolmentState::bad_ticket; a good one is kept in the database until redeemed.
  void enrol(std::string ticket_text);

 private:
  friend class SyncLoop;

  struct Signals {
    bool notified = false;
    std::optional<std::string> ticket;
  };

  void run(std::stop_token stop);

  SyncWorkerConfig config_;
  const Clock* clock_;
  TransportFactory transports_;
  Publish publish_;
  std::mutex mutex_;
  Signals signals_;                                 // under mutex_
  std::shared_ptr<HubTransport> transport_in_use_;  // under mutex_: cancelled on destruction
  WorkerThread thread_;
};

}  // namespace passerelle::kiosk
