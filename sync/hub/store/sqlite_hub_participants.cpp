// SqliteHubStore's participants for the live view: search and the participant page read the
// event file; revoking and reissuing a badge write it through core's Store, as `badges revoke` and
// `badges reissue` do, so that the change feed's triggers carry them to the kiosks; a badge to
// print again is signed as `badges --participant` signs it. PostgreSQL
// storage mirrors the search and the page's queries (sync/hub/pg/pg_hub_participants.cpp): change
// both together; tests/hub/hub_store_participants_test.cpp holds both to the same answers.
#include "core/badge/issuer.h"
#include "sync/hub/store/figure_rows.h"
#include "sync/hub/store/sqlite_hub_queries.h"
#include "sync/hub/store/sqlite_hub_store.h"

namespace passerelle::hub {
namespace {

// The participant of that event, or empty (an id of another event is none).
Result<std::optional<Participant>> participant_of(Store& store, std::int64_t event_id, std::int64_t participant_id) {
  PSL_ASSIGN_OR_RETURN(auto person, store.participant(participant_id));
  if (!person || person->event_id != event_id) return std::optional<Participant>{};
  return person;
}

Result<std::vector<CardEntry>> card_entries(db::Database& database, std::int64_t participant_id) {
  PSL_ASSIGN_OR_RETURN(const std::string corrected, corrected_wall_ms(database));
  PSL_ASSIGN_OR_RETURN(auto select,
                       database.query("SELECT " + corrected +
                                      " AS at_ms, j.kind, j.outcome, coalesce(c.name, ''), j.device_id "
                                      "FROM journal j LEFT JOIN checkpoint c ON c.id = j.checkpoint_id "
                                      "WHERE j.participant_id = ? ORDER BY at_ms DESC, j.uuid DESC LIMIT ?"));
  select.bind_all(participant_id, kMaxCardEntries);
  std::vector<CardEntry> entries;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) break;
    const auto kind = parse_entry_kind(select.column_text(1));
    const auto outcome = parse_outcome(select.column_text(2));
    if (!kind || !outcome) continue;  // the journal's CHECKs admit none other
    entries.push_back(CardEntry{select.column_int(0), *kind, *outcome, select.column_text(3), select.column_text(4)});
  }
  return entries;
}

Result<std::vector<CardMeeting>> card_meetings(db::Database& database, std::int64_t participant_id) {
  PSL_ASSIGN_OR_RETURN(
      auto select,
      database.query("SELECT m.slot_start_ms, m.slot_end_ms, m.table_label, m.status, m.origin, p.id, p.first_name, "
                     "p.last_name, p.organisation FROM meeting m JOIN participant p ON p.id = CASE WHEN "
                     "m.participant_a = ?1 THEN m.participant_b ELSE m.participant_a END "
                     "WHERE m.participant_a = ?1 OR m.participant_b = ?1 ORDER BY m.slot_start_ms, m.id"));
  select.bind_all(participant_id);
  std::vector<CardMeeting> meetings;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) break;
    CardMeeting meeting;
    meeting.start_ms = select.column_int(0);
    meeting.end_ms = select.column_int(1);
    meeting.table_label = select.column_text(2);
    meeting.status = select.column_text(3);
    meeting.origin = select.column_text(4);
    meeting.partner_id = select.column_int(5);
    meeting.partner_name = person_name(select.column_text(6), select.column_text(7));
    meeting.partner_organisation = select.column_text(8);
    meetings.push_back(std::move(meeting));
  }
  return meetings;
}

Result<std::vector<CardRevocation>> card_revocations(db::Database& database, std::int64_t participant_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT badge_serial, reason, revoked_ms FROM badge_revocation "
                                                   "WHERE participant_id = ? ORDER BY badge_serial"));
  select.bind_all(participant_id);
  std::vector<CardRevocation> revocations;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) break;
    revocations.push_back(CardRevocation{select.column_int(0), select.column_text(1), select.column_int(2)});
  }
  return revocations;
}

}  // namespace

