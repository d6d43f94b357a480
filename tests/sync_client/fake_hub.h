// FakeHub: an in-memory hub speaking just enough of docs/sync.md (enrol, upload, changes,
// reconcile) through HubTransport, with faults a test switches on: no answer at all, an answer
// lost after the hub stored the batch, a revoked token. It parses and answers with core's codec,
// so the worker's JSON is checked on the way.
//
// Thread safety: every member is guarded by one mutex; the worker's thread calls in while the
// test thread sets faults and reads what arrived.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "sync/client/hub_transport.h"
#include "sync/protocol/wire.h"

namespace passerelle::kiosk::fakes {

class FakeHub {
 public:
  FakeHub();

  // ---- set-up
  // A one-time code that enrols as `device_id` with `token` for `event_id`.
  void add_enrolment_code(const std::string& code, const std::string& device_id, const std::string& token,
                          std::int64_t event_id);
  // A device already enrolled (the kiosk's database says so too).
  void add_device(const std::string& device_id, const std::string& token, std::vector<std::string> previous_ids = {});
  void revoke(const std::string& token);
  void add_change(sync::ChangeData data);                       // appended to the change feed
  void forget(const std::string& device_id, std::int64_t seq);  // as a hub restored from an old backup
  // The hub's clock: hub time = kiosk time + skew (the kiosk's clock is passed in).
  void set_time_source(std::function<std::int64_t()> now_ms);

  // ---- faults
  void set_unreachable(bool unreachable);  // every call fails before the hub sees it
  void drop_answers(int count);            // the next `count` calls are handled, then their answer is lost
  // Every upload refused, storing nothing, as a hub whose quarantine quota for the device is full
  // answers (429 quarantine_full), until called again with false.
  void refuse_uploads_quarantine_full(bool refuse);
  // Runs inside the next upload's handling, before the hub answers (the hub has not stored yet).
  void before_upload_answer(std::function<void()> hook);

  // ---- what happened
  struct Upload {
    std::string device_id;
    std::vector<std::int64_t> seqs;
    std::int64_t clock_offset_ms = 0;
    std::vector<sync::EntryStatus> statuses;
  };
  std::vector<Upload> uploads() const;
  std::vector<std::int64_t> change_requests() const;  // the `after` of each changes call
  std::vector<sync::EnrolRequest> enrol_requests() const;
  // Entries held for a device id, by seq.
  std::map<std::int64_t, sync::WireEntry> entries(const std::string& device_id) const;
  std::size_t calls() const;            // every call that reached the hub (not the unreachable ones)
  std::size_t refused_uploads() const;  // uploads answered 429 quarantine_full

  // Handles one request as the HTTP API would; `token` empty when none was sent.
  Result<HttpReply> handle(const std::string& method, std::string_view path, std::string_view body,
                           std::string_view token);

  // A TransportFactory whose transports lead here; it records the addresses asked for.
  TransportFactory factory();
  std::vector<std::string> addresses() const;
  std::vector<std::string> pins() const;  // the certificate pin asked with each address

 private:
  struct Device {
    std::string token;
    std::set<std::string> ids;  // its own and its previous ones
    bool revoked = false;
  };
  struct Code {
    std::string device_id;
    std::string token;
    std::int64_t event_id = 0;
    bool used = false;
  };

  HttpReply enrol(std::string_view body);
  HttpReply upload(const Device& device, std::string_view body);
  HttpReply changes(std::string_view query);
  HttpReply reconcile(const Device& device, std::string_view body);
  std::int64_t acked_seq(const std::string& device_id) const;
  std::int64_t now_ms() const { return now_ ? now_() : 0; }

  mutable std::mutex mutex_;
  std::map<std::string, Code> codes_;
  std::map<std::string, Device> devices_;  // by device id
  std::map<std::string, std::map<std::int64_t, sync::WireEntry>> entries_;
  std::map<std::string, sync::WireEntry> by_uuid_;
  std::vector<sync::Change> feed_;
  std::function<std::int64_t()> now_;
  bool unreachable_ = false;
  int drop_answers_ = 0;
  bool quarantine_full_ = false;
  std::size_t refused_uploads_ = 0;
  std::function<void()> before_upload_answer_;
  std::vector<Upload> uploads_;
  std::vector<std::int64_t> change_requests_;
  std::vector<sync::EnrolRequest> enrol_requests_;
  std::vector<std::string> addresses_;
  std::vector<std::string> pins_;
  std::size_t calls_ = 0;
};

}  // namespace passerelle::kiosk::fakes
