// SqliteHubStore: reconciliation, quarantine, alerts and metrics.
#include "sync/hub/store/sequence_ranges.h"
#include "sync/hub/store/sqlite_hub_queries.h"
#include "sync/hub/store/sqlite_hub_store.h"

namespace passerelle::hub {
namespace {

Result<std::int64_t> count_of(db::Database& database, const char* sql) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query(sql));
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  return has_row ? select.column_int(0) : 0;
}

Result<DeviceReconciliation> reconcile_id(db::Database& database, std::string authored_id) {
  DeviceReconciliation row;
  {
    PSL_ASSIGN_OR_RETURN(auto owner, database.query("SELECT d.device_id, d.name FROM hub_authored a JOIN hub_device d "
                                                    "ON d.device_id = a.device_id WHERE a.authored_id = ?"));
    owner.bind_all(authored_id);
    PSL_ASSIGN_OR_RETURN(const bool owned, owner.step());
    if (owned) {
      row.owner_device_id = owner.column_text(0);
      row.owner_name = owner.column_text(1);
    }
  }
  {
    PSL_ASSIGN_OR_RETURN(auto quarantined, database.query("SELECT count(*) FROM hub_quarantine WHERE device_id = ?"));
    quarantined.bind_all(authored_id);
    PSL_ASSIGN_OR_RETURN(const bool has_row, quarantined.step());
    row.quarantined = has_row ? quarantined.column_int(0) : 0;
  }
  PSL_ASSIGN_OR_RETURN(auto uuids, sqlite_detail::held_uuids(database, authored_id));
  row.count = static_cast<std::int64_t>(uuids.size());
  row.sha256 = sync::uuid_set_digest(std::move(uuids));
  PSL_ASSIGN_OR_RETURN(auto seqs, sqlite_detail::held_sequences(database, authored_id));
  auto summary = summarise_sequences(std::move(seqs));
  row.contiguous = summary.contiguous;
  row.highest = summary.highest;
  row.missing = std::move(summary.missing);
  row.device_id = std::move(authored_id);
  return row;
}

}  // namespace

Result<sync::ReconcileAnswer> SqliteHubStore::reconcile(const Principal& device,
                                                        const sync::ReconcileRequest& request) {
  if (!device.may_act_as(request.device_id))
    return make_error(Errc::conflict, "device " + device.device_id + " did not author device id " + request.device_id);
  return sqlite_detail::in_read_snapshot(pool_, [&](Store& store) -> Result<sync::ReconcileAnswer> {
    PSL_ASSIGN_OR_RETURN(auto row, reconcile_id(store.database(), request.device_id));
    sync::ReconcileAnswer answer;
    answer.hub_count = row.count;
    answer.hub_sha256 = std::move(row.sha256);
    answer.matches = answer.hub_count == request.count && answer.hub_sha256 == request.sha256;
    answer.missing = std::move(row.missing);
    return answer;
  });
}

Result<std::vector<DeviceReconciliation>> SqliteHubStore::reconciliation(std::int64_t event_id) {
  return sqlite_detail::in_read_snapshot(pool_, [&](Store& store) -> Result<std::vector<DeviceReconciliation>> {
    auto& database = store.database();
    std::vector<std::string> ids;
    {
      PSL_ASSIGN_OR_RETURN(auto select,
                           database.query("SELECT device_id FROM journal WHERE event_id = ?1 "
                                          "UNION SELECT device_id FROM hub_quarantine WHERE event_id = ?1 "
                                          "UNION SELECT a.authored_id FROM hub_authored a JOIN hub_device d "
                                          "ON d.device_id = a.device_id WHERE d.event_id = ?1 ORDER BY 1"));
      PSL_ASSIGN_OR_RETURN(ids, select.bind_all(event_id).collect_texts());
    }
    std::vector<DeviceReconciliation> rows;
    for (auto& id : ids) {
      PSL_ASSIGN_OR_RETURN(auto row, reconcile_id(database, std::move(id)));
      rows.push_back(std::move(row));
    }
    return rows;
  });
}

Result<std::vector<QuarantinedEntry>> SqliteHubStore::quarantined(std::optional<std::int64_t> event_id) {
  return sqlite_detail::in_read_snapshot(pool_, [&](Store& store) -> Result<std::vector<QuarantinedEntry>> {
    PSL_ASSIGN_OR_RETURN(
        auto select, store.database().query("SELECT id, received_ms, uploader, device_id, event_id, seq, uuid, reason, "
                                            "detail, raw_json FROM hub_quarantine WHERE ?1 IS NULL OR event_id = ?1 "
                                            "ORDER BY id"));
    select.bind_all(event_id);
    std::vector<QuarantinedEntry> list;
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) return list;
      list.push_back({select.column_int(0), select.column_int(1), select.column_text(2), select.column_text(3),
                      select.column_optional_int(4), select.column_optional_int(5), select.column_text(6),
                      select.column_text(7), select.column_text(8), select.column_text(9)});
    }
  });
}

Result<std::vector<Alert>> SqliteHubStore::alerts(std::optional<std::int64_t> event_id) {
  return sqlite_detail::in_read_snapshot(pool_, [&](Store& store) -> Result<std::vector<Alert>> {
    PSL_ASSIGN_OR_RETURN(auto select, store.database().query(
                                          "SELECT id, created_ms, kind, event_id, device_id, uuid, other_uuid, detail "
                                          "FROM hub_alert WHERE ?1 IS NULL OR event_id = ?1 ORDER BY id"));
    select.bind_all(event_id);
    std::vector<Alert> list;
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) return list;
      list.push_back({select.column_int(0), select.column_int(1), select.column_text(2), select.column_optional_int(3),
                      select.column_text(4), select.column_text(5), select.column_text(6), select.column_text(7)});
    }
  });
}

Result<HubMetrics> SqliteHubStore::metrics() {
  return sqlite_detail::in_read_snapshot(pool_, [&](Store& store) -> Result<HubMetrics> {
    auto& database = store.database();
    HubMetrics metrics;
    PSL_ASSIGN_OR_RETURN(metrics.entries_stored, count_of(database, "SELECT count(*) FROM journal"));
    PSL_ASSIGN_OR_RETURN(metrics.entries_quarantined, count_of(database, "SELECT count(*) FROM hub_quarantine"));
    PSL_ASSIGN_OR_RETURN(metrics.alerts, count_of(database, "SELECT count(*) FROM hub_alert"));
    PSL_ASSIGN_OR_RETURN(metrics.feed_seq, count_of(database, "SELECT coalesce(max(seq), 0) FROM hub_feed"));
    PSL_ASSIGN_OR_RETURN(auto select,
                         database.query("SELECT device_id, name, revoked_ms IS NOT NULL, last_sync_ms, "
                                        "clock_offset_ms FROM hub_device ORDER BY enrolled_ms, device_id"));
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) break;
      DeviceMetric device{select.column_text(0), select.column_text(1), select.column_int(2) != 0,
                          select.column_optional_int(3), select.column_optional_int(4)};
      ++(device.revoked ? metrics.devices_revoked : metrics.devices_active);
      metrics.devices.push_back(std::move(device));
    }
    return metrics;
  });
}

Status SqliteHubStore::ping() {
  return sqlite_detail::in_read_snapshot(pool_, [&](Store& store) -> Status {
    PSL_TRY(count_of(store.database(), "SELECT 1"));
    return {};
  });
}

}  // namespace passerelle::hub
