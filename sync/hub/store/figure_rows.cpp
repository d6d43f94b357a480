#include "sync/hub/store/figure_rows.h"

#include <algorithm>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/meetings/event_schedule.h"
#include "core/privacy/identity_keys.h"
#include "core/store/b2b_store.h"
#include "core/util/strings.h"

namespace passerelle::hub {
namespace {

Result<bool> has_table(db::Database& database, const char* name) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
  select.bind_all(std::string(name));
  return select.step();
}

}  // namespace

// The clock correction as an SQL expression over the journal row `j`. hub_received exists once
// the file has served kiosks (sync/hub/store); a file made by `init` alone has none. This file's
// queries are mirrored on PostgreSQL (sync/hub/pg/pg_hub_live.cpp): change both together.
Result<std::string> corrected_wall_ms(db::Database& database) {
  PSL_ASSIGN_OR_RETURN(const bool received, has_table(database, "hub_received"));
  return received ? std::string(
                        "j.wall_ms + coalesce((SELECT r.clock_offset_ms FROM hub_received r WHERE r.uuid = j.uuid), 0)")
                  : std::string("j.wall_ms");
}

namespace {

// The same correction for one entry read by uuid (a walk-in, read through walk_ins()).
Result<std::int64_t> clock_offset(db::Database& database, bool received, const std::string& uuid) {
  if (!received) return std::int64_t{0};
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT clock_offset_ms FROM hub_received WHERE uuid = ?"));
  select.bind_all(uuid);
  PSL_ASSIGN_OR_RETURN(const bool found, select.step());
  return found ? select.column_int(0) : std::int64_t{0};
}

}  // namespace

report::ReportPerson report_person(std::int64_t id, const ParticipantRecord& record) {
  report::ReportPerson row{id,
                           record.external_id,
                           record.first_name,
                           record.last_name,
                           record.organisation,
                           record.country,
                           record.region,
                           record.sector,
                           record.org_type,
                           record.status,
                           false,
                           {},
                           {}};
  // Erasure (core/privacy) empties exactly these four and keeps the rest.
  row.erased =
      record.first_name.empty() && record.last_name.empty() && record.email.empty() && record.organisation.empty();
  return row;
}

void add_walk_ins(meetings::FigureInput& input, std::span<const ReceivedWalkIn> walk_ins) {
  for (const auto& [walk_in, offset] : walk_ins) {
    const bool held_as_row = std::any_of(input.meetings.begin(), input.meetings.end(), [&](const auto& meeting) {
      return std::minmax(meeting.a, meeting.b) == std::minmax(walk_in.participant_a, walk_in.participant_b) &&
             meeting.start_ms == walk_in.start_ms;
    });
    if (held_as_row) continue;
    // Walk-ins are journal entries (docs/B2B_AREA.md), on their kiosk's clock like its scans: the
    // same correction puts both on the hub's.
    input.meetings.push_back(meetings::FigureMeeting{walk_in.participant_a, walk_in.participant_b,
                                                     walk_in.start_ms + offset, walk_in.end_ms + offset, true,
                                                     walk_in.table_label});
  }
}

void add_answer(meetings::FigureInput& input, std::int64_t participant, std::int64_t partner,
                std::int64_t meeting_start_ms, std::string_view answer, std::int64_t at_ms) {
  const auto parsed = parse_meeting_answer(answer);
  if (!parsed) return;  // the protocol admits none other; an old file's stray row is not counted
  input.answers.push_back(meetings::FigureAnswer{participant, partner, meeting_start_ms, *parsed, at_ms});
}

std::string person_name(std::string_view first_name, std::string_view last_name) {
  std::string name(first_name);
  if (!name.empty() && !last_name.empty()) name += ' ';
  name += last_name;
  return name;
}

