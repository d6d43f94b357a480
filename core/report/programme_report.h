// The programme report (issue #14, docs/REPORT.md): several events of one hub file (a year of
// forums) side by side, their totals, and the participants and organisations returning to two or
// more of them.
//
// Returning people are matched by their identity keys (keyed hashes of the email and of the
// organisation, core/privacy/identity_keys.h), never by names, so that the count survives the
// erasure of the names. A person who gave no email cannot be matched and counts once per event.
//
// Pure: from event reports already computed (event_report.h); no I/O; safe from any thread.
#pragma once

#include <map>
#include <vector>

#include "core/report/event_report.h"

namespace passerelle::report {

struct ProgrammeReport {
  std::vector<EventReport> events;         // as given
  Tally participants;                      // summed over the events (a returning person counts each time)
  int distinct_attendees = 0;              // distinct email keys among attendees, plus attendees without one
  int returning_participants = 0;          // email keys that attended two or more of the events
  int distinct_organisations = 0;          // distinct organisation keys among attendees
  int returning_organisations = 0;         // organisation keys with attendees at two or more of the events
  std::map<int, int> attendees_by_events;  // number of events attended -> people (email keys)
  int meetings_held = 0;
  int meetings_cross_border = 0;
  int meetings_would_cooperate = 0;
};

ProgrammeReport compute_programme_report(std::vector<EventReport> events);

}  // namespace passerelle::report
