#include "sync/hub/server/live_stream.h"

#include <iostream>

#include "sync/protocol/wire.h"

namespace passerelle::hub {

namespace {

class EntriesSource final : public LiveSource {
 public:
  EntriesSource(HubStore& store, std::int64_t event_id, std::string token, int batch)
      : store_(store), event_id_(event_id), token_(std::move(token)), batch_(batch) {}

  LiveRound round(std::int64_t last_id) override;

 private:
  HubStore& store_;
  const std::int64_t event_id_;
  const std::string token_;
  const int batch_;
};

LiveRound EntriesSource::round(std::int64_t last_id) {
  LiveRound round{false, {}, last_id};
  auto auth = store_.authenticate(token_);
  if (auth && auth->status != AuthStatus::ok) {
    round.end = true;  // revoked (or deleted) while streaming: the stream closes now
    return round;
  }
  if (!auth && auth.error().code != Errc::busy) {
    std::cerr << "passerelle-hub: live stream of event " << event_id_ << ": " << auth.error().message << "\n";
    round.end = true;
    return round;
  }
  if (!auth) return round;
  auto entries = store_.live_entries(event_id_, last_id, batch_);
  if (!entries) {
    // Anything but busy ends the stream; the client resumes with Last-Event-ID.
    if (entries.error().code != Errc::busy) {
      std::cerr << "passerelle-hub: live stream of event " << event_id_ << ": " << entries.error().message << "\n";
      round.end = true;
    }
    return round;
  }
  for (const auto& item : *entries) {
    round.text += "id: " + std::to_string(item.seq) + "\nevent: entry\ndata: " + sync::to_json(item.entry) + "\n\n";
  }
  if (!entries->empty()) round.last_id = entries->back().seq;
  return round;
}

}  // namespace

std::shared_ptr<LiveSource> entries_source(HubStore& store, std::int64_t event_id, std::string token, int batch) {
  return std::make_shared<EntriesSource>(store, event_id, std::move(token), batch);
}

LiveStreamLimits::Admit LiveStreamLimits::acquire(const std::string& owner) {
  std::lock_guard lock(mutex_);
  // The device's own cap first: it is the answer that tells the client what to change.
  const auto it = by_owner_.find(owner);
  if (it != by_owner_.end() && it->second >= per_owner_) return Admit::owner_full;
  if (per_owner_ <= 0) return Admit::owner_full;
  if (open_ >= total_) return Admit::server_full;
  ++by_owner_[owner];
  ++open_;
  return Admit::ok;
}

void LiveStreamLimits::release(const std::string& owner) {
  std::lock_guard lock(mutex_);
  const auto it = by_owner_.find(owner);
  if (it == by_owner_.end()) return;
  if (--it->second <= 0) by_owner_.erase(it);
  --open_;
}

int LiveStreamLimits::open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

}  // namespace passerelle::hub
