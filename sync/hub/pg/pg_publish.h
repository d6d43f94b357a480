// publish and pull: moving an event between its event file and a PostgreSQL hub store
// (docs/sync.md "Storage").
//
// The event file stays the home of the registry and the only place that holds secret signing
// keys. publish copies one event's registry into PostgreSQL for PgHubStore to serve: the event
// with its days, language and checkpoints, its [b2b] session with its areas and how many meetings
// were requested (for the live view's figures), participants (tags, ticket codes, badge serial and issue time;
// for the live view, their folded search text and whether the file erased them),
// public keys, revocations and meetings, plus the journal entries the file holds that the database
// lacks (check-ins made at the hub desk on the file), stored as an organiser's import would. All
// of it in one transaction; a row whose content did not change is not written and gets no feed
// row, so publishing again adds nothing. pull copies the database's journal of the event back into
// the file (the entry rules, sync/protocol/entry_rules.h), so that exports, reports and check-in
// history work on the file; pulling again stores nothing new.
//
// An event in the database belongs to the file it was first published from (the file's device
// id): publishing or pulling an event of the same id from another file fails with Errc::conflict.
// Thread safety: the functions use the Store and connection they are given (one thread each);
// publish runs under a per-event advisory lock, so two publishes of one event serialise.
// Failure: the file's errors as core's Store; the database's as pq.h (busy after retries);
// Errc::not_found when the file has no such event, or (pull) the database was never given it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/store/store.h"
#include "core/util/clock.h"
#include "sync/hub/pg/pq.h"

namespace passerelle::hub::pg {

struct PublishSummary {
  std::int64_t event_id = 0;
  bool event_changed = false;     // the event row, its days, its checkpoints, or its B2B session
  std::int64_t participants = 0;  // inserted or changed
  std::int64_t keys = 0;
  std::int64_t revocations = 0;
  std::int64_t meetings = 0;
  std::int64_t entries_stored = 0;       // journal entries of the file the database lacked
  std::int64_t entries_quarantined = 0;  // of those, refused (see `passerelle-hub quarantine`)
  std::int64_t feed_rows = 0;
};

// The event file's local_state key that publish sets for the event, before writing the database:
// the event is (or may be) served from PostgreSQL, so that an erasure made on the file alone would
// leave personal data there (`passerelle-hub erase` then asks for --sync-db; docs/PRIVACY.md).
inline std::string published_key(std::int64_t event_id) {
  return "pg.published/" + std::to_string(event_id);
}

// `file` is read in one snapshot; `database` is migrated to the hub schema first and must not be
// in a transaction.
Result<PublishSummary> publish_event(Store& file, PgConnection& database, std::optional<std::int64_t> event_id,
                                     const Clock& clock);
Result<PublishSummary> publish_event(const std::filesystem::path& file, std::string_view url,
                                     std::optional<std::int64_t> event_id, const Clock& clock);

struct PullSummary {
  std::int64_t event_id = 0;
  std::int64_t stored = 0;      // new in the file
  std::int64_t duplicates = 0;  // held already
  std::int64_t refused = 0;     // the file refused them (conflicts, unknown participant): see the report
  std::int64_t doubles = 0;     // stored ones that make a double check-in in the file
};

Result<PullSummary> pull_event(Store& file, PgConnection& database, std::optional<std::int64_t> event_id);
Result<PullSummary> pull_event(const std::filesystem::path& file, std::string_view url,
                               std::optional<std::int64_t> event_id, const Clock& clock);

}  // namespace passerelle::hub::pg
