#include "sync/hub/cli/context.h"

#include <algorithm>
#include <iostream>

#include "core/meetings/event_schedule.h"
#include "core/text/terminal_text.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/store/open_hub_store.h"

namespace passerelle::hub {
namespace {

std::vector<Command> all_commands() {
  std::vector<Command> commands;
  for (auto part : {init_commands,    import_commands,    search_commands,  checkin_commands,  register_commands,
                    badges_commands,  keys_commands,      export_commands,  sync_commands,     serve_commands,
                    journal_commands, staff_pin_commands, pg_commands,      schedule_commands, b2b_import_commands,
                    b2b_commands,     meetings_commands,  agendas_commands, report_commands,   privacy_commands,
                    account_commands}) {
    auto more = part();
    commands.insert(commands.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return commands;
}

std::string overview(const std::vector<Command>& commands) {
  std::string text =
      "usage: passerelle-hub --db FILE COMMAND [ARGS]\n\n"
      "The organiser's side of Passerelle: event set-up, participant registry, check-ins, exports.\n\n"
      "commands:\n";
  for (const auto& command : commands) {
    std::string left = "  " + command.spec.name;
    if (left.size() < 24) left.resize(24, ' ');
    text += left + command.spec.summary + "\n";
  }
  text += "\n'passerelle-hub COMMAND --help' describes a command. Exit statuses: docs/cli.md.\n";
  return text;
}

}  // namespace

Result<Store> Context::open_store() const {
  if (!db_path || db_path->empty())
    return make_error(Errc::invalid_input, "no database given: pass --db FILE (the hub's SQLite file)");
  if (is_postgresql_url(*db_path))
    return make_error(Errc::invalid_input,
                      "this command works on the event file (--db EVENT.db); 'publish --to URL' copies the "
                      "registry to PostgreSQL");
  return Store::open(*db_path, *clock);
}

Result<Context::OpenEvent> Context::open_event(const ParsedArgs& args) const {
  PSL_ASSIGN_OR_RETURN(const auto event_id, args.event_id());
  PSL_ASSIGN_OR_RETURN(auto store, open_store());
  PSL_ASSIGN_OR_RETURN(auto event, store.resolve_event(event_id));
  return OpenEvent{std::move(store), std::move(event)};
}

Result<Context::OpenSession> Context::open_session(const ParsedArgs& args) const {
  PSL_ASSIGN_OR_RETURN(auto opened, open_event(args));
  PSL_ASSIGN_OR_RETURN(auto session, meetings::session_of(opened.store, opened.event.id));
  return OpenSession{std::move(opened.store), std::move(opened.event), std::move(session)};
}

Result<Checkpoint> checkpoint_named(Store& store, const Event& event, const std::optional<std::string>& name) {
  PSL_ASSIGN_OR_RETURN(auto all, store.checkpoints(event.id));
  if (all.empty()) return make_error(Errc::not_found, "event " + std::to_string(event.id) + " has no checkpoint");
  if (!name) return std::move(all.front());
  PSL_ASSIGN_OR_RETURN(auto found, store.find_checkpoint(event.id, *name));
  if (found) return std::move(*found);
  std::string names;
  for (const auto& checkpoint : all) names += (names.empty() ? "" : ", ") + checkpoint.name;
  return make_error(Errc::not_found,
                    "event " + std::to_string(event.id) + " has no checkpoint named '" + *name + "'; it has: " + names);
}

int Context::fail(const Error& error) const {
  // Messages quote what was wrong: a CSV cell, a file name, a device's words. Never raw.
  *err << "passerelle-hub: " << terminal_safe(error.message) << "\n";
  return exit_code_for(error.code);
}

int run_hub_cli(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
  Context context{std::nullopt, &out, &err};
  const auto commands = all_commands();

  // Global options may stand before or after the command words: pull --db out first.
  std::vector<std::string> rest;
  bool wants_help = false;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "--db") {
      if (i + 1 >= arguments.size()) {
        err << "passerelle-hub: --db needs a value (FILE)\n";
        return kExitUsage;
      }
      context.db_path = arguments[++i];
    } else if (argument.rfind("--db=", 0) == 0) {
      context.db_path = argument.substr(5);
    } else if (argument == "--help" || argument == "-h") {
      wants_help = true;
    } else if (argument == "--version") {
      out << "passerelle-hub 0.1.0\n";
      return kExitOk;
    } else {
      rest.push_back(argument);
    }
  }

  // The longest command name that prefixes the words wins ("import participants").
  const Command* chosen = nullptr;
  std::size_t chosen_words = 0;
  for (const auto& command : commands) {
    std::vector<std::string> words;
    std::size_t start = 0;
    const std::string& name = command.spec.name;
    while (start < name.size()) {
      const auto space = name.find(' ', start);
      words.push_back(name.substr(start, space == std::string::npos ? std::string::npos : space - start));
      if (space == std::string::npos) break;
      start = space + 1;
    }
    if (words.size() <= rest.size() && std::equal(words.begin(), words.end(), rest.begin()) &&
        words.size() > chosen_words) {
      chosen = &command;
      chosen_words = words.size();
    }
  }
  if (chosen == nullptr) {
    if (rest.empty() || wants_help) {
      (rest.empty() && !wants_help ? err : out) << overview(commands);
      return rest.empty() && !wants_help ? kExitUsage : kExitOk;
    }
    err << "passerelle-hub: unknown command '" << rest.front() << "'\n\n" << overview(commands);
    return kExitUsage;
  }
  if (wants_help) {
    out << help_text(chosen->spec);
    return kExitOk;
  }
  const std::vector<std::string> command_arguments(rest.begin() + static_cast<std::ptrdiff_t>(chosen_words),
                                                   rest.end());
  auto parsed = parse_args(chosen->spec, command_arguments);
  if (!parsed) {
    err << "passerelle-hub: " << parsed.error().message << "\n(see: passerelle-hub " << chosen->spec.name
        << " --help)\n";
    return kExitUsage;
  }
  return chosen->run(context, *parsed);
}

}  // namespace passerelle::hub
