// HubStore: everything `passerelle-hub serve` and the hub's sync commands keep, behind one
// interface with two backends (SQLite in the event file, PostgreSQL), run by one test suite
// (tests/hub/hub_store_test.cpp). docs/sync.md is the contract these methods implement.
//
// Ownership: a HubStore owns its connections; the values it returns are plain copies.
// Thread safety: every method may be called from any number of threads at once (the server calls
// it from its request threads); an implementation pools or serialises connections itself. Writes
// are each one transaction: a method that returns an error has stored nothing.
// Time: the store's Clock (given at opening) stamps codes, tokens, syncs and hub_time_ms.
// Failure: Result/Status. Errc::busy when the storage stayed locked (the server answers 503);
// Errc::not_found, conflict and invalid_input as each method says; io/database otherwise.
// Refusals of single uploaded entries are statuses in the answer, never errors.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/event_setup.h"
#include "core/report/event_report.h"
#include "core/store/store.h"
#include "core/util/result.h"
#include "sync/protocol/wire.h"

namespace passerelle::hub {

// Why an uploaded entry was quarantined (QuarantinedEntry::reason, UploadAnswer reason).
namespace reason {
inline constexpr std::string_view kMalformed = "malformed";                     // not a valid entry
inline constexpr std::string_view kWrongDevice = "wrong_device";                // not the batch's device id
inline constexpr std::string_view kOtherEvent = "other_event";                  // not the device's event
inline constexpr std::string_view kUnknownParticipant = "unknown_participant";  // external id unknown
inline constexpr std::string_view kUnknownCheckpoint = "unknown_checkpoint";    // name unknown
inline constexpr std::string_view kUuidConflict = "uuid_conflict";              // UUID held with other content
inline constexpr std::string_view kSequenceConflict = "sequence_conflict";      // (device, seq) held: a clone
}  // namespace reason
// Alert kinds besides the quarantine reasons.
inline constexpr std::string_view kDoubleCheckinAlert = "double_checkin";
// A device's upload was refused because its quarantine is at its quota (HubLimits): raised once
// per device and quota.
inline constexpr std::string_view kQuarantineFullAlert = "quarantine_full";

// What the store bounds (docs/sync.md, "Quarantine quota").
struct HubLimits {
  // Entries a device may leave in quarantine. A batch that would quarantine one more is refused
  // whole (Errc::exhausted, which the API answers with 429 quarantine_full): a broken or hostile
  // kiosk cannot fill the hub's disk, and its entries wait on the kiosk, none dropped. Uploads of
  // an organiser (journal files) have no quota.
  std::int64_t quarantine_quota = 1000;
};

// Who presents a token, or (Kind::web) a web session's cookie.
struct Principal {
  enum class Kind { device, organiser, web };
  Kind kind = Kind::device;
  std::string device_id;                  // device: the id the hub assigned; otherwise empty
  std::int64_t event_id = 0;              // device: the event it was enrolled for
  std::vector<std::string> authored_ids;  // device: its own id first, then the ids it declared
  std::string name;                       // the device's name, the organiser token's label, the account
  // Kind::web: the session as web_session() found it. A web principal uploads nothing and reads
  // only its events' pages.
  std::vector<std::int64_t> events;  // ascending
  std::string session_token;
  std::string csrf_token;
  std::int64_t session_expires_ms = 0;