Result<meetings::FigureInput> gather_meeting_rows(Store& store, std::int64_t event_id) {
  auto& database = store.database();
  meetings::FigureInput input;
  {
    PSL_ASSIGN_OR_RETURN(auto count, database.query("SELECT count(*) FROM meeting_request WHERE event_id = ?"));
    count.bind_all(event_id);
    PSL_ASSIGN_OR_RETURN(const bool has_row, count.step());
    input.requested = has_row ? count.column_int(0) : 0;
  }
  {
    PSL_ASSIGN_OR_RETURN(auto select,
                         database.query("SELECT participant_a, participant_b, slot_start_ms, slot_end_ms, origin, "
                                        "table_label FROM meeting WHERE event_id = ? AND status <> 'cancelled' "
                                        "ORDER BY id"));
    select.bind_all(event_id);
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) break;
      input.meetings.push_back(meetings::FigureMeeting{select.column_int(0), select.column_int(1), select.column_int(2),
                                                       select.column_int(3), select.column_text(4) == "walk_in",
                                                       select.column_text(5)});
    }
  }
  PSL_ASSIGN_OR_RETURN(const bool received, has_table(database, "hub_received"));
  {
    PSL_ASSIGN_OR_RETURN(auto walk_ins,
                         passerelle::walk_ins(database, event_id, 0, std::numeric_limits<std::int64_t>::max()));
    std::vector<ReceivedWalkIn> received_walk_ins;
    received_walk_ins.reserve(walk_ins.size());
    for (auto& walk_in : walk_ins) {
      PSL_ASSIGN_OR_RETURN(const std::int64_t offset, clock_offset(database, received, walk_in.uuid));
      received_walk_ins.push_back(ReceivedWalkIn{std::move(walk_in), offset});
    }
    add_walk_ins(input, received_walk_ins);
  }
  PSL_ASSIGN_OR_RETURN(const auto people, store.participants(event_id));
  for (const auto& person : people)
    input.people.emplace(person.id, meetings::FigurePerson{person.record.country, person.record.sector});
  PSL_ASSIGN_OR_RETURN(const std::string corrected, corrected_wall_ms(database));
  {
    PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT j.participant_id, " + corrected +
                                                     " FROM journal j WHERE j.event_id = ? AND j.kind = "
                                                     "'meeting_held' AND j.outcome = 'accepted' AND "
                                                     "j.participant_id IS NOT NULL ORDER BY j.uuid"));
    select.bind_all(event_id);
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) break;
      input.scans[select.column_int(0)].push_back(select.column_int(1));
    }
  }
  PSL_ASSIGN_OR_RETURN(auto answers, database.query("SELECT j.participant_id, j.partner_id, j.meeting_start_ms, "
                                                    "j.answer, " +
                                                    corrected +
                                                    " FROM journal j WHERE j.event_id = ? AND j.kind = 'feedback' "
                                                    "AND j.participant_id IS NOT NULL AND j.partner_id IS NOT NULL "
                                                    "ORDER BY j.uuid"));
  answers.bind_all(event_id);
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, answers.step());
    if (!has_row) break;
    add_answer(input, answers.column_int(0), answers.column_int(1), answers.column_int(2), answers.column_text(3),
               answers.column_int(4));
  }
  return input;
}

Result<report::ReportInput> gather_report_rows(Store& store, const Event& event, std::int64_t now_ms,
                                               IdentityKeys keys_wanted) {
  auto& database = store.database();
  report::ReportInput input;
  input.event = event;
  input.now_ms = now_ms;
  PSL_ASSIGN_OR_RETURN(input.checkpoints, store.checkpoints(event.id));

  // The keys, not the names, say who is one person or organisation: they survive erasure.
  std::vector<privacy::IdentityKeys> keys;
  if (keys_wanted == IdentityKeys::computed) {
    PSL_ASSIGN_OR_RETURN(keys, privacy::identity_keys(store, event.id));
  }
  std::unordered_map<std::int64_t, const privacy::IdentityKeys*> key_of;
  for (const auto& key : keys) key_of.emplace(key.participant_id, &key);
  PSL_ASSIGN_OR_RETURN(const auto people, store.participants(event.id));
  input.people.reserve(people.size());
  for (const auto& person : people) {
    auto row = report_person(person.id, person.record);
    if (const auto found = key_of.find(person.id); found != key_of.end()) {
      row.email_key = found->second->email_key;
      row.organisation_key = found->second->organisation_key;
    }
    input.people.push_back(std::move(row));
  }

  PSL_ASSIGN_OR_RETURN(const std::string corrected, corrected_wall_ms(database));
  // The presences: check-ins at doors (a check-in entry is an accepted scan; refusals are
  // rejected_scan entries), and B2B scans the area accepted. Check-outs are not arrivals.
  PSL_ASSIGN_OR_RETURN(auto select,
                       database.query("SELECT j.participant_id, j.checkpoint_id, " + corrected +
                                      " FROM journal j WHERE j.event_id = ? AND j.participant_id IS NOT NULL AND "
                                      "j.checkpoint_id IS NOT NULL AND (j.kind IN ('checkin', 'manual_checkin') OR "
                                      "(j.kind = 'meeting_held' AND j.outcome = 'accepted')) ORDER BY j.uuid"));
  select.bind_all(event.id);
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) break;
    input.checkins.push_back(report::ReportCheckin{select.column_int(0), select.column_int(1), select.column_int(2)});
  }

  auto session = meetings::session_of(store, event.id);
  if (session) {
    input.session = std::move(*session);
    PSL_ASSIGN_OR_RETURN(input.meetings, gather_meeting_rows(store, event.id));
  } else if (session.error().code != Errc::not_found) {
    return session.error();
  }
  return input;
}

}  // namespace passerelle::hub
