// SqliteHubStore: the change feed read back (docs/sync.md "Download", "Live stream"). Feed rows
// only name what changed; each is composed from the row's current state in the reader's snapshot.
#include "sync/hub/store/feed_paging.h"
#include "sync/hub/store/sqlite_hub_queries.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "sync/protocol/sqlite_entry_rows.h"

namespace passerelle::hub {
namespace {

Result<std::optional<sync::WireEntry>> compose_entry(db::Database& database, const std::string& uuid) {
  return sync::SqliteEntryRows(database).entry(uuid);
}

Result<std::optional<sync::ChangeData>> compose_participant(Store& store, std::int64_t id) {
  PSL_ASSIGN_OR_RETURN(auto person, store.participant(id));
  if (!person) return std::optional<sync::ChangeData>();
  return std::optional<sync::ChangeData>(sync::ParticipantChange{person->event_id, std::move(person->record),
                                                                 person->badge_serial, person->badge_issued_s,
                                                                 std::move(person->agenda_printed)});
}

Result<std::optional<sync::ChangeData>> compose_revocation(db::Database& database, const std::string& ref) {
  PSL_ASSIGN_OR_RETURN(const auto reference, parse_revocation_ref(ref));
  const auto [participant_id, serial] = reference;
  PSL_ASSIGN_OR_RETURN(auto select,
                       database.query("SELECT p.event_id, p.external_id, r.reason, r.revoked_ms "
                                      "FROM badge_revocation r JOIN participant p ON p.id = "
                                      "r.participant_id WHERE r.participant_id = ? AND r.badge_serial = ?"));
  select.bind_all(participant_id, serial);
  PSL_ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return std::optional<sync::ChangeData>();
  return std::optional<sync::ChangeData>(sync::RevocationChange{select.column_int(0), select.column_text(1), serial,
                                                                select.column_text(2), select.column_int(3)});
}

Result<std::optional<sync::ChangeData>> compose_key(Store& store, std::int64_t key_id) {
  if (key_id < 0 || key_id > 0xffffffffLL) return make_error(Errc::database, "hub_feed: bad key id");
  PSL_ASSIGN_OR_RETURN(const auto key, store.find_signing_key(static_cast<std::uint32_t>(key_id)));
  if (!key) return std::optional<sync::ChangeData>();
  return std::optional<sync::ChangeData>(
      sync::KeyChange{key->key_id, key->event_id, key->public_key, key->created_ms, key->retired_ms});
}

Result<std::optional<sync::ChangeData>> compose_meeting(db::Database& database, std::int64_t id) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT m.event_id, a.external_id, b.external_id, m.slot_start_ms, "
                                                   "m.slot_end_ms, m.table_label, m.status, m.origin FROM meeting m "
                                                   "JOIN participant a ON a.id = m.participant_a "
                                                   "JOIN participant b ON b.id = m.participant_b WHERE m.id = ?"));
  select.bind_all(id);
  PSL_ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return std::optional<sync::ChangeData>();
  return std::optional<sync::ChangeData>(
      sync::MeetingChange{id, select.column_int(0), select.column_text(1), select.column_text(2), select.column_int(3),
                          select.column_int(4), select.column_text(5), select.column_text(6), select.column_text(7)});
}

// Empty when the row is gone (never, as core deletes nothing the feed names, but a feed must not
// fail a whole download over it).
Result<std::optional<sync::ChangeData>> compose_row(Store& store, const FeedRow& row) {
  if (row.type == "entry") {
    PSL_ASSIGN_OR_RETURN(auto entry, compose_entry(store.database(), row.ref));
    if (!entry) return std::optional<sync::ChangeData>();
    return std::optional<sync::ChangeData>(std::move(*entry));
  }
  if (row.type == "revocation") return compose_revocation(store.database(), row.ref);
  PSL_ASSIGN_OR_RETURN(const auto id, parse_feed_ref(row.ref));
  if (row.type == "participant") return compose_participant(store, id);
  if (row.type == "key") return compose_key(store, id);
  if (row.type == "meeting") return compose_meeting(store.database(), id);
  return make_error(Errc::database, "hub_feed: unknown type " + row.type);
}

// What a device downloads: its event's rows and every event's keys, minus entries under its own
// authored ids.
constexpr const char* kDeviceFeedFilter =
    "(f.event_id = ?2 OR f.type = 'key') AND NOT (f.type = 'entry' AND f.device_id IN "
    "(SELECT authored_id FROM hub_authored WHERE device_id = ?3))";