  bool is_organiser() const { return kind == Kind::organiser; }
  bool is_web() const { return kind == Kind::web; }
  // Kind::web: whether the session's account was given the event.
  bool sees_event(std::int64_t id) const;
  // A device uploads only under ids it authored; an organiser (importing a journal file) under any.
  bool may_act_as(std::string_view authored_id) const;
};

enum class AuthStatus {
  ok,
  unknown,  // no such token: 401
  revoked,  // the device (or the token) was revoked: 403
};

struct Authentication {
  AuthStatus status = AuthStatus::unknown;
  Principal principal;  // set when status is ok or revoked
};

// A one-time enrolment code as `passerelle-hub enrol` shows it. Only its hash is stored.
struct EnrolmentCode {
  std::string code;
  std::int64_t event_id = 0;
  std::int64_t expires_ms = 0;
};

// Per device id a device authored: what the hub holds of it.
struct AuthoredProgress {
  std::string authored_id;
  std::int64_t acked_seq = 0;  // highest seq held (stored or quarantined) with no gap from 1
  std::int64_t highest_seq = 0;
  std::int64_t missing = 0;  // sequences below highest_seq the hub lacks: the unsent gap
};

// A device's journal key (sync/protocol/journal_key.h) and the device ids a journal file it signs
// may carry: its own first, then those it declared at enrolment.
struct JournalSigner {
  std::string device_id;
  std::int64_t event_id = 0;
  std::string journal_key;  // 64 hex digits; a secret, never logged
  std::vector<std::string> authored_ids;
};

struct DeviceInfo {
  std::string device_id;
  std::string name;
  std::int64_t event_id = 0;
  std::int64_t enrolled_ms = 0;
  std::optional<std::int64_t> revoked_ms;
  std::optional<std::int64_t> last_sync_ms;     // the last upload or download
  std::optional<std::int64_t> clock_offset_ms;  // hub - kiosk, as the kiosk last measured it
  std::vector<AuthoredProgress> authored;       // its own id first
};

// An entry of the live stream, positioned by the change feed.
struct LiveEntry {
  std::int64_t seq = 0;
  sync::WireEntry entry;
};

// docs/sync.md "Reconciliation": per authored device id of an event.
struct DeviceReconciliation {
  std::string device_id;        // the id entries carry
  std::string owner_device_id;  // the enrolled device that may upload under it; empty if none
  std::string owner_name;
  std::int64_t count = 0;  // entries held: stored, plus quarantined ones that carry a sequence
  std::string sha256;      // sync::uuid_set_digest of their UUIDs
  std::int64_t contiguous = 0;
  std::int64_t highest = 0;
  std::vector<sync::SequenceRange> missing;  // above `contiguous`, below `highest`
  std::int64_t quarantined = 0;
};

struct QuarantinedEntry {
  std::int64_t id = 0;
  std::int64_t received_ms = 0;
  std::string uploader;   // the device id whose token sent it, or "organiser"
  std::string device_id;  // the batch's device id
  std::optional<std::int64_t> event_id;
  std::optional<std::int64_t> seq;  // set when it counts toward acked_seq
  std::string uuid;                 // empty when unreadable
  std::string reason;               // malformed, other_event, wrong_device, uuid_conflict, ...
  std::string detail;
  std::string raw_json;
};

struct Alert {
  std::int64_t id = 0;
  std::int64_t created_ms = 0;
  std::string kind;  // a quarantine reason, or double_checkin
  std::optional<std::int64_t> event_id;
  std::string device_id;
  std::string uuid;
  std::string other_uuid;  // double_checkin: the other entry of the pair
  std::string detail;
};

struct DeviceMetric {
  std::string device_id;
  std::string name;
  bool revoked = false;
  std::optional<std::int64_t> last_sync_ms;
  std::optional<std::int64_t> clock_offset_ms;
};

struct HubMetrics {
  std::int64_t entries_stored = 0;
  std::int64_t entries_quarantined = 0;
  std::int64_t devices_active = 0;
  std::int64_t devices_revoked = 0;
  std::int64_t alerts = 0;
  std::int64_t feed_seq = 0;  // the change feed's latest position
  std::vector<DeviceMetric> devices;
};

// An organiser's account for the hub's web pages (docs/LIVE_VIEW.md, "Accounts and sessions").
struct OrganiserAccount {
  std::string name;                  // as given when added; unique without regard to case
  std::string password_hash;         // argon2id PHC string (core/auth/password.h); never shown
  std::vector<std::int64_t> events;  // the events given to the account, ascending
  std::int64_t created_ms = 0;
};

// A web session as it is opened. The token is the browser's cookie, shown once: the store keeps
// only its SHA-256, as it does bearer tokens (hub_tokens.h).
struct NewWebSession {
  std::string token;       // psw_ + 43 base64url characters
  std::string csrf_token;  // 43 base64url characters: every form of the session carries it
  std::int64_t expires_ms = 0;
};

// An open session, as web_session() finds it: the account and its events as they are now.
struct WebSession {
  std::string account;
  std::vector<std::int64_t> events;  // ascending
  std::int64_t expires_ms = 0;
  std::string csrf_token;  // random per session, stored as is (docs/LIVE_VIEW.md says why)
  // Whether a form's token is this session's, compared in constant time.
  bool csrf_matches(std::string_view presented) const;
};

// What the organisers' live view counts (docs/LIVE_VIEW.md, "The figures"), read in one snapshot
// of the storage: the report's rows as of `input.now_ms` (every time already corrected by its
// kiosk's recorded clock offset, as the report's; the meetings with their table labels when the
// event has a B2B session), and who is inside each in/out checkpoint. The identity keys of
// ReportPerson are left empty: the live view matches no one across events, and making the key
// would write.
struct LiveRows {
  report::ReportInput input;
  std::vector<std::int64_t> inside;  // parallel to input.checkpoints: people inside now (in_out; else 0)
  std::int64_t feed_seq = 0;         // the latest feed position of the event's entries when read
};

// A participant as the live view's search lists them.
struct ParticipantMatch {
  std::int64_t id = 0;
  std::string external_id;
  std::string first_name;
  std::string last_name;
  std::string organisation;
  std::string country;
  ParticipantStatus status = ParticipantStatus::registered;
};

// What the live view's participant page shows (docs/LIVE_VIEW.md, "The participant page").
struct CardEntry {
  std::int64_t at_ms = 0;  // the kiosk's clock corrected by its recorded offset, as the figures
  EntryKind kind = EntryKind::checkin;
  Outcome outcome = Outcome::accepted;
  std::string checkpoint;  // its name; empty for entries at none
  std::string device_id;
};
struct CardMeeting {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::string table_label;
  std::string status;  // as the meeting table holds it
  std::string origin;
  std::int64_t partner_id = 0;
  std::string partner_name;
  std::string partner_organisation;
};
struct CardRevocation {
  std::int64_t badge_serial = 0;
  std::string reason;
  std::int64_t revoked_ms = 0;
};
struct ParticipantCard {
  Participant participant;
  bool erased = false;                      // names, email and organisation erased (core/privacy)
  std::vector<CardEntry> entries;           // newest first, at most kMaxCardEntries
  std::vector<CardMeeting> meetings;        // by start
  std::vector<CardRevocation> revocations;  // by serial
};
// A participant's current badge, to print it again from the live view (print::badge_content).
struct BadgeToPrint {
  ParticipantRecord record;
  std::int64_t badge_serial = 0;
  std::string code;  // the current badge's code, signed with the event's key
  std::string event_name;
};
inline constexpr int kMaxCardEntries = 200;
inline constexpr int kMaxSearchResults = 50;

// Held by whoever watches the feed (HubStore::watch_feed); the watching ends when it is destroyed.
class FeedWatch {
 public:
  virtual ~FeedWatch() = default;
};

class HubStore {
 public:
  virtual ~HubStore() = default;

