// What the hub's figures read from an event file, gathered in one place so that `meetings`,
// `report` and the live view count alike (one home for each rule):
// - the clock correction: an entry's time is its kiosk's wall clock plus the clock offset the hub
//   recorded when the entry arrived (table hub_received; none for entries made on the hub itself,
//   nor in a file that never served kiosks);
// - the B2B figures' rows (core/meetings/figures.h): requests, meetings not cancelled, walk-ins
//   read from the journal, accepted scans at B2B areas, answers;
// - the report's rows (core/report/event_report.h): participants with their identity keys,
//   accepted presences (check-ins at doors, scanned or manual, and accepted B2B scans).
// PostgreSQL storage reads the same rows in SQL (sync/hub/pg/pg_hub_live.cpp) and hands them to
// the rules below that are C++ (report_person, add_walk_ins, add_answer), so that each rule has one
// home; tests/hub/hub_store_live_test.cpp holds both storages to the same answers. Rows come in a
// fixed order on both (journal rows by uuid, meetings by the event file's id), so that both give
// equal inputs, not merely equal figures.
//
// Reads only, except that IdentityKeys::computed makes the hub's identity key on first use; the
// caller's Store, on the caller's thread. Failure: the store's errors; the identity keys'
// (core/privacy/identity_keys.h) when the hub's key file cannot be read or made.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/meetings/figures.h"
#include "core/report/event_report.h"
#include "core/store/b2b_store.h"
#include "core/store/store.h"
#include "core/util/result.h"

namespace passerelle::hub {

// ---- the rules in C++, over rows any storage read

// A participant as the report counts them, without identity keys: `erased` when erasure
// (core/privacy) emptied their names, email and organisation.
report::ReportPerson report_person(std::int64_t id, const ParticipantRecord& record);

// A walk-in (core/store/b2b_store.h's walk_ins(), one per pair and start) with the clock offset the
// hub recorded when the entry it was read from arrived (0 for none).
struct ReceivedWalkIn {
  WalkInRow row;
  std::int64_t clock_offset_ms = 0;
};
// Adds to input.meetings, in their order, the walk-ins that no meeting row already holds (the same
// pair at the same start, as the kiosk's clock gave it), each moved onto the hub's clock.
void add_walk_ins(meetings::FigureInput& input, std::span<const ReceivedWalkIn> walk_ins);

// Adds one feedback entry's answer; an answer the protocol does not know (an old file's stray row)
// is not counted. `at_ms` is already corrected.
void add_answer(meetings::FigureInput& input, std::int64_t participant, std::int64_t partner,
                std::int64_t meeting_start_ms, std::string_view answer, std::int64_t at_ms);

// A person's name as the hub's pages show it (a meeting's partner, a dashboard's check-in, a
// search result): first and last name, or the one that is set.
std::string person_name(std::string_view first_name, std::string_view last_name);

// ---- the event file

Result<meetings::FigureInput> gather_meeting_rows(Store& store, std::int64_t event_id);

// Whether ReportPerson's identity keys are filled: the report matches returning people by them;
// the live view does not, and must not write.
enum class IdentityKeys { computed, left_empty };

// The clock correction as an SQL expression over a journal row aliased `j` (every figure and the
// participant page put an entry's time on the hub's clock with it).
Result<std::string> corrected_wall_ms(db::Database& database);

// Everything compute_event_report needs, as of `now_ms`.
Result<report::ReportInput> gather_report_rows(Store& store, const Event& event, std::int64_t now_ms,
                                               IdentityKeys keys_wanted = IdentityKeys::computed);

}  // namespace passerelle::hub
