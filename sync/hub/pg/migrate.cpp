#include "sync/hub/pg/migrate.h"

#include <cassert>
#include <string>

namespace passerelle::hub::pg {

namespace {

constexpr const char* kCreateVersionTable = R"sql(
CREATE TABLE IF NOT EXISTS passerelle_schema_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version integer NOT NULL CHECK (version >= 0)
);
INSERT INTO passerelle_schema_version (version) VALUES (0) ON CONFLICT DO NOTHING;
)sql";

Result<int> read_version(PgConnection& connection) {
  PSL_ASSIGN_OR_RETURN(const auto result, connection.query("SELECT version FROM passerelle_schema_version"));
  if (result.rows() != 1) return make_error(Errc::database, "passerelle_schema_version does not hold one row");
  return static_cast<int>(result.int64(0, 0));
}

Error newer_than_known(int current, int latest) {
  return make_error(Errc::unsupported, "the PostgreSQL database has schema version " + std::to_string(current) +
                                           ", newer than this program's " + std::to_string(latest) +
                                           ": upgrade Passerelle to use it");
}

}  // namespace

Result<int> schema_version(PgConnection& connection) {
  PSL_ASSIGN_OR_RETURN(const auto exists,
                       connection.query("SELECT to_regclass('passerelle_schema_version') IS NOT NULL"));
  if (!exists.boolean(0, 0)) return 0;
  return read_version(connection);
}

Status migrate(PgConnection& connection, std::span<const PgMigration> migrations) {
  assert(!connection.in_transaction() && "migrate() inside an open transaction");
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    assert(migrations[i].version == static_cast<int>(i) + 1 && "migration versions must be 1, 2, 3, ...");
  }
  const int latest = migrations.empty() ? 0 : migrations.back().version;

  // The common case, an up-to-date database, costs one query and no lock.
  PSL_ASSIGN_OR_RETURN(const int seen, schema_version(connection));
  if (seen > latest) return newer_than_known(seen, latest);
  if (seen == latest) return {};

  for (const PgMigration& migration : migrations) {
    if (migration.version <= seen) continue;
    // READ COMMITTED: each statement after the lock takes a fresh snapshot and so sees what the
    // process that held the lock before us committed (REPEATABLE READ would still show the past).
    PSL_ASSIGN_OR_RETURN(auto transaction, PgTransaction::begin(connection, PgIsolation::read_committed));
    PSL_TRY(connection.query("SELECT pg_advisory_xact_lock($1::bigint)", kMigrationLockKey));
    PSL_TRY(connection.exec_script(kCreateVersionTable));
    PSL_ASSIGN_OR_RETURN(const int current, read_version(connection));
    if (current > latest) return newer_than_known(current, latest);
    if (current >= migration.version) continue;  // another process got here first; rolled back
    if (current != migration.version - 1) {
      return make_error(Errc::database, "schema version " + std::to_string(current) + " cannot be migrated to " +
                                            std::to_string(migration.version));
    }
    if (auto applied = connection.exec_script(migration.sql); !applied) {
      return make_error(applied.error().code, "migration " + std::to_string(migration.version) + " (" +
                                                  migration.description + "): " + applied.error().message);
    }
    PSL_TRY(connection.query("UPDATE passerelle_schema_version SET version = $1", migration.version));
    PSL_TRY(transaction.commit());
  }
  return {};
}

}  // namespace passerelle::hub::pg