  // Called before the store is shared between threads (`serve` sets them from its options).
  void set_limits(const HubLimits& limits) { limits_ = limits; }
  const HubLimits& limits() const { return limits_; }

  // ---- events
  // `requested` if it exists (else Errc::not_found), or the only event (Errc::not_found when there
  // is none, Errc::invalid_input when there are several).
  virtual Result<std::int64_t> resolve_event(std::optional<std::int64_t> requested) = 0;

  // The event's name, venue, time zone and days; empty when there is no such event.
  virtual Result<std::optional<Event>> event(std::int64_t event_id) = 0;
  // What a kiosk enrolled from nothing needs before its first download (GET /v1/setup):
  // the event, its checkpoints (ids as the event file numbers them), B2B session and staff PIN
  // hash, read in one snapshot. Errc::not_found: no such event.
  virtual Result<EventSetup> event_setup(std::int64_t event_id) = 0;

  // ---- enrolment and tokens
  // A code for one device of `event_id`, valid `ttl_ms` from now. Errc::not_found: no such event.
  virtual Result<EnrolmentCode> create_enrolment_code(std::int64_t event_id, std::int64_t ttl_ms,
                                                      std::string_view label) = 0;
  // Redeems a code once: assigns a device id, records the previous ids the device declared and
  // returns a fresh device token and journal key. Errc::not_found: unknown, used or expired code
  // (401). Errc::conflict: a previous id is held by another device (409 device_id_taken; the rule
  // and its one exception, a retried enrolment, are in enrolment_rules.h).
  virtual Result<sync::EnrolAnswer> enrol(const sync::EnrolRequest& request) = 0;
  // Returns the token; only its SHA-256 is kept, so it is shown once.
  virtual Result<std::string> create_organiser_token(std::string_view label) = 0;
  virtual Result<Authentication> authenticate(std::string_view bearer_token) = 0;

