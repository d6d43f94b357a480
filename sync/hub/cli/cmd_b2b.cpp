// `schedule`: core/meetings/event_schedule.h over the event file, and what it found, in words.
#include <ostream>
#include <string>

#include "core/meetings/agenda_print.h"
#include "core/meetings/event_schedule.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/cli/schedule_options.h"

namespace passerelle::hub {
namespace {

int run_schedule(Context& context, const ParsedArgs& args) {
  meetings::EventScheduleOptions options;
  const auto limit = schedule_time_limit(args);
  if (!limit) return context.fail(limit.error());
  options.search.time_limit = *limit;
  options.replan = args.has("replan");
  options.absent = args.values("absent");
  options.absent_until = args.value("until");
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  auto report = meetings::schedule_event(store, event.id, options);
  if (!report) return context.fail(report.error());
  const auto& outcome = report->outcome;
  auto& out = *context.out;
  out << "meetings placed: " << outcome.placed << " of " << report->requests << " (at most " << outcome.bound
      << " can be); idle gaps: " << outcome.idle_gaps << "\n";
  for (const auto& sentence : outcome.explanation) out << "why: " << sentence << "\n";
  for (const auto& line : report->left_out) out << "left out: " << line << "\n";
  out << report->rows_written << " meeting rows written; agendas changed for " << report->agendas_changed.size()
      << " participants\n";
  // Paper handed out is now wrong for some: say how many, and how to reprint just those.
  int out_of_date = 0;
  for (const std::int64_t id : report->agendas_changed) {
    auto person = store.participant(id);
    if (!person) return context.fail(person.error());
    if (!*person) continue;
    auto changed = meetings::agenda_changed_since_printed(store.database(), **person);
    if (!changed) return context.fail(changed.error());
    out_of_date += *changed ? 1 : 0;
  }
  if (out_of_date > 0)
    out << out_of_date << " printed agenda" << (out_of_date == 1 ? " is" : "s are")
        << " now out of date; reprint with: passerelle-hub agendas --changed --out FILE.pdf\n";
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
