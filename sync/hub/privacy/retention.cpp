#include "sync/hub/privacy/retention.h"

#include "sync/hub/privacy/pg_erasure.h"
#include "sync/hub/store/sqlite_hub_schema.h"

namespace passerelle::hub::privacy {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

Result<std::int64_t> due_ms(Store& store, const Event& event, std::int64_t days) {
  if (event.days.empty()) return make_error(Errc::invalid_input, "event " + std::to_string(event.id) + " has no days");
  PSL_ASSIGN_OR_RETURN(const auto* zone, store.event_timezone(event.id));
  PSL_ASSIGN_OR_RETURN(const auto last_day_start, zone->start_of_day(event.days.back()));
  return last_day_start + (days + 1) * kDayMs;
}

// Whether an applied retention left something to blank: an entry or upload that arrived since
// (a late upload still carries its code), or a rehearsal scan.
Result<bool> readable_left(Store& store, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto select,
                       store.database().query("SELECT EXISTS (SELECT 1 FROM journal WHERE event_id = ?1 AND "
                                              "(code <> '' OR operator <> '')) OR EXISTS (SELECT 1 FROM "
                                              "hub_quarantine WHERE event_id = ?1 AND (raw_json <> '' OR detail <> "
                                              "'')) OR EXISTS (SELECT 1 FROM rehearsal_entry WHERE event_id = ?1)"));
  select.bind_all(event_id);
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  return has_row && select.column_int(0) != 0;
}

}  // namespace

Status set_retention(Store& store, std::int64_t event_id, std::int64_t days, const std::string& actor) {
  if (days < 0 || days > kMaxRetentionDays)
    return make_error(Errc::invalid_input, "--days takes a number of days from 0 to " +
                                               std::to_string(kMaxRetentionDays) + ", not " + std::to_string(days));
  PSL_TRY(migrate_hub_schema(store.database()));
  PSL_ASSIGN_OR_RETURN(const auto event, store.find_event(event_id));
  if (!event) return make_error(Errc::not_found, "no event " + std::to_string(event_id));
  PSL_ASSIGN_OR_RETURN(const auto due, due_ms(store, *event, days));
  const std::int64_t now = store.clock().wall_ms();
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(store.database()));
  {
    PSL_ASSIGN_OR_RETURN(auto upsert,
                         store.database().query("INSERT INTO hub_retention(event_id, days, set_ms) VALUES (?, ?, ?) "
                                                "ON CONFLICT(event_id) DO UPDATE SET days = excluded.days, "
                                                "set_ms = excluded.set_ms"));
    PSL_TRY(upsert.bind_all(event_id, days, now).run());
  }
  AuditLine line;
  line.at_ms = now;
  line.action = "retention set";
  line.actor = actor;
  line.event_id = event_id;
  line.detail = std::to_string(days) + " days after the event's last day (" + event->days.back() + "); due at " +
                std::to_string(due) + " ms";
  PSL_TRY(append_audit(store, line));
  return transaction.commit();
}

Result<std::vector<Retention>> retentions(Store& store, std::optional<std::int64_t> event_id) {
  PSL_TRY(migrate_hub_schema(store.database()));
  std::vector<Retention> found;
  {
    PSL_ASSIGN_OR_RETURN(auto select, store.database().query("SELECT event_id, days, set_ms, applied_ms FROM "
                                                             "hub_retention WHERE ?1 IS NULL OR event_id = ?1 "
                                                             "ORDER BY event_id"));
    select.bind_all(event_id);
    while (true) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) break;
      found.push_back(Retention{select.column_int(0), select.column_int(1), select.column_int(2),
                                select.column_optional_int(3), 0});
    }
  }
  for (auto& retention : found) {
    PSL_ASSIGN_OR_RETURN(const auto event, store.find_event(retention.event_id));
    if (!event) continue;
    PSL_ASSIGN_OR_RETURN(retention.due_ms, due_ms(store, *event, retention.days));
  }
  return found;
}

Result<std::vector<PurgedEvent>> purge(Store& store, const std::string& actor, pg::PgConnection* database) {
  PSL_ASSIGN_OR_RETURN(const auto all, retentions(store));
  const std::int64_t now = store.clock().wall_ms();
  std::vector<PurgedEvent> purged;
  for (const auto& retention : all) {
    if (retention.due_ms > now) continue;
    PSL_ASSIGN_OR_RETURN(const auto plan, plan_retention(store, retention.event_id));
    // Once applied, a purge has nothing to do unless something readable arrived since.
    AuditLine line;
    line.action = "retention";
    line.actor = actor;
    line.detail = std::to_string(retention.days) + " days after the event";
    PurgedEvent event{retention.event_id, {}, std::nullopt};
    if (database != nullptr) {
      PSL_ASSIGN_OR_RETURN(event.postgresql, erase_in_postgresql(*database, plan, line, now));
    }
    if (plan.targets.empty() && retention.applied_ms) {
      PSL_ASSIGN_OR_RETURN(const bool left, readable_left(store, retention.event_id));
      if (!left) {
        if (event.postgresql &&
            (event.postgresql->participants > 0 || event.postgresql->entries > 0 || event.postgresql->quarantined > 0))
          purged.push_back(std::move(event));
        continue;
      }
    }
    PSL_ASSIGN_OR_RETURN(event.file, erase_in_file(store, plan, line));
    purged.push_back(std::move(event));
  }
  if (!purged.empty()) PSL_TRY(scrub(store));
  return purged;
}

}  // namespace passerelle::hub::privacy
