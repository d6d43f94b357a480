// PgHubStore::event_setup: what a kiosk set up from nothing receives (GET /v1/setup), from the
// registry copy as publish wrote it, in one snapshot. Checkpoints carry the event file's ids
// (source_id), as a bundle made from that file would.
#include "sync/hub/pg/pg_hub_internal.h"
#include "sync/hub/pg/pg_hub_rows.h"
#include "sync/hub/pg/pg_hub_store.h"

namespace passerelle::hub::pg {

Result<EventSetup> PgHubStore::event_setup(std::int64_t event_id) {
  return pool_.read([&](PgConnection& connection) -> Result<EventSetup> {
    PSL_ASSIGN_OR_RETURN(auto event, event_by_id(connection, event_id));
    if (!event) return make_error(Errc::not_found, "no event with id " + std::to_string(event_id));
    EventSetup setup;
    setup.event = std::move(*event);
    PSL_ASSIGN_OR_RETURN(setup.checkpoints, read_checkpoints(connection, event_id));
    PSL_ASSIGN_OR_RETURN(setup.b2b, session_of_event(connection, event_id));
    PSL_ASSIGN_OR_RETURN(const auto pin, connection.query("SELECT staff_pin_hash FROM event WHERE id = $1", event_id));
    if (pin.rows() > 0) setup.staff_pin_hash = std::string(pin.text(0, 0));
    return setup;
  });
}

}  // namespace passerelle::hub::pg
