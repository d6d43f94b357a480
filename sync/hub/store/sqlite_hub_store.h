// SqliteHubStore: the HubStore in the hub's event file, beside core's registry and journal.
//
// Entries go through the entry rules (sync/protocol/entry_rules.h) on core's journal, so its
// immutability and the double check-in pairs are the kiosk's too; the hub adds its own tables
// (sqlite_hub_schema.h) and a change feed filled by triggers, so that registry changes made by any
// other program on the file (the hub's CLI commands) reach kiosks too.
//
// Ownership: owns a pool of connections (store_pool.h); the clock is borrowed and must outlive it.
// Thread safety: as HubStore, every method from any thread. Writes of this process are serialised
// by a mutex before they reach SQLite's lock, so threads queue instead of spinning in the busy
// handler; other processes on the file are kept out by SQLite's lock and core's busy timeout.
// Reads run in WAL snapshots beside the writer.
#pragma once

#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/util/clock.h"
#include "sync/hub/store/hub_store.h"
#include "sync/hub/store/last_sync_throttle.h"
#include "sync/hub/store/store_pool.h"

namespace passerelle::hub {

class SqliteHubStore final : public HubStore {
 public:
  // Opens or creates the file, migrates core's schema and then the hub's.
  static Result<std::unique_ptr<SqliteHubStore>> open(const std::filesystem::path& path,
                                                      const Clock& clock = SystemClock::instance());

  Result<std::int64_t> resolve_event(std::optional<std::int64_t> requested) override;
  Result<std::optional<Event>> event(std::int64_t event_id) override;
  Result<EventSetup> event_setup(std::int64_t event_id) override;

  Result<EnrolmentCode> create_enrolment_code(std::int64_t event_id, std::int64_t ttl_ms,
                                              std::string_view label) override;
  Result<sync::EnrolAnswer> enrol(const sync::EnrolRequest& request) override;
  Result<std::string> create_organiser_token(std::string_view label) override;
  Result<Authentication> authenticate(std::string_view bearer_token) override;

  Result<std::vector<DeviceInfo>> devices(std::optional<std::int64_t> event_id) override;
  Status revoke_device(std::string_view device_id) override;
  Result<DeviceJournalKey> create_offline_device(std::int64_t event_id, std::string_view name) override;
  Result<std::optional<JournalSigner>> journal_signer(std::string_view device_id) override;

  Result<sync::UploadAnswer> ingest(const Principal& uploader, const sync::IncomingBatch& batch) override;
  // Queues the batch; the thread that finds no writer at work becomes it and writes groups until
  // the queue is empty, so that uploads waiting for a commit hold no thread.
  void ingest_async(Principal uploader, sync::IncomingBatch batch, IngestDone done) override;
  Result<sync::ChangePage> changes(const Principal& device, std::int64_t after, int limit) override;
  Result<std::vector<LiveEntry>> live_entries(std::int64_t event_id, std::int64_t after, int limit) override;
  Result<sync::ReconcileAnswer> reconcile(const Principal& device, const sync::ReconcileRequest& request) override;

  // Accounts and web sessions: sqlite_hub_accounts.cpp.
  Status add_account(std::string_view name, std::string_view password_hash,
                     const std::vector<std::int64_t>& events) override;
  Result<std::vector<OrganiserAccount>> accounts() override;
  Result<std::optional<OrganiserAccount>> account(std::string_view name) override;
  Status remove_account(std::string_view name) override;
  Status set_account_password(std::string_view name, std::string_view password_hash,
                              std::string_view keep_session) override;
  Status set_account_events(std::string_view name, const std::vector<std::int64_t>& events) override;
  Result<NewWebSession> open_web_session(std::string_view account, std::int64_t ttl_ms) override;
  Result<std::optional<WebSession>> web_session(std::string_view token) override;
  Status close_web_session(std::string_view token) override;

  // The live view's participants: sqlite_hub_participants.cpp.
  Result<std::vector<ParticipantMatch>> search_participants(std::int64_t event_id, std::string_view text,
                                                            int limit) override;
  Result<std::optional<ParticipantCard>> participant_card(std::int64_t event_id, std::int64_t participant_id) override;
  Status revoke_badge(std::int64_t event_id, std::int64_t participant_id, std::int64_t badge_serial,
                      std::string_view reason) override;
  Result<std::int64_t> reissue_badge(std::int64_t event_id, std::int64_t participant_id) override;
  Result<std::optional<BadgeToPrint>> badge_to_print(std::int64_t event_id, std::int64_t participant_id) override;

  // The live view: sqlite_hub_live.cpp.
  Result<LiveRows> live_rows(std::int64_t event_id, std::int64_t now_ms) override;

  Result<std::vector<DeviceReconciliation>> reconciliation(std::int64_t event_id) override;
  Result<std::vector<QuarantinedEntry>> quarantined(std::optional<std::int64_t> event_id) override;
  Result<std::vector<Alert>> alerts(std::optional<std::int64_t> event_id) override;
  Result<HubMetrics> metrics() override;
  Status ping() override;

 private:
  SqliteHubStore(const std::filesystem::path& path, const Clock& clock, Store first);

  // An upload queued for the group commit (sqlite_hub_ingest.cpp).
  struct PendingIngest {
    Principal uploader;
    sync::IncomingBatch batch;
    IngestDone done;
    std::optional<Result<sync::UploadAnswer>> result;
  };
  using IngestGroup = std::vector<std::unique_ptr<PendingIngest>>;
  void write_queued_groups();
  IngestGroup next_group();  // under ingest_mutex_
  void ingest_group(IngestGroup& group);

  const Clock* clock_;
  StorePool pool_;
  std::mutex write_mutex_;
  std::mutex ingest_mutex_;
  std::deque<std::unique_ptr<PendingIngest>> ingest_queue_;  // under ingest_mutex_
  bool ingest_writing_ = false;  // under ingest_mutex_: a thread is writing the queue's groups
  LastSyncThrottle last_sync_;
};

}  // namespace passerelle::hub
