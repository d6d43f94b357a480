// The hub's own tables in the event file (devices, tokens, enrolment codes, quarantine, alerts,
// the change feed and its triggers, organisers' accounts and web sessions), next to core's tables
// and migrated separately.
//
// Core's PRAGMA user_version belongs to core's migrations (core/store/schema.cpp); the hub keeps
// its version in core's local_state table under 'hub.schema_version'. Forward-only, one IMMEDIATE
// transaction per step with its version bump, as core/db/migrations.h does: a crash leaves the
// previous version, and two processes migrating at once serialise on the write lock.
// Kiosk bundles (core/store/bundle.cpp) copy named core tables only, never these.
// Failure: Errc::unsupported for a file from a newer hub; database/busy/io otherwise.
#pragma once

#include "core/db/sqlite.h"

namespace passerelle::hub {

inline constexpr int kHubSchemaVersion = 5;

// 0 when the file has no hub tables yet.
Result<int> hub_schema_version(db::Database& database);

// Expects core's schema to be current (Store::open has run). Creating the schema on a file that
// already holds a registry or journal puts every existing row into the change feed. `target` (a
// version up to kHubSchemaVersion) stops earlier: for tests that make a file of an older hub.
Status migrate_hub_schema(db::Database& database, int target = kHubSchemaVersion);

}  // namespace passerelle::hub
