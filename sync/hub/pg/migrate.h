// Forward-only schema migrations for a PostgreSQL database, keyed by a one-row version table.
//
// The version lives in `passerelle_schema_version` (created on first use). Each migration runs in
// its own transaction together with the version bump, so a failure leaves the database at the
// previous version, never half-migrated (PostgreSQL's DDL is transactional). Every transaction
// first takes a transaction-scoped advisory lock (pg_advisory_xact_lock), so hub processes that
// start at once serialise: the first applies a migration, the others then see the new version and
// skip it. The lock is released by COMMIT or ROLLBACK, also when a process dies.
// Thread safety: as PgConnection (one thread). The connection must not be in a transaction.
// Failure: a database newer than every known migration fails with Errc::unsupported and is left
// untouched; a failing migration returns its error (message naming the migration) and rolls back;
// connection and server errors as in pq.h.
#pragma once

#include <cstdint>
#include <span>

#include "sync/hub/pg/pq.h"

namespace passerelle::hub::pg {

struct PgMigration {
  int version;              // 1, 2, 3, ... with no gaps
  const char* description;  // for logs and errors
  const char* sql;          // parameterless; may hold several statements
};

// The advisory lock key the migrations hold; other code must not take it.
inline constexpr std::int64_t kMigrationLockKey = 0x50534c5f4d494752;  // "PSL_MIGR"

// The database's schema version: 0 when it was never migrated.
Result<int> schema_version(PgConnection& connection);

// Brings the database to the last of `migrations`.
Status migrate(PgConnection& connection, std::span<const PgMigration> migrations);

}  // namespace passerelle::hub::pg
