// CheckinWorker: the kiosk's one writer. It owns its own Store (SQLite connection) on its own
// thread, so that durable commits never run on the UI thread, and delivers every answer through
// a callback (the app posts it to the RunQueue).
//
// Thread safety: submit() from any thread; never blocks. Answers are delivered on the worker
// thread, in request order, after one ClockAnswer (the door's clock read at start). Failure: a store error is delivered
// as an answer with `error` set; the app shows "out of order" and nothing as accepted. An exception escaping the
// worker's thread ends it and is delivered once the same way (Errc::database, as the kiosk can no longer write); later
// requests go unanswered.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/checkin/checkin.h"
#include "core/util/clock.h"
#include "core/worker/worker_thread.h"
#include "kiosk/model/kiosk_state.h"

namespace passerelle::kiosk {

struct ScanRequest {
  std::string text;
  std::int64_t checkpoint_id = 0;
  Direction direction = Direction::entry;
  std::int64_t submitted_ns = 0;  // monotonic, for latency measurement
  // Set while a walk-in waits for its partner: this badge is the partner of participant
  // `walk_in_host`, whose scan at `walk_in_host_scan_ms` (wall clock) asked for it.
  std::int64_t walk_in_host = 0;
  std::int64_t walk_in_host_scan_ms = 0;
};
struct ManualRequest {
  std::int64_t participant_id = 0;
  std::int64_t checkpoint_id = 0;
  Direction direction = Direction::entry;
  std::string operator_name;
};
struct SearchRequest {
  std::string text;
};
// A PIN typed on the staff pad, to verify against the argon2id hash (core/auth/staff_pin.h): tens
// of milliseconds and 64 MiB, so never on the UI thread.
struct PinRequest {
  std::string pin;
  std::string hash;
  std::uint64_t attempt = 0;  // the controller's number for it: a late answer is recognised
};
// An answer to the meeting question (docs/B2B_AREA.md): a feedback journal entry.
struct FeedbackRequest {
  std::int64_t participant_id = 0;
  std::int64_t partner_id = 0;
  std::int64_t meeting_start_ms = 0;
  MeetingAnswer answer = MeetingAnswer::informative;
  std::int64_t checkpoint_id = 0;
};
// Staff's changes to how the door decides (the staff screen's day section); answered with a
// ClockAnswer that shows their effect.
struct DoorRequest {
  enum class Action { confirm_date, rehearsal_on, rehearsal_off, clear_rehearsal };
  Action action = Action::confirm_date;
};
// Staff chose where this kiosk counts: kept in the database's local_state (kiosk/model/saved_place.h)
// so that a restart comes back to it; answered with a PlaceAnswer.
struct PlaceRequest {
  std::int64_t checkpoint_id = 0;
  Direction direction = Direction::entry;
};
using WorkerRequest =
    std::variant<ScanRequest, ManualRequest, SearchRequest, PinRequest, FeedbackRequest, DoorRequest, PlaceRequest>;

struct CheckinAnswer {
  bool manual = false;
  std::optional<Error> error;  // the store failed: nothing was stored
  ScanDisplay display;         // for the welcome or refusal screen
  std::int64_t submitted_ns = 0;
  std::int64_t inside_count = -1;
  // The door's clock when this was decided; a once-per-day checkpoint refused to decide under a
  // date outside the event's days when clock_paused (error set, nothing stored).
  std::optional<ClockStatus> clock;
  bool clock_paused = false;
  // A walk-in's partner scan that was accepted: what became of the walk-in (`display` is the
  // partner's scan).
  std::optional<WalkInDisplay> walk_in;
};
// The door's clock read at start, before any scan: a date a year off shows on the staff screen
// before the first person is at the door.
struct ClockAnswer {
  ClockStatus clock;
  RehearsalStatus rehearsal;
  std::optional<Error> error;  // a DoorRequest the store failed: nothing changed
};
struct SearchAnswer {
  std::string text;
  std::optional<Error> error;
  std::vector<SearchHit> hits;
};
struct PinAnswer {
  std::uint64_t attempt = 0;
  bool matches = false;
};
struct FeedbackAnswer {
  std::int64_t participant_id = 0;
  std::int64_t meeting_start_ms = 0;
  std::optional<Error> error;  // the store failed: nothing was stored
};
struct PlaceAnswer {
  std::optional<Error> error;  // not saved: the choice holds until the kiosk restarts
};
using WorkerAnswer = std::variant<CheckinAnswer, SearchAnswer, PinAnswer, ClockAnswer, FeedbackAnswer, PlaceAnswer>;

class CheckinWorker {
 public:
  // Opens the store on the worker thread; `event_id` is the kiosk's event.
  CheckinWorker(std::filesystem::path database, std::int64_t event_id, const Clock& clock,
                std::function<void(WorkerAnswer)> deliver);
  ~CheckinWorker();  // finishes the request in progress, drops the rest, joins
  CheckinWorker(const CheckinWorker&) = delete;
  CheckinWorker& operator=(const CheckinWorker&) = delete;

  void submit(WorkerRequest request);

 private:
  void run(std::stop_token stop);
  WorkerAnswer handle(Store& store, const WorkerRequest& request);
  FeedbackAnswer record_feedback(Store& store, const FeedbackRequest& request);
  ClockAnswer change_door(Store& store, const DoorRequest& request);
  // The door's clock and rehearsal mode as they stand. `watch` measures a jump: the worker's own
  // at start (a jump across the restart), none for a staff change (the watch follows the scans).
  ClockAnswer door_status(Store& store, ClockWatch* watch);
  ClockStatus clock_status(Store& store, const DoorTime& door);

  std::filesystem::path database_;
  std::int64_t event_id_;
  const Clock* clock_;
  std::function<void(WorkerAnswer)> deliver_;
  std::mutex mutex_;
  std::deque<WorkerRequest> queue_;  // under mutex_
  ClockWatch clock_watch_;           // the worker thread's only
  WorkerThread thread_;
};

}  // namespace passerelle::kiosk
