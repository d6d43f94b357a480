// PgHubStore::event: an event as `publish` wrote it, its language included (migration 9).
#include "sync/hub/pg/pg_hub_rows.h"
#include "sync/hub/pg/pg_hub_store.h"

namespace passerelle::hub::pg {

Result<std::optional<Event>> PgHubStore::event(std::int64_t event_id) {
  return pool_.read([&](PgConnection& connection) { return event_by_id(connection, event_id); });
}

}  // namespace passerelle::hub::pg
