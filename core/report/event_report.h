// The event report's figures (issue #14, docs/REPORT.md): participants and organisations,
// registered and attended, by country, region, sector and organisation type; arrivals over time;
// attendance per day and per checkpoint; the B2B meetings (core/meetings/figures.h); and the
// per-day attendance lists funders of cross-border programmes ask for.
//
// Pure: the caller gathers the rows (the hub from its event file, each entry's time already
// corrected by its kiosk's recorded clock offset: sync/hub/cli/journal_rows.h) and renders the
// result (report_document.h, then HTML, PDF, CSV). No I/O, no cairo; safe from any thread.
// Failure: Errc::invalid_input when the event's time zone is unknown to ICU.
//
// Erased participants (retention or a request: their names, email and organisation are empty,
// country, region, sector, organisation type and status stay) are counted in every figure; the
// per-day lists count them on one line instead of naming them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/meetings/figures.h"
#include "core/model/b2b_session.h"
#include "core/model/checkpoint.h"
#include "core/model/participant.h"
#include "core/util/result.h"

namespace passerelle::report {

struct ReportPerson {
  std::int64_t id = 0;
  std::string external_id;
  std::string first_name;
  std::string last_name;
  std::string organisation;
  std::string country;  // ISO 3166-1 alpha-2, or empty
  std::string region;
  std::string sector;
  OrgType org_type = OrgType::unspecified;
  ParticipantStatus status = ParticipantStatus::registered;
  bool erased = false;  // names, email and organisation erased (core/privacy)
  // What makes two people one person or one organisation across events: the keyed hashes of
  // core/privacy/identity_keys.h, which survive erasure. Empty when the person gave none.
  std::string email_key;
  std::string organisation_key;
};

// An accepted presence: a check-in (scanned or manual) at a door, or a scan at a B2B area.
struct ReportCheckin {
  std::int64_t participant_id = 0;
  std::int64_t checkpoint_id = 0;
  std::int64_t at_ms = 0;  // the kiosk's clock plus the offset the hub recorded when it arrived
};

struct ReportInput {
  Event event;
  std::vector<Checkpoint> checkpoints;  // in position order
  std::vector<ReportPerson> people;
  std::vector<ReportCheckin> checkins;
  // The B2B session and what its figures read; absent when the event has no [b2b] session.
  std::optional<B2bSession> session;
  meetings::FigureInput meetings;
  std::int64_t now_ms = 0;  // the report's moment: later presences, scans and answers are not counted
};

struct Tally {
  int registered = 0;  // status "registered" (cancelled and blocked are counted apart)
  int attended = 0;    // present at least once, whatever their status now
};

// First arrivals of one day, counted per bin of `EventReport::bin_minutes` from local midnight.
struct DayArrivals {
  std::string day;            // "YYYY-MM-DD"
  std::map<int, int> by_bin;  // bin index (minute of day / bin_minutes) -> people
};

struct DayAttendance {
  std::string day;
  int attended = 0;
  std::vector<int> by_checkpoint;  // parallel to EventReport::checkpoints
};

struct SheetRow {
  std::string first_name;
  std::string last_name;
  std::string organisation;
  std::string time;  // "HH:MM", the first presence that day, event time
};

// One day's attendance list: who was there, by name in the event's language (collation.h).
struct DaySheet {
  std::string day;
  std::vector<SheetRow> rows;
  int erased = 0;  // present that day but erased: one line, no names
};

struct EventReport {
  Event event;
  std::vector<Checkpoint> checkpoints;
  std::int64_t now_ms = 0;
  Tally participants;
  int cancelled = 0;
  int blocked = 0;
  int erased = 0;
  Tally organisations;                      // distinct organisation keys among registered / attended people
  std::map<std::string, Tally> by_country;  // "" when not given
  std::map<std::string, Tally> by_region;
  std::map<std::string, Tally> by_sector;
  std::map<OrgType, Tally> by_org_type;
  int bin_minutes = 15;                // 15, or 60 when a day's arrivals spread over more than 8 hours
  std::vector<DayArrivals> arrivals;   // one per event day, in order
  std::vector<DayAttendance> days;     // one per event day, in order
  std::vector<int> checkpoint_totals;  // distinct people per checkpoint over the event
  int outside_days = 0;                // presences dated (after correction) on no day of the event: left out
  std::optional<meetings::MeetingFigures> meetings;
  std::vector<DaySheet> sheets;  // one per event day, in order
  // Each participant's identity keys and whether they attended: what the programme report
  // matches returning people and organisations by.
  struct Identity {
    std::string email_key;
    std::string organisation_key;
    bool registered = false;
    bool attended = false;
  };
  std::vector<Identity> identities;
};

Result<EventReport> compute_event_report(const ReportInput& input);

}  // namespace passerelle::report