  // ---- journal keys (docs/sync.md "Offline transfer")
  // A device for a kiosk that never sees a network (export-kiosk puts it in the bundle): a new
  // device id of `event_id` with a new journal key and no token. Errc::not_found: no such event.
  virtual Result<DeviceJournalKey> create_offline_device(std::int64_t event_id, std::string_view name) = 0;
  // The journal key of a device enrolled or made offline by a hub of journal file version 2, with
  // the ids it may sign for; empty for any other id. A revoked device keeps its key: importing its
  // file is how its unsent entries come home.
  virtual Result<std::optional<JournalSigner>> journal_signer(std::string_view device_id) = 0;

  // ---- devices
  virtual Result<std::vector<DeviceInfo>> devices(std::optional<std::int64_t> event_id) = 0;
  // The device and its tokens stop working; what it uploaded stays. Idempotent.
  // Errc::not_found: no such device.
  virtual Status revoke_device(std::string_view device_id) = 0;

  // ---- sync (docs/sync.md "Upload", "Download")
  // Stores the batch in one transaction and answers a status per entry, in order. A device
  // principal is re-checked inside the transaction: Errc::conflict when it was revoked or does
  // not own batch.device_id (nothing stored). An organiser imports for any device id.
  // Errc::exhausted: the batch would take the device past limits().quarantine_quota (nothing stored).
  virtual Result<sync::UploadAnswer> ingest(const Principal& uploader, const sync::IncomingBatch& batch) = 0;
  // ingest(), for a caller that must not wait: `done` is called exactly once with what ingest()
  // would return, on this thread before the call returns or later on another (SqliteHubStore
  // queues the batch for its group commit and answers after the COMMIT that holds it). `done`
  // must not throw, nor wait for another ingest. The default calls ingest().
  using IngestDone = std::function<void(Result<sync::UploadAnswer>)>;
  virtual void ingest_async(Principal uploader, sync::IncomingBatch batch, IngestDone done);
  // The device's next page after `after`: registry changes of its event, public keys of every
  // event, and entries of its event except those under its own authored ids. `limit` counts
  // distinct changes (1..sync::kMaxChangePage). A row changed several times in one page appears
  // once, at its first position, with its state at read time.
  virtual Result<sync::ChangePage> changes(const Principal& device, std::int64_t after, int limit) = 0;
  // Entries of the event after feed position `after`, ascending, at most `limit`.
  virtual Result<std::vector<LiveEntry>> live_entries(std::int64_t event_id, std::int64_t after, int limit) = 0;
  // Compares a device's count and digest with the hub's. Errc::conflict: not the device's id.
  virtual Result<sync::ReconcileAnswer> reconcile(const Principal& device, const sync::ReconcileRequest& request) = 0;

  // ---- organiser accounts and web sessions (docs/LIVE_VIEW.md, "Accounts and sessions")
  // A name is looked up and unique without regard to case, under account_rules.h's key; a name
  // that rule refuses is Errc::invalid_input to the methods that write, and found by none. A
  // password hash must be an argon2id PHC string (Errc::invalid_input); the store never hashes or
  // verifies (the caller does, off any I/O thread). Every event must exist in this storage
  // (Errc::not_found); duplicates are dropped.
  // Errc::conflict when the name (in any case) is taken.
  virtual Status add_account(std::string_view name, std::string_view password_hash,
                             const std::vector<std::int64_t>& events) = 0;
  // Every account, by name without regard to case.
  virtual Result<std::vector<OrganiserAccount>> accounts() = 0;
  virtual Result<std::optional<OrganiserAccount>> account(std::string_view name) = 0;
  // Deletes the account and its sessions. Errc::not_found: no such account.
  virtual Status remove_account(std::string_view name) = 0;
  // Replaces the hash and closes every session of the account but the one whose token is
  // `keep_session` (the session that changed it on a page; empty: close all). Errc::not_found.
  virtual Status set_account_password(std::string_view name, std::string_view password_hash,
                                      std::string_view keep_session) = 0;
  // Replaces the account's events; its open sessions see the new list at once. Errc::not_found
  // for the account or an event.
  virtual Status set_account_events(std::string_view name, const std::vector<std::int64_t>& events) = 0;
  // Opens a session of the account (whose password the caller verified) for `ttl_ms`
  // (check_web_session_ttl: Errc::invalid_input). Closes the account's oldest sessions beyond
  // kMaxWebSessionsPerAccount and deletes every expired one. Errc::not_found: no such account.
  virtual Result<NewWebSession> open_web_session(std::string_view account, std::int64_t ttl_ms) = 0;
  // The session of a token, while it has not expired (by the store's Clock) and its account
  // exists; empty otherwise (an unknown, altered, closed or expired token). Reads only.
  virtual Result<std::optional<WebSession>> web_session(std::string_view token) = 0;
  // Ends a session at once; closing an unknown or closed token does nothing.
  virtual Status close_web_session(std::string_view token) = 0;

