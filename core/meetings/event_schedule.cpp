// The problem is built with participants numbered 1..n in order of first appearance among the
// requests, and meetings in request order, so that a run on the same file gives the same numbers.
#include "core/meetings/event_schedule.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/b2b/reschedule.h"
#include "core/import/b2b_import.h"
#include "core/store/b2b_store.h"
#include "core/text/terminal_text.h"

namespace passerelle::meetings {
namespace {

b2b::Window window_of(const std::string& half_day) {
  if (half_day == "morning") return b2b::Window::morning;
  if (half_day == "afternoon") return b2b::Window::afternoon;
  return b2b::Window::any;
}

// "Hall A, table 12" -> 12; 0 when the label holds no table number.
int table_number(const std::string& label) {
  const auto at = label.rfind("table ");
  if (at == std::string::npos) return 0;
  int number = 0;
  for (std::size_t i = at + 6; i < label.size(); ++i) {
    if (label[i] < '0' || label[i] > '9' || number > 1'000'000) return 0;
    number = number * 10 + (label[i] - '0');
  }
  return number;
}

}  // namespace

Result<B2bSession> session_of(Store& store, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto session, load_b2b_session(store.database(), event_id));
  if (!session) return make_error(Errc::not_found, "the event has no B2B session: add [b2b] to its description");
  return std::move(*session);
}