// The feed rows on the event file, in the caller's read snapshot.
class SqliteFeedRows final : public FeedRows {
 public:
  explicit SqliteFeedRows(Store& store) : store_(&store) {}

  Result<std::vector<FeedRow>> device_rows(const Principal& device, std::int64_t after, int limit) override {
    PSL_ASSIGN_OR_RETURN(auto select,
                         store_->database().query(std::string("SELECT f.seq, f.type, f.ref FROM hub_feed f "
                                                              "WHERE f.seq > ?1 AND ") +
                                                  kDeviceFeedFilter + " ORDER BY f.seq LIMIT ?4"));
    select.bind_all(after, device.event_id, device.device_id, limit);
    std::vector<FeedRow> rows;
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) return rows;
      rows.push_back({select.column_int(0), select.column_text(1), select.column_text(2)});
    }
  }

  Result<std::int64_t> head() override {
    PSL_ASSIGN_OR_RETURN(auto select, store_->database().query("SELECT coalesce(max(seq), 0) FROM hub_feed"));
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    return has_row ? select.column_int(0) : 0;
  }

  Result<std::int64_t> count_after(const Principal& device, std::int64_t after) override {
    PSL_ASSIGN_OR_RETURN(auto select,
                         store_->database().query(std::string("SELECT count(*) FROM hub_feed f WHERE f.seq > ?1 AND ") +
                                                  kDeviceFeedFilter));
    select.bind_all(after, device.event_id, device.device_id);
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    return has_row ? select.column_int(0) : 0;
  }

  Result<std::vector<sync::Change>> compose(const std::vector<FeedRow>& rows) override {
    std::vector<sync::Change> changes;
    changes.reserve(rows.size());
    for (const auto& row : rows) {
      PSL_ASSIGN_OR_RETURN(auto data, compose_row(*store_, row));
      if (data) changes.push_back(sync::Change{row.seq, std::move(*data)});
    }
    return changes;
  }

 private:
  Store* store_;
};

}  // namespace

Result<sync::ChangePage> SqliteHubStore::changes(const Principal& device, std::int64_t after, int limit) {
  auto read = sqlite_detail::in_read_snapshot(pool_, [&](Store& store) -> Result<sync::ChangePage> {
    SqliteFeedRows rows(store);
    PSL_ASSIGN_OR_RETURN(auto page, read_change_page(rows, device, after, limit));
    page.hub_time_ms = clock_->wall_ms();
    return page;
  });
  if (!read) return read;
  // A download is a sync too: the device list shows an idle kiosk as alive. Only a statistic, so a
  // busy file does not cost the device its page, and written at most every 30 s per device
  // (last_sync_throttle.h).
  if (!last_sync_.due(device.device_id, read->hub_time_ms)) return read;
  auto touched = sqlite_detail::in_write_transaction(write_mutex_, pool_, [&](Store& store) -> Status {
    PSL_ASSIGN_OR_RETURN(auto update, store.database().query("UPDATE hub_device SET last_sync_ms = ? "
                                                             "WHERE device_id = ?"));
    return update.bind_all(read->hub_time_ms, device.device_id).run();
  });
  if (!touched && touched.error().code != Errc::busy) return std::move(touched).error();
  return read;
}

Result<std::vector<LiveEntry>> SqliteHubStore::live_entries(std::int64_t event_id, std::int64_t after, int limit) {
  return sqlite_detail::in_read_snapshot(pool_, [&](Store& store) -> Result<std::vector<LiveEntry>> {
    auto& database = store.database();
    std::vector<FeedRow> rows;
    {
      PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT seq, type, ref FROM hub_feed WHERE event_id = ? AND "
                                                       "type = 'entry' AND seq > ? ORDER BY seq LIMIT ?"));
      select.bind_all(event_id, after, limit);
      for (;;) {
        PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
        if (!has_row) break;
        rows.push_back({select.column_int(0), select.column_text(1), select.column_text(2)});
      }
    }
    std::vector<LiveEntry> entries;
    entries.reserve(rows.size());
    for (const auto& row : rows) {
      PSL_ASSIGN_OR_RETURN(auto entry, compose_entry(database, row.ref));
      if (entry) entries.push_back({row.seq, std::move(*entry)});
    }
    return entries;
  });
}

}  // namespace passerelle::hub
