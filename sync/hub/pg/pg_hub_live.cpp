// PgHubStore's rows for the organisers' live view: the same rows as figure_rows.h gathers from an
// event file, in SQL on PostgreSQL.
#include "sync/hub/pg/pg_hub_store.h"

namespace passerelle::hub::pg {

Result<LiveRows> PgHubStore::live_rows(std::int64_t /*event_id*/, std::int64_t /*now_ms*/) {
  return make_error(Errc::unsupported, "the live view on PostgreSQL is not written yet");
}

}  // namespace passerelle::hub::pg
