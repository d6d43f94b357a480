// GET /v1/setup (docs/sync.md, "Setting up from nothing"): the event a device was enrolled for,
// as a kiosk without a bundle needs it before its first download. JSON:
//   {"event": {id, name, venue, timezone, language, days: [...]},
//    "checkpoints": [{id, name, rule, position, kind, b2b_area, admits: [...]}],
//    "b2b": null | {day, start_minute, afternoon_start_minute, slot_minutes, pause_minutes,
//                   morning_slots, afternoon_slots, tables, early_minutes, late_minutes,
//                   grace_minutes, areas: [{name, first_table, last_table}]},
//    "staff_pin_hash": "...", "hub_time_ms": N}
//
// Pure functions, any thread. Parsing is strict and bounded as the rest of the protocol
// (wire.h): every count, length and number has a bound below, checked before anything is stored,
// so a hostile or broken answer is refused whole with Errc::invalid_input naming the field.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/model/event_setup.h"
#include "core/util/result.h"

namespace passerelle::sync {

// Far beyond a real event (a handful of doors, a few days, a few dozen B2B areas), near enough
// that a hostile answer costs a kiosk nothing.
inline constexpr std::size_t kMaxSetupCheckpoints = 256;
inline constexpr std::size_t kMaxSetupDays = 366;
inline constexpr std::size_t kMaxSetupTags = 256;  // per checkpoint
inline constexpr std::size_t kMaxSetupAreas = 1000;
inline constexpr std::size_t kMaxSetupText = 1024;  // bytes of a name, venue, tag or hash

struct SetupAnswer {
  EventSetup setup;
  std::int64_t hub_time_ms = 0;
};

std::string to_json(const EventSetup& setup, std::int64_t hub_time_ms);
Result<SetupAnswer> parse_setup_answer(std::string_view json);

}  // namespace passerelle::sync
