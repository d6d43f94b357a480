// What every subcommand gets: the database path, output streams, and the command table.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/store/store.h"
#include "sync/hub/cli/args.h"

namespace passerelle::hub {

struct Context {
  std::optional<std::string> db_path;  // from --db
  std::ostream* out;                   // results
  std::ostream* err;                   // progress, warnings, errors
  const Clock* clock = &SystemClock::instance();

  // Opens the store at --db, or fails with a usage message naming --db.
  Result<Store> open_store() const;
  // Opens the store and resolves --event (or the database's only event).
  struct OpenEvent {
    Store store;
    Event event;
  };
  Result<OpenEvent> open_event(const ParsedArgs& args) const;
  // open_event, with the event's [b2b] session (Errc::not_found when its description has none).
  struct OpenSession {
    Store store;
    Event event;
    B2bSession session;
  };
  Result<OpenSession> open_session(const ParsedArgs& args) const;
  // Prints "passerelle-hub: <message>" and returns the exit code for the error's class.
  int fail(const Error& error) const;
};

// The checkpoint a command line names (case and surrounding spaces ignored, as
// Store::find_checkpoint), or with no name the event's first. Every command that takes a
// checkpoint by name goes through here, so that each refuses a name alike: Errc::not_found
// listing the event's checkpoints ("event 1 has no checkpoint named 'Entrnce'; it has: Entrance,
// Terrace"), so a typo shows what to type instead.
Result<Checkpoint> checkpoint_named(Store& store, const Event& event, const std::optional<std::string>& name);

struct Command {
  CommandSpec spec;
  std::function<int(Context&, const ParsedArgs&)> run;
};

// Each cmd_*.cpp contributes its commands.
std::vector<Command> init_commands();
std::vector<Command> import_commands();
std::vector<Command> search_commands();
std::vector<Command> checkin_commands();
std::vector<Command> export_commands();
std::vector<Command> keys_commands();
std::vector<Command> badges_commands();
std::vector<Command> register_commands();
std::vector<Command> sync_commands();
std::vector<Command> serve_commands();
std::vector<Command> journal_commands();
std::vector<Command> staff_pin_commands();
std::vector<Command> pg_commands();
std::vector<Command> schedule_commands();
std::vector<Command> b2b_commands();
std::vector<Command> b2b_import_commands();
std::vector<Command> meetings_commands();
std::vector<Command> agendas_commands();
std::vector<Command> report_commands();
std::vector<Command> privacy_commands();
std::vector<Command> account_commands();

// Runs the whole command line (argv without the program name); returns the exit status.
int run_hub_cli(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

}  // namespace passerelle::hub
