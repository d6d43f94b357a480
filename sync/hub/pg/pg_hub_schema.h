// The hub's tables in PostgreSQL (`--db postgresql://...`): a copy of event files' registries
// without secrets, and what sync keeps (devices, tokens, codes, journal, quarantine, alerts, feed).
//
// docs/sync.md "Storage" says what lives where. The registry rows arrive only by `publish`
// (pg_publish.h), which copies them from an event file; signing keys arrive as public halves, so
// this schema has no column that could hold a secret key.
// Migrations run under migrate.h's advisory lock, so hub processes that start at once are safe.
// Thread safety: as PgConnection. Failure: as migrate().
#pragma once

#include <cstdint>
#include <span>

#include "sync/hub/pg/migrate.h"
#include "sync/hub/pg/pq.h"

namespace passerelle::hub::pg {

// Every row of hub_feed draws its seq from this one feed counter (feed.h): a device's download
// reads its own event's rows and every event's keys in one seq order, so the feed cannot be split
// per event.
inline constexpr std::int64_t kHubFeedId = 0;

// The channel every transaction that adds feed rows notifies (payload: an event id it added rows
// of; PendingFeed::flush), delivered at its COMMIT only; what PgFeedWatch LISTENs to.
inline constexpr const char* kFeedChannel = "passerelle_feed";

std::span<const PgMigration> hub_migrations();

// Brings the database to the current hub schema. Errc::unsupported: a newer hub's database.
Status migrate_hub_schema(PgConnection& connection);

}  // namespace passerelle::hub::pg