  // ---- the live view
  // Calls `changed` whenever entries may have been added to the feed by another process (another
  // hub serving the same database), for as long as the returned watch lives; uploads through this
  // process are signalled by the server itself. `changed` runs on a thread of the store's: it must
  // be quick and must not call back into the store. Null when the storage cannot tell (SQLite:
  // the server's live streams re-read every LiveStreamSettings::recheck instead). PostgreSQL:
  // LISTEN/NOTIFY on a connection of its own, reconnecting when it drops (and then calling
  // `changed` once, as notifications may have been missed meanwhile).
  virtual Result<std::unique_ptr<FeedWatch>> watch_feed(std::function<void()> changed) {
    (void)changed;
    return std::unique_ptr<FeedWatch>{};
  }
  // The event's figures' rows as of `now_ms` (LiveRows). Errc::not_found: no such event. Reads only.
  virtual Result<LiveRows> live_rows(std::int64_t event_id, std::int64_t now_ms) = 0;

  // Participants of the event whose name and organisation match `text` as the command line's
  // `search` matches them (core's rule: every word, case and accents ignored, a prefix of a word),
  // by last then first name, at most `limit` (1..kMaxSearchResults). Empty text finds no one.
  // The default (a storage that cannot yet): Errc::unsupported.
  virtual Result<std::vector<ParticipantMatch>> search_participants(std::int64_t event_id, std::string_view text,
                                                                    int limit);
  // The participant of that event (empty when none: an id of another event is none), with their
  // entries, meetings and revoked badges. Default: Errc::unsupported.
  virtual Result<std::optional<ParticipantCard>> participant_card(std::int64_t event_id, std::int64_t participant_id);
  // A badge revoked, or a new one issued (every older one revoked), where the command line writes
  // them (`badges revoke`, `badges reissue`) and by its rules (core's Store), so that kiosks learn
  // of it through the change feed. Errc::not_found: no such participant in that event.
  // PostgreSQL storage: Errc::unsupported, as the registry's home is the event file (revoke there,
  // then `publish`); so is the default.
  virtual Status revoke_badge(std::int64_t event_id, std::int64_t participant_id, std::int64_t badge_serial,
                              std::string_view reason);
  virtual Result<std::int64_t> reissue_badge(std::int64_t event_id, std::int64_t participant_id);
  // The participant's current badge as `badges --participant` prints it (core's badge::badge_code);
  // empty when no such participant in that event. PostgreSQL storage and the default:
  // Errc::unsupported, as the event file holds the signing key.
  virtual Result<std::optional<BadgeToPrint>> badge_to_print(std::int64_t event_id, std::int64_t participant_id);

  // ---- reports
  virtual Result<std::vector<DeviceReconciliation>> reconciliation(std::int64_t event_id) = 0;
  virtual Result<std::vector<QuarantinedEntry>> quarantined(std::optional<std::int64_t> event_id) = 0;
  virtual Result<std::vector<Alert>> alerts(std::optional<std::int64_t> event_id) = 0;
  virtual Result<HubMetrics> metrics() = 0;
  // One trivial read, for the service watchdog: returns once the storage answered (an error when
  // it answered with one). What it proves is that it returns: on a database that hangs, it hangs.
  virtual Status ping() = 0;

 private:
  HubLimits limits_;
};

}  // namespace passerelle::hub
