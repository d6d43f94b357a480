#include "core/meetings/meeting_state.h"

#include <algorithm>

namespace passerelle::meetings {

Window scan_window(std::int64_t start_ms, std::int64_t end_ms, const B2bSession& session) {
  return Window{start_ms - std::int64_t{session.early_minutes} * 60'000,
                end_ms + std::int64_t{session.late_minutes} * 60'000};
}

MeetingVerdict judge_meeting(std::int64_t start_ms, std::int64_t end_ms, std::span<const std::int64_t> a_scans,
                             std::span<const std::int64_t> b_scans, const B2bSession& session, std::int64_t now_ms) {
  const Window window = scan_window(start_ms, end_ms, session);
  const auto came = [&](std::span<const std::int64_t> scans) {
    return std::any_of(scans.begin(), scans.end(), [&](std::int64_t ms) { return window.contains(ms); });
  };
  MeetingVerdict verdict;
  verdict.a_came = came(a_scans);
  verdict.b_came = came(b_scans);
  if (verdict.a_came && verdict.b_came)
    verdict.state = MeetingState::held;
  else if (now_ms > end_ms + std::int64_t{session.grace_minutes} * 60'000)
    verdict.state = MeetingState::no_show;
  else if (now_ms >= window.from_ms)
    verdict.state = MeetingState::open;
  else
    verdict.state = MeetingState::upcoming;
  return verdict;
}

std::optional<AgendaPick> pick_meeting(std::span<const std::pair<std::int64_t, std::int64_t>> starts_and_ends,
                                       const B2bSession& session, std::int64_t now_ms) {
  // Windows overlap across a short pause: between two meetings, a scan is about the next one.
  for (std::size_t i = 0; i < starts_and_ends.size(); ++i) {
    const auto [start, end] = starts_and_ends[i];
    if (now_ms <= end) return AgendaPick{i, scan_window(start, end, session).contains(now_ms)};
  }
  // After the last end, a late scan still counts for the last meeting within its window.
  if (!starts_and_ends.empty()) {
    const auto [start, end] = starts_and_ends.back();
    if (scan_window(start, end, session).contains(now_ms)) return AgendaPick{starts_and_ends.size() - 1, true};
  }
  return std::nullopt;
}

}  // namespace passerelle::meetings
