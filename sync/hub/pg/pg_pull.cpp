// pull: the PostgreSQL journal of an event back into its event file, one file transaction.
#include "sync/protocol/sync_store.h"
#include "sync/hub/pg/pg_hub_rows.h"
#include "sync/hub/pg/pg_hub_schema.h"
#include "sync/hub/pg/pg_publish.h"

namespace passerelle::hub::pg {

Result<PullSummary> pull_event(Store& file, PgConnection& database, std::optional<std::int64_t> event_id) {
  PSL_ASSIGN_OR_RETURN(const auto event, file.resolve_event(event_id));
  PSL_ASSIGN_OR_RETURN(const auto origin, file.device_id());
  PSL_TRY(migrate_hub_schema(database));

  std::vector<sync::WireEntry> entries;
  {
    PSL_ASSIGN_OR_RETURN(auto transaction, PgTransaction::begin(database, PgIsolation::repeatable_read));
    PSL_ASSIGN_OR_RETURN(const auto held, database.query("SELECT origin FROM event WHERE id = $1", event.id));
    if (held.rows() == 0)
      return make_error(Errc::not_found, "event " + std::to_string(event.id) +
                                             " was never published to this database (passerelle-hub publish)");
    if (held.text(0, 0) != origin)
      return make_error(Errc::conflict, "event " + std::to_string(event.id) +
                                            " of this database was published from another event file");
    PSL_ASSIGN_OR_RETURN(const auto rows,
                         database.query(std::string(kWireEntrySelect) +
                                            "WHERE j.event_id = $1 ORDER BY j.device_id COLLATE \"C\", j.seq",
                                        event.id));
    entries.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) entries.push_back(read_wire_entry(rows, row));
    PSL_TRY(transaction.commit());
  }

  PullSummary summary;
  summary.event_id = event.id;
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(file.database()));
  for (const auto& entry : entries) {
    PSL_ASSIGN_OR_RETURN(const auto stored, sync::SyncStore(file).insert_foreign_entry_in_transaction(entry));
    switch (stored.status) {
      case sync::ForeignEntryStatus::stored:
        ++summary.stored;
        if (stored.doubles) ++summary.doubles;
        break;
      case sync::ForeignEntryStatus::duplicate:
        ++summary.duplicates;
        break;
      default:
        ++summary.refused;
        break;
    }
  }
  PSL_TRY(transaction.commit());
  return summary;
}

Result<PullSummary> pull_event(const std::filesystem::path& file, std::string_view url,
                               std::optional<std::int64_t> event_id, const Clock& clock) {
  PSL_ASSIGN_OR_RETURN(auto store, Store::open(file, clock));
  PSL_ASSIGN_OR_RETURN(auto database, PgConnection::connect(url));
  return pull_event(store, database, event_id);
}

}  // namespace passerelle::hub::pg
