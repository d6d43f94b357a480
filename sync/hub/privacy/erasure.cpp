#include "sync/hub/privacy/erasure.h"

#include <algorithm>

#include "core/privacy/identity_keys.h"
#include "core/text/fold.h"
#include "core/text/utf8.h"
#include "core/util/strings.h"
#include "sync/hub/store/sqlite_hub_schema.h"

namespace passerelle::hub::privacy {
namespace {

// Shorter strings would match inside unrelated uploads ("Li" in "Lille").
constexpr std::size_t kMinReadable = 3;

const char* cause_name(ErasureCause cause) {
  return cause == ErasureCause::retention ? "retention" : "request";
}

std::string json_escaped(std::string_view text) {
  std::string out;
  for (std::size_t offset = 0; offset < text.size();) {
    const auto character = decode_utf8(text, offset);
    offset += character.length;
    char32_t code_point = character.code_point;
    if (code_point < 0x80) {
      if (code_point == '"' || code_point == '\\') out += '\\';
      out += static_cast<char>(code_point);
      continue;
    }
    auto unit = [&out](unsigned value) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
    };
    if (code_point >= 0x10000) {
      code_point -= 0x10000;
      unit(0xD800 + static_cast<unsigned>(code_point >> 10));
      unit(0xDC00 + static_cast<unsigned>(code_point & 0x3FF));
    } else {
      unit(static_cast<unsigned>(code_point));
    }
  }
  return out;
}

// An external id that is itself personal data: an email, or one holding the person's name.
bool readable_external_id(const ParticipantRecord& record) {
  if (record.external_id.find('@') != std::string::npos) return true;
  const std::string folded = fold_for_search(record.external_id);
  for (const auto& name : {record.first_name, record.last_name}) {
    for (const auto& word : split_any(fold_for_search(name), " "))
      if (word.size() >= kMinReadable && folded.find(word) != std::string::npos) return true;
  }
  return false;
}

ErasureTarget target_of(const Participant& participant) {
  const auto& record = participant.record;
  ErasureTarget target;
  target.participant_id = participant.id;
  target.external_id = record.external_id;
  target.kept_external_id =
      readable_external_id(record) ? "erased-" + std::to_string(participant.id) : record.external_id;
  target.operator_name = std::string(trim(record.first_name + " " + record.last_name));
  for (const auto& name : {record.first_name, record.last_name, record.email, record.organisation})
    if (trim(name).size() >= kMinReadable) target.names.emplace_back(trim(name));
  std::vector<std::string> strings{record.first_name, record.last_name,    target.operator_name,
                                   record.email,      record.organisation, record.role};
  if (target.kept_external_id != record.external_id) strings.push_back(record.external_id);
  strings.insert(strings.end(), record.ticket_codes.begin(), record.ticket_codes.end());
  for (auto& text : strings) {
    std::string trimmed(trim(text));
    if (trimmed.size() < kMinReadable) continue;
    if (std::find(target.readable.begin(), target.readable.end(), trimmed) == target.readable.end())
      target.readable.push_back(std::move(trimmed));
  }
  return target;
}

Result<std::int64_t> run_counting(Store& store, std::string_view sql, auto&&... values) {
  PSL_ASSIGN_OR_RETURN(auto statement, store.database().query(sql));
  PSL_TRY(statement.bind_all(values...).run());
  return store.database().changes();
}

// Blanks the quarantined uploads and alerts that hold `text`, as sent or escaped: of any event,
// or (`unattributed_only`, for a retention, which blanks its event's whole) of no event only.
Result<std::int64_t> blank_free_text(Store& store, const std::string& text, bool unattributed_only) {
  const std::string escaped = json_escaped_lower(text);
  // Two statements rather than one with "?3 OR ...": each keeps its own plan, the retention's on
  // the event_id index.
  const char* uploads_sql = unattributed_only
                                ? "UPDATE hub_quarantine SET raw_json = '', detail = '' WHERE event_id IS NULL AND "
                                  "(instr(raw_json, ?1) > 0 OR instr(detail, ?1) > 0 OR instr(lower(raw_json), ?2) > 0)"
                                : "UPDATE hub_quarantine SET raw_json = '', detail = '' WHERE (raw_json <> '' OR "
                                  "detail <> '') AND (instr(raw_json, ?1) > 0 OR instr(detail, ?1) > 0 OR "
                                  "instr(lower(raw_json), ?2) > 0)";
  PSL_ASSIGN_OR_RETURN(const auto uploads, run_counting(store, uploads_sql, text, escaped));
  const char* alerts_sql = unattributed_only
                               ? "UPDATE hub_alert SET detail = '' WHERE event_id IS NULL AND instr(detail, ?1) > 0"
                               : "UPDATE hub_alert SET detail = '' WHERE detail <> '' AND instr(detail, ?1) > 0";
  PSL_TRY(run_counting(store, alerts_sql, text));
  return uploads;
}

// The person's entries (as participant or partner), entries of no participant whose code was one
// of theirs, and the operator's name wherever they were the staff member.
Status erase_entries_of(Store& store, std::int64_t event_id, const ErasureTarget& target, const std::string& email,
                        ErasureCounts& counts) {
  PSL_ASSIGN_OR_RETURN(
      const auto theirs,
      run_counting(store,
                   "UPDATE journal SET code = '', operator = '' WHERE event_id = ?1 AND (code <> '' OR operator <> '') "
                   "AND (participant_id = ?2 OR partner_id = ?2 OR (participant_id IS NULL AND code IN "
                   "(SELECT code FROM ticket_code WHERE participant_id = ?2 UNION SELECT ?3 UNION SELECT ?4)))",
                   event_id, target.participant_id, target.external_id, email));
  counts.entries += theirs;
  if (target.operator_name.empty()) return {};
  PSL_ASSIGN_OR_RETURN(
      const auto as_staff,
      run_counting(store, "UPDATE journal SET operator = '' WHERE event_id = ? AND operator = ? COLLATE NOCASE",
                   event_id, target.operator_name));
  counts.entries += as_staff;
  return {};
}

Result<ErasureCounts> erase_target(Store& store, const ErasurePlan& plan, const ErasureTarget& target,
                                   const passerelle::privacy::IdentityKey& key, std::int64_t now) {
  ErasureCounts counts;
  PSL_ASSIGN_OR_RETURN(const auto participant, store.participant(target.participant_id));
  if (!participant) return make_error(Errc::not_found, "no participant " + std::to_string(target.participant_id));
  const auto keys = passerelle::privacy::keys_of(key, *participant);
  PSL_TRY(run_counting(store,
                       "INSERT INTO participant_erasure(participant_id, event_id, erased_ms, cause, email_key, "
                       "organisation_key) VALUES (?, ?, ?, ?, ?, ?)",
                       target.participant_id, plan.event_id, now, cause_name(plan.cause), keys.email_key,
                       keys.organisation_key));
  // Entries first: their codes are matched against the person's codes, deleted next. A retention
  // blanks every entry of the event afterwards in one pass, so it skips these per-person scans,
  // which at thousands of participants would each read the event's whole journal.
  if (!plan.whole_event) PSL_TRY(erase_entries_of(store, plan.event_id, target, participant->record.email, counts));
  PSL_ASSIGN_OR_RETURN(counts.rehearsal,
                       run_counting(store, "DELETE FROM rehearsal_entry WHERE participant_id = ?1 OR partner_id = ?1",
                                    target.participant_id));
  PSL_TRY(run_counting(store, "DELETE FROM ticket_code WHERE participant_id = ?", target.participant_id));
  PSL_TRY(run_counting(store, "DELETE FROM participant_search WHERE rowid = ?", target.participant_id));
  PSL_TRY(run_counting(store, "UPDATE badge_revocation SET reason = '' WHERE participant_id = ? AND reason <> ''",
                       target.participant_id));
  PSL_TRY(run_counting(store,
                       "UPDATE participant SET first_name = '', last_name = '', email = '', organisation = '', "
                       "role = '', agenda_printed = '', external_id = ?, updated_ms = ? WHERE id = ?",
                       target.kept_external_id, now, target.participant_id));
  for (const auto& text : target.readable) {
    PSL_ASSIGN_OR_RETURN(const auto uploads, blank_free_text(store, text, plan.whole_event));
    counts.quarantined += uploads;
  }
  counts.participants = 1;
  return counts;
}

void add(ErasureCounts& total, const ErasureCounts& more) {
  total.participants += more.participants;
  total.entries += more.entries;
  total.rehearsal += more.rehearsal;
  total.quarantined += more.quarantined;
}

}  // namespace

