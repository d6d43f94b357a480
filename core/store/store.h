// Store: the event registry and the journal in one SQLite file (a hub's or a kiosk's).
//
// Ownership: a Store owns its database connection. Thread safety: one thread at a time; open
// one Store per thread or process on the same file, SQLite's locks keep them consistent (two
// processes appending at once never produce a sequence gap or duplicate).
// Durability: every write method commits before it returns Ok; an Ok from append() means the
// entry survived the COMMIT with synchronous=FULL. Methods named *_in_transaction expect the
// caller to hold a Transaction and commit it.
// Failure: Result/Status with Errc::busy, io, conflict, database; lookups that find nothing
// return an empty optional, which is not an error.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/badge/token.h"
#include "core/config/event_config.h"
#include "core/db/sqlite.h"
#include "core/model/checkpoint.h"
#include "core/model/outcome.h"
#include "core/model/participant.h"
#include "core/time/timezone.h"
#include "core/util/clock.h"
#include "core/util/result.h"

namespace passerelle {

enum class UpsertResult { inserted, updated, unchanged };

// A badge revocation's reason, as typed at the command line or on the hub's page.
inline constexpr std::size_t kMaxRevocationReason = 500;

// The latest entry that decides a participant's state at one checkpoint.
struct AttendanceMark {
  EntryKind kind = EntryKind::checkin;
  std::int64_t wall_ms = 0;
  std::string device_id;
  std::int64_t checkpoint_id = 0;
};

struct SigningKeyInfo {
  std::uint32_t key_id = 0;
  std::int64_t event_id = 0;
  badge::PublicKey public_key{};
  bool has_secret = false;  // true on the hub only
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> retired_ms;
};

// The key a device authenticates its journal files with (sync/protocol/journal_key.h), and the
// device id the hub made it for: the hub checks a file's MAC with that device's key.
struct DeviceJournalKey {
  std::string device_id;
  std::string key_hex;
};

// One row of the attendance export.
struct AttendanceRow {
  Participant participant;
  // For each checkpoint, in position order: the first accepted check-in of each day it happened
  // on, by event-local "YYYY-MM-DD" (the day the door counted it on: JournalEntry::local_day).
  std::vector<std::map<std::string, std::int64_t>> first_checkin_by_day;

  // At the checkpoint in position `index`: the first accepted check-in of all days, if any.
  std::optional<std::int64_t> first_checkin_ms(std::size_t index) const {
    std::optional<std::int64_t> first;
    for (const auto& [day, ms] : first_checkin_by_day.at(index))
      if (!first || ms < *first) first = ms;
    return first;
  }
};

class Store {
 public:
  // Opens or creates the file and migrates it to the current schema. The clock is borrowed
  // and must outlive the store.
  static Result<Store> open(const std::filesystem::path& path, const Clock& clock = SystemClock::instance());

  db::Database& database() { return database_; }
  const Clock& clock() const { return *clock_; }

  // This database's device id: created when the file is first opened, kept forever (a hub
  // re-keys kiosks at enrolment later).
  Result<std::string> device_id();

  // ---- events (event_store.cpp)
  Result<std::int64_t> create_event(const EventConfig& config);
  Result<std::vector<Event>> list_events();
  Result<std::optional<Event>> find_event(std::int64_t event_id);
  // The event a command means: `requested` if given (and existing), else the only event.
  Result<Event> resolve_event(std::optional<std::int64_t> requested);
  Result<std::vector<Checkpoint>> checkpoints(std::int64_t event_id);
  Result<std::optional<Checkpoint>> find_checkpoint(std::int64_t event_id, std::string_view name);
  Result<std::optional<Checkpoint>> checkpoint(std::int64_t checkpoint_id);
  // The event's time zone, created once per event and cached.
  Result<const TimeZone*> event_timezone(std::int64_t event_id);

  // ---- participants (participant_store.cpp)
  Result<UpsertResult> upsert_participant_in_transaction(std::int64_t event_id, const ParticipantRecord& record);
  Result<std::optional<Participant>> participant(std::int64_t participant_id);
  Result<std::optional<Participant>> find_by_external_id(std::int64_t event_id, std::string_view external_id);
  Result<std::optional<Participant>> find_by_ticket_code(std::int64_t event_id, std::string_view code);
  // The participant holding `code` in this event, other than `except_participant`.
  Result<std::optional<std::int64_t>> ticket_code_owner(std::int64_t event_id, std::string_view code);
  // The holder of a registration ID equal to `text` (ASCII case ignored) first, then a name and
  // organisation prefix search, case- and accent-insensitive, where every word must match.
  Result<std::vector<Participant>> search(std::int64_t event_id, std::string_view text, int limit = 50);
  Result<std::vector<std::string>> external_ids(std::int64_t event_id);
  // Every participant of the event, by last and first name.
  Result<std::vector<Participant>> participants(std::int64_t event_id);
  Status set_status_in_transaction(std::int64_t participant_id, ParticipantStatus status);
  // Whether the participant's personal data was erased (docs/PRIVACY.md): their row stays, blank,
  // and imports leave it as it is (upsert_participant_in_transaction reports it unchanged).
  Result<bool> is_erased(std::int64_t participant_id);
  // Records the fingerprint of the agenda just printed for the participant (empty: none printed);
  // kiosks receive it through the change feed. One statement: commits on its own, or joins the
  // caller's Transaction if one is open. Unchanged, it writes nothing. Errc::invalid_input unless
  // is_agenda_fingerprint(fingerprint); Errc::not_found for an unknown participant.
  Status set_agenda_printed(std::int64_t participant_id, std::string_view fingerprint);
  Result<std::int64_t> participant_count(std::int64_t event_id);

