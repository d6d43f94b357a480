// Erasure of personal data (docs/PRIVACY.md): one person on request, or an event's participants
// when its retention is due. Personal data goes; the anonymous figures stay (country, region,
// sector, organisation type, language, status, tags, check-ins, meetings, answers), and so do the
// keyed hashes of the email and organisation (core/privacy/identity_keys.h) that count returning
// people across events.
//
// What an erasure does to the event file, in one transaction:
//   participant         names, email, organisation and role blanked, the agenda fingerprint
//                       cleared; the external id kept (kiosks and re-imports find the row by it)
//                       unless it is readable (an email, or holding the person's name), then
//                       replaced by "erased-<id>"; a participant_erasure row keeps the keys
//   ticket_code         the person's codes deleted (a code may be an email or a name)
//   participant_search  the person's row deleted (scrub() then rewrites the index's segments)
//   journal             code and operator blanked on the person's entries (as participant or
//                       partner) and on entries of no participant whose code was one of theirs;
//                       the operator blanked wherever it was the person (staff erased too);
//                       retention blanks every entry of the event. Kind, outcome, times and who
//                       stay: the counts do not change
//   rehearsal_entry     the person's rehearsal scans deleted (retention: all of the event's)
//   badge_revocation    the free-text reason blanked
//   hub_quarantine      raw JSON and detail blanked where they hold one of the person's readable
//                       strings, as sent or JSON-escaped (retention: every upload of the event)
//   hub_alert           detail blanked likewise
//   hub_audit           one line, naming no one
// The participant feed then carries the blanked row to kiosks. scrub() afterwards rewrites the
// file so that no deleted byte survives in free pages or the write-ahead log.
//
// Re-imports leave an erased participant erased (Store::upsert_participant_in_transaction).
// Thread safety: one Store per thread, as Store. Failure: Errc::not_found (no such participant or
// event), Errc::conflict (already erased), Errc::invalid_input (a reason that names the person),
// the identity key's errors (identity_keys.h), the store's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/store.h"
#include "sync/hub/privacy/audit.h"

namespace passerelle::hub::privacy {

enum class ErasureCause { retention, request };

struct ErasureTarget {
  std::int64_t participant_id = 0;
  std::string external_id;       // as held before the erasure
  std::string kept_external_id;  // as held after: the same, or "erased-<id>" for a readable one
  std::string operator_name;     // "First Last": entries this person made as staff
  // What may sit in free text (quarantined uploads, alerts, entries of no participant): names,
  // email, organisation, role, ticket codes, and a readable external id. At least 3 bytes each.
  std::vector<std::string> readable;
  // What the audit log's reason must not hold: the names, email and organisation.
  std::vector<std::string> names;
};

struct ErasurePlan {
  std::int64_t event_id = 0;
  ErasureCause cause = ErasureCause::request;
  std::vector<ErasureTarget> targets;
  bool whole_event = false;  // retention: every entry, rehearsal scan and upload of the event
};

struct ErasureCounts {
  std::int64_t participants = 0;
  std::int64_t entries = 0;      // journal entries whose code or operator was blanked
  std::int64_t rehearsal = 0;    // rehearsal scans deleted
  std::int64_t quarantined = 0;  // quarantined uploads blanked
};

// The plan to erase one participant of the event. Errc::not_found for an unknown participant (or
// one of another event), Errc::conflict when already erased.
Result<ErasurePlan> plan_erasure(Store& store, std::int64_t event_id, std::int64_t participant_id);
// The plan to apply the event's retention: every participant not erased yet, and the event's
// entries, rehearsal scans and uploads.
Result<ErasurePlan> plan_retention(Store& store, std::int64_t event_id);

// Checks an operator's --reason before it is written to the audit log: Errc::invalid_input when it
// holds a name, email or organisation of the plan's people (folded, so "DUPONT" counts).
Status check_reason(const ErasurePlan& plan, const std::string& reason);

// Carries out the plan on the event file in one transaction, with `audit` appended (its counts
// added to the detail). Creates the hub's identity key on first use (identity_keys.h).
Result<ErasureCounts> erase_in_file(Store& store, const ErasurePlan& plan, AuditLine audit);

// Leaves no erased byte in the file: merges the search index's segments (FTS5 'optimize'),
// checkpoints and truncates the write-ahead log, VACUUMs (free pages go), and truncates the log
// again. Takes the write lock; other connections may keep reading.
Status scrub(Store& store);

// `text` as a JSON encoder that escapes every non-ASCII character writes it ("é" -> "\u00e9"),
// lower-cased, so that an upload sent that way is found too (compared with its lower-cased JSON).
std::string json_escaped_lower(std::string_view text);

// The counts as the audit log and the commands print them: "3 participants, 12 entries, ...".
std::string describe(const ErasureCounts& counts);

// The audit line of an erasure done at `now_ms`: `audit` (who, and the reason as its detail)
// completed with the plan's event, the one participant of a request, and what was erased.
AuditLine erasure_audit_line(const ErasurePlan& plan, const ErasureCounts& counts, AuditLine audit,
                             std::int64_t now_ms);

}  // namespace passerelle::hub::privacy
