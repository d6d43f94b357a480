// SqliteHubStore's rows for the organisers' live view: the report's gathering (figure_rows.h) in
// one read snapshot, so that a page's figures are one consistent state of the file while kiosks
// upload beside it.
#include "core/store/event_setup_store.h"
#include "sync/hub/store/figure_rows.h"
#include "sync/hub/store/sqlite_hub_queries.h"
#include "sync/hub/store/sqlite_hub_store.h"

namespace passerelle::hub {

Result<std::optional<Event>> SqliteHubStore::event(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto lease, pool_.acquire());
  return lease->find_event(event_id);
}

Result<EventSetup> SqliteHubStore::event_setup(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto lease, pool_.acquire());
  return read_event_setup(*lease, event_id);
}

Result<LiveRows> SqliteHubStore::live_rows(std::int64_t event_id, std::int64_t now_ms) {
  return sqlite_detail::in_read_snapshot(pool_, [&](Store& store) -> Result<LiveRows> {
    PSL_ASSIGN_OR_RETURN(const auto event, store.find_event(event_id));
    if (!event) return make_error(Errc::not_found, "no event " + std::to_string(event_id));
    LiveRows rows;
    PSL_ASSIGN_OR_RETURN(rows.input, gather_report_rows(store, *event, now_ms, IdentityKeys::left_empty));
    rows.inside.reserve(rows.input.checkpoints.size());
    for (const auto& checkpoint : rows.input.checkpoints) {
      if (checkpoint.rule != CheckpointRule::in_out) {
        rows.inside.push_back(0);
        continue;
      }
      PSL_ASSIGN_OR_RETURN(const std::int64_t inside, store.inside_count(checkpoint.id));
      rows.inside.push_back(inside);
    }
    PSL_ASSIGN_OR_RETURN(auto feed, store.database().query("SELECT coalesce(max(seq), 0) FROM hub_feed WHERE "
                                                           "event_id = ? AND type = 'entry'"));
    feed.bind_all(event_id);
    PSL_ASSIGN_OR_RETURN(const bool has_row, feed.step());
    rows.feed_seq = has_row ? feed.column_int(0) : 0;
    return rows;
  });
}

}  // namespace passerelle::hub
