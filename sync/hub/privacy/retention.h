// Retention (docs/PRIVACY.md): an event's personal data is erased a set number of days after its
// last day. `passerelle-hub retention --event ID --days N` stores the setting in the event file
// (hub_retention); `passerelle-hub purge` applies every retention that is due, and `serve` runs
// the same purge at start and every day. An event without a setting is never purged.
//
// Due: at the event-local midnight that ends day (last day + N), i.e. N whole days after the
// event; give or take the hour of a clock change in between. Applying a retention erases every
// participant not erased yet (erasure.h, cause "retention"), blanks the event's entries' codes and
// operators and its quarantined uploads, writes an audit line, and scrubs the file (erasure.h,
// scrub). A purge that finds nothing left to erase writes nothing: purging daily is cheap.
// Thread safety: one Store per thread. Failure: Errc::invalid_input (negative or absurd days),
// Errc::not_found (no such event), erasure's and the store's errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/store.h"
#include "sync/hub/pg/pq.h"
#include "sync/hub/privacy/audit.h"
#include "sync/hub/privacy/erasure.h"

namespace passerelle::hub::privacy {

// At most about 30 years: a larger number is a typo, not a policy.
inline constexpr std::int64_t kMaxRetentionDays = 11'000;

struct Retention {
  std::int64_t event_id = 0;
  std::int64_t days = 0;
  std::int64_t set_ms = 0;
  std::optional<std::int64_t> applied_ms;  // the last purge that erased something
  std::int64_t due_ms = 0;                 // when it falls due (see above)
};

// Stores the event's retention, replacing an earlier one, with an audit line.
Status set_retention(Store& store, std::int64_t event_id, std::int64_t days, const std::string& actor);
// Every event's retention (or one event's), by event id.
Result<std::vector<Retention>> retentions(Store& store, std::optional<std::int64_t> event_id = std::nullopt);

struct PurgedEvent {
  std::int64_t event_id = 0;
  ErasureCounts file;
  std::optional<ErasureCounts> postgresql;  // when a database was given
};

// Applies every retention due at the store's clock: the database first (when given, pg_erasure.h),
// then the event file; then scrubs the file if anything was erased. Returns the events purged.
Result<std::vector<PurgedEvent>> purge(Store& store, const std::string& actor, pg::PgConnection* database = nullptr);

}  // namespace passerelle::hub::privacy
