// `export attendance`: attendance per participant and checkpoint, as CSV.
#include <ostream>

#include "core/export/attendance_export.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"

namespace passerelle::hub {
namespace {

int run_export_attendance(Context& context, const ParsedArgs& args) {
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  const std::string& path = args.positional().front();
  auto rows = export_attendance_csv(store, event.id, path);
  if (!rows) return context.fail(rows.error());
  *context.out << "wrote " << *rows << " participants to " << path << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> export_commands() {
  CommandSpec spec{"export attendance",
                   "FILE.csv [--event ID]",
                   "Write each participant's first check-in per checkpoint as CSV.",
                   "UTF-8 with BOM (opens in Excel), times in the event's time zone. The file is\n"
                   "replaced atomically: a crash leaves the old file or the complete new one.",
                   {{"event", "ID", "the event (needed when the database holds several)"}},
                   1,
                   1};
  return {Command{std::move(spec), run_export_attendance}};
}

}  // namespace passerelle::hub