Result<std::vector<ParticipantMatch>> SqliteHubStore::search_participants(std::int64_t event_id, std::string_view text,
                                                                          int limit) {
  if (limit < 1 || limit > kMaxSearchResults)
    return make_error(Errc::invalid_input, "a search lists 1 to " + std::to_string(kMaxSearchResults) + " people");
  return sqlite_detail::in_read_snapshot(pool_, [&](Store& store) -> Result<std::vector<ParticipantMatch>> {
    PSL_ASSIGN_OR_RETURN(const auto found, store.search(event_id, text, limit));
    std::vector<ParticipantMatch> matches;
    matches.reserve(found.size());
    for (const auto& person : found) {
      const auto& record = person.record;
      matches.push_back(ParticipantMatch{person.id, record.external_id, record.first_name, record.last_name,
                                         record.organisation, record.country, record.status});
    }
    return matches;
  });
}

Result<std::optional<ParticipantCard>> SqliteHubStore::participant_card(std::int64_t event_id,
                                                                        std::int64_t participant_id) {
  return sqlite_detail::in_read_snapshot(pool_, [&](Store& store) -> Result<std::optional<ParticipantCard>> {
    PSL_ASSIGN_OR_RETURN(auto person, participant_of(store, event_id, participant_id));
    if (!person) return std::optional<ParticipantCard>{};
    ParticipantCard card;
    card.participant = std::move(*person);
    PSL_ASSIGN_OR_RETURN(card.erased, store.is_erased(participant_id));
    PSL_ASSIGN_OR_RETURN(card.entries, card_entries(store.database(), participant_id));
    PSL_ASSIGN_OR_RETURN(card.meetings, card_meetings(store.database(), participant_id));
    PSL_ASSIGN_OR_RETURN(card.revocations, card_revocations(store.database(), participant_id));
    return std::optional<ParticipantCard>(std::move(card));
  });
}

// Core's badge methods commit on their own: they run on the writer under the write mutex rather
// than inside in_write_transaction, and the participant's event is checked first on that writer.
Status SqliteHubStore::revoke_badge(std::int64_t event_id, std::int64_t participant_id, std::int64_t badge_serial,
                                    std::string_view reason) {
  std::lock_guard lock(write_mutex_);
  PSL_ASSIGN_OR_RETURN(Store * writer, pool_.writer());
  PSL_ASSIGN_OR_RETURN(const auto person, participant_of(*writer, event_id, participant_id));
  if (!person)
    return make_error(Errc::not_found, "no participant " + std::to_string(participant_id) + " in this event");
  return writer->revoke_badge(participant_id, badge_serial, reason);
}

Result<std::int64_t> SqliteHubStore::reissue_badge(std::int64_t event_id, std::int64_t participant_id) {
  std::lock_guard lock(write_mutex_);
  PSL_ASSIGN_OR_RETURN(Store * writer, pool_.writer());
  PSL_ASSIGN_OR_RETURN(const auto person, participant_of(*writer, event_id, participant_id));
  if (!person)
    return make_error(Errc::not_found, "no participant " + std::to_string(participant_id) + " in this event");
  return writer->reissue_badge(participant_id);
}

Result<std::optional<BadgeToPrint>> SqliteHubStore::badge_to_print(std::int64_t event_id, std::int64_t participant_id) {
  return sqlite_detail::in_read_snapshot(pool_, [&](Store& store) -> Result<std::optional<BadgeToPrint>> {
    PSL_ASSIGN_OR_RETURN(const auto person, participant_of(store, event_id, participant_id));
    if (!person) return std::optional<BadgeToPrint>{};
    PSL_ASSIGN_OR_RETURN(const auto event, store.find_event(event_id));
    PSL_ASSIGN_OR_RETURN(auto code, badge::badge_code(store, *person));
    return std::optional<BadgeToPrint>(
        BadgeToPrint{person->record, person->badge_serial, std::move(code), event ? event->name : ""});
  });
}

}  // namespace passerelle::hub
