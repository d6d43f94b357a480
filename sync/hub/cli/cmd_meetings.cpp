// `meetings`: the event's B2B figures (core/meetings/figures.h) from its event file: the meetings,
// every kiosk's scans at B2B areas and answers that reached it, gathered as the report gathers
// them (figure_rows.h: each scan's time corrected by its kiosk's recorded clock offset).
#include <algorithm>
#include <cstdio>
#include <ostream>
#include <string>

#include "core/meetings/event_schedule.h"
#include "core/meetings/figures.h"
#include "core/text/terminal_text.h"
#include "core/time/timezone.h"
#include "core/util/strings.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/cli/journal_rows.h"
#include "sync/hub/store/figure_rows.h"

namespace passerelle::hub {
namespace {

std::string share(int part, int whole) {
  if (whole == 0) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%d of %d, %.0f%%", part, whole, 100.0 * part / whole);
  return text;
}

int run_meetings(Context& context, const ParsedArgs& args) {
  auto opened = context.open_session(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event, session] = *opened;
  auto zone = store.event_timezone(event.id);
  if (!zone) return context.fail(zone.error());
  auto now = figures_moment(args, **zone, *context.clock);
  if (!now) return context.fail(now.error());
  auto input = gather_meeting_rows(store, event.id);
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
