// Internal to PgHubStore and publish: queries several of their files share. Every function runs on
// the connection it is given, inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/pg/pg_hub_rows.h"
#include "sync/hub/pg/pq.h"
#include "sync/hub/store/hub_store.h"
#include "sync/protocol/wire.h"

namespace passerelle::hub::pg {

// An entry's time on the hub's clock, as an SQL expression over a journal row `j` joined with
// `LEFT JOIN hub_received r ON r.uuid = j.uuid`: its kiosk's wall clock plus the offset recorded
// when it arrived (none for entries made on the hub). Mirrors corrected_wall_ms (figure_rows.cpp).
inline constexpr const char* kCorrectedWallMs = "j.wall_ms + coalesce(r.clock_offset_ms, 0)";

// An ORDER BY key that sorts text `column` as SQLite's COLLATE NOCASE does: NOCASE folds ASCII
// letters only, then compares bytes, and translate() with COLLATE "C" does the same.
std::string nocase_order(std::string_view column);

// The device's principal (its authored ids, own first) and whether it is revoked; empty if
// unknown. `lock`: FOR UPDATE, held to the end of the transaction, so that a revocation or
// another upload of the device waits for this one.
struct DeviceRow {
  Principal principal;
  bool revoked = false;
};
Result<std::optional<DeviceRow>> load_device(PgConnection& connection, std::string_view device_id, bool lock);

// Every seq held for an authored id: stored in the journal, or quarantined with a seq.
Result<std::vector<std::int64_t>> held_sequences(PgConnection& connection, std::string_view authored_id);
// The UUIDs held for an authored id, as reconciliation counts them (stored and quarantined).
Result<std::vector<std::string>> held_uuids(PgConnection& connection, std::string_view authored_id);

// HubStore::ingest inside the caller's transaction: statuses, quarantine, alerts, the device's
// sync time, acked_seq; feed rows for stored entries go to `feed`, which the caller flushes
// before COMMIT. hub_time_ms is left for the caller. Errors as HubStore::ingest; `limits` bound a
// device's uploads (an organiser's have none).
Result<sync::UploadAnswer> ingest_in_transaction(PgConnection& connection, const Principal& uploader,
                                                 const sync::IncomingBatch& batch, std::int64_t now_ms,
                                                 PendingFeed& feed, const HubLimits& limits);

}  // namespace passerelle::hub::pg
