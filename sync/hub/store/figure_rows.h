// What the hub's figures read from an event file, gathered in one place so that `meetings`,
// `report` and the live view count alike (one home for each rule):
// - the clock correction: an entry's time is its kiosk's wall clock plus the clock offset the hub
//   recorded when the entry arrived (table hub_received; none for entries made on the hub itself,
//   nor in a file that never served kiosks);
// - the B2B figures' rows (core/meetings/figures.h): requests, meetings not cancelled, walk-ins
//   read from the journal, accepted scans at B2B areas, answers;
// - the report's rows (core/report/event_report.h): participants with their identity keys,
//   accepted presences (check-ins at doors, scanned or manual, and accepted B2B scans).
// PostgreSQL storage gathers the same rows in SQL (sync/hub/pg/pg_hub_live.cpp); the shared
// HubStore suite holds both to the same answers.
//
// Reads only, except that IdentityKeys::computed makes the hub's identity key on first use; the
// caller's Store, on the caller's thread. Failure: the store's errors; the identity keys'
// (core/privacy/identity_keys.h) when the hub's key file cannot be read or made.
#pragma once

#include <cstdint>

#include "core/meetings/figures.h"
#include "core/report/event_report.h"
#include "core/store/store.h"
#include "core/util/result.h"

namespace passerelle::hub {

Result<meetings::FigureInput> gather_meeting_rows(Store& store, std::int64_t event_id);

// Whether ReportPerson's identity keys are filled: the report matches returning people by them;
// the live view does not, and must not write.
enum class IdentityKeys { computed, left_empty };

// Everything compute_event_report needs, as of `now_ms`.
Result<report::ReportInput> gather_report_rows(Store& store, const Event& event, std::int64_t now_ms,
                                               IdentityKeys keys_wanted = IdentityKeys::computed);

}  // namespace passerelle::hub
