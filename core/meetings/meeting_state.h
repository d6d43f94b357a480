// A meeting's state, derived from its partners' scans at B2B areas (docs/B2B_AREA.md): never
// counted by whoever saw the second scan, so two kiosks seeing one meeting count it once, and a
// late upload that brings a missing scan turns a no-show back into held by itself.
//
// Pure functions over times in milliseconds since the epoch; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/model/b2b_session.h"

namespace passerelle::meetings {

// The moments a scan counts for a meeting: from `early_minutes` before its start to `late_minutes`
// after its end.
struct Window {
  std::int64_t from_ms = 0;
  std::int64_t until_ms = 0;  // inclusive
  bool contains(std::int64_t ms) const { return ms >= from_ms && ms <= until_ms; }
};
Window scan_window(std::int64_t start_ms, std::int64_t end_ms, const B2bSession& session);

enum class MeetingState {
  upcoming,  // its window has not opened
  open,      // in its window, not (yet) held
  held,      // both partners scanned within the window
  no_show,   // not held, `grace_minutes` after its end
};

struct MeetingVerdict {
  MeetingState state = MeetingState::upcoming;
  bool a_came = false;
  bool b_came = false;
};

// `a_scans` and `b_scans`: the times of each partner's accepted scans at any B2B area (any order).
// `now_ms`: the judge's clock (the hub's, corrected, for the report).
MeetingVerdict judge_meeting(std::int64_t start_ms, std::int64_t end_ms, std::span<const std::int64_t> a_scans,
                             std::span<const std::int64_t> b_scans, const B2bSession& session, std::int64_t now_ms);

// Of a participant's meetings sorted by start, the one a scan at `now_ms` is about: the first that
// has not ended, or else the last while its window is open; nothing after that. `current` says
// whether the scan falls in its window (otherwise it is the next meeting, later).
struct AgendaPick {
  std::size_t index = 0;
  bool current = false;
};
std::optional<AgendaPick> pick_meeting(std::span<const std::pair<std::int64_t, std::int64_t>> starts_and_ends,
                                       const B2bSession& session, std::int64_t now_ms);

}  // namespace passerelle::meetings
