#include "sync/hub/privacy/pg_erasure.h"

#include "sync/hub/pg/pg_hub_rows.h"
#include "sync/hub/pg/pg_hub_schema.h"

namespace passerelle::hub::privacy {
namespace {

// Separate from publish's lock: an erasure and a publish of one event may interleave, since each
// writes only rows the other reads as they are.
constexpr std::int64_t kErasureLockBase = 0x50534c5f45524153;  // "PSL_ERAS"

Result<std::int64_t> affected(Result<pg::PgResult> result) {
  if (!result) return std::move(result).error();
  return result->affected_rows();
}

Result<ErasureCounts> erase_target(pg::PgConnection& database, const ErasurePlan& plan, const ErasureTarget& target,
                                   pg::PendingFeed& feed) {
  ErasureCounts counts;
  PSL_ASSIGN_OR_RETURN(const auto found,
                       database.query("SELECT id, email, ticket_codes, (first_name <> '' OR last_name <> '' OR "
                                      "email <> '' OR organisation <> '' OR cardinality(ticket_codes) > 0) AS readable "
                                      "FROM participant WHERE event_id = $1 AND external_id IN ($2, $3)",
                                      plan.event_id, target.external_id, target.kept_external_id));
  if (found.rows() == 1) {
    const std::int64_t id = found.int64(0, 0);
    const std::string email(found.text(0, 1));
    // A retention blanks every entry of the event in one pass afterwards (erase_in_postgresql).
    if (!plan.whole_event) {
      PSL_ASSIGN_OR_RETURN(
          counts.entries,
          affected(database.query("UPDATE journal SET code = '', operator = '' WHERE event_id = $1 AND "
                                  "(code <> '' OR operator <> '') AND (participant_id = $2 OR partner_id = $2 "
                                  "OR (participant_id IS NULL AND (code IN (SELECT unnest(ticket_codes) FROM "
                                  "participant WHERE id = $2) OR code IN ($3, $4))))",
                                  plan.event_id, id, target.external_id, email)));
    }
    PSL_TRY(database.query("UPDATE badge_revocation SET reason = '' WHERE participant_id = $1 AND reason <> ''", id));
    PSL_ASSIGN_OR_RETURN(
        const auto blanked,
        affected(database.query("UPDATE participant SET first_name = '', last_name = '', email = '', "
                                "organisation = '', role = '', ticket_codes = '{}', agenda_printed = '', "
                                "external_id = $2, search_folded = '', erased = true WHERE id = $1 AND "
                                "(first_name <> '' OR last_name <> '' OR email <> '' OR organisation <> '' OR "
                                "role <> '' OR cardinality(ticket_codes) > 0 OR agenda_printed <> '' OR "
                                "external_id <> $2 OR search_folded <> '' OR NOT erased)",
                                id, target.kept_external_id)));
    if (blanked > 0) {
      feed.add(plan.event_id, "participant", std::to_string(id));
      counts.participants = 1;
    }
  }
  if (!target.operator_name.empty() && !plan.whole_event) {
    PSL_ASSIGN_OR_RETURN(const auto as_staff, affected(database.query("UPDATE journal SET operator = '' WHERE "
                                                                      "event_id = $1 AND lower(operator) = lower($2)",
                                                                      plan.event_id, target.operator_name)));
    counts.entries += as_staff;
  }
  // A retention blanks its event's uploads and alerts whole afterwards: here only those of no event.
  const char* uploads_sql =
      plan.whole_event ? "UPDATE hub_quarantine SET raw_json = '', detail = '' WHERE event_id IS NULL AND "
                         "(strpos(raw_json, $1) > 0 OR strpos(detail, $1) > 0 OR strpos(lower(raw_json), $2) > 0)"
                       : "UPDATE hub_quarantine SET raw_json = '', detail = '' WHERE (raw_json <> '' OR "
                         "detail <> '') AND (strpos(raw_json, $1) > 0 OR strpos(detail, $1) > 0 OR "
                         "strpos(lower(raw_json), $2) > 0)";
  const char* alerts_sql = plan.whole_event
                               ? "UPDATE hub_alert SET detail = '' WHERE event_id IS NULL AND strpos(detail, $1) > 0"
                               : "UPDATE hub_alert SET detail = '' WHERE detail <> '' AND strpos(detail, $1) > 0";
  for (const auto& text : target.readable) {
    PSL_ASSIGN_OR_RETURN(const auto uploads, affected(database.query(uploads_sql, text, json_escaped_lower(text))));
    counts.quarantined += uploads;
    PSL_TRY(database.query(alerts_sql, text));
  }
  return counts;
}

}  // namespace

Result<ErasureCounts> erase_in_postgresql(pg::PgConnection& database, const ErasurePlan& plan, AuditLine audit,
                                          std::int64_t now_ms) {
  PSL_TRY(pg::migrate_hub_schema(database));
  return pg::with_retry([&]() -> Result<ErasureCounts> {
    PSL_ASSIGN_OR_RETURN(auto transaction, pg::PgTransaction::begin(database, pg::PgIsolation::read_committed));
    PSL_TRY(database.query("SELECT pg_advisory_xact_lock($1::bigint)", kErasureLockBase + plan.event_id));
    ErasureCounts counts;
    pg::PendingFeed feed;
    for (const auto& target : plan.targets) {
      PSL_ASSIGN_OR_RETURN(const auto one, erase_target(database, plan, target, feed));
      counts.participants += one.participants;
      counts.entries += one.entries;
      counts.quarantined += one.quarantined;
    }
    if (plan.whole_event) {
      // Participants the plan no longer names (the file was purged before, without --sync-db):
      // blanked all the same, an external id holding an '@' replaced by one of this database.
      PSL_ASSIGN_OR_RETURN(
          const auto rest,
          database.query("UPDATE participant SET first_name = '', last_name = '', email = '', organisation = '', "
                         "role = '', ticket_codes = '{}', agenda_printed = '', search_folded = '', erased = true, "
                         "external_id = CASE WHEN strpos(external_id, '@') > 0 THEN 'erased-pg-' || id "
                         "ELSE external_id END WHERE event_id = $1 AND (first_name <> '' OR last_name <> '' OR "
                         "email <> '' OR organisation <> '' OR role <> '' OR cardinality(ticket_codes) > 0 OR "
                         "agenda_printed <> '' OR strpos(external_id, '@') > 0 OR search_folded <> '' OR NOT erased) "
                         "RETURNING id",
                         plan.event_id));
      for (int row = 0; row < rest.rows(); ++row)
        feed.add(plan.event_id, "participant", std::to_string(rest.int64(row, 0)));
      counts.participants += rest.rows();
      PSL_ASSIGN_OR_RETURN(const auto entries,
                           affected(database.query("UPDATE journal SET code = '', operator = '' WHERE "
                                                   "event_id = $1 AND (code <> '' OR operator <> '')",
                                                   plan.event_id)));
      counts.entries += entries;
      PSL_ASSIGN_OR_RETURN(const auto uploads,
                           affected(database.query("UPDATE hub_quarantine SET raw_json = '', detail = '' "
                                                   "WHERE event_id = $1 AND (raw_json <> '' OR detail <> '')",
                                                   plan.event_id)));
      counts.quarantined += uploads;
      PSL_TRY(database.query("UPDATE hub_alert SET detail = '' WHERE event_id = $1 AND detail <> ''", plan.event_id));
      PSL_TRY(
          database.query("UPDATE badge_revocation SET reason = '' WHERE reason <> '' AND participant_id IN "
                         "(SELECT id FROM participant WHERE event_id = $1)",
                         plan.event_id));
    }
    // A daily purge that finds nothing to do here leaves no line; a request always does.
    const bool changed = counts.participants > 0 || counts.entries > 0 || counts.quarantined > 0;
    if (!changed && plan.cause == ErasureCause::retention) {
      PSL_TRY(transaction.commit());
      return counts;
    }
    PSL_TRY(append_audit(database, erasure_audit_line(plan, counts, audit, now_ms)));
    PSL_TRY(feed.flush(database));
    PSL_TRY(transaction.commit());
    return counts;
  });
}

}  // namespace passerelle::hub::privacy
