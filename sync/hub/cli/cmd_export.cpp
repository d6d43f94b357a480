// `export attendance`: attendance per participant and checkpoint, as CSV. `export-kiosk`: a kiosk
// bundle (core/store/bundle.h) for one kiosk, with a device the hub records.
#include <filesystem>
#include <ostream>

#include "core/export/attendance_export.h"
#include "core/store/bundle.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/csv_export.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/store/open_hub_store.h"

namespace passerelle::hub {
namespace {

int run_export_attendance(Context& context, const ParsedArgs& args) {
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  const std::string& path = args.positional().front();
  auto rows = export_attendance_csv(store, event.id, path, csv_delimiter(args));
  if (!rows) return context.fail(rows.error());
  *context.out << "wrote " << *rows << " participants to " << path << "\n";
  return kExitOk;
}

int run_export_kiosk(Context& context, const ParsedArgs& args) {
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  const std::string& path = args.positional().front();
  // One bundle, one kiosk: the hub records a device for it, whose journal key lets
  // import-journal trust the files that kiosk exports. Where: the storage the hub serves from.
  const std::string devices_db = args.value("sync-db").value_or(*context.db_path);
  auto hub = open_hub_store(devices_db, *context.clock);
  if (!hub) return context.fail(hub.error());
  const std::string name = std::filesystem::path(path).filename().string();
  auto device = (*hub)->create_offline_device(event.id, name);
  if (!device) return context.fail(device.error());
  auto summary = write_kiosk_bundle(store, event.id, path, *device);
  if (!summary) return context.fail(summary.error());
  *context.out << "wrote kiosk bundle " << path << " for event " << event.id << " '" << event.name
               << "': " << summary->participants << " participants, " << summary->public_keys
               << " public keys (no private key), " << summary->journal_entries << " journal entries; device "
               << device->device_id << " with its journal key\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> export_commands() {
  CommandSpec spec{"export attendance",
                   "FILE.csv [--excel] [--event ID]",
                   "Write each participant's first check-in per checkpoint (and day) as CSV.",
                   "One column per checkpoint; at an event of several days, a once-per-day or in/out\n"
                   "checkpoint has one column per day (\"Entrance 2026-12-08\") with that day's first\n"
                   "check-in. People by name in the event's language. UTF-8 with BOM (opens in Excel),\n"
                   "times in the event's time zone. The file is replaced atomically: a crash leaves the\n"
                   "old file or the complete new one.",
                   {excel_option(), {"event", "ID", "the event (needed when the database holds several)"}},
                   1,
                   1};
  CommandSpec kiosk{"export-kiosk",
                    "FILE [--event ID]",
                    "Write a kiosk bundle: the event's registry, checkpoints and public keys.",
                    "A kiosk runs from it alone, with no hub (passerelle-kiosk --db FILE). It holds no\n"
                    "private key: kiosks verify badges but cannot make them. Each bundle is one kiosk: it\n"
                    "holds a new device id and that device's journal key, recorded on the hub, with which\n"
                    "the kiosk signs the journal files that import-journal accepts. Participants' emails\n"
                    "are left out. Keep the file as you would the kiosk: it holds the device's key.",
                    {{"event", "ID", "the event (needed when the database holds several)"},
                     {"sync-db", "URL",
                      "the postgresql:// database the hub serves from, where the device is recorded "
                      "(default: the event file)"}},
                    1,
                    1};
  return {Command{std::move(spec), run_export_attendance}, Command{std::move(kiosk), run_export_kiosk}};
}

}  // namespace passerelle::hub
