// An event's B2B schedule, from its store to its store (issue #12): the requests and published
// meetings of the event file become a core/b2b problem, b2b::reschedule places them around what is
// published, and the meeting rows are written in one transaction. The hub's `schedule` command and
// the kiosk's demo both run it; sync carries the rows to kiosks.
//
// Thread safety: uses the Store it is given, on the caller's thread. Failure: Result; Errc::not_found
// when the event has no [b2b] session, or an --absent participant is unknown; Errc::invalid_input
// for a bad --until or an absent participant without requests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/b2b/scheduler.h"
#include "core/store/store.h"

namespace passerelle::meetings {

struct EventScheduleOptions {
  b2b::Options search;
  bool replan = false;                      // move published meetings too
  std::vector<std::string> absent;          // external ids or emails of participants who did not come
  std::optional<std::string> absent_until;  // "HH:MM"; absent all session without it
};

struct EventScheduleReport {
  b2b::Outcome outcome;
  std::size_t requests = 0;
  // "Name and Name: reason", one per meeting left out; names made safe for a terminal.
  std::vector<std::string> left_out;
  int rows_written = 0;
  std::vector<std::int64_t> agendas_changed;  // participant ids, ascending
};

Result<EventScheduleReport> schedule_event(Store& store, std::int64_t event_id, const EventScheduleOptions& options);

// The event's [b2b] session; Errc::not_found when its description has none.
Result<B2bSession> session_of(Store& store, std::int64_t event_id);

}  // namespace passerelle::meetings
