#include "sync/hub/server/live_stream.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>

#include "sync/protocol/wire.h"

namespace passerelle::hub {
namespace {

using Clock = std::chrono::steady_clock;

struct StreamState {
  HubStore* store;
  FeedSignal* signal;
  std::int64_t event_id;
  std::int64_t last_id;
  LiveStreamSettings settings;
  Clock::time_point last_write = Clock::now();
  bool started = false;
};

bool write(httplib::DataSink& sink, StreamState& state, const std::string& text) {
  state.last_write = Clock::now();
  return sink.write(text.data(), text.size());
}

// One round: sends what is new, or waits a little. False ends the stream.
bool stream_round(StreamState& state, httplib::DataSink& sink) {
  if (state.signal->closed()) return false;
  if (!state.started) {
    state.started = true;
    // How long a browser's EventSource waits before it reconnects with Last-Event-ID.
    if (!write(sink, state, "retry: 3000\n\n")) return false;
  }
  const auto seen = state.signal->generation();
  auto entries = state.store->live_entries(state.event_id, state.last_id, state.settings.batch);
  if (!entries) {
    // A busy store costs a round, not the stream; anything else ends it and the client resumes.
    if (entries.error().code != Errc::busy) {
      std::cerr << "passerelle-hub: live stream of event " << state.event_id << ": " << entries.error().message << "\n";
      return false;
    }
  } else if (!entries->empty()) {
    std::string text;
    for (const auto& item : *entries) {
      text += "id: " + std::to_string(item.seq) + "\nevent: entry\ndata: " + sync::to_json(item.entry) + "\n\n";
    }
    if (!write(sink, state, text)) return false;
    state.last_id = entries->back().seq;
    return true;
  }
  const auto idle = Clock::now() - state.last_write;
  if (idle >= state.settings.keep_alive) return write(sink, state, ": keep-alive\n\n");
  const auto until_keep_alive = std::chrono::duration_cast<std::chrono::milliseconds>(state.settings.keep_alive - idle);
  return state.signal->wait(seen, std::min(state.settings.recheck, until_keep_alive));
}

}  // namespace

void start_live_stream(httplib::Response& response, HubStore& store, FeedSignal& signal, std::int64_t event_id,
                       std::int64_t after, LiveStreamSettings settings) {
  auto state = std::make_shared<StreamState>(StreamState{&store, &signal, event_id, after, settings});
  response.set_header("Cache-Control", "no-cache");
  response.set_header("X-Accel-Buffering", "no");  // nginx: pass events through unbuffered
  response.set_chunked_content_provider("text/event-stream", [state](std::size_t, httplib::DataSink& sink) {
    try {
      return stream_round(*state, sink);
    } catch (const std::exception& error) {
      std::cerr << "passerelle-hub: live stream: " << error.what() << "\n";
      return false;
    } catch (...) {
      return false;
    }
  });
}

}  // namespace passerelle::hub
