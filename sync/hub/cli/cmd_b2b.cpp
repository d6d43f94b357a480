// `schedule`: the scheduler of core/b2b over the event's [b2b] session and its imported requests
// (cmd_b2b_import.cpp), writing meeting rows that reach kiosks through sync.
// Published meetings stay where they are unless --replan: a schedule run again only places what
// is new, and lists whose agenda changed.
#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <string>

#include "core/b2b/reschedule.h"
#include "core/import/b2b_import.h"
#include "core/store/b2b_store.h"
#include "core/text/terminal_text.h"
#include "core/util/strings.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/cli/schedule_options.h"

namespace passerelle::hub {
namespace {

// The event's [b2b] session; Errc::not_found when its description has none.
Result<B2bSession> session_of(db::Database& database, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto session, load_b2b_session(database, event_id));
  if (!session) return make_error(Errc::not_found, "the event has no B2B session: add [b2b] to its description");
  return std::move(*session);
}

// ---- schedule

b2b::Window window_of(const std::string& half_day) {
  if (half_day == "morning") return b2b::Window::morning;
  if (half_day == "afternoon") return b2b::Window::afternoon;
  return b2b::Window::any;
}

// "Hall A, table 12" -> 12; 0 when the label holds no table number (a platform's own location).
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

int run_schedule(Context& context, const ParsedArgs& args) {
  b2b::Options options;
  const auto limit = schedule_time_limit(args);
  if (!limit) return context.fail(limit.error());
  options.time_limit = *limit;
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  auto& database = store.database();
  auto session = session_of(database, event.id);
  if (!session) return context.fail(session.error());
  auto requests = meeting_requests(database, event.id);
  if (!requests) return context.fail(requests.error());
  auto stored = request_meetings(database, event.id);
  if (!stored) return context.fail(stored.error());
  auto zone = store.event_timezone(event.id);
  if (!zone) return context.fail(zone.error());
  auto midnight = (*zone)->start_of_day(session->day);
  if (!midnight) return context.fail(midnight.error());
  const auto& day = *session;
  const auto slot_start_ms = [&](int slot) {
    const std::int64_t naive = *midnight + std::int64_t{day.slot_start_minute(slot)} * 60'000;
    return naive + (*zone)->utc_offset_ms(*midnight) - (*zone)->utc_offset_ms(naive);  // a DST change that day
  };

  // The problem: participants numbered 1..n in order of first appearance.
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
  for (const auto& meeting : *stored) meeting_of.emplace(meeting.request_id, &meeting);
  b2b::Schedule published;
  for (const auto& request : *requests) {
    problem.meetings.push_back(b2b::MeetingRequest{static_cast<int>(request.id), number_of(request.participant_a),
                                                   number_of(request.participant_b), window_of(request.half_day),
                                                   std::nullopt});
    std::optional<b2b::Placement> place;
    if (const auto found = meeting_of.find(request.id);
        found != meeting_of.end() && found->second->status != "cancelled" && !args.has("replan")) {
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
  auto people = store.participants(event.id);
  if (!people) return context.fail(people.error());
  const import::ParticipantDirectory index(*people);
  // Reasons name people as the organiser knows them, made safe for the terminal.
  problem.names.assign(participant_of.size(), std::string());
  for (std::size_t i = 1; i < participant_of.size(); ++i)
    problem.names[i] = terminal_safe(index.name(participant_of[i]));
  auto unavailable = b2b_unavailable(database, event.id);
  if (!unavailable) return context.fail(unavailable.error());
  for (const auto& [participant, slot] : *unavailable)
    if (const auto found = number.find(participant); found != number.end() && slot <= problem.slots)
      problem.unavailable.emplace_back(found->second, static_cast<int>(slot));

  // Participants who did not come (--absent), until --until or all day: their meetings of those
  // slots move to later slots where both are free, or are left out; nobody else's meeting moves.
  if (const auto absent = args.values("absent"); !absent.empty()) {
    int missed = problem.slots;  // slots 1..missed
    if (const auto until = args.value("until")) {
      const auto minute = parse_clock_minutes(*until);
      if (!minute) return context.fail(make_error(Errc::invalid_input, "--until takes a time written HH:MM"));
      missed = 0;
      for (int slot = 1; slot <= problem.slots; ++slot)
        if (day.slot_start_minute(slot) < *minute) missed = slot;
    }
    for (const auto& text : absent) {
      const auto id = index.find(text);
      if (!id) return context.fail(make_error(Errc::not_found, "no participant '" + terminal_safe(text) + "'"));
      const auto found = number.find(*id);
      if (found == number.end())
        return context.fail(
            make_error(Errc::invalid_input, "participant '" + terminal_safe(text) + "' has no meeting request"));
      for (int slot = 1; slot <= missed; ++slot) problem.unavailable.emplace_back(found->second, slot);
      for (std::size_t i = 0; i < problem.meetings.size(); ++i) {
        const auto& meeting = problem.meetings[i];
        const auto& place = published.placements[i];
        if ((meeting.a == found->second || meeting.b == found->second) && place && place->slot <= missed)
          movable.push_back(i);
      }
    }
  }

  auto result = b2b::reschedule(problem, published, movable, options);
  if (!result) return context.fail(result.error());
  const auto& outcome = result->outcome;
  std::vector<MeetingPlacement> placements;
  for (std::size_t i = 0; i < problem.meetings.size(); ++i) {
    MeetingPlacement placement;
    placement.request_id = (*requests)[i].id;
    if (const auto& place = outcome.schedule.placements[i]) {
      // A meeting left where it was keeps its stored times: an imported one may end before its slot.
      if (const auto& before = published.placements[i]; before && *before == *place) {
        const auto* stored_meeting = meeting_of.at((*requests)[i].id);
        placement.place = MeetingPlacement::Place{stored_meeting->slot_start_ms, stored_meeting->slot_end_ms,
                                                  stored_meeting->table_label};
        placements.push_back(std::move(placement));
        continue;
      }
      const std::int64_t start = slot_start_ms(place->slot);
      placement.place = MeetingPlacement::Place{start, start + std::int64_t{day.slot_minutes} * 60'000,
                                                day.table_label(place->table)};
    }
    placements.push_back(std::move(placement));
  }
  auto written = write_schedule(database, event.id, placements);
  if (!written) return context.fail(written.error());

  auto& out = *context.out;
  out << "meetings placed: " << outcome.placed << " of " << problem.meetings.size() << " (at most " << outcome.bound
      << " can be); idle gaps: " << outcome.idle_gaps << "\n";
  for (const auto& sentence : outcome.explanation) out << "why: " << sentence << "\n";
  for (const auto& left : outcome.left_out) {
    const auto& meeting = problem.meetings[left.meeting];
    out << "left out: " << b2b::participant_name(problem, meeting.a) << " and "
        << b2b::participant_name(problem, meeting.b) << ": " << left.reason << "\n";
  }
  out << *written << " meeting rows written; agendas changed for " << result->participants.size() << " participants\n";
  return exit_code_for(outcome.verdict);
}

}  // namespace

std::vector<Command> b2b_commands() {
  return {
      Command{{"schedule",
               "[--event ID] [--time-limit S] [--replan] [--absent ID ... [--until HH:MM]]",
               "Schedule the event's B2B meeting requests into its [b2b] session's slots and tables.",
               "Published meetings keep their slot and table: a second run places only new requests\n"
               "(walk-ins) around them. --replan schedules every request afresh. --absent (external id or\n"
               "email, repeatable) re-places the meetings of a participant who did not come, in the slots\n"
               "before --until (default: the whole session), and moves nothing else. Prints meetings placed,\n"
               "the proven bound, idle gaps, why any meeting is left out and whose agenda changed. Exit\n"
               "status 0: all placed; 20: proven that not all fit; 21: not settled in the time limit.",
               {{"event", "ID", "the event (needed when the database holds several)"},
                {"time-limit", "S", "seconds for the whole search, gaps included (default 10)"},
                {"replan", "", "move published meetings too"},
                {"absent", "ID", "a participant who did not come (repeatable)", true},
                {"until", "HH:MM", "with --absent: absent until this time (default: all session)"}},
               0,
               0},
              run_schedule},
  };
}

}  // namespace passerelle::hub