std::string json_escaped_lower(std::string_view text) {
  return to_lower_ascii(json_escaped(text));
}

AuditLine erasure_audit_line(const ErasurePlan& plan, const ErasureCounts& counts, AuditLine audit,
                             std::int64_t now_ms) {
  audit.at_ms = now_ms;
  audit.event_id = plan.event_id;
  if (plan.cause == ErasureCause::request && plan.targets.size() == 1)
    audit.participant_id = plan.targets.front().participant_id;
  audit.detail = describe(counts) + (audit.detail.empty() ? "" : "; reason: " + audit.detail);
  return audit;
}

std::string describe(const ErasureCounts& counts) {
  return std::to_string(counts.participants) + " participants erased, " + std::to_string(counts.entries) +
         " entries' codes and operators blanked, " + std::to_string(counts.rehearsal) + " rehearsal scans deleted, " +
         std::to_string(counts.quarantined) + " quarantined uploads blanked";
}

Result<ErasurePlan> plan_erasure(Store& store, std::int64_t event_id, std::int64_t participant_id) {
  PSL_TRY(migrate_hub_schema(store.database()));
  PSL_ASSIGN_OR_RETURN(const auto participant, store.participant(participant_id));
  if (!participant || participant->event_id != event_id)
    return make_error(Errc::not_found,
                      "event " + std::to_string(event_id) + " has no participant " + std::to_string(participant_id));
  PSL_ASSIGN_OR_RETURN(const bool erased, store.is_erased(participant_id));
  if (erased)
    return make_error(Errc::conflict, "participant " + std::to_string(participant_id) +
                                          " was erased already (see: passerelle-hub audit)");
  ErasurePlan plan;
  plan.event_id = event_id;
  plan.cause = ErasureCause::request;
  plan.targets.push_back(target_of(*participant));
  return plan;
}

