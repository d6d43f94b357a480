// Store: this device's identity and small settings (local_state, sync_former_id).
#include "core/auth/staff_pin.h"
#include "core/store/store.h"

namespace passerelle {
namespace {

// local_state keys. The key is kept with the id it was made for: after an enrolment without a key
// (an older hub) the current id differs, and the file must still name the key's own device.
constexpr std::string_view kJournalKey = "journal_key";
constexpr std::string_view kJournalKeyDevice = "journal_key_device";

// Per event, since a hub's file holds several; a kiosk's bundle holds its one event's.
std::string staff_pin_key(std::int64_t event_id) {
  return "staff_pin_hash/" + std::to_string(event_id);
}

}  // namespace

Result<std::vector<std::string>> Store::authored_device_ids() {
  PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT device_id FROM sync_former_id ORDER BY position"));
  PSL_ASSIGN_OR_RETURN(auto ids, select.collect_texts());
  PSL_ASSIGN_OR_RETURN(auto current, local_value("device_id"));
  if (current) ids.push_back(*current);
  return ids;
}

Status Store::adopt_device_id(std::string_view device_id, std::string_view journal_key) {
  if (device_id.empty()) return make_error(Errc::invalid_input, "empty device id");
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database_));
  if (!journal_key.empty()) {
    PSL_TRY(set_local_value(kJournalKey, journal_key));
    PSL_TRY(set_local_value(kJournalKeyDevice, device_id));
  }
  PSL_ASSIGN_OR_RETURN(const auto current, local_value("device_id"));
  if (current && *current == device_id) return transaction.commit();
  if (current) {
    PSL_ASSIGN_OR_RETURN(auto insert, database_.query("INSERT OR IGNORE INTO sync_former_id(device_id, position) "
                                                      "SELECT ?, coalesce(max(position), 0) + 1 FROM sync_former_id"));
    PSL_TRY(insert.bind_all(*current).run());
  }
  PSL_TRY(set_local_value("device_id", device_id));
  return transaction.commit();
}

Result<std::optional<DeviceJournalKey>> Store::journal_key() {
  PSL_ASSIGN_OR_RETURN(auto key, local_value(kJournalKey));
  PSL_ASSIGN_OR_RETURN(auto device, local_value(kJournalKeyDevice));
  if (!key || !device || key->empty() || device->empty()) return std::optional<DeviceJournalKey>();
  return std::optional<DeviceJournalKey>(DeviceJournalKey{std::move(*device), std::move(*key)});
}

Result<std::optional<std::string>> Store::staff_pin_hash(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto hash, local_value(staff_pin_key(event_id)));
  if (hash && hash->empty()) hash.reset();
  return hash;
}

Status Store::set_staff_pin_hash(std::int64_t event_id, std::string_view hash) {
  PSL_TRY(check_staff_pin_hash(hash));
  return set_local_value(staff_pin_key(event_id), hash);
}

Result<std::optional<std::string>> Store::local_value(std::string_view key) {
  PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT value FROM local_state WHERE key = ?"));
  select.bind_all(key);
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  if (!has_row) return std::optional<std::string>();
  return std::optional<std::string>(select.column_text(0));
}

Status Store::set_local_value(std::string_view key, std::string_view value) {
  PSL_ASSIGN_OR_RETURN(auto upsert, database_.query("INSERT INTO local_state(key, value) VALUES (?, ?) "
                                                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  return upsert.bind_all(key, value).run();
}

}  // namespace passerelle
