// The hub's audit log (docs/PRIVACY.md): what was done to personal data, when, by whom, to which
// event and participant. One table on each storage (hub_audit in the event file, and in the
// PostgreSQL database the hub serves from), append-only by trigger on both.
//
// A line never names the person it concerns: it holds the participant's id, which after an erasure
// leads to no name, and the operator's reason only once checked not to name them (erasure.h).
// Thread safety: the functions use the Store or connection they are given (one thread each).
// Failure: the storage's errors (Store: core/db/sqlite.h; PostgreSQL: sync/hub/pg/pq.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/store.h"
#include "sync/hub/pg/pq.h"

namespace passerelle::hub::privacy {

struct AuditLine {
  std::int64_t id = 0;  // set when read back
  std::int64_t at_ms = 0;
  std::string action;  // "erase", "retention", "retention set"
  std::string actor;   // --operator, else the OS user running the command
  std::optional<std::int64_t> event_id;
  std::optional<std::int64_t> participant_id;
  std::string detail;  // counts and the operator's reason; never a name
};

// --operator if given, else the name of the OS user running this process ("uid N" without one).
std::string actor_name(const std::optional<std::string>& operator_name);

// Appends inside the caller's transaction (or alone, committing at once, when none is open). The
// event file's hub tables must exist (migrate_hub_schema).
Status append_audit(Store& store, const AuditLine& line);
Status append_audit(pg::PgConnection& database, const AuditLine& line);

// Every line, or the event's, oldest first.
Result<std::vector<AuditLine>> audit_lines(Store& store, std::optional<std::int64_t> event_id);
Result<std::vector<AuditLine>> audit_lines(pg::PgConnection& database, std::optional<std::int64_t> event_id);

}  // namespace passerelle::hub::privacy