Result<EventScheduleReport> schedule_event(Store& store, std::int64_t event_id, const EventScheduleOptions& options) {
  auto& database = store.database();
  PSL_ASSIGN_OR_RETURN(const B2bSession day, session_of(store, event_id));
  PSL_ASSIGN_OR_RETURN(const auto requests, meeting_requests(database, event_id));
  PSL_ASSIGN_OR_RETURN(const auto stored, request_meetings(database, event_id));
  PSL_ASSIGN_OR_RETURN(const TimeZone* zone, store.event_timezone(event_id));
  PSL_TRY(zone->start_of_day(day.day));  // the session's day is a date: every slot's start below is too
  const auto slot_start_ms = [&](int slot) { return *zone->local_instant(day.day, day.slot_start_minute(slot)); };

  b2b::Problem problem;
  problem.slots = day.slots();
  problem.morning_slots = day.morning_slots;
  problem.tables = day.tables;
  std::map<std::int64_t, int> number;
  std::vector<std::int64_t> participant_of{0};
  const auto number_of = [&](std::int64_t id) {
    const auto [at, fresh] = number.emplace(id, static_cast<int>(participant_of.size()));
    if (fresh) participant_of.push_back(id);
    return at->second;
  };
  std::map<std::int64_t, const RequestMeeting*> meeting_of;
  for (const auto& meeting : stored) meeting_of.emplace(meeting.request_id, &meeting);
  b2b::Schedule published;
  for (const auto& request : requests) {
    problem.meetings.push_back(b2b::MeetingRequest{static_cast<int>(request.id), number_of(request.participant_a),
                                                   number_of(request.participant_b), window_of(request.half_day),
                                                   std::nullopt});
    std::optional<b2b::Placement> place;
    if (const auto found = meeting_of.find(request.id);
        found != meeting_of.end() && found->second->status != "cancelled" && !options.replan) {
      for (int slot = 1; slot <= problem.slots; ++slot)
        if (slot_start_ms(slot) == found->second->slot_start_ms)
          place = b2b::Placement{slot, table_number(found->second->table_label)};
    }
    published.placements.push_back(place);
  }
  problem.participants = static_cast<int>(participant_of.size()) - 1;
  // Published tables a label no longer tells (or that clash) are given afresh.
  std::set<std::pair<int, int>> used;
  std::vector<std::size_t> movable;
  for (std::size_t i = 0; i < published.placements.size(); ++i) {
    auto& place = published.placements[i];
    if (!place) continue;
    if (place->table < 1 || place->table > problem.tables || !used.emplace(place->slot, place->table).second) {
      place.reset();
      movable.push_back(i);
    }
  }
  PSL_ASSIGN_OR_RETURN(const auto people, store.participants(event_id));
  const import::ParticipantDirectory directory(people);
  // Reasons name people as the organiser knows them, made safe for the terminal.
  problem.names.assign(participant_of.size(), std::string());
  for (std::size_t i = 1; i < participant_of.size(); ++i)
    problem.names[i] = terminal_safe(directory.name(participant_of[i]));
  PSL_ASSIGN_OR_RETURN(const auto unavailable, b2b_unavailable(database, event_id));
  for (const auto& [participant, slot] : unavailable)
    if (const auto found = number.find(participant); found != number.end() && slot <= problem.slots)
      problem.unavailable.emplace_back(found->second, static_cast<int>(slot));

  // Participants who did not come, until `absent_until` or all session: their meetings of those
  // slots move to later slots where both are free, or are left out; nobody else's meeting moves.
  if (!options.absent.empty()) {
    int missed = problem.slots;  // slots 1..missed
    if (options.absent_until) {
      const auto minute = parse_clock_minutes(*options.absent_until);
      if (!minute) return make_error(Errc::invalid_input, "--until takes a time written HH:MM");
      missed = 0;
      for (int slot = 1; slot <= problem.slots; ++slot)
        if (day.slot_start_minute(slot) < *minute) missed = slot;
    }
    for (const auto& text : options.absent) {
      const auto id = directory.find(text);
      if (!id) return make_error(Errc::not_found, "no participant '" + terminal_safe(text) + "'");
      const auto found = number.find(*id);
      if (found == number.end())
        return make_error(Errc::invalid_input, "participant '" + terminal_safe(text) + "' has no meeting request");
      for (int slot = 1; slot <= missed; ++slot) problem.unavailable.emplace_back(found->second, slot);
      for (std::size_t i = 0; i < problem.meetings.size(); ++i) {
        const auto& meeting = problem.meetings[i];
        const auto& place = published.placements[i];
        if ((meeting.a == found->second || meeting.b == found->second) && place && place->slot <= missed)
          movable.push_back(i);
      }
    }
  }

  PSL_ASSIGN_OR_RETURN(auto result, b2b::reschedule(problem, published, movable, options.search));
  EventScheduleReport report;
  report.outcome = std::move(result.outcome);
  report.requests = requests.size();
  const auto& outcome = report.outcome;
  std::vector<MeetingPlacement> placements;
  for (std::size_t i = 0; i < problem.meetings.size(); ++i) {
    MeetingPlacement placement;
    placement.request_id = requests[i].id;
    if (const auto& place = outcome.schedule.placements[i]) {
      if (const auto& before = published.placements[i]; before && *before == *place) {
        // Left where it was: its stored times stay (an imported meeting may end before its slot).
        const auto* kept = meeting_of.at(requests[i].id);
        placement.place = MeetingPlacement::Place{kept->slot_start_ms, kept->slot_end_ms, kept->table_label};
      } else {
        const std::int64_t start = slot_start_ms(place->slot);
        placement.place = MeetingPlacement::Place{start, start + std::int64_t{day.slot_minutes} * 60'000,
                                                  day.table_label(place->table)};
      }
    }
    placements.push_back(std::move(placement));
  }
  PSL_ASSIGN_OR_RETURN(report.rows_written, write_schedule(database, event_id, placements));
  for (const auto& left : outcome.left_out) {
    const auto& meeting = problem.meetings[left.meeting];
    report.left_out.push_back(b2b::participant_name(problem, meeting.a) + " and " +
                              b2b::participant_name(problem, meeting.b) + ": " + left.reason);
  }
  for (const int participant : result.participants) report.agendas_changed.push_back(participant_of[participant]);
  std::sort(report.agendas_changed.begin(), report.agendas_changed.end());
  return report;
}

}  // namespace passerelle::meetings
