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

  CheckinService service(store);
  auto result = service.scan(request);
  if (!result) return context.fail(result.error());
  *context.out << terminal_safe(describe_outcome(*result, *checkpoint));
  if (!result->detail.empty()) *context.out << " (" << terminal_safe(result->detail) << ")";
  *context.out << "\n";
  return exit_code_for(result->outcome);
}

}  // namespace

std::vector<Command> checkin_commands() {
  CommandSpec spec{"checkin",
                   "CODE | --manual EXTERNAL_ID --operator NAME  [--checkpoint NAME] [--exit] [--event ID]",
                   "Check a participant in with the code of a badge or ticket, exactly as a kiosk does.",
                   "Prints the outcome and journals it. The checkpoint defaults to the event's first.\n"
                   "Exit status: 0 accepted; 10 already checked in; 11 not admitted here; 12 blocked;\n"
                   "13 cancelled; 14 unknown code; 15 revoked; 16 other event; 17 bad signature;\n"
                   "18 unknown key; 19 malformed (docs/cli.md).",
                   {{"checkpoint", "NAME", "where the scan happens (default: the event's first checkpoint)"},
                    {"entry", "", "at an in/out checkpoint: an entry (the default)"},
                    {"exit", "", "at an in/out checkpoint: an exit"},
                    {"manual", "EXTERNAL_ID", "check in a person found by search, without a code"},
                    {"operator", "NAME", "the staff member doing a manual check-in"},
                    {"event", "ID", "the event (needed when the database holds several)"}},
                   0,
                   1};
  return {Command{std::move(spec), run_checkin}};
}

}  // namespace passerelle::hub
