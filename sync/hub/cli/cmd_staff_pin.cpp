// `staff-pin`: the event's staff PIN, read from the terminal (or a pipe), never from the command
// line, where `ps` and shell history would show it; kept only as an argon2id hash
// (core/auth/staff_pin.h), which export-kiosk puts in each bundle.
#include <ostream>
#include <string>

#include "core/auth/staff_pin.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/cli/secret_input.h"

namespace passerelle::hub {
namespace {

Result<std::string> read_pin(std::ostream& prompt, const char* question) {
  // A PIN is at most 12 digits: a line is read up to 64 characters, so that a pipe of anything
  // else is refused without being held in memory.
  PSL_ASSIGN_OR_RETURN(
      auto line, read_secret_line(prompt, question, 64, "the PIN's line is too long", "no PIN on standard input"));
  PSL_TRY(check_staff_pin(line));
  return line;
}

int run_staff_pin(Context& context, const ParsedArgs& args) {
  auto pin = read_pin(*context.err, "staff PIN (4 to 12 digits): ");
  if (!pin) return context.fail(pin.error());
  if (standard_input_is_terminal()) {
    auto again = read_pin(*context.err, "again: ");
    if (!again) return context.fail(again.error());
    if (*again != *pin) return context.fail(make_error(Errc::invalid_input, "the two PINs differ; nothing changed"));
  }
  auto hash = hash_staff_pin(*pin);
  if (!hash) return context.fail(hash.error());
  if (args.has("print-hash")) {
    *context.out << *hash << "\n";
    return kExitOk;
  }
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  if (auto stored = store.set_staff_pin_hash(event.id, *hash); !stored) return context.fail(stored.error());
  *context.out << "staff PIN set for event " << event.id << " '" << event.name
               << "'; kiosks get it with their next bundle (export-kiosk)\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> staff_pin_commands() {
  return {
      Command{{"staff-pin",
               "[--event ID] [--print-hash]",
               "Set the kiosks' staff PIN, read from the terminal or standard input.",
               "4 to 12 digits, typed twice at a terminal, or one line on a pipe; never an argument,\n"
               "which other users could read in `ps`. Only its argon2id hash is kept, in the event\n"
               "file; export-kiosk puts it in each bundle. --print-hash prints the hash instead, for\n"
               "a kiosk configuration file (`[kiosk] staff_pin_hash`), and stores nothing.",
               {{"event", "ID", "the event (needed when the database holds several)"},
                {"print-hash", "", "print the hash for a kiosk's configuration file; store nothing"}},
               0,
               0},
              run_staff_pin},
  };
}

}  // namespace passerelle::hub
