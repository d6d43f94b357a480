// PgHubStore: the HubStore in a PostgreSQL database (`--db postgresql://...`), for organisations
// that run many events at once or want a replicated database. Same observable behaviour as
// SqliteHubStore: tests/hub/hub_store_test.cpp runs one suite on both.
//
// The registry (events, checkpoints, participants, keys, revocations, meetings) is a copy that
// `passerelle-hub publish` (pg_publish.h) keeps up to date from the event file, which alone holds
// the secret signing keys; this store never writes registry rows. Schema: pg_hub_schema.h.
//
// Concurrency, unlike SQLite, is real here: writers run side by side under READ COMMITTED, and
// each write method takes the row locks its checks rely on (the uploading device's row, a
// participant whose double check-ins are looked for, an authored id's acked mark) before it
// checks. The change feed's seqs are reserved from one feed counter (feed.h) right before COMMIT,
// so a reader's cursor never skips a committed row. Deadlocks and serialization failures are
// retried as a whole transaction (with_retry); reads run on one REPEATABLE READ snapshot.
//
// Ownership: owns a connection pool (pg_pool.h); the clock is borrowed and must outlive it.
// Thread safety: as HubStore, every method from any thread.
// Failure: as HubStore; a connection lost to the server is Errc::io (the server then answers
// 500 and the kiosk retries); a lock held for longer than lock_timeout is Errc::busy.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/util/clock.h"
#include "sync/hub/pg/pg_pool.h"
#include "sync/hub/store/hub_store.h"
#include "sync/hub/store/last_sync_throttle.h"

namespace passerelle::hub::pg {

class PgHubStore final : public HubStore {
 public:
  // Connects to `url` and migrates the hub schema. Errc::invalid_input for a malformed URL, io
  // when the server cannot be reached, unsupported for a newer hub's database.
  static Result<std::unique_ptr<PgHubStore>> open(std::string_view url, const Clock& clock = SystemClock::instance(),
                                                  PgPool::Options options = {});

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
  Result<sync::ChangePage> changes(const Principal& device, std::int64_t after, int limit) override;
  Result<std::vector<LiveEntry>> live_entries(std::int64_t event_id, std::int64_t after, int limit) override;
  Result<sync::ReconcileAnswer> reconcile(const Principal& device, const sync::ReconcileRequest& request) override;

  // Accounts and web sessions: pg_hub_accounts.cpp.
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

  // The live view: pg_hub_live.cpp; the feed watched through LISTEN/NOTIFY: pg_feed_watch.h.
  Result<std::unique_ptr<FeedWatch>> watch_feed(std::function<void()> changed) override;
  Result<LiveRows> live_rows(std::int64_t event_id, std::int64_t now_ms) override;
  // Search and the participant page: pg_hub_participants.cpp. Badges are revoked and reissued on
  // the event file, then published: revoke_badge and reissue_badge keep HubStore's
  // Errc::unsupported (docs/LIVE_VIEW.md says why).
  Result<std::vector<ParticipantMatch>> search_participants(std::int64_t event_id, std::string_view text,
                                                            int limit) override;
  Result<std::optional<ParticipantCard>> participant_card(std::int64_t event_id, std::int64_t participant_id) override;

  Result<std::vector<DeviceReconciliation>> reconciliation(std::int64_t event_id) override;
  Result<std::vector<QuarantinedEntry>> quarantined(std::optional<std::int64_t> event_id) override;
  Result<std::vector<Alert>> alerts(std::optional<std::int64_t> event_id) override;
  Result<HubMetrics> metrics() override;
  Status ping() override;

 private:
  PgHubStore(std::string url, PgConnection first, const Clock& clock, PgPool::Options options);

  const Clock* clock_;
  const std::string url_;  // a feed watch connects on its own
  PgPool pool_;
  LastSyncThrottle last_sync_;
};

}  // namespace passerelle::hub::pg
