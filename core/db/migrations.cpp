#include "core/db/migrations.h"

#include <string>

namespace passerelle::db {

Result<int> schema_version(Database& database) {
  PSL_ASSIGN_OR_RETURN(auto query, database.query("PRAGMA user_version"));
  PSL_ASSIGN_OR_RETURN(const bool has_row, query.step());
  return has_row ? static_cast<int>(query.column_int(0)) : 0;
}

Status migrate(Database& database, std::span<const Migration> migrations, int target_version) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (target_version < 0) target_version = latest;
  for (const Migration& migration : migrations) {
    if (migration.version > target_version) break;
    PSL_ASSIGN_OR_RETURN(auto transaction, Transaction::begin(database));
    // Read inside the write lock: another process may have migrated since we last looked.
    PSL_ASSIGN_OR_RETURN(const int current, schema_version(database));
    if (current > latest) {
      return make_error(Errc::unsupported, database.path().string() + " has schema version " + std::to_string(current) +
                                               ", newer than this program's " + std::to_string(latest) +
                                               ": upgrade Passerelle to open it");
    }
    if (current >= migration.version) continue;  // rolled back by the destructor: nothing to do
    if (current != migration.version - 1) {
      return make_error(Errc::database, "schema version " + std::to_string(current) + " cannot be migrated to " +
                                            std::to_string(migration.version));
    }
    if (auto applied = database.exec(migration.sql); !applied) {
      return make_error(applied.error().code, std::string("migration ") + std::to_string(migration.version) + " (" +
                                                  migration.description + "): " + applied.error().message);
    }
    PSL_TRY(database.exec("PRAGMA user_version=" + std::to_string(migration.version)));
    PSL_TRY(transaction.commit());
  }
  // A file already past the last migration never enters the loop's body above.
  PSL_ASSIGN_OR_RETURN(const int final_version, schema_version(database));
  if (final_version > latest) {
    return make_error(Errc::unsupported, database.path().string() + " has schema version " +
                                             std::to_string(final_version) + ", newer than this program's " +
                                             std::to_string(latest) + ": upgrade Passerelle to open it");
  }
  return {};
}

}  // namespace passerelle::db
