// A meeting without appointment at a B2B area (docs/B2B_AREA.md, "Walk-ins"): after a scan the
// participant asks for one, the next badge is the partner, and the kiosk gives them a table of its
// area that nothing holds for the walk-in's length, and journals a walkin_meeting entry.
//
// Why not the scheduler (core/b2b/reschedule.h): a walk-in's slot is now, so the only question is
// the table; and a walk-in usually replaces a meeting whose partner did not come, which the
// scheduler's rule "one meeting per person per slot" would refuse. The table is the first one of
// the area that no meeting (scheduled, imported, or another walk-in) holds for any minute of it.
//
// Thread safety: record_walk_in uses the Store it is given, on the caller's thread. Failure:
// Result; Errc::not_found when the event has no [b2b] session or the checkpoint is unknown, the
// store's errors otherwise (nothing is written then).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/model/b2b_session.h"
#include "core/store/store.h"

namespace passerelle::meetings {

struct WalkInRequest {
  std::int64_t event_id = 0;
  std::int64_t checkpoint_id = 0;  // the B2B area whose tables are offered
  std::int64_t host_id = 0;        // who asked for it, scanned first
  std::int64_t partner_id = 0;     // the badge scanned next
  std::int64_t host_scan_ms = 0;   // the host's scan, wall clock: the walk-in starts at its minute
};

enum class WalkInOutcome {
  placed,           // recorded, at `table_label`
  no_free_table,    // recorded without a table: they meet where they can
  already_meeting,  // the pair has a meeting now: nothing recorded, theirs is shown
  same_person,      // the host's own badge again: nothing recorded, the kiosk waits for the partner
};

struct WalkIn {
  WalkInOutcome outcome = WalkInOutcome::same_person;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::string table_label;  // placed: the free table; already_meeting: the meeting's
};

// The first table of `area` (every table when empty or not one of the session's areas) whose
// label is not in `in_use`.
std::optional<std::string> first_free_table(const B2bSession& session, const std::string& area,
                                            std::span<const std::string> in_use);

// Decides the walk-in and records it, in one transaction of `store`.
Result<WalkIn> record_walk_in(Store& store, const WalkInRequest& request);

}  // namespace passerelle::meetings
