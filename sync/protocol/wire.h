// The sync protocol's messages and their JSON form (docs/sync.md is the specification).
//
// Pure data and pure functions: no I/O, no threads; every function is safe to call from any
// thread. Parsing is strict: a missing or mistyped field, an unknown enum name, trailing garbage,
// a number outside its bound or nesting deeper than kMaxJsonDepth fails with Errc::invalid_input
// naming the field, so a hub never stores half-understood data, and nothing computed later from
// what it stored can overflow. Unknown extra fields are ignored (a newer peer may add some).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/badge/token.h"
#include "core/model/outcome.h"
#include "core/model/participant.h"
#include "core/util/result.h"

namespace passerelle::sync {

inline constexpr int kMaxUploadBatch = 1000;
inline constexpr int kMaxChangePage = 1000;

// ---- bounds (docs/sync.md, "Limits")

// Objects and arrays nested deeper than this (the outermost is level 1) are refused before any
// tree is built. The deepest message, a change page carrying a participant's tags, nests 6 levels.
inline constexpr int kMaxJsonDepth = 32;

// Sequence numbers run from 1 to 2^53; feed positions, counts of entries and event ids share the
// bound. A kiosk writing 1,000 entries a second would need 285,000 years to reach it, seq + 1 and
// the difference of two never overflow, and a JavaScript client reads every one exactly.
inline constexpr std::int64_t kMaxSeq = std::int64_t{1} << 53;

// Clock readings (an entry's wall_ms, kiosk_time_ms, hub_time_ms, a journal file's exported_ms),
// in ms since the Unix epoch, from 1970-01-01 to 2100-01-01 inclusive. 1970 and not later: a kiosk
// without a real-time clock boots at the epoch and checks people in before NTP sets its clock;
// those entries are real and are stored (reports add the kiosk's clock offset). An entry outside
// is quarantined as malformed, its seq still acknowledged, never failing its batch.
inline constexpr std::int64_t kMinClockMs = 0;
inline constexpr std::int64_t kMaxClockMs = 4'102'444'800'000;
// hub - kiosk, for two clocks within those bounds: about 130 years either way, as a kiosk still at
// 1970 is some 56 years behind today.
inline constexpr std::int64_t kMaxClockOffsetMs = kMaxClockMs - kMinClockMs;

// A journal entry as it travels: participant by external id, checkpoint by name (a kiosk's row ids
// need not be the hub's).
struct WireEntry {
  std::string uuid;
  std::string device;
  std::int64_t seq = 0;    // 1 to kMaxSeq
  std::int64_t event = 0;  // 1 to kMaxSeq
  EntryKind kind = EntryKind::checkin;
  Outcome outcome = Outcome::accepted;
  std::optional<std::string> participant;  // external id
  std::optional<std::string> checkpoint;   // name
  std::string code;
  std::string operator_name;
  std::int64_t wall_ms = 0;       // kMinClockMs to kMaxClockMs
  std::int64_t monotonic_ns = 0;  // >= 0; only stored, never computed with
  std::string local_day;
  // walkin_meeting and feedback (JournalEntry's meeting fields), sent as a "meeting" object:
  // the partner by external id, the meeting's start (kMinClockMs to kMaxClockMs), a walk-in's table
  // (at most kMaxTableLabel bytes) and an answer's MeetingAnswer name. Both kinds need a partner; an
  // answer needs a valid answer.
  std::optional<std::string> partner;
  std::int64_t meeting_start_ms = 0;
  std::string table;
  std::string answer;

