#include "tests/sync_client/fake_hub.h"

#include <charconv>

#include "sync/protocol/journal_key.h"

namespace passerelle::kiosk::fakes {
namespace {

class FakeTransport final : public HubTransport {
 public:
  explicit FakeTransport(FakeHub& hub) : hub_(hub) {}
  Result<HttpReply> post_json(std::string_view path, std::string_view body, std::string_view token) override {
    return hub_.handle("POST", path, body, token);
  }
  Result<HttpReply> get_json(std::string_view path, std::string_view token) override {
    return hub_.handle("GET", path, {}, token);
  }

 private:
  FakeHub& hub_;
};

HttpReply error_reply(int status, std::string_view code, std::string_view message) {
  return HttpReply{status, sync::error_json(code, message)};
}

std::int64_t query_int(std::string_view query, std::string_view name, std::int64_t fallback) {
  const std::string key = std::string(name) + "=";
  auto at = query.find(key);
  if (at == std::string_view::npos) return fallback;
  std::string_view value = query.substr(at + key.size());
  value = value.substr(0, value.find('&'));
  std::int64_t parsed = fallback;
  std::from_chars(value.data(), value.data() + value.size(), parsed);
  return parsed;
}

}  // namespace

FakeHub::FakeHub() = default;

void FakeHub::add_enrolment_code(const std::string& code, const std::string& device_id, const std::string& token,
                                 std::int64_t event_id) {
  std::lock_guard lock(mutex_);
  codes_[code] = Code{device_id, token, event_id, false};
}

void FakeHub::add_device(const std::string& device_id, const std::string& token,
                         std::vector<std::string> previous_ids) {
  std::lock_guard lock(mutex_);
  Device device{token, {device_id}, false};
  device.ids.insert(previous_ids.begin(), previous_ids.end());
  devices_[device_id] = std::move(device);
}

void FakeHub::revoke(const std::string& token) {
  std::lock_guard lock(mutex_);
  for (auto& [id, device] : devices_)
    if (device.token == token) device.revoked = true;
}

void FakeHub::add_change(sync::ChangeData data) {
  std::lock_guard lock(mutex_);
  feed_.push_back(sync::Change{static_cast<std::int64_t>(feed_.size()) + 1, std::move(data)});
}

void FakeHub::forget(const std::string& device_id, std::int64_t seq) {
  std::lock_guard lock(mutex_);
  auto& held = entries_[device_id];
  if (const auto found = held.find(seq); found != held.end()) {
    by_uuid_.erase(found->second.uuid);
    held.erase(found);
  }
}

void FakeHub::set_time_source(std::function<std::int64_t()> now_ms) {
  std::lock_guard lock(mutex_);
  now_ = std::move(now_ms);
}

void FakeHub::set_unreachable(bool unreachable) {
  std::lock_guard lock(mutex_);
  unreachable_ = unreachable;
}

void FakeHub::drop_answers(int count) {
  std::lock_guard lock(mutex_);
  drop_answers_ = count;
}

void FakeHub::before_upload_answer(std::function<void()> hook) {
  std::lock_guard lock(mutex_);
  before_upload_answer_ = std::move(hook);
}

std::vector<FakeHub::Upload> FakeHub::uploads() const {
  std::lock_guard lock(mutex_);
  return uploads_;
}

std::vector<std::int64_t> FakeHub::change_requests() const {
  std::lock_guard lock(mutex_);
  return change_requests_;
}

std::vector<sync::EnrolRequest> FakeHub::enrol_requests() const {
  std::lock_guard lock(mutex_);
  return enrol_requests_;
}

std::map<std::int64_t, sync::WireEntry> FakeHub::entries(const std::string& device_id) const {
  std::lock_guard lock(mutex_);
  const auto found = entries_.find(device_id);
  return found == entries_.end() ? std::map<std::int64_t, sync::WireEntry>() : found->second;
}

std::size_t FakeHub::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

std::vector<std::string> FakeHub::addresses() const {
  std::lock_guard lock(mutex_);
  return addresses_;
}

std::vector<std::string> FakeHub::pins() const {
  std::lock_guard lock(mutex_);
  return pins_;
}

TransportFactory FakeHub::factory() {
  return [this](const HubEndpoint& hub) -> Result<std::unique_ptr<HubTransport>> {
    std::lock_guard lock(mutex_);
    addresses_.push_back(hub.url);
    pins_.push_back(hub.certificate_pin);
    return std::unique_ptr<HubTransport>(std::make_unique<FakeTransport>(*this));
  };
}

void FakeHub::refuse_uploads_quarantine_full(bool refuse) {
  std::lock_guard lock(mutex_);
  quarantine_full_ = refuse;
}

std::size_t FakeHub::refused_uploads() const {
  std::lock_guard lock(mutex_);
  return refused_uploads_;
}

Result<HttpReply> FakeHub::handle(const std::string& method, std::string_view path, std::string_view body,
                                  std::string_view token) {
  std::function<void()> hook;
  {
    std::lock_guard lock(mutex_);
    if (unreachable_) return make_error(Errc::io, "fake hub: connection refused");
    ++calls_;
    if (path == "/v1/upload") hook = std::exchange(before_upload_answer_, nullptr);
  }
  if (hook) hook();  // outside the lock: it may read the kiosk's database, never the hub

  std::lock_guard lock(mutex_);
  HttpReply reply;
  const std::string_view route = path.substr(0, path.find('?'));
  const Device* device = nullptr;
  for (const auto& [id, each] : devices_)
    if (!token.empty() && each.token == token) device = &each;
  if (method == "POST" && route == "/v1/enrol") {
    reply = enrol(body);
  } else if (device == nullptr) {
    reply = error_reply(401, "unauthorised", "unknown token");
  } else if (device->revoked) {
    reply = error_reply(403, "revoked", "this device was revoked");
  } else if (method == "POST" && route == "/v1/upload" && quarantine_full_) {
    ++refused_uploads_;
    reply = error_reply(429, "quarantine_full", "device has 1000 entries in quarantine, its quota");
  } else if (method == "POST" && route == "/v1/upload") {
    reply = upload(*device, body);
  } else if (method == "GET" && route == "/v1/changes") {
    reply = changes(path.substr(route.size()));
  } else if (method == "POST" && route == "/v1/reconcile") {
    reply = reconcile(*device, body);
  } else {
    reply = error_reply(404, "not_found", "no such call");
  }
  if (drop_answers_ > 0) {
    --drop_answers_;
    return make_error(Errc::io, "fake hub: the answer was lost");
  }
  return reply;
}

HttpReply FakeHub::enrol(std::string_view body) {
  auto request = sync::parse_enrol_request(body);
  if (!request) return error_reply(400, "bad_request", request.error().message);
  enrol_requests_.push_back(*request);
  auto code = codes_.find(request->code);
  if (code == codes_.end() || code->second.used)
    return error_reply(401, "bad_code", "unknown, expired or already used enrolment code");
  code->second.used = true;
  Device device{code->second.token, {code->second.device_id}, false};
  device.ids.insert(request->previous_device_ids.begin(), request->previous_device_ids.end());
  devices_[code->second.device_id] = std::move(device);
  return HttpReply{200, sync::to_json(sync::EnrolAnswer{code->second.device_id, code->second.token,
                                                        code->second.event_id, now_ms(), sync::new_journal_key()})};
}

HttpReply FakeHub::upload(const Device& device, std::string_view body) {
  auto batch = sync::parse_upload_batch(body);
  if (!batch) return error_reply(400, "bad_request", batch.error().message);
  if (!device.ids.contains(batch->device_id)) return error_reply(403, "forbidden", "not one of this device's ids");
  Upload record{batch->device_id, {}, batch->clock_offset_ms, {}};
  sync::UploadAnswer answer;
  for (const auto& incoming : batch->entries) {
    record.seqs.push_back(incoming.seq);
    sync::EntryResult result{incoming.uuid, sync::EntryStatus::quarantined, {}};
    if (!incoming.entry || incoming.entry->device != batch->device_id) {
      result.reason = "malformed";
    } else if (const auto held = by_uuid_.find(incoming.uuid); held != by_uuid_.end()) {
      result.status = held->second == *incoming.entry ? sync::EntryStatus::duplicate : sync::EntryStatus::quarantined;
      if (result.status == sync::EntryStatus::quarantined) result.reason = "uuid_conflict";
    } else if (entries_[batch->device_id].contains(incoming.seq)) {
      result.reason = "sequence_conflict";
    } else {
      entries_[batch->device_id][incoming.seq] = *incoming.entry;
      by_uuid_[incoming.uuid] = *incoming.entry;
      result.status = sync::EntryStatus::stored;
    }
    record.statuses.push_back(result.status);
    answer.statuses.push_back(std::move(result));
  }
  answer.acked_seq = acked_seq(batch->device_id);
  answer.hub_time_ms = now_ms();
  uploads_.push_back(std::move(record));
  return HttpReply{200, sync::to_json(answer)};
}

HttpReply FakeHub::changes(std::string_view query) {
  const std::int64_t after = query_int(query, "after", 0);
  const std::int64_t limit = query_int(query, "limit", sync::kMaxChangePage);
  change_requests_.push_back(after);
  sync::ChangePage page;
  page.cursor = after;
  for (const auto& change : feed_) {
    if (change.seq <= after || static_cast<std::int64_t>(page.changes.size()) >= limit) continue;
    page.changes.push_back(change);
    page.cursor = change.seq;
  }
  for (const auto& change : feed_)
    if (change.seq > page.cursor) ++page.remaining;
  page.more = page.remaining > 0;
  page.hub_time_ms = now_ms();
  return HttpReply{200, sync::to_json(page)};
}

HttpReply FakeHub::reconcile(const Device& device, std::string_view body) {
  auto request = sync::parse_reconcile_request(body);
  if (!request) return error_reply(400, "bad_request", request.error().message);
  if (!device.ids.contains(request->device_id)) return error_reply(403, "forbidden", "not one of this device's ids");
  sync::ReconcileAnswer answer;
  std::vector<std::string> uuids;
  const auto& held = entries_[request->device_id];
  std::int64_t expected = 1;
  for (const auto& [seq, entry] : held) {
    uuids.push_back(entry.uuid);
    if (seq > expected) answer.missing.push_back({expected, seq - 1});
    expected = seq + 1;
  }
  answer.hub_count = static_cast<std::int64_t>(uuids.size());
  answer.hub_sha256 = sync::uuid_set_digest(std::move(uuids));
  answer.matches = answer.hub_count == request->count && answer.hub_sha256 == request->sha256;
  return HttpReply{200, sync::to_json(answer)};
}

std::int64_t FakeHub::acked_seq(const std::string& device_id) const {
  const auto found = entries_.find(device_id);
  if (found == entries_.end()) return 0;
  std::int64_t acked = 0;
  for (const auto& [seq, entry] : found->second) {
    if (seq != acked + 1) break;
    acked = seq;
  }
  return acked;
}

}  // namespace passerelle::kiosk::fakes
