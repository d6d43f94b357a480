// Internal to the PostgreSQL hub store and publish/pull: the change-feed rows a transaction
// writes, and the registry copy and journal read back in wire form.
//
// Every function runs on the connection it is given, inside the caller's transaction.
// Thread safety: as PgConnection. Failure: as pq.h; a stored value this code cannot read back
// (a malformed array, a key id out of range) is Errc::database.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/b2b_session.h"
#include "core/model/checkpoint.h"
#include "sync/hub/pg/pq.h"
#include "sync/protocol/wire.h"

namespace passerelle::hub::pg {

// The feed rows of one transaction, written together by flush() just before COMMIT: the feed
// counter's lock (feed.h) is then held only for the end of the transaction, and rows get their
// seqs in the order they were added.
class PendingFeed {
 public:
  void add(std::int64_t event_id, std::string_view type, std::string ref,
           std::optional<std::string> device_id = std::nullopt);
  std::size_t size() const { return event_ids_.size(); }
  // Reserves the seqs and inserts the rows, and notifies kFeedChannel (pg_hub_schema.h) once per
  // event the rows are of, payload its id: PostgreSQL sends the notifications at COMMIT, and drops
  // them at ROLLBACK, so a listener hears of committed rows only. Nothing when there are no rows.
  // Then empty.
  Status flush(PgConnection& connection);

 private:
  std::vector<std::int64_t> event_ids_;
  std::vector<std::string> types_;
  std::vector<std::string> refs_;
  std::vector<std::optional<std::string>> device_ids_;
};

// "SELECT <the wire entry's 13 columns> FROM journal j ...": append WHERE/ORDER BY.
extern const char* const kWireEntrySelect;
// The wire entry in row `row`, its columns starting at `first` in kWireEntrySelect's order.
sync::WireEntry read_wire_entry(const PgResult& result, int row, int first = 0);

// A participant of the registry copy, with this database's row id and the columns kiosks never
// download (migration 10): participant_search_text of the record as publish last wrote it, and
// whether the event file erased them.
struct StoredParticipant {
  std::int64_t id = 0;
  sync::ParticipantChange change;
  std::string search_folded;
  bool erased = false;
};

// By this database's row ids; ids that name nothing are left out.
Result<std::map<std::int64_t, StoredParticipant>> participants_by_id(PgConnection& connection,
                                                                     const std::vector<std::int64_t>& ids);
// Every participant of the event, by external id.
Result<std::map<std::string, StoredParticipant>> participants_of_event(PgConnection& connection, std::int64_t event_id);
Result<std::map<std::int64_t, sync::KeyChange>> keys_by_id(PgConnection& connection,
                                                           const std::vector<std::int64_t>& key_ids);
// By this database's meeting row ids.
Result<std::map<std::int64_t, sync::MeetingChange>> meetings_by_id(PgConnection& connection,
                                                                   const std::vector<std::int64_t>& ids);
// By (participant row id, badge serial).
using RevocationRef = std::pair<std::int64_t, std::int64_t>;
Result<std::map<RevocationRef, sync::RevocationChange>> revocations_by_ref(PgConnection& connection,
                                                                           const std::vector<RevocationRef>& refs);
Result<std::map<std::string, sync::WireEntry>> entries_by_uuid(PgConnection& connection,
                                                               const std::vector<std::string>& uuids);

// The event as publish copied it (days ascending, as core's Store gives them); empty when there
// is no such event.
Result<std::optional<Event>> event_by_id(PgConnection& connection, std::int64_t event_id);

// As Store::checkpoints: by position (then the file's id), admitted tags by their bytes.
Result<std::vector<Checkpoint>> read_checkpoints(PgConnection& db, std::int64_t event_id);

// The event's [b2b] session as publish copied it, its areas by first table (as core's
// load_b2b_session gives them); empty when the event has none.
Result<std::optional<B2bSession>> session_of_event(PgConnection& connection, std::int64_t event_id);

}  // namespace passerelle::hub::pg