  // ---- badges and keys (badge_store.cpp)
  Status add_signing_key(std::int64_t event_id, const badge::KeyPair& key);
  // Every key of every event (or of one), oldest first.
  Result<std::vector<SigningKeyInfo>> signing_keys(std::optional<std::int64_t> event_id = std::nullopt);
  Result<std::optional<SigningKeyInfo>> find_signing_key(std::uint32_t key_id);
  // Retired keys no longer verify. Refused (Errc::conflict) for an event's last active key.
  Status retire_signing_key(std::uint32_t key_id);
  // The newest active key with its secret, to sign with; empty on a kiosk.
  Result<std::optional<badge::KeyPair>> active_signing_key(std::int64_t event_id);
  // Raises the serial (revoking every older badge) and stamps the issue time; returns it.
  Result<std::int64_t> reissue_badge(std::int64_t participant_id);
  // Revokes one of the participant's badges: Errc::not_found for no such participant,
  // Errc::invalid_input for a serial outside 1 to their current one or a reason over
  // kMaxRevocationReason bytes. Revoking a revoked badge again changes nothing.
  Status revoke_badge(std::int64_t participant_id, std::int64_t badge_serial, std::string_view reason);
  Result<bool> is_badge_revoked(std::int64_t participant_id, std::int64_t badge_serial);

  // ---- journal (journal.cpp)
  // Appends an entry inside the caller's transaction, assigning uuid, device and seq; the wall and
  // monotonic time and the event-local day too, unless the caller set them (wall_ms non-zero,
  // local_day non-empty: the reading its decision used). Returns the stored entry.
  Result<JournalEntry> append_in_transaction(JournalEntry entry);
  // The entry that decides `participant`'s state at `checkpoint`: for once-per-event the first
  // check-in, for once-per-day the first of `local_day`, for in/out the latest in or out (one
  // device's entries by sequence number, never by their clock; between devices by wall time).
  Result<std::optional<AttendanceMark>> attendance_mark(const Checkpoint& checkpoint, std::int64_t participant_id,
                                                        std::string_view local_day);
  // Participants inside an in/out checkpoint now, each by their latest entry as attendance_mark.
  Result<std::int64_t> inside_count(std::int64_t checkpoint_id);
  Result<std::vector<JournalEntry>> journal_entries(std::int64_t event_id);
  // Every participant (as participants() orders them) with their first check-in at each
  // checkpoint, over the whole event and per day.
  Result<std::vector<AttendanceRow>> attendance(std::int64_t event_id);

  // ---- rehearsal mode (journal.cpp; docs/CLOCKS.md, "Rehearsal")
  // A store in rehearsal mode appends to rehearsal_entry instead of the journal, and
  // attendance_mark reads from there: the door's rules are tried against rehearsal scans only,
  // and nothing that reads the journal (sync, attendance, reports) ever sees one. Per Store
  // object, off when opened: a kiosk that restarts is back at the real door.
  void set_rehearsal(bool on) { rehearsal_ = on; }
  bool rehearsal() const { return rehearsal_; }
  // How many rehearsal scans the event holds; clear_rehearsal deletes them and says how many.
  Result<std::int64_t> rehearsal_count(std::int64_t event_id);
  Result<std::int64_t> clear_rehearsal(std::int64_t event_id);

  // ---- this device (local_state.cpp)
  // Every device id this file wrote entries under, oldest first; the current one last.
  Result<std::vector<std::string>> authored_device_ids();
  // Makes `device_id` (assigned by the hub at enrolment) the id of every later entry. Entries
  // already written keep theirs (entries are immutable) and are still uploaded under it. Takes
  // effect for every Store open on the file, since append reads the id inside its transaction.
  // With a journal key (enrolment answers carry one), the key becomes this device's, for that id,
  // in the same transaction; without one, the key held so far stays with the id it was made for.
  Status adopt_device_id(std::string_view device_id, std::string_view journal_key = {});
  // The journal key the hub gave this device (by enrolment or in an export-kiosk bundle), if any.
  Result<std::optional<DeviceJournalKey>> journal_key();
  // The event's staff PIN as an argon2id hash (core/auth/staff_pin.h): set on the hub by
  // `passerelle-hub staff-pin`, carried to kiosks in their bundle. Empty: no staff screen.
  Result<std::optional<std::string>> staff_pin_hash(std::int64_t event_id);
  // Errc::invalid_input unless `hash` passes check_staff_pin_hash.
  Status set_staff_pin_hash(std::int64_t event_id, std::string_view hash);
  // Small settings of this device (hub address, token, cursor, clock offset): empty if unset.
  Result<std::optional<std::string>> local_value(std::string_view key);
  Status set_local_value(std::string_view key, std::string_view value);
  // What the journal, search and sync (sync/protocol/sync_store.h) build on: the store's sync
  // side lives in the sync component and reaches the tables through database().

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

 private:
  Store(db::Database database, const Clock& clock);
  Status load_or_create_device_id();
  Result<std::vector<std::string>> participant_tags(std::int64_t participant_id);
  Result<std::vector<std::string>> participant_codes(std::int64_t participant_id);
  Result<std::optional<Participant>> load_participant(db::Query& query);

  db::Database database_;
  const Clock* clock_;
  std::map<std::int64_t, TimeZone> timezones_;  // std::map: pointers handed out stay valid
  bool rehearsal_ = false;
};

}  // namespace passerelle
