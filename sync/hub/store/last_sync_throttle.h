// When a download should also write the device's "last sync" time (docs/sync.md, "Download").
//
// Every change poll of every kiosk (two a second each) used to write hub_device.last_sync_ms in a
// transaction of its own: a durable commit per poll, serialised with the uploads, so that at 300
// kiosks the writes alone kept the hub's workers waiting and fresh requests queued behind them.
// The time is a statistic for `devices` and the alerts (and, once set, what tells a retried
// enrolment, enrolment_rules.h): a device's first download writes it, later ones at most once per
// kWriteIntervalMs. Uploads write it inside their own transaction, unthrottled.
//
// One rule for both storages. Thread-safe. Memory: one entry per device that polled, never more
// than kMaxDevices (then the oldest half is forgotten, which only means one more write each).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace passerelle::hub {

class LastSyncThrottle {
 public:
  static constexpr std::int64_t kWriteIntervalMs = 30'000;
  static constexpr std::size_t kMaxDevices = 100'000;

  // True when a download of `device_id` at `now_ms` should write last_sync_ms, and notes that it
  // will. A write that then fails (a busy file) is simply missed: the next poll after the
  // interval writes again.
  bool due(std::string_view device_id, std::int64_t now_ms);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::int64_t> written_ms_;  // under mutex_
};

}  // namespace passerelle::hub
