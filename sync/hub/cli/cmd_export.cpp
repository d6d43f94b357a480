// `export attendance`: attendance per participant and checkpoint, as CSV.
#include <ostream>

#include "core/export/attendance_export.h"
#include "core/store/bundle.h"
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

int run_export_kiosk(Context& context, const ParsedArgs& args) {
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  const std::string& path = args.positional().front();
  auto summary = write_kiosk_bundle(store, event.id, path);
  if (!summary) return context.fail(summary.error());
  *context.out << "wrote kiosk bundle " << path << " for event " << event.id << " '" << event.name
               << "': " << summary->participants << " participants, " << summary->public_keys
               << " public keys (no private key), " << summary->journal_entries << " journal entries\n";
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
  CommandSpec kiosk{"export-kiosk",
                    "FILE [--event ID]",
                    "Write a kiosk bundle: the event's registry, checkpoints and public keys.",
                    "A kiosk runs from it alone, with no hub (passerelle-kiosk --db FILE). It holds no\n"
                    "private key: kiosks verify badges but cannot make them.",
                    {{"event", "ID", "the event (needed when the database holds several)"}},
                    1,
                    1};
  return {Command{std::move(spec), run_export_attendance}, Command{std::move(kiosk), run_export_kiosk}};
}

}  // namespace passerelle::hub
