// PgHubStore: reconciliation, quarantine, alerts and metrics.
#include "sync/hub/pg/feed.h"
#include "sync/hub/pg/pg_hub_internal.h"
#include "sync/hub/pg/pg_hub_schema.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/store/sequence_ranges.h"

namespace passerelle::hub::pg {
namespace {

Result<std::int64_t> count_of(PgConnection& connection, const char* sql) {
  PSL_ASSIGN_OR_RETURN(const auto result, connection.query(sql));
  return result.int64(0, 0);
}

Result<DeviceReconciliation> reconcile_id(PgConnection& connection, std::string authored_id) {
  DeviceReconciliation row;
  {
    PSL_ASSIGN_OR_RETURN(const auto owner,
                         connection.query("SELECT d.device_id, d.name FROM hub_authored a JOIN hub_device d "
                                          "ON d.device_id = a.device_id WHERE a.authored_id = $1",
                                          authored_id));
    if (owner.rows() > 0) {
      row.owner_device_id = std::string(owner.text(0, 0));
      row.owner_name = std::string(owner.text(0, 1));
    }
  }
  {
    PSL_ASSIGN_OR_RETURN(const auto quarantined,
                         connection.query("SELECT count(*) FROM hub_quarantine WHERE device_id = $1", authored_id));
    row.quarantined = quarantined.int64(0, 0);
  }
  PSL_ASSIGN_OR_RETURN(auto uuids, held_uuids(connection, authored_id));
  row.count = static_cast<std::int64_t>(uuids.size());
  row.sha256 = sync::uuid_set_digest(std::move(uuids));
  PSL_ASSIGN_OR_RETURN(auto seqs, held_sequences(connection, authored_id));
  auto summary = summarise_sequences(std::move(seqs));
  row.contiguous = summary.contiguous;
  row.highest = summary.highest;
  row.missing = std::move(summary.missing);
  row.device_id = std::move(authored_id);
  return row;
}

}  // namespace

Result<sync::ReconcileAnswer> PgHubStore::reconcile(const Principal& device, const sync::ReconcileRequest& request) {
  if (!device.may_act_as(request.device_id))
    return make_error(Errc::conflict, "device " + device.device_id + " did not author device id " + request.device_id);
  return pool_.read([&](PgConnection& connection) -> Result<sync::ReconcileAnswer> {
    PSL_ASSIGN_OR_RETURN(auto row, reconcile_id(connection, request.device_id));
    sync::ReconcileAnswer answer;
    answer.hub_count = row.count;
    answer.hub_sha256 = std::move(row.sha256);
    answer.matches = answer.hub_count == request.count && answer.hub_sha256 == request.sha256;
    answer.missing = std::move(row.missing);
    return answer;
  });
}

Result<std::vector<DeviceReconciliation>> PgHubStore::reconciliation(std::int64_t event_id) {
  return pool_.read([&](PgConnection& connection) -> Result<std::vector<DeviceReconciliation>> {
    PSL_ASSIGN_OR_RETURN(const auto ids,
                         connection.query("SELECT id FROM (SELECT device_id FROM journal WHERE event_id = $1 "
                                          "UNION SELECT device_id FROM hub_quarantine WHERE event_id = $1 "
                                          "UNION SELECT a.authored_id FROM hub_authored a JOIN hub_device d "
                                          "ON d.device_id = a.device_id WHERE d.event_id = $1) AS ids (id) "
                                          "ORDER BY id COLLATE \"C\"",
                                          event_id));
    std::vector<DeviceReconciliation> rows;
    for (int i = 0; i < ids.rows(); ++i) {
      PSL_ASSIGN_OR_RETURN(auto row, reconcile_id(connection, std::string(ids.text(i, 0))));
      rows.push_back(std::move(row));
    }
    return rows;
  });
}

Result<std::vector<QuarantinedEntry>> PgHubStore::quarantined(std::optional<std::int64_t> event_id) {
  return pool_.read([&](PgConnection& connection) -> Result<std::vector<QuarantinedEntry>> {
    PSL_ASSIGN_OR_RETURN(const auto result,
                         connection.query("SELECT id, received_ms, uploader, device_id, event_id, seq, uuid, reason, "
                                          "detail, raw_json FROM hub_quarantine "
                                          "WHERE $1::bigint IS NULL OR event_id = $1 ORDER BY id",
                                          event_id));
    std::vector<QuarantinedEntry> list;
    list.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) {
      list.push_back({result.int64(row, 0), result.int64(row, 1), std::string(result.text(row, 2)),
                      std::string(result.text(row, 3)), result.optional_int64(row, 4), result.optional_int64(row, 5),
                      std::string(result.text(row, 6)), std::string(result.text(row, 7)),
                      std::string(result.text(row, 8)), std::string(result.text(row, 9))});
    }
    return list;
  });
}

Result<std::vector<Alert>> PgHubStore::alerts(std::optional<std::int64_t> event_id) {
  return pool_.read([&](PgConnection& connection) -> Result<std::vector<Alert>> {
    PSL_ASSIGN_OR_RETURN(const auto result,
                         connection.query("SELECT id, created_ms, kind, event_id, device_id, uuid, other_uuid, detail "
                                          "FROM hub_alert WHERE $1::bigint IS NULL OR event_id = $1 ORDER BY id",
                                          event_id));
    std::vector<Alert> list;
    list.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) {
      list.push_back({result.int64(row, 0), result.int64(row, 1), std::string(result.text(row, 2)),
                      result.optional_int64(row, 3), std::string(result.text(row, 4)), std::string(result.text(row, 5)),
                      std::string(result.text(row, 6)), std::string(result.text(row, 7))});
    }
    return list;
  });
}

Result<HubMetrics> PgHubStore::metrics() {
  return pool_.read([&](PgConnection& connection) -> Result<HubMetrics> {
    HubMetrics metrics;
    PSL_ASSIGN_OR_RETURN(metrics.entries_stored, count_of(connection, "SELECT count(*) FROM journal"));
    PSL_ASSIGN_OR_RETURN(metrics.entries_quarantined, count_of(connection, "SELECT count(*) FROM hub_quarantine"));
    PSL_ASSIGN_OR_RETURN(metrics.alerts, count_of(connection, "SELECT count(*) FROM hub_alert"));
    PSL_ASSIGN_OR_RETURN(metrics.feed_seq, feed_head(connection, kHubFeedId));
    PSL_ASSIGN_OR_RETURN(const auto devices,
                         connection.query("SELECT device_id, name, revoked_ms IS NOT NULL, last_sync_ms, "
                                          "clock_offset_ms FROM hub_device "
                                          "ORDER BY enrolled_ms, device_id COLLATE \"C\""));
    for (int row = 0; row < devices.rows(); ++row) {
      DeviceMetric device{std::string(devices.text(row, 0)), std::string(devices.text(row, 1)), devices.boolean(row, 2),
                          devices.optional_int64(row, 3), devices.optional_int64(row, 4)};
      ++(device.revoked ? metrics.devices_revoked : metrics.devices_active);
      metrics.devices.push_back(std::move(device));
    }
    return metrics;
  });
}

Status PgHubStore::ping() {
  return pool_.read([&](PgConnection& connection) -> Status {
    PSL_TRY(count_of(connection, "SELECT 1"));
    return {};
  });
}

}  // namespace passerelle::hub::pg
