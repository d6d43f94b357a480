// Erasure on the PostgreSQL database a hub serves kiosks from (docs/PRIVACY.md): the same plan as
// the event file's (erasure.h), carried out on the registry copy, the journal, the quarantine and
// the alerts there, in one transaction with its audit line, and with a feed row for each blanked
// participant so that kiosks syncing with PostgreSQL receive them blanked.
//
// Participants are found by external id (as published), or by the id they keep after erasure, so
// that running it again after an interrupted erasure finds what is left. A participant the event
// file holds but the database never received is skipped. Retention (whole_event) also blanks every
// participant of the event still readable here, which the plan may no longer name when the file
// was purged earlier without the database; an external id there holding an '@' becomes
// "erased-pg-<row id>" (a later publish then adds the file's blank "erased-<id>" row beside it). Erase here before the
// event file: if the database fails, the file still holds the names the plan is made from, and the command can run
// again. Thread safety: as PgConnection. Failure: as sync/hub/pg/pq.h (busy retried).
#pragma once

#include "sync/hub/pg/pq.h"
#include "sync/hub/privacy/erasure.h"

namespace passerelle::hub::privacy {

Result<ErasureCounts> erase_in_postgresql(pg::PgConnection& database, const ErasurePlan& plan, AuditLine audit,
                                          std::int64_t now_ms);

}  // namespace passerelle::hub::privacy
