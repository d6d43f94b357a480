#include "sync/hub/store/open_hub_store.h"

#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/store/sqlite_hub_store.h"

namespace passerelle::hub {

bool is_postgresql_url(std::string_view db) noexcept {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

Result<std::unique_ptr<HubStore>> open_hub_store(std::string_view db, const Clock& clock) {
  if (db.empty()) return make_error(Errc::invalid_input, "no database given: pass --db FILE (the hub's SQLite file)");
  if (is_postgresql_url(db)) {
    PSL_ASSIGN_OR_RETURN(auto store, pg::PgHubStore::open(db, clock));
    return std::unique_ptr<HubStore>(std::move(store));
  }
  PSL_ASSIGN_OR_RETURN(auto store, SqliteHubStore::open(std::string(db), clock));
  return std::unique_ptr<HubStore>(std::move(store));
}

}  // namespace passerelle::hub
