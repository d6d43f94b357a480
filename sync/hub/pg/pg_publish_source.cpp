#include "sync/hub/pg/pg_publish_source.h"

#include <algorithm>

#include "core/store/b2b_store.h"
#include "sync/protocol/sync_store.h"

namespace passerelle::hub::pg {
namespace {

Result<std::int64_t> event_created_ms(db::Database& database, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT created_ms FROM event WHERE id = ?"));
  select.bind_all(event_id);
  PSL_ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return make_error(Errc::not_found, "no event with id " + std::to_string(event_id));
  return select.column_int(0);
}

Result<std::int64_t> meeting_request_count(db::Database& database, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT count(*) FROM meeting_request WHERE event_id = ?"));
  select.bind_all(event_id);
  PSL_ASSIGN_OR_RETURN(const bool found, select.step());
  return found ? select.column_int(0) : 0;
}

// The participants whose erasure the file holds: Store::is_erased, for the whole event at once.
Result<std::set<std::string, std::less<>>> erased_participants(db::Database& database, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT p.external_id FROM participant_erasure e JOIN "
                                                   "participant p ON p.id = e.participant_id WHERE p.event_id = ?"));
  select.bind_all(event_id);
  std::set<std::string, std::less<>> erased;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return erased;
    erased.insert(select.column_text(0));
  }
}

Result<std::vector<sync::RevocationChange>> revocations(db::Database& database, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT p.external_id, r.badge_serial, r.reason, r.revoked_ms "
                                                   "FROM badge_revocation r JOIN participant p ON p.id = "
                                                   "r.participant_id WHERE p.event_id = ? "
                                                   "ORDER BY r.revoked_ms, r.participant_id, r.badge_serial"));
  select.bind_all(event_id);
  std::vector<sync::RevocationChange> list;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return list;
    list.push_back(
        {event_id, select.column_text(0), select.column_int(1), select.column_text(2), select.column_int(3)});
  }
}

Result<std::vector<sync::MeetingChange>> meetings(db::Database& database, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(
      auto select, database.query("SELECT m.id, a.external_id, b.external_id, m.slot_start_ms, m.slot_end_ms, "
                                  "m.table_label, m.status, m.origin FROM meeting m "
                                  "JOIN participant a ON a.id = m.participant_a "
                                  "JOIN participant b ON b.id = m.participant_b WHERE m.event_id = ? ORDER BY m.id"));
  select.bind_all(event_id);
  std::vector<sync::MeetingChange> list;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return list;
    list.push_back({select.column_int(0), event_id, select.column_text(1), select.column_text(2), select.column_int(3),
                    select.column_int(4), select.column_text(5), select.column_text(6), select.column_text(7)});
  }
}

}  // namespace

Result<SourceEvent> read_source_event(Store& file, std::optional<std::int64_t> event_id) {
  // One snapshot: a command writing the file meanwhile is either wholly in it or not at all.
  PSL_ASSIGN_OR_RETURN(auto snapshot, db::Transaction::begin(file.database(), db::Transaction::Kind::deferred));
  SourceEvent source;
  PSL_ASSIGN_OR_RETURN(source.event, file.resolve_event(event_id));
  const std::int64_t id = source.event.id;
  PSL_ASSIGN_OR_RETURN(source.origin, file.device_id());
  PSL_ASSIGN_OR_RETURN(source.created_ms, event_created_ms(file.database(), id));
  PSL_ASSIGN_OR_RETURN(source.checkpoints, file.checkpoints(id));
  PSL_ASSIGN_OR_RETURN(source.session, load_b2b_session(file.database(), id));
  PSL_ASSIGN_OR_RETURN(source.meeting_requests, meeting_request_count(file.database(), id));
  PSL_ASSIGN_OR_RETURN(const auto staff_pin, file.staff_pin_hash(id));
  source.staff_pin_hash = staff_pin.value_or("");

  PSL_ASSIGN_OR_RETURN(auto people, file.participants(id));
  std::sort(people.begin(), people.end(), [](const Participant& a, const Participant& b) { return a.id < b.id; });
  source.participants.reserve(people.size());
  for (auto& person : people)
    source.participants.push_back(
        {id, std::move(person.record), person.badge_serial, person.badge_issued_s, std::move(person.agenda_printed)});
  PSL_ASSIGN_OR_RETURN(source.erased, erased_participants(file.database(), id));

  PSL_ASSIGN_OR_RETURN(const auto keys, file.signing_keys(id));
  for (const auto& key : keys)
    source.keys.push_back({key.key_id, key.event_id, key.public_key, key.created_ms, key.retired_ms});

  PSL_ASSIGN_OR_RETURN(source.revocations, revocations(file.database(), id));
  PSL_ASSIGN_OR_RETURN(source.meetings, meetings(file.database(), id));
  PSL_ASSIGN_OR_RETURN(source.entries, sync::SyncStore(file).wire_entries(id));
  return source;  // the snapshot's transaction ends here, rolled back: it only read
}

}  // namespace passerelle::hub::pg
