// PgHubStore::event: an event as `publish` wrote it (the event file keeps its language; the
// database does not, and lists on the hub's pages are not sorted by it).
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/pg/pg_text_array.h"

namespace passerelle::hub::pg {

Result<std::optional<Event>> PgHubStore::event(std::int64_t event_id) {
  return pool_.read([&](PgConnection& connection) -> Result<std::optional<Event>> {
    PSL_ASSIGN_OR_RETURN(const auto rows,
                         connection.query("SELECT name, venue, timezone, days FROM event WHERE id = $1", event_id));
    if (rows.rows() == 0) return std::optional<Event>{};
    Event event;
    event.id = event_id;
    event.name = std::string(rows.text(0, 0));
    event.venue = std::string(rows.text(0, 1));
    event.timezone = std::string(rows.text(0, 2));
    PSL_ASSIGN_OR_RETURN(event.days, parse_text_array(rows.text(0, 3)));
    return std::optional<Event>(std::move(event));
  });
}

}  // namespace passerelle::hub::pg
