// The organisers' live view's figures (docs/LIVE_VIEW.md, "The figures"): what a dashboard or
// wall page shows of one event, as the JSON object the pages read. The counting is the report's
// (core/report/event_report.h) and the B2B area's (core/meetings): this file only chooses what a
// page shows now (today's day, the current and next round, the newest check-ins) and bounds every
// list, so that a page stays small whatever the event's size.
//
// gather_live_inputs reads the store (blocking: a worker thread); render_live_figures is pure.
// LiveFiguresCache shares one computation between every page watching an event.
// Failure: the store's errors; Errc::invalid_input when the event's time zone is unknown to ICU.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/util/result.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

// Bounds of the lists the figures carry.
inline constexpr int kLiveTopKeys = 12;     // by_country, by_sector, by_org_type: the rest is "other"
inline constexpr int kLiveRecent = 20;      // newest check-ins, newest alerts
inline constexpr int kLiveMaxKiosks = 200;  // beyond: cut, with a "more" count
inline constexpr int kLiveMaxTables = 500;  // per round

struct LiveInputs {
  LiveRows rows;
  std::vector<DeviceInfo> devices;
  std::vector<Alert> alerts;
  std::int64_t quarantined = 0;
};

Result<LiveInputs> gather_live_inputs(HubStore& store, std::int64_t event_id, std::int64_t now_ms);

struct LiveFigures {
  std::int64_t feed = 0;  // the event's feed position they were counted at (the stream's id)
  std::string json;
};

// As of the moment the rows were gathered for (inputs.rows.input.now_ms).
Result<LiveFigures> render_live_figures(const LiveInputs& inputs);

// A meeting's state as the pages name it, as of input.now_ms, judged by core's rule from the
// partners' scans at B2B areas (core/meetings/meeting_state.h): "upcoming", "waiting" (its window
// open, nobody yet), "one_side", "held" or "no_show". Empty when the event has no B2B session.
std::string live_meeting_state(const report::ReportInput& input, const meetings::FigureMeeting& meeting);

// One computation of an event's figures shared by every stream and page asking within `max_age`
// and the same feed generation (FeedSignal: an upload through this hub, or a NOTIFY from another,
// makes the next ask compute afresh). Asks for one event while it computes wait for that
// computation rather than start their own: a crowd of pages costs one computation a round.
// Thread-safe. Holds at most one result per event asked for (the events of the hub's accounts).
class LiveFiguresCache {
 public:
  explicit LiveFiguresCache(std::chrono::milliseconds max_age) : max_age_(max_age) {}

  Result<std::shared_ptr<const LiveFigures>> get(HubStore& store, std::int64_t event_id, std::int64_t now_ms,
                                                 std::uint64_t generation);

 private:
  struct Slot {
    std::mutex computing;
    std::shared_ptr<const LiveFigures> figures;  // under `computing`
    std::int64_t computed_ms = 0;
    std::uint64_t generation = 0;
  };
  Slot& slot(std::int64_t event_id);

  const std::chrono::milliseconds max_age_;
  std::mutex mutex_;
  std::map<std::int64_t, std::unique_ptr<Slot>> slots_;
};

}  // namespace passerelle::hub
