// SyncStore::apply_change_page: a downloaded page of the hub's change feed, applied with its cursor in
// one transaction. The hub's registry is the authority: its latest state of a row wins here.
#include <algorithm>
#include <variant>

#include "sync/protocol/sync_store.h"

namespace passerelle::sync {
namespace {

Result<std::optional<std::int64_t>> participant_id_of(db::Database& database, std::int64_t event_id,
                                                      std::string_view external_id) {
  PSL_ASSIGN_OR_RETURN(auto select,
                       database.query("SELECT id FROM participant WHERE event_id = ? AND external_id = ?"));
  select.bind_all(event_id, external_id);
  PSL_ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(select.column_int(0));
}

Result<bool> has_event(db::Database& database, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT 1 FROM event WHERE id = ?"));
  select.bind_all(event_id);
  return select.step();
}

}  // namespace

Result<ApplySummary> SyncStore::apply_change_page(const ChangePage& page, std::string_view cursor_key) {
  db::Database& database = store_->database();
  PSL_ASSIGN_OR_RETURN(const auto own_ids, store_->authored_device_ids());
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database));
  ApplySummary summary;
  for (const auto& change : page.changes) {
    if (const auto* entry = std::get_if<WireEntry>(&change.data)) {
      if (std::find(own_ids.begin(), own_ids.end(), entry->device) != own_ids.end()) {
        ++summary.entries_skipped;
        continue;
      }
      PSL_ASSIGN_OR_RETURN(const auto result, insert_foreign_entry_in_transaction(*entry));
      if (result.status == ForeignEntryStatus::stored) {
        ++summary.entries_stored;
        if (result.doubles) ++summary.doubles;
      } else {
        ++summary.entries_skipped;
      }
    } else if (const auto* person = std::get_if<ParticipantChange>(&change.data)) {
      PSL_ASSIGN_OR_RETURN(const bool known_event, has_event(database, person->event));
      if (!known_event) continue;  // another event of the hub: not this kiosk's business
      // Codes move between participants in one hub transaction but reach us one row at a time:
      // the row being applied takes its codes from whoever holds them here.
      for (const auto& code : person->record.ticket_codes) {
        PSL_ASSIGN_OR_RETURN(auto release,
                             database.query("DELETE FROM ticket_code WHERE event_id = ?1 AND code = ?2 AND "
                                            "participant_id NOT IN (SELECT id FROM participant WHERE event_id = ?1 "
                                            "AND external_id = ?3)"));
        PSL_TRY(release.bind_all(person->event, code, person->record.external_id).run());
      }
      PSL_TRY(store_->upsert_participant_in_transaction(person->event, person->record));
      // What the hub alone decides, beyond the registration record: the badge, the agenda printed.
      PSL_ASSIGN_OR_RETURN(auto hub_state,
                           database.query("UPDATE participant SET badge_serial = ?, badge_issued_s = ?, "
                                          "agenda_printed = ? WHERE event_id = ? AND external_id = ?"));
      PSL_TRY(hub_state
                  .bind_all(person->badge_serial, person->badge_issued_s, person->agenda_printed, person->event,
                            person->record.external_id)
                  .run());
      ++summary.participants;
    } else if (const auto* revocation = std::get_if<RevocationChange>(&change.data)) {
      PSL_ASSIGN_OR_RETURN(const auto id, participant_id_of(database, revocation->event, revocation->participant));
      if (!id) continue;
      PSL_ASSIGN_OR_RETURN(auto insert,
                           database.query("INSERT OR IGNORE INTO badge_revocation(participant_id, badge_serial, "
                                          "reason, revoked_ms) VALUES (?, ?, ?, ?)"));
      PSL_TRY(insert.bind_all(*id, revocation->badge_serial, revocation->reason, revocation->revoked_ms).run());
      ++summary.revocations;
    } else if (const auto* key = std::get_if<KeyChange>(&change.data)) {
      // Public halves only; a retirement is the one change a key ever sees.
      PSL_ASSIGN_OR_RETURN(auto upsert,
                           database.query("INSERT INTO signing_key(key_id, event_id, public_key, secret_key, "
                                          "created_ms, retired_ms) VALUES (?, ?, ?, NULL, ?, ?) ON CONFLICT(key_id) "
                                          "DO UPDATE SET retired_ms = excluded.retired_ms"));
      upsert.bind_all(static_cast<std::int64_t>(key->key_id), key->event);
      upsert.bind_blob(3,
                       std::string_view(reinterpret_cast<const char*>(key->public_key.data()), key->public_key.size()));
      upsert.bind(4, key->created_ms).bind(5, key->retired_ms);
      PSL_TRY(upsert.run());
      ++summary.keys;
    } else if (const auto* meeting = std::get_if<MeetingChange>(&change.data)) {
      PSL_ASSIGN_OR_RETURN(const bool known_event, has_event(database, meeting->event));
      if (!known_event) continue;
      PSL_ASSIGN_OR_RETURN(const auto a, participant_id_of(database, meeting->event, meeting->participant_a));
      PSL_ASSIGN_OR_RETURN(const auto b, participant_id_of(database, meeting->event, meeting->participant_b));
      if (!a || !b) continue;
      PSL_ASSIGN_OR_RETURN(
          auto upsert,
          database.query("INSERT INTO meeting(id, event_id, participant_a, participant_b, slot_start_ms, slot_end_ms, "
                         "table_label, status, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE "
                         "SET participant_a = excluded.participant_a, participant_b = excluded.participant_b, "
                         "slot_start_ms = excluded.slot_start_ms, slot_end_ms = excluded.slot_end_ms, "
                         "table_label = excluded.table_label, status = excluded.status, origin = excluded.origin"));
      PSL_TRY(upsert
                  .bind_all(meeting->hub_id, meeting->event, *a, *b, meeting->slot_start_ms, meeting->slot_end_ms,
                            meeting->table_label, meeting->status, meeting->origin)
                  .run());
      ++summary.meetings;
    }
  }
  PSL_TRY(store_->set_local_value(cursor_key, std::to_string(page.cursor)));
  PSL_TRY(transaction.commit());
  return summary;
}

}  // namespace passerelle::sync
