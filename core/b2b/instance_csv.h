// Reads a scheduling instance in the neutral CSV form of the B2B Meeting Scheduling benchmark
// (../shared/data/b2b-forums/README.md): params.json, requests.csv, unavailable.csv. Takes the
// files' text (the caller reads them, within its size bounds); no I/O here.
//
// Failure: Errc::invalid_input naming the file, line and column of the first bad value; nothing
// is returned half-read. Bounds: at most kMaxParticipants, kMaxSlots, kMaxMeetings, kMaxTables.
#pragma once

#include <string>
#include <string_view>

#include "core/b2b/problem.h"
#include "core/b2b/schedule.h"
#include "core/util/result.h"

namespace passerelle::b2b {

inline constexpr int kMaxParticipants = 100'000;
inline constexpr int kMaxSlots = 200;
inline constexpr int kMaxMeetings = 200'000;
inline constexpr int kMaxTables = 10'000;

Result<Problem> parse_instance(std::string_view params_json, std::string_view requests_csv,
                               std::string_view unavailable_csv);

// The schedule as the benchmark's tools read it: header `meeting,slot,table`, then one line per
// placed meeting in the problem's order.
std::string schedule_csv(const Problem& problem, const Schedule& schedule);

}  // namespace passerelle::b2b
