// Forward-only schema migrations keyed by PRAGMA user_version.
//
// Each migration runs in its own IMMEDIATE transaction together with the user_version bump, so
// a crash leaves the database at the previous version, never half-migrated. Two processes
// opening the same file at once serialise on the write lock; the loser sees the new version.
#pragma once

#include <span>

#include "core/db/sqlite.h"

namespace passerelle::db {

struct Migration {
  int version;              // 1, 2, 3, … with no gaps
  const char* description;  // for logs and errors
  const char* sql;
};

// Current user_version of the file.
Result<int> schema_version(Database& database);

// Brings the file to `target_version` (default: the last migration). A file newer than every
// known migration fails with Errc::unsupported and is left untouched.
Status migrate(Database& database, std::span<const Migration> migrations, int target_version = -1);

}  // namespace passerelle::db
