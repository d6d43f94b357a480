#include "sync/client/journal_export.h"

#include "core/store/store.h"
#include "sync/protocol/journal_file.h"

namespace passerelle::kiosk {

Result<std::int64_t> export_journal(const std::filesystem::path& database, std::optional<std::int64_t> event_id,
                                    const std::filesystem::path& file, const Clock& clock) {
  std::error_code error;
  // Store::open would create an empty database: a mistyped path must say so instead.
  if (!std::filesystem::is_regular_file(database, error))
    return make_error(Errc::not_found, "no kiosk database at " + database.string());
  PSL_ASSIGN_OR_RETURN(auto store, Store::open(database, clock));
  PSL_ASSIGN_OR_RETURN(const auto event, store.resolve_event(event_id));
  return sync::write_journal_file(store, event.id, file);
}

}  // namespace passerelle::kiosk
