// `search`: find participants by name or organisation, accents and case ignored.
#include <ostream>

#include "core/text/terminal_text.h"
#include "core/util/strings.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"

namespace passerelle::hub {
namespace {

int run_search(Context& context, const ParsedArgs& args) {
  int limit = 50;
  if (const auto text = args.value("limit")) {
    try {
      limit = std::stoi(*text);
    } catch (const std::exception&) {
      limit = 0;
    }
    if (limit <= 0) return context.fail(make_error(Errc::invalid_input, "--limit takes a positive number"));
  }
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;

  const std::string text = join(args.positional(), " ");
  auto found = store.search(event.id, text, limit);
  if (!found) return context.fail(found.error());
  auto& out = *context.out;
  for (const auto& participant : *found) {
    const auto& record = participant.record;
    out << terminal_safe(record.external_id) << "\t" << terminal_safe(record.first_name + " " + record.last_name)
        << "\t" << terminal_safe(record.organisation) << "\t" << terminal_safe(record.country) << "\t"
        << to_string(record.status) << "\n";
  }
  if (found->empty()) *context.err << "no participant matches '" << terminal_safe(text) << "'\n";
  return found->empty() ? kExitNotFound : kExitOk;
}

}  // namespace

std::vector<Command> search_commands() {
  CommandSpec spec{"search",
                   "TEXT... [--limit N] [--event ID]",
                   "Find participants by registration ID, name or organisation (prefixes; case and accents ignored).",
                   "Every word must match the start of a word of the name or organisation:\n"
                   "'muller' finds Müller, 'lodz' finds Łódź. Prints external id, name, organisation,\n"
                   "country and status, tab-separated. Exit status 4 when nobody matches.",
                   {{"limit", "N", "at most N results (default 50)"},
                    {"event", "ID", "the event to search (needed when the database holds several)"}},
                   1,
                   64};
  return {Command{std::move(spec), run_search}};
}

}  // namespace passerelle::hub
