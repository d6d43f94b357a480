// `meetings`: the event's B2B figures (core/meetings/figures.h) from its event file: the meetings,
// every kiosk's scans at B2B areas and answers that reached it. A scan's time is its kiosk's clock
// corrected by the offset the hub recorded when the scan arrived (none for entries made here).
#include <algorithm>
#include <cstdio>
#include <limits>
#include <ostream>
#include <string>

#include "core/meetings/event_schedule.h"
#include "core/meetings/figures.h"
#include "core/store/b2b_store.h"
#include "core/text/terminal_text.h"
#include "core/time/timezone.h"
#include "core/util/strings.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"

namespace passerelle::hub {
namespace {

Result<bool> has_table(db::Database& database, const char* name) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
  select.bind_all(std::string(name));
  return select.step();
}

Result<meetings::FigureInput> gather(Store& store, std::int64_t event_id) {
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
                         database.query("SELECT participant_a, participant_b, slot_start_ms, slot_end_ms, origin FROM "
                                        "meeting WHERE event_id = ? AND status <> 'cancelled'"));
    select.bind_all(event_id);
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) break;
      input.meetings.push_back(meetings::FigureMeeting{select.column_int(0), select.column_int(1), select.column_int(2),
                                                       select.column_int(3), select.column_text(4) == "walk_in"});
    }
  }
  {
    // Walk-ins are journal entries (docs/B2B_AREA.md), on their kiosk's clock like its scans: the
    // same correction puts both on the hub's.
    PSL_ASSIGN_OR_RETURN(const auto walk_ins,
                         passerelle::walk_ins(database, event_id, 0, std::numeric_limits<std::int64_t>::max()));
    PSL_ASSIGN_OR_RETURN(const bool received, has_table(database, "hub_received"));
    for (const auto& walk_in : walk_ins) {
      const bool held_as_row = std::any_of(input.meetings.begin(), input.meetings.end(), [&](const auto& meeting) {
        return std::minmax(meeting.a, meeting.b) == std::minmax(walk_in.participant_a, walk_in.participant_b) &&
               meeting.start_ms == walk_in.start_ms;
      });
      if (held_as_row) continue;
      std::int64_t offset = 0;
      if (received) {
        PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT clock_offset_ms FROM hub_received WHERE uuid = ?"));
        select.bind_all(walk_in.uuid);
        PSL_ASSIGN_OR_RETURN(const bool found, select.step());
        if (found) offset = select.column_int(0);
      }
      input.meetings.push_back(meetings::FigureMeeting{walk_in.participant_a, walk_in.participant_b,
                                                       walk_in.start_ms + offset, walk_in.end_ms + offset, true});
    }
  }
  PSL_ASSIGN_OR_RETURN(const auto people, store.participants(event_id));
  for (const auto& person : people)
    input.people.emplace(person.id, meetings::FigurePerson{person.record.country, person.record.sector});
  // hub_received exists once the file has served kiosks (sync/hub/store); `init` alone has none.
  PSL_ASSIGN_OR_RETURN(const bool received, has_table(database, "hub_received"));
  const std::string corrected =
      received ? "j.wall_ms + coalesce((SELECT r.clock_offset_ms FROM hub_received r WHERE r.uuid = j.uuid), 0)"
               : "j.wall_ms";
  {
    PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT j.participant_id, " + corrected +
                                                     " FROM journal j WHERE j.event_id = ? AND j.kind = "
                                                     "'meeting_held' AND j.outcome = 'accepted' AND "
                                                     "j.participant_id IS NOT NULL"));
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
                                                    "AND j.participant_id IS NOT NULL AND j.partner_id IS NOT NULL"));
  answers.bind_all(event_id);
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, answers.step());
    if (!has_row) break;
    const auto answer = parse_meeting_answer(answers.column_text(3));
    if (!answer) continue;  // the protocol admits none other; an old file's stray row is not counted
    input.answers.push_back(meetings::FigureAnswer{answers.column_int(0), answers.column_int(1), answers.column_int(2),
                                                   *answer, answers.column_int(4)});
  }
  return input;
}