Result<ErasurePlan> plan_retention(Store& store, std::int64_t event_id) {
  PSL_TRY(migrate_hub_schema(store.database()));
  ErasurePlan plan;
  plan.event_id = event_id;
  plan.cause = ErasureCause::retention;
  plan.whole_event = true;
  std::vector<std::int64_t> ids;
  {
    PSL_ASSIGN_OR_RETURN(auto select,
                         store.database().query("SELECT id FROM participant WHERE event_id = ? AND id NOT IN "
                                                "(SELECT participant_id FROM participant_erasure) ORDER BY id"));
    select.bind_all(event_id);
    while (true) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) break;
      ids.push_back(select.column_int(0));
    }
  }
  for (const auto id : ids) {
    PSL_ASSIGN_OR_RETURN(const auto participant, store.participant(id));
    if (participant) plan.targets.push_back(target_of(*participant));
  }
  return plan;
}

Status check_reason(const ErasurePlan& plan, const std::string& reason) {
  const std::string folded = " " + fold_for_search(reason) + " ";
  const std::string lowered = to_lower_ascii(reason);
  for (const auto& target : plan.targets) {
    for (const auto& text : target.names) {
      const std::string word = fold_for_search(text);
      const bool named = (!word.empty() && folded.find(" " + word + " ") != std::string::npos) ||
                         lowered.find(to_lower_ascii(text)) != std::string::npos;
      if (named)
        return make_error(Errc::invalid_input,
                          "the reason names the person being erased, and the audit log must not: say why without "
                          "a name (e.g. 'request by email of 2026-12-04')");
    }
  }
  return {};
}

