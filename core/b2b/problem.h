// The B2B meeting scheduling problem (issue #12): meeting requests between participants, to be
// given a time slot of one day's B2B session and a table. Plain data, no I/O; the hub fills it
// from the event (session, imported requests) or from an instance directory (instance_csv.h).
//
// Numbering: participants 1..participants, slots 1..slots, tables 1..tables. Slots
// 1..morning_slots are the morning, the rest the afternoon (morning_slots may equal slots).
// A valid schedule puts each placed meeting in one slot that is inside its window, where both
// participants are available and that is its pinned slot if it has one; no participant in two
// meetings of one slot; at most `tables` meetings per slot, on distinct tables.
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/result.h"

namespace passerelle::b2b {

enum class Window { any, morning, afternoon };

struct MeetingRequest {
  int id = 0;  // the caller's number for it (unique); what the CSV output names
  int a = 0;
  int b = 0;
  Window window = Window::any;
  std::optional<int> pinned_slot;  // already published: the meeting keeps this slot
  // Never left out to make room for others (reschedule(): a published meeting stays). The
  // caller guarantees these are consistent with each other; check_problem() refuses one without
  // a pinned slot.
  bool must_hold = false;
};

struct Problem {
  int participants = 0;
  int slots = 0;
  int morning_slots = 0;
  int tables = 0;
  std::vector<MeetingRequest> meetings;
  std::vector<std::pair<int, int>> unavailable;  // (participant, slot)
  // Optional: names[p] for participant p (index 0 unused), for the reasons the scheduler gives;
  // without them, reasons say "participant 12".
  std::vector<std::string> names;
};

// names[participant] when given, else "participant N".
std::string participant_name(const Problem& problem, int participant);

// Bounds a problem must meet before it is scheduled: numbers in range, a != b, unique meeting
// ids, pinned slots in 1..slots. Errc::invalid_input naming the first offence (meeting by id).
Status check_problem(const Problem& problem);

// Whether `slot` lies in the window (morning: 1..morning_slots; afternoon: the rest).
bool in_window(const Problem& problem, Window window, int slot);

// 0 for the morning, 1 for the afternoon.
int half_day(const Problem& problem, int slot);

std::string_view window_name(Window window);

}  // namespace passerelle::b2b