std::string share(int part, int whole) {
  if (whole == 0) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%d of %d, %.0f%%", part, whole, 100.0 * part / whole);
  return text;
}

// "--at 2026-12-08 18:00" (the event's local time): the figures as they stood then.
Result<std::int64_t> moment(const ParsedArgs& args, const TimeZone& zone, const Clock& clock) {
  const auto at = args.value("at");
  if (!at) return clock.wall_ms();
  const std::string text(trim(*at));
  const auto space = text.find(' ');
  const auto minute = space == std::string::npos ? std::nullopt : parse_clock_minutes(text.substr(space + 1));
  if (!minute || !is_iso_date(text.substr(0, space)))
    return make_error(Errc::invalid_input, "--at takes \"YYYY-MM-DD HH:MM\" in the event's time");
  return zone.local_instant(text.substr(0, space), *minute);
}

int run_meetings(Context& context, const ParsedArgs& args) {
  auto opened = context.open_session(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event, session] = *opened;
  auto zone = store.event_timezone(event.id);
  if (!zone) return context.fail(zone.error());
  auto now = moment(args, **zone, *context.clock);
  if (!now) return context.fail(now.error());
  auto input = gather(store, event.id);
  if (!input) return context.fail(input.error());
  const auto figures = meetings::compute_figures(*input, session, *now);

  auto& out = *context.out;
  out << "B2B meetings of " << terminal_safe(event.name) << ", as of " << (*zone)->local_day(*now) << " "
      << (*zone)->local_time_of_day(*now) << "\n";
  out << "  requested " << figures.requested << ", scheduled " << figures.scheduled << ", walk-in " << figures.walk_in
      << "\n";
  out << "  held " << figures.held << ", no-show " << figures.no_show << " (one side came: " << figures.no_show_one_side
      << "), open " << figures.open << ", upcoming " << figures.upcoming << "\n";
  out << "  cross-border: " << share(figures.cross_border, figures.held) << " of the held meetings\n";
  out << "  would cooperate: " << share(figures.would_cooperate, figures.held)
      << " of the held meetings (a side answered \"cooperation possible\")\n";
  out << "  answers: " << figures.answers;
  for (const auto answer : {MeetingAnswer::no_interest, MeetingAnswer::informative, MeetingAnswer::cooperation}) {
    const auto found = figures.answers_by_kind.find(answer);
    out << ", " << to_string(answer) << " " << (found == figures.answers_by_kind.end() ? 0 : found->second);
  }
  out << "\n";
  if (figures.held == 0) return kExitOk;
  out << "by sector (held, cross-border, would cooperate):\n";
  for (const auto& [sector, counts] : figures.by_sector)
    out << "  " << (sector.empty() ? std::string("(none)") : terminal_safe(sector)) << ": " << counts.held << ", "
        << counts.cross_border << ", " << counts.would_cooperate << "\n";
  out << "by country pair (held, would cooperate):\n";
  for (const auto& [pair, counts] : figures.by_country_pair) {
    const auto name = [](const std::string& country) {
      return country.empty() ? std::string("?") : terminal_safe(country);
    };
    out << "  " << name(pair.first) << "-" << name(pair.second) << ": " << counts.held << ", " << counts.would_cooperate
        << "\n";
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> meetings_commands() {
  return {Command{{"meetings",
                   "[--event ID] [--at \"YYYY-MM-DD HH:MM\"]",
                   "The event's B2B figures: requested, scheduled, held, no-show, walk-in, shares.",
                   "Computed from the journal as it stands in this file (kiosks' scans at B2B areas and\n"
                   "their answers, each scan's time corrected by its kiosk's clock offset): a meeting is held\n"
                   "when both partners scanned within its window, a no-show once its grace period is over\n"
                   "(docs/B2B_AREA.md). Cross-border: partners of two countries. Would cooperate: a side\n"
                   "answered \"cooperation possible\". Also by sector and by country pair.",
                   {{"event", "ID", "the event (needed when the database holds several)"},
                    {"at", "\"YYYY-MM-DD HH:MM\"", "the figures as they stood then (event time; default now)"}},
                   0,
                   0},
                  run_meetings}};
}

}  // namespace passerelle::hub
