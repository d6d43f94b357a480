// Store: the participant registry and its search index.
#include <algorithm>

#include "core/store/participant_search.h"
#include "core/store/store.h"
#include "core/util/strings.h"

namespace passerelle {
namespace {

constexpr const char* kParticipantColumns =
    "SELECT p.id, p.event_id, p.badge_serial, p.external_id, p.first_name, p.last_name, p.email, "
    "p.organisation, p.country, p.region, p.sector, p.org_type, p.language, p.role, p.status, p.badge_issued_s, "
    "p.agenda_printed FROM participant p ";

// FTS5 query: every folded word as a prefix, all required (participant_search.h's rule). Words
// are [a-z0-9] only, so quoting them cannot inject query syntax.
std::string fts_query(std::string_view text) {
  std::string query;
  for (const auto& word : search_words(text)) {
    if (!query.empty()) query += ' ';
    query += '"' + word + "\"*";
  }
  return query;
}

}  // namespace

Result<std::optional<Participant>> Store::load_participant(db::Query& query) {
  PSL_ASSIGN_OR_RETURN(const bool has_row, query.step());
  if (!has_row) return std::optional<Participant>();
  Participant participant;
  participant.id = query.column_int(0);
  participant.event_id = query.column_int(1);
  participant.badge_serial = query.column_int(2);
  auto& record = participant.record;
  record.external_id = query.column_text(3);
  record.first_name = query.column_text(4);
  record.last_name = query.column_text(5);
  record.email = query.column_text(6);
  record.organisation = query.column_text(7);
  record.country = query.column_text(8);
  record.region = query.column_text(9);
  record.sector = query.column_text(10);
  record.org_type = parse_org_type(query.column_text(11)).value_or(OrgType::unspecified);
  record.language = parse_language(query.column_text(12)).value_or(Language::en);
  record.role = query.column_text(13);
  record.status = parse_participant_status(query.column_text(14)).value_or(ParticipantStatus::registered);
  participant.badge_issued_s = query.column_int(15);
  participant.agenda_printed = query.column_text(16);
  return std::optional<Participant>(std::move(participant));
}

Result<std::vector<std::string>> Store::participant_tags(std::int64_t participant_id) {
  PSL_ASSIGN_OR_RETURN(auto select,
                       database_.query("SELECT tag FROM participant_tag WHERE participant_id = ? ORDER BY tag"));
  return select.bind_all(participant_id).collect_texts();
}

Result<std::vector<std::string>> Store::participant_codes(std::int64_t participant_id) {
  PSL_ASSIGN_OR_RETURN(auto select,
                       database_.query("SELECT code FROM ticket_code WHERE participant_id = ? ORDER BY code"));
  return select.bind_all(participant_id).collect_texts();
}

Result<std::optional<Participant>> Store::participant(std::int64_t participant_id) {
  std::optional<Participant> found;
  {
    PSL_ASSIGN_OR_RETURN(auto select, database_.query(std::string(kParticipantColumns) + "WHERE p.id = ?"));
    select.bind_all(participant_id);
    PSL_ASSIGN_OR_RETURN(found, load_participant(select));
  }
  if (found) {
    PSL_ASSIGN_OR_RETURN(found->record.tags, participant_tags(found->id));
    PSL_ASSIGN_OR_RETURN(found->record.ticket_codes, participant_codes(found->id));
  }
  return found;
}

Result<std::optional<Participant>> Store::find_by_external_id(std::int64_t event_id, std::string_view external_id) {
  std::optional<std::int64_t> id;
  {
    PSL_ASSIGN_OR_RETURN(auto select,
                         database_.query("SELECT id FROM participant WHERE event_id = ? AND external_id = ?"));
    select.bind_all(event_id, external_id);
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (has_row) id = select.column_int(0);
  }
  if (!id) return std::optional<Participant>();
  return participant(*id);
}

Result<std::optional<std::int64_t>> Store::ticket_code_owner(std::int64_t event_id, std::string_view code) {
  PSL_ASSIGN_OR_RETURN(auto select,
                       database_.query("SELECT participant_id FROM ticket_code WHERE event_id = ? AND code = ?"));
  select.bind_all(event_id, code);
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  return has_row ? std::optional<std::int64_t>(select.column_int(0)) : std::nullopt;
}

Result<std::optional<Participant>> Store::find_by_ticket_code(std::int64_t event_id, std::string_view code) {
  PSL_ASSIGN_OR_RETURN(const auto owner, ticket_code_owner(event_id, code));
  if (!owner) return std::optional<Participant>();
  return participant(*owner);
}

Result<UpsertResult> Store::upsert_participant_in_transaction(std::int64_t event_id, const ParticipantRecord& input) {
  ParticipantRecord record = input;
  std::sort(record.tags.begin(), record.tags.end());
  record.tags.erase(std::unique(record.tags.begin(), record.tags.end()), record.tags.end());
  std::sort(record.ticket_codes.begin(), record.ticket_codes.end());
  record.ticket_codes.erase(std::unique(record.ticket_codes.begin(), record.ticket_codes.end()),
                            record.ticket_codes.end());

  PSL_ASSIGN_OR_RETURN(auto existing, find_by_external_id(event_id, record.external_id));
  if (existing && existing->record == record) return UpsertResult::unchanged;
  // An erased participant stays erased (docs/PRIVACY.md): a re-import of the old registration file
  // must not bring their data back. Kiosks hold no erasure rows and take the blanked row.
  if (existing) {
    PSL_ASSIGN_OR_RETURN(const bool erased, is_erased(existing->id));
    if (erased) return UpsertResult::unchanged;
  }

  for (const auto& code : record.ticket_codes) {
    PSL_ASSIGN_OR_RETURN(const auto owner, ticket_code_owner(event_id, code));
    if (owner && (!existing || *owner != existing->id)) {
      PSL_ASSIGN_OR_RETURN(const auto holder, participant(*owner));
      return make_error(Errc::conflict, "ticket code '" + code + "' already belongs to participant " +
                                            (holder ? holder->record.external_id : std::to_string(*owner)));
    }
  }

  std::int64_t id = 0;
  if (existing) {
    id = existing->id;
    PSL_ASSIGN_OR_RETURN(
        auto update,
        database_.query(
            "UPDATE participant SET first_name = ?, last_name = ?, email = ?, organisation = ?, country = ?, "
            "region = ?, sector = ?, org_type = ?, language = ?, role = ?, status = ?, updated_ms = ? WHERE id = ?"));
    PSL_TRY(update
                .bind_all(record.first_name, record.last_name, record.email, record.organisation, record.country,
                          record.region, record.sector, to_string(record.org_type), to_string(record.language),
                          record.role, to_string(record.status), clock_->wall_ms(), id)
                .run());
  } else {
    PSL_ASSIGN_OR_RETURN(
        auto insert,
        database_.query(
            "INSERT INTO participant(event_id, external_id, first_name, last_name, email, organisation, country, "
            "region, sector, org_type, language, role, status, updated_ms, badge_issued_s) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?14, ?14 / 1000) RETURNING id"));
    insert.bind_all(event_id, record.external_id, record.first_name, record.last_name, record.email,
                    record.organisation, record.country, record.region, record.sector, to_string(record.org_type),
                    to_string(record.language), record.role, to_string(record.status), clock_->wall_ms());
    PSL_ASSIGN_OR_RETURN(const bool has_row, insert.step());
    if (!has_row) return make_error(Errc::database, "participant insert returned no id");
    id = insert.column_int(0);
  }

  if (!existing || existing->record.tags != record.tags) {
    {
      PSL_ASSIGN_OR_RETURN(auto erase, database_.query("DELETE FROM participant_tag WHERE participant_id = ?"));
      PSL_TRY(erase.bind_all(id).run());
    }
    for (const auto& tag : record.tags) {
      PSL_ASSIGN_OR_RETURN(auto insert,
                           database_.query("INSERT INTO participant_tag(participant_id, tag) VALUES (?, ?)"));
      PSL_TRY(insert.bind_all(id, tag).run());
    }
  }
  if (!existing || existing->record.ticket_codes != record.ticket_codes) {
    {
      PSL_ASSIGN_OR_RETURN(auto erase, database_.query("DELETE FROM ticket_code WHERE participant_id = ?"));
      PSL_TRY(erase.bind_all(id).run());
    }
    for (const auto& code : record.ticket_codes) {
      PSL_ASSIGN_OR_RETURN(auto insert,
                           database_.query("INSERT INTO ticket_code(event_id, code, participant_id) VALUES (?, ?, ?)"));
      PSL_TRY(insert.bind_all(event_id, code, id).run());
    }
  }
  const std::string folded = participant_search_text(record);
  if (!existing || participant_search_text(existing->record) != folded) {
    PSL_ASSIGN_OR_RETURN(auto index,
                         database_.query("INSERT OR REPLACE INTO participant_search(rowid, folded) VALUES (?, ?)"));
    PSL_TRY(index.bind_all(id, folded).run());
  }
  return existing ? UpsertResult::updated : UpsertResult::inserted;
}

Result<std::vector<Participant>> Store::search(std::int64_t event_id, std::string_view text, int limit) {
  std::vector<Participant> found;
  if (limit <= 0) return found;
  // A registration ID, typed or read off a badge: its holder first (ASCII case ignored), then
  // whoever the words name. PostgreSQL storage mirrors this (pg_hub_participants.cpp).
  if (const auto id = trim(text); !id.empty()) {
    PSL_ASSIGN_OR_RETURN(auto exact, database_.query(std::string(kParticipantColumns) +
                                                     "WHERE p.event_id = ? AND p.external_id = ? COLLATE NOCASE "
                                                     "ORDER BY p.id LIMIT 1"));
    exact.bind_all(event_id, id);
    PSL_ASSIGN_OR_RETURN(auto holder, load_participant(exact));
    if (holder) found.push_back(std::move(*holder));
  }
  const std::string query = fts_query(text);
  if (!query.empty()) {
    // Row ids are positive: -1 is nobody (an optional here draws GCC 12's maybe-uninitialized).
    const std::int64_t holder_id = found.empty() ? -1 : found.front().id;
    // Namesakes by id, as participants() lists them: a list cut at `limit` is then the same on
    // every read, and on PostgreSQL storage, whose rows are numbered in this file's order.
    PSL_ASSIGN_OR_RETURN(
        auto select, database_.query(std::string(kParticipantColumns) +
                                     "JOIN participant_search s ON s.rowid = p.id "
                                     "WHERE s.participant_search MATCH ? AND p.event_id = ? "
                                     "ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id LIMIT ?"));
    select.bind_all(query, event_id, limit);
    for (;;) {
      PSL_ASSIGN_OR_RETURN(auto participant, load_participant(select));
      if (!participant) break;
      if (participant->id == holder_id) continue;
      found.push_back(std::move(*participant));
    }
    if (found.size() > static_cast<std::size_t>(limit)) found.resize(static_cast<std::size_t>(limit));
  }
  for (auto& participant : found) {
    PSL_ASSIGN_OR_RETURN(participant.record.tags, participant_tags(participant.id));
    PSL_ASSIGN_OR_RETURN(participant.record.ticket_codes, participant_codes(participant.id));
  }
  return found;
}

Result<std::vector<std::string>> Store::external_ids(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT external_id FROM participant WHERE event_id = ?"));
  return select.bind_all(event_id).collect_texts();
}

Result<std::vector<Participant>> Store::participants(std::int64_t event_id) {
  std::vector<std::int64_t> ids;
  {
    PSL_ASSIGN_OR_RETURN(auto select,
                         database_.query("SELECT id FROM participant WHERE event_id = ? "
                                         "ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id"));
    select.bind_all(event_id);
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) break;
      ids.push_back(select.column_int(0));
    }
  }
  std::vector<Participant> list;
  list.reserve(ids.size());
  for (const auto id : ids) {
    PSL_ASSIGN_OR_RETURN(auto found, participant(id));
    if (found) list.push_back(std::move(*found));
  }
  return list;
}

