#include "core/store/event_setup_store.h"

#include "core/auth/staff_pin.h"
#include "core/store/b2b_store.h"

namespace passerelle {

Result<EventSetup> read_event_setup(Store& store, std::int64_t event_id) {
  // One snapshot: a setup read while `import` runs is the event before or after, never a mix.
  PSL_ASSIGN_OR_RETURN(auto snapshot, db::Transaction::begin(store.database(), db::Transaction::Kind::deferred));
  PSL_ASSIGN_OR_RETURN(auto event, store.find_event(event_id));
  if (!event) return make_error(Errc::not_found, "no event with id " + std::to_string(event_id));
  EventSetup setup;
  setup.event = std::move(*event);
  PSL_ASSIGN_OR_RETURN(setup.checkpoints, store.checkpoints(event_id));
  PSL_ASSIGN_OR_RETURN(setup.b2b, load_b2b_session(store.database(), event_id));
  PSL_ASSIGN_OR_RETURN(const auto pin, store.staff_pin_hash(event_id));
  setup.staff_pin_hash = pin.value_or("");
  PSL_TRY(snapshot.commit());
  return setup;
}

Status install_event_setup(Store& store, const EventSetup& setup) {
  if (setup.checkpoints.empty())
    return make_error(Errc::invalid_input, "the event '" + setup.event.name + "' has no checkpoint");
  if (!setup.staff_pin_hash.empty()) PSL_TRY(check_staff_pin_hash(setup.staff_pin_hash));
  db::Database& database = store.database();
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database));
  {
    // A kiosk holds one event; setting one up over another would mix two registries.
    PSL_ASSIGN_OR_RETURN(auto any, database.query("SELECT count(*) FROM event"));
    PSL_ASSIGN_OR_RETURN(const bool has_row, any.step());
    if (has_row && any.column_int(0) > 0)
      return make_error(Errc::conflict, "this kiosk database holds an event already");
  }
  const Event& event = setup.event;
  PSL_ASSIGN_OR_RETURN(auto insert_event,
                       database.query("INSERT INTO event(id, name, venue, timezone, language, created_ms) "
                                      "VALUES (?, ?, ?, ?, ?, ?)"));
  PSL_TRY(insert_event
              .bind_all(event.id, event.name, event.venue, event.timezone, to_string(event.language),
                        store.clock().wall_ms())
              .run());
  for (const auto& day : event.days) {
    PSL_ASSIGN_OR_RETURN(auto insert, database.query("INSERT INTO event_day(event_id, day) VALUES (?, ?)"));
    PSL_TRY(insert.bind_all(event.id, day).run());
  }
  for (const auto& checkpoint : setup.checkpoints) {
    PSL_ASSIGN_OR_RETURN(auto insert,
                         database.query("INSERT INTO checkpoint(id, event_id, name, rule, position, kind, b2b_area) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    PSL_TRY(insert
                .bind_all(checkpoint.id, event.id, checkpoint.name, to_string(checkpoint.rule), checkpoint.position,
                          to_string(checkpoint.kind), checkpoint.b2b_area)
                .run());
    for (const auto& tag : checkpoint.admits) {
      PSL_ASSIGN_OR_RETURN(auto tag_insert,
                           database.query("INSERT OR IGNORE INTO checkpoint_tag(checkpoint_id, tag) VALUES (?, ?)"));
      PSL_TRY(tag_insert.bind_all(checkpoint.id, tag).run());
    }
  }
  if (setup.b2b) PSL_TRY(insert_b2b_session(database, event.id, *setup.b2b));
  if (!setup.staff_pin_hash.empty()) PSL_TRY(store.set_staff_pin_hash(event.id, setup.staff_pin_hash));
  return transaction.commit();
}

}  // namespace passerelle
