// PgHubStore: the change feed read back (docs/sync.md "Download", "Live stream"). Feed rows only
// name what changed; each is composed from the row's current state in the reader's snapshot, one
// query per kind of change for a whole page.
#include "sync/hub/pg/feed.h"
#include "sync/hub/pg/pg_hub_internal.h"
#include "sync/hub/pg/pg_hub_schema.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/store/feed_paging.h"

namespace passerelle::hub::pg {
namespace {

// What a device downloads: its event's rows and every event's keys, minus entries under its own
// authored ids. $1: after, $2: the device's event, $3: the device id.
constexpr const char* kDeviceFeedFilter =
    "f.seq > $1 AND (f.event_id = $2 OR f.type = 'key') AND NOT (f.type = 'entry' AND f.device_id IN "
    "(SELECT authored_id FROM hub_authored WHERE device_id = $3))";

// The rows' current state, in the rows' order; a row whose target is gone is left out (never, as
// nothing the feed names is deleted, but a feed must not fail a whole download over it).
Result<std::vector<sync::Change>> compose_changes(PgConnection& connection, const std::vector<FeedRow>& rows) {
  std::vector<std::int64_t> participant_ids;
  std::vector<std::int64_t> key_ids;
  std::vector<std::int64_t> meeting_ids;
  std::vector<RevocationRef> revocation_refs;
  std::vector<std::string> uuids;
  for (const auto& row : rows) {
    if (row.type == "entry") {
      uuids.push_back(row.ref);
    } else if (row.type == "revocation") {
      PSL_ASSIGN_OR_RETURN(const auto ref, parse_revocation_ref(row.ref));
      revocation_refs.push_back(ref);
    } else {
      PSL_ASSIGN_OR_RETURN(const auto id, parse_feed_ref(row.ref));
      if (row.type == "participant") {
        participant_ids.push_back(id);
      } else if (row.type == "key") {
        key_ids.push_back(id);
      } else if (row.type == "meeting") {
        meeting_ids.push_back(id);
      } else {
        return make_error(Errc::database, "hub_feed: unknown type " + row.type);
      }
    }
  }
  PSL_ASSIGN_OR_RETURN(auto participants, participants_by_id(connection, participant_ids));
  PSL_ASSIGN_OR_RETURN(auto keys, keys_by_id(connection, key_ids));
  PSL_ASSIGN_OR_RETURN(auto meetings, meetings_by_id(connection, meeting_ids));
  PSL_ASSIGN_OR_RETURN(auto revocations, revocations_by_ref(connection, revocation_refs));
  PSL_ASSIGN_OR_RETURN(auto entries, entries_by_uuid(connection, uuids));

  std::vector<sync::Change> changes;
  changes.reserve(rows.size());
  auto take = [&](const FeedRow& row, auto& found, const auto& key) {
    if (auto it = found.find(key); it != found.end()) changes.push_back(sync::Change{row.seq, std::move(it->second)});
  };
  for (const auto& row : rows) {
    if (row.type == "entry") {
      take(row, entries, row.ref);
    } else if (row.type == "revocation") {
      take(row, revocations, *parse_revocation_ref(row.ref));
    } else {
      const std::int64_t id = *parse_feed_ref(row.ref);
      if (row.type == "participant") {
        if (auto it = participants.find(id); it != participants.end())
          changes.push_back(sync::Change{row.seq, std::move(it->second.change)});
      } else if (row.type == "key") {
        take(row, keys, id);
      } else {
        take(row, meetings, id);
      }
    }
  }
  return changes;
}

// The feed rows on PostgreSQL, in the caller's read transaction.
class PgFeedRows final : public FeedRows {
 public:
  explicit PgFeedRows(PgConnection& connection) : connection_(&connection) {}

  Result<std::vector<FeedRow>> device_rows(const Principal& device, std::int64_t after, int limit) override {
    PSL_ASSIGN_OR_RETURN(const auto result,
                         connection_->query(std::string("SELECT f.seq, f.type, f.ref FROM hub_feed f WHERE ") +
                                                kDeviceFeedFilter + " ORDER BY f.seq LIMIT $4",
                                            after, device.event_id, device.device_id, limit));
    std::vector<FeedRow> rows;
    rows.reserve(static_cast<std::size_t>(result.rows()));
    for (int i = 0; i < result.rows(); ++i)
      rows.push_back({result.int64(i, 0), std::string(result.text(i, 1)), std::string(result.text(i, 2))});
    return rows;
  }

  Result<std::int64_t> head() override { return feed_head(*connection_, kHubFeedId); }

  Result<std::int64_t> count_after(const Principal& device, std::int64_t after) override {
    PSL_ASSIGN_OR_RETURN(const auto remaining,
                         connection_->query(std::string("SELECT count(*) FROM hub_feed f WHERE ") + kDeviceFeedFilter,
                                            after, device.event_id, device.device_id));
    return remaining.int64(0, 0);
  }

  Result<std::vector<sync::Change>> compose(const std::vector<FeedRow>& rows) override {
    return compose_changes(*connection_, rows);
  }

 private:
  PgConnection* connection_;
};

}  // namespace

Result<sync::ChangePage> PgHubStore::changes(const Principal& device, std::int64_t after, int limit) {
  auto read = pool_.read([&](PgConnection& connection) -> Result<sync::ChangePage> {
    PgFeedRows rows(connection);
    PSL_ASSIGN_OR_RETURN(auto page, read_change_page(rows, device, after, limit));
    page.hub_time_ms = clock_->wall_ms();
    return page;
  });
  if (!read) return read;
  // A download is a sync too: the device list shows an idle kiosk as alive. Only a statistic, so a
  // busy database does not cost the device its page, and written at most every 30 s per device
  // (last_sync_throttle.h).
  if (!last_sync_.due(device.device_id, read->hub_time_ms)) return read;
  auto touched = pool_.write([&](PgConnection& connection) -> Status {
    PSL_TRY(connection.query("UPDATE hub_device SET last_sync_ms = $1 WHERE device_id = $2", read->hub_time_ms,
                             device.device_id));
    return {};
  });
  if (!touched && touched.error().code != Errc::busy) return std::move(touched).error();
  return read;
}

Result<std::vector<LiveEntry>> PgHubStore::live_entries(std::int64_t event_id, std::int64_t after, int limit) {
  return pool_.read([&](PgConnection& connection) -> Result<std::vector<LiveEntry>> {
    PSL_ASSIGN_OR_RETURN(
        const auto result,
        connection.query("SELECT f.seq, j.uuid, j.device_id, j.seq, j.event_id, j.kind, j.outcome, p.external_id, "
                         "c.name, j.code, j.operator, j.wall_ms, j.monotonic_ns, j.local_day, q.external_id, "
                         "j.meeting_start_ms, j.table_label, j.answer FROM hub_feed f "
                         "JOIN journal j ON j.uuid = f.ref LEFT JOIN participant p ON p.id = j.participant_id "
                         "LEFT JOIN checkpoint c ON c.id = j.checkpoint_id "
                         "LEFT JOIN participant q ON q.id = j.partner_id "
                         "WHERE f.event_id = $1 AND f.type = 'entry' AND f.seq > $2 ORDER BY f.seq LIMIT $3",
                         event_id, after, limit));
    std::vector<LiveEntry> entries;
    entries.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row)
      entries.push_back({result.int64(row, 0), read_wire_entry(result, row, 1)});
    return entries;
  });
}

}  // namespace passerelle::hub::pg
