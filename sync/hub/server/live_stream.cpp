#include "sync/hub/server/live_stream.h"

#include <iostream>

#include "sync/protocol/wire.h"

namespace passerelle::hub {

LiveRound live_round(HubStore& store, const LiveStreamStart& stream, std::int64_t last_id, int batch) {
  LiveRound round{false, {}, last_id};
  auto auth = store.authenticate(stream.token);
  if (auth && auth->status != AuthStatus::ok) {
    round.end = true;  // revoked (or deleted) while streaming: the stream closes now
    return round;
  }
  if (!auth && auth.error().code != Errc::busy) {
    std::cerr << "passerelle-hub: live stream of event " << stream.event_id << ": " << auth.error().message << "\n";
    round.end = true;
    return round;
  }
  if (!auth) return round;
  auto entries = store.live_entries(stream.event_id, last_id, batch);
  if (!entries) {
    // Anything but busy ends the stream; the client resumes with Last-Event-ID.
    if (entries.error().code != Errc::busy) {
      std::cerr << "passerelle-hub: live stream of event " << stream.event_id << ": " << entries.error().message
                << "\n";
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