Result<ErasureCounts> erase_in_file(Store& store, const ErasurePlan& plan, AuditLine audit) {
  PSL_TRY(migrate_hub_schema(store.database()));
  // Before the transaction: creating the key records its fingerprint in a transaction of its own.
  PSL_ASSIGN_OR_RETURN(const auto key, passerelle::privacy::load_or_create_identity_key(store));
  // Deleted and overwritten content is zeroed in its page at once, not left for VACUUM alone.
  PSL_TRY(store.database().exec("PRAGMA secure_delete = ON"));
  const std::int64_t now = store.clock().wall_ms();
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(store.database()));
  ErasureCounts counts;
  for (const auto& target : plan.targets) {
    PSL_ASSIGN_OR_RETURN(const bool erased, store.is_erased(target.participant_id));
    if (erased) {
      if (plan.cause == ErasureCause::request)
        return make_error(Errc::conflict,
                          "participant " + std::to_string(target.participant_id) + " was erased already");
      continue;  // erased on request since the plan was made
    }
    PSL_ASSIGN_OR_RETURN(const auto one, erase_target(store, plan, target, key, now));
    add(counts, one);
  }
  if (plan.whole_event) {
    PSL_ASSIGN_OR_RETURN(const auto entries,
                         run_counting(store,
                                      "UPDATE journal SET code = '', operator = '' WHERE event_id = ? AND "
                                      "(code <> '' OR operator <> '')",
                                      plan.event_id));
    counts.entries += entries;
    PSL_ASSIGN_OR_RETURN(const auto rehearsal,
                         run_counting(store, "DELETE FROM rehearsal_entry WHERE event_id = ?", plan.event_id));
    counts.rehearsal += rehearsal;
    PSL_ASSIGN_OR_RETURN(const auto uploads,
                         run_counting(store,
                                      "UPDATE hub_quarantine SET raw_json = '', detail = '' WHERE event_id = ? AND "
                                      "(raw_json <> '' OR detail <> '')",
                                      plan.event_id));
    counts.quarantined += uploads;
    PSL_TRY(run_counting(store, "UPDATE hub_alert SET detail = '' WHERE event_id = ? AND detail <> ''", plan.event_id));
    PSL_TRY(run_counting(store, "UPDATE hub_retention SET applied_ms = ? WHERE event_id = ?", now, plan.event_id));
  }
  PSL_TRY(append_audit(store, erasure_audit_line(plan, counts, std::move(audit), now)));
  PSL_TRY(transaction.commit());
  return counts;
}

namespace {

// A checkpoint that a reader kept from finishing says so in its first column rather than failing.
Status truncate_wal(db::Database& database) {
  PSL_ASSIGN_OR_RETURN(auto checkpoint, database.query("PRAGMA wal_checkpoint(TRUNCATE)"));
  PSL_ASSIGN_OR_RETURN(const bool has_row, checkpoint.step());
  if (has_row && checkpoint.column_int(0) != 0)
    return make_error(Errc::busy, "another connection kept the write-ahead log of " + database.path().string() +
                                      " from being emptied; run 'passerelle-hub purge' again when it is idle");
  return {};
}

}  // namespace

Status scrub(Store& store) {
  auto& database = store.database();
  PSL_TRY(database.exec("PRAGMA secure_delete = ON"));
  // The index's segments still hold the deleted rows' words until merged.
  PSL_TRY(database.exec("INSERT INTO participant_search(participant_search) VALUES ('optimize')"));
  PSL_TRY(truncate_wal(database));
  PSL_TRY(database.exec("VACUUM"));
  return truncate_wal(database);
}

}  // namespace passerelle::hub::privacy
