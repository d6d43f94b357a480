// `checkin`: the kiosk's check-in path from the command line.
#include <ostream>

#include "core/checkin/checkin.h"
#include "core/text/terminal_text.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"

namespace passerelle::hub {
namespace {

std::string describe_outcome(const CheckinResult& result, const Checkpoint& checkpoint) {
  std::string who;
  if (result.participant) {
    const auto& record = result.participant->record;
    who = record.first_name + " " + record.last_name;
    if (!record.organisation.empty()) who += " (" + record.organisation + ")";
  }
  switch (result.outcome) {
    case Outcome::accepted:
      return (result.entry.kind == EntryKind::checkout ? "checked out: " : "accepted: ") + who + " at " +
             checkpoint.name;
    case Outcome::already_checked_in:
      if (checkpoint.rule == CheckpointRule::in_out)
        return "refused, already inside: " + who + " entered at " + result.previous_local_time;
      return "refused, already checked in: " + who + " at " + result.previous_local_time + " at " +
             result.previous_checkpoint_name;
    case Outcome::not_event_day:
      return "refused, not a day of the event: the clock says " + result.door.day + ", the event runs " +
             result.door.first_day + " to " + result.door.last_day + " (--rehearsal tries the door out)";
    case Outcome::not_admitted:
      return "refused, not admitted here: " + who + " is not registered for " + checkpoint.name;
    case Outcome::blocked:
      return "refused, blocked: " + who;
    case Outcome::cancelled:
      return "refused, registration cancelled: " + who;
    case Outcome::unknown_code:
      return "refused, unknown code";
    case Outcome::revoked:
      return "refused, badge revoked: " + who;
    case Outcome::other_event:
      return "refused, badge of another event";
    case Outcome::bad_signature:
      return "refused, forged or damaged badge (bad signature)";
    case Outcome::unknown_key:
      return "refused, badge signed with an unknown key";
    case Outcome::malformed:
      return "refused, unreadable badge";
  }
  return "refused";
}

int run_checkin(Context& context, const ParsedArgs& args) {
  const bool manual = args.has("manual");
  if (manual == !args.positional().empty())
    return context.fail(
        make_error(Errc::invalid_input, manual ? "give either CODE or --manual EXTERNAL_ID, not both"
                                               : "give the scanned CODE, or --manual EXTERNAL_ID --operator NAME"));
  if (manual && !args.has("operator"))
    return context.fail(make_error(Errc::invalid_input, "--manual needs --operator NAME (who checked the person in)"));
  if (args.has("exit") && args.has("entry"))
    return context.fail(make_error(Errc::invalid_input, "give --entry or --exit, not both"));

  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;

  auto checkpoint = checkpoint_named(store, event, args.value("checkpoint"));
  if (!checkpoint) return context.fail(checkpoint.error());

  CheckinRequest request;
  request.event_id = event.id;
  request.checkpoint_id = checkpoint->id;
  request.direction = args.has("exit") ? Direction::exit : Direction::entry;
  if (manual) {
    auto person = store.find_by_external_id(event.id, *args.value("manual"));
    if (!person) return context.fail(person.error());
    if (!*person)
      return context.fail(
          make_error(Errc::not_found, "no participant with external id '" + *args.value("manual") + "'"));
    request.manual_participant_id = (*person)->id;
    request.operator_name = *args.value("operator");
  } else {
    request.code = args.positional().front();
  }

  store.set_rehearsal(args.has("rehearsal"));
  CheckinService service(store);
  auto result = service.scan(request);
  if (!result) return context.fail(result.error());
  if (store.rehearsal()) *context.out << "rehearsal, not counted: ";
  *context.out << terminal_safe(describe_outcome(*result, *checkpoint));
  if (!result->detail.empty()) *context.out << " (" << terminal_safe(result->detail) << ")";
  *context.out << "\n";
  return exit_code_for(result->outcome);
}

int run_rehearsal(Context& context, const ParsedArgs& args) {
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  if (args.has("clear")) {
    auto cleared = store.clear_rehearsal(event.id);
    if (!cleared) return context.fail(cleared.error());
    *context.out << "cleared " << *cleared << " rehearsal scan" << (*cleared == 1 ? "" : "s") << "\n";
    return kExitOk;
  }
  auto count = store.rehearsal_count(event.id);
  if (!count) return context.fail(count.error());
  *context.out << *count << " rehearsal scan" << (*count == 1 ? "" : "s") << " kept apart from attendance\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> checkin_commands() {
  CommandSpec spec{"checkin",
                   "CODE | --manual EXTERNAL_ID --operator NAME  [--checkpoint NAME] [--exit] [--event ID]",
                   "Check a participant in with the code of a badge or ticket, exactly as a kiosk does.",
                   "Prints the outcome and journals it. The checkpoint defaults to the event's first.\n"
                   "Exit status: 0 accepted; 10 already checked in; 11 not admitted here; 12 blocked;\n"
                   "13 cancelled; 14 unknown code; 15 revoked; 16 other event; 17 bad signature;\n"
                   "18 unknown key; 19 malformed; 22 not a day of the event (docs/cli.md).\n"
                   "With --rehearsal the scan is decided against earlier rehearsal scans only and kept\n"
                   "apart from attendance (`rehearsal` counts and clears them).",
                   {{"checkpoint", "NAME", "where the scan happens (default: the event's first checkpoint)"},
                    {"entry", "", "at an in/out checkpoint: an entry (the default)"},
                    {"exit", "", "at an in/out checkpoint: an exit"},
                    {"manual", "EXTERNAL_ID", "check in a person found by search, without a code"},
                    {"operator", "NAME", "the staff member doing a manual check-in"},
                    {"rehearsal", "", "try the door out: the scan is not attendance (docs/CLOCKS.md)"},
                    {"event", "ID", "the event (needed when the database holds several)"}},
                   0,
                   1};
  CommandSpec rehearsal_spec{"rehearsal",
                             "[--clear] [--event ID]",
                             "Count, or clear, the scans made in rehearsal mode.",
                             "Rehearsal scans (kiosk staff screen, or `checkin --rehearsal`) are kept apart\n"
                             "from the journal: never synced, never attendance. --clear deletes them.",
                             {{"clear", "", "delete the event's rehearsal scans"},
                              {"event", "ID", "the event (needed when the database holds several)"}},
                             0,
                             0};
  return {Command{std::move(spec), run_checkin}, Command{std::move(rehearsal_spec), run_rehearsal}};
}

}  // namespace passerelle::hub
