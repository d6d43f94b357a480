// PgHubStore's participants for the live view: the search and the participant page, read from the
// registry copy (pg_publish.h) and the journal in one REPEATABLE READ snapshot, answering as
// SqliteHubStore does from the event file (sync/hub/store/sqlite_hub_participants.cpp, whose
// queries these mirror: change both together). tests/hub/hub_store_participants_test.cpp holds
// both storages to the same answers. Badges are not revoked or reissued here (HubStore's default):
// the event file is the registry's home, and a revocation written only in this copy would be
// undone by the next publish.
//
// Ids: participants are this database's row ids, as in live_rows: what the search lists, the page
// accepts.
#include <string>
#include <vector>

#include "core/store/participant_search.h"
#include "core/util/strings.h"
#include "sync/hub/pg/pg_hub_internal.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/pg/pg_text_array.h"
#include "sync/hub/store/figure_rows.h"

namespace passerelle::hub::pg {
namespace {

// Mirrors Store::search (core/store/participant_store.cpp). There, FTS5 matches the query's words
// as prefixes ("word"*) against the tokens of the folded text that its ascii tokenizer splits at
// spaces; here the same folded text is participant.search_folded, and a word begins one of its
// tokens when ' ' || word occurs in ' ' || search_folded. Words hold [a-z0-9] only
// (search_words), so strpos needs no escaping, unlike LIKE. The order is Store::search's: last
// then first name by NOCASE, then the row id (this copy numbers rows in the file's order).
// Not PostgreSQL's text search: unaccent has rules of its own, not the ICU transliteration that
// fold_for_search applies (names in other scripts, for one), so the storages would find different
// people; and it needs an extension. One event's rows are few enough to test each.
// The registration ID's holder comes first, as there: SQLite's NOCASE folds ASCII letters only,
// hence translate() rather than lower().
Result<std::vector<ParticipantMatch>> search(PgConnection& db, std::int64_t event_id, std::string_view id_text,
                                             const std::vector<std::string>& words, int limit) {
  constexpr const char* kColumns = "SELECT id, external_id, first_name, last_name, organisation, country, status ";
  std::vector<ParticipantMatch> matches;
  std::int64_t holder = -1;  // row ids are positive
  const auto append = [&](const auto& rows) {
    for (int row = 0; row < rows.rows(); ++row) {
      if (rows.int64(row, 0) == holder) continue;
      matches.push_back(ParticipantMatch{
          rows.int64(row, 0), std::string(rows.text(row, 1)), std::string(rows.text(row, 2)),
          std::string(rows.text(row, 3)), std::string(rows.text(row, 4)), std::string(rows.text(row, 5)),
          parse_participant_status(rows.text(row, 6)).value_or(ParticipantStatus::registered)});
    }
  };
  if (!id_text.empty()) {
    PSL_ASSIGN_OR_RETURN(const auto rows,
                         db.query(std::string(kColumns) +
                                      "FROM participant WHERE event_id = $1 AND translate(external_id, "
                                      "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = translate($2, "
                                      "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') ORDER BY id LIMIT 1",
                                  event_id, std::string(id_text)));
    append(rows);
    if (!matches.empty()) holder = matches.front().id;
  }
  if (!words.empty()) {
    PSL_ASSIGN_OR_RETURN(
        const auto rows,
        db.query(std::string(kColumns) +
                     "FROM participant WHERE event_id = $1 AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS "
                     "query(word) WHERE strpos(' ' || search_folded, ' ' || query.word) = 0) ORDER BY " +
                     nocase_order("last_name") + ", " + nocase_order("first_name") + ", id LIMIT $3",
                 event_id, text_array(words), limit));
    append(rows);
  }
  if (matches.size() > static_cast<std::size_t>(limit)) matches.resize(static_cast<std::size_t>(limit));
  return matches;
}

// Mirrors card_entries: the newest first, on the hub's clock, ties by UUID (bytes, as SQLite's
// BINARY), kinds and outcomes the protocol does not know left out.
Result<std::vector<CardEntry>> card_entries(PgConnection& db, std::int64_t participant_id) {
  PSL_ASSIGN_OR_RETURN(
      const auto rows,
      db.query(std::string("SELECT ") + kCorrectedWallMs +
                   " AS at_ms, j.kind, j.outcome, coalesce(c.name, ''), j.device_id FROM journal j "
                   "LEFT JOIN checkpoint c ON c.id = j.checkpoint_id LEFT JOIN hub_received r ON r.uuid = j.uuid "
                   "WHERE j.participant_id = $1 ORDER BY at_ms DESC, j.uuid COLLATE \"C\" DESC LIMIT $2",
               participant_id, kMaxCardEntries));
  std::vector<CardEntry> entries;
  entries.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    const auto kind = parse_entry_kind(rows.text(row, 1));
    const auto outcome = parse_outcome(rows.text(row, 2));
    if (!kind || !outcome) continue;
    entries.push_back(
        CardEntry{rows.int64(row, 0), *kind, *outcome, std::string(rows.text(row, 3)), std::string(rows.text(row, 4))});
  }
  return entries;
}

// Mirrors card_meetings: every meeting row of theirs, cancelled ones too, by start then the event
// file's id (source_id), with the other participant as partner.
Result<std::vector<CardMeeting>> card_meetings(PgConnection& db, std::int64_t participant_id) {
  PSL_ASSIGN_OR_RETURN(
      const auto rows,
      db.query("SELECT m.slot_start_ms, m.slot_end_ms, m.table_label, m.status, m.origin, p.id, p.first_name, "
               "p.last_name, p.organisation FROM meeting m JOIN participant p ON p.id = CASE WHEN "
               "m.participant_a = $1 THEN m.participant_b ELSE m.participant_a END "
               "WHERE m.participant_a = $1 OR m.participant_b = $1 ORDER BY m.slot_start_ms, m.source_id",
               participant_id));
  std::vector<CardMeeting> meetings;
  meetings.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    CardMeeting meeting;
    meeting.start_ms = rows.int64(row, 0);
    meeting.end_ms = rows.int64(row, 1);
    meeting.table_label = std::string(rows.text(row, 2));
    meeting.status = std::string(rows.text(row, 3));
    meeting.origin = std::string(rows.text(row, 4));
    meeting.partner_id = rows.int64(row, 5);
    meeting.partner_name = person_name(rows.text(row, 6), rows.text(row, 7));
    meeting.partner_organisation = std::string(rows.text(row, 8));
    meetings.push_back(std::move(meeting));
  }
  return meetings;
}