Result<bool> Store::is_erased(std::int64_t participant_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT 1 FROM participant_erasure WHERE participant_id = ?"));
  select.bind_all(participant_id);
  return select.step();
}

Status Store::set_status_in_transaction(std::int64_t participant_id, ParticipantStatus status) {
  PSL_ASSIGN_OR_RETURN(
      auto update, database_.query("UPDATE participant SET status = ?, updated_ms = ? WHERE id = ? AND status <> ?1"));
  return update.bind_all(to_string(status), clock_->wall_ms(), participant_id).run();
}

// One statement, no transaction of its own: alone it commits as it runs, and inside a caller's
// Transaction it is part of that (a nested BEGIN would fail). An unchanged fingerprint writes
// nothing, so printing the same agenda again adds no feed row for every kiosk to download.
Status Store::set_agenda_printed(std::int64_t participant_id, std::string_view fingerprint) {
  if (!is_agenda_fingerprint(fingerprint))
    return make_error(Errc::invalid_input, "agenda fingerprint: at most " + std::to_string(kMaxAgendaFingerprint) +
                                               " lower-case hex digits");
  {
    PSL_ASSIGN_OR_RETURN(auto update, database_.query("UPDATE participant SET agenda_printed = ?1, updated_ms = ?2 "
                                                      "WHERE id = ?3 AND agenda_printed <> ?1"));
    PSL_TRY(update.bind_all(fingerprint, clock_->wall_ms(), participant_id).run());
    if (database_.changes() > 0) return {};
  }
  PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT 1 FROM participant WHERE id = ?"));
  select.bind_all(participant_id);
  PSL_ASSIGN_OR_RETURN(const bool known, select.step());
  if (!known) return make_error(Errc::not_found, "no participant " + std::to_string(participant_id));
  return {};
}

Result<std::int64_t> Store::participant_count(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT count(*) FROM participant WHERE event_id = ?"));
  select.bind_all(event_id);
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  return has_row ? select.column_int(0) : 0;
}

}  // namespace passerelle