  bool operator==(const WireEntry&) const = default;
};
inline constexpr std::size_t kMaxTableLabel = 200;

struct UploadBatch {
  std::string device_id;             // every entry's `device` must equal it
  std::int64_t kiosk_time_ms = 0;    // kMinClockMs to kMaxClockMs
  std::int64_t clock_offset_ms = 0;  // the kiosk's last measured offset (hub - kiosk), within ±kMaxClockOffsetMs
  std::vector<WireEntry> entries;
};

// An uploaded entry as the hub received it: parsed when it could be, else kept raw with the
// reason, so that a malformed entry is quarantined rather than failing its whole batch.
struct IncomingEntry {
  std::optional<WireEntry> entry;
  std::string raw_json;  // the entry's JSON as sent
  std::string error;     // why it did not parse; empty when `entry` is set
  std::string uuid;      // best effort when malformed ("" if absent)
  std::int64_t seq = 0;  // best effort when malformed (0 if absent or outside 1 to kMaxSeq)
};

struct IncomingBatch {
  std::string device_id;
  std::int64_t kiosk_time_ms = 0;
  std::int64_t clock_offset_ms = 0;
  std::vector<IncomingEntry> entries;
};

enum class EntryStatus { stored, duplicate, quarantined };
std::string_view to_string(EntryStatus status) noexcept;

struct EntryResult {
  std::string uuid;
  EntryStatus status = EntryStatus::stored;
  std::string reason;  // set when quarantined: malformed, other_event, unknown_participant, ...
  bool operator==(const EntryResult&) const = default;
};

struct UploadAnswer {
  std::vector<EntryResult> statuses;  // one per uploaded entry, same order
  std::int64_t acked_seq = 0;         // highest seq of the device held with no gap from 1
  std::int64_t hub_time_ms = 0;
};

// ---- registry changes (download)

struct ParticipantChange {
  std::int64_t event = 0;
  ParticipantRecord record;
  std::int64_t badge_serial = 1;
  std::int64_t badge_issued_s = 0;
  // Participant::agenda_printed. Sent only when set and read as empty when absent, so a hub or a
  // kiosk that predates it interoperates; at most kMaxAgendaFingerprint lower-case hex digits.
  std::string agenda_printed;
  bool operator==(const ParticipantChange&) const = default;
};

struct RevocationChange {
  std::int64_t event = 0;
  std::string participant;  // external id
  std::int64_t badge_serial = 0;
  std::string reason;
  std::int64_t revoked_ms = 0;
  bool operator==(const RevocationChange&) const = default;
};

struct KeyChange {
  std::uint32_t key_id = 0;
  std::int64_t event = 0;
  badge::PublicKey public_key{};
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> retired_ms;
  bool operator==(const KeyChange&) const = default;
};

struct MeetingChange {
  std::int64_t hub_id = 0;  // meetings have no external id; the hub's row id names them
  std::int64_t event = 0;
  std::string participant_a;  // external ids
  std::string participant_b;
  std::int64_t slot_start_ms = 0;
  std::int64_t slot_end_ms = 0;
  std::string table_label;
  std::string status;  // scheduled, held, no_show, cancelled
  std::string origin;  // imported, scheduled, walk_in
  bool operator==(const MeetingChange&) const = default;
};

using ChangeData = std::variant<ParticipantChange, RevocationChange, KeyChange, MeetingChange, WireEntry>;

struct Change {
  std::int64_t seq = 0;  // the hub's feed position
  ChangeData data;
  bool operator==(const Change&) const = default;
};

struct ChangePage {
  std::vector<Change> changes;  // ascending seq
  std::int64_t cursor = 0;      // pass as `after` next time; >= every seq in `changes`
  bool more = false;            // another page is ready now
  std::int64_t hub_time_ms = 0;
  std::int64_t remaining = 0;  // changes after `cursor` when the page was read, for progress
};

// ---- enrolment and reconciliation

// What the enrolment QR holds: "PSLENROL1 <hub-url> <code> [<pin>]". The pin (sync/tls/
// certificate_pin.h) names the key of the hub's certificate, which the kiosk then trusts alone;
// only https addresses carry one, and one without is verified against certificate authorities
// (a hub behind a front with a public certificate).
struct EnrolmentTicket {
  std::string hub_url;  // http://host:port or https://host:port, no trailing slash
  std::string code;
  std::string certificate_pin;  // empty: none
};
std::string format_enrolment_ticket(const EnrolmentTicket& ticket);
Result<EnrolmentTicket> parse_enrolment_ticket(std::string_view text);

struct EnrolRequest {
  std::string code;
  std::string name;  // shown in the hub's device list
  std::vector<std::string> previous_device_ids;
  std::int64_t kiosk_time_ms = 0;
};

struct EnrolAnswer {
  std::string device_id;
  std::string token;
  std::int64_t event_id = 0;
  std::int64_t hub_time_ms = 0;
  // The device's journal key (journal_key.h), 64 hex digits: its journal files are signed with it.
  // Empty from a hub older than journal file version 2.
  std::string journal_key;
};

struct ReconcileRequest {
  std::string device_id;
  std::int64_t count = 0;
  std::string sha256;  // hex, over the sorted UUIDs joined by '\n'
};

struct SequenceRange {
  std::int64_t first = 0;
  std::int64_t last = 0;
  bool operator==(const SequenceRange&) const = default;
};

struct ReconcileAnswer {
  bool matches = false;
  std::int64_t hub_count = 0;
  std::string hub_sha256;
  std::vector<SequenceRange> missing;  // sequences the hub lacks, below the device's highest
};

// Count and SHA-256 (hex) over the UUIDs sorted and joined by '\n': the same digest on both sides.
std::string uuid_set_digest(std::vector<std::string> uuids);

// ---- JSON
std::string to_json(const WireEntry& entry);
std::string to_json(const UploadBatch& batch);
std::string to_json(const UploadAnswer& answer);
std::string to_json(const ChangePage& page);
std::string to_json(const EnrolRequest& request);
std::string to_json(const EnrolAnswer& answer);
std::string to_json(const ReconcileRequest& request);
std::string to_json(const ReconcileAnswer& answer);
// {"error": {"code": ..., "message": ...}}
std::string error_json(std::string_view code, std::string_view message);

// Every parse_* refuses JSON nested deeper than kMaxJsonDepth, and every number outside its bound:
// an entry's as validate() says; kiosk_time_ms and hub_time_ms within the clock bounds;
// clock_offset_ms within ±kMaxClockOffsetMs; acked_seq, cursor, remaining, counts and the
// reconciliation's missing ranges within 0 (1 for a seq) to kMaxSeq.
Result<WireEntry> parse_wire_entry(std::string_view json);
// Fails only when the envelope is bad (not JSON, too deep, no device_id, a number out of bounds,
// too many entries); a bad entry inside, one out of bounds included, is returned as an
// IncomingEntry without `entry`, for the quarantine.
Result<IncomingBatch> parse_upload_batch(std::string_view json);
Result<UploadAnswer> parse_upload_answer(std::string_view json);
Result<ChangePage> parse_change_page(std::string_view json);
Result<EnrolRequest> parse_enrol_request(std::string_view json);
Result<EnrolAnswer> parse_enrol_answer(std::string_view json);
Result<ReconcileRequest> parse_reconcile_request(std::string_view json);
Result<ReconcileAnswer> parse_reconcile_answer(std::string_view json);

// Checks what JSON cannot: a UUID's shape, a day's shape, sizes, and every number's bound: seq and
// event 1 to kMaxSeq, wall_ms kMinClockMs to kMaxClockMs, monotonic_ns >= 0. Used by the hub before
// storing and before serving an entry it stored, and by tests; parse_* already call it.
Status validate(const WireEntry& entry);

}  // namespace passerelle::sync