// Mirrors card_revocations.
Result<std::vector<CardRevocation>> card_revocations(PgConnection& db, std::int64_t participant_id) {
  PSL_ASSIGN_OR_RETURN(const auto rows, db.query("SELECT badge_serial, reason, revoked_ms FROM badge_revocation "
                                                 "WHERE participant_id = $1 ORDER BY badge_serial",
                                                 participant_id));
  std::vector<CardRevocation> revocations;
  revocations.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row)
    revocations.push_back(CardRevocation{rows.int64(row, 0), std::string(rows.text(row, 1)), rows.int64(row, 2)});
  return revocations;
}

}  // namespace

Result<std::vector<ParticipantMatch>> PgHubStore::search_participants(std::int64_t event_id, std::string_view text,
                                                                      int limit) {
  if (limit < 1 || limit > kMaxSearchResults)
    return make_error(Errc::invalid_input, "a search lists 1 to " + std::to_string(kMaxSearchResults) + " people");
  // Folded once, here: the participants' side was folded by publish.
  const std::vector<std::string> words = search_words(text);
  const std::string_view id_text = trim(text);
  if (words.empty() && id_text.empty()) return std::vector<ParticipantMatch>{};
  return pool_.read([&](PgConnection& db) { return search(db, event_id, id_text, words, limit); });
}

Result<std::optional<ParticipantCard>> PgHubStore::participant_card(std::int64_t event_id,
                                                                    std::int64_t participant_id) {
  return pool_.read([&](PgConnection& db) -> Result<std::optional<ParticipantCard>> {
    PSL_ASSIGN_OR_RETURN(auto found, participants_by_id(db, {participant_id}));
    const auto stored = found.find(participant_id);
    // An id of another event is none, as on the event file.
    if (stored == found.end() || stored->second.change.event != event_id) return std::optional<ParticipantCard>{};
    auto& change = stored->second.change;
    ParticipantCard card;
    card.participant.id = participant_id;
    card.participant.event_id = change.event;
    card.participant.badge_serial = change.badge_serial;
    card.participant.badge_issued_s = change.badge_issued_s;
    card.participant.agenda_printed = std::move(change.agenda_printed);
    card.participant.record = std::move(change.record);
    card.erased = stored->second.erased;
    PSL_ASSIGN_OR_RETURN(card.entries, card_entries(db, participant_id));
    PSL_ASSIGN_OR_RETURN(card.meetings, card_meetings(db, participant_id));
    PSL_ASSIGN_OR_RETURN(card.revocations, card_revocations(db, participant_id));
    return std::optional<ParticipantCard>(std::move(card));
  });
}

}  // namespace passerelle::hub::pg
