// import-journal: a kiosk's journal file from a USB stick (passerelle-kiosk --export-journal),
// stored exactly as an upload would store it, so that importing twice, or importing entries the
// kiosk also uploaded, changes nothing (docs/sync.md, "Offline transfer").
#include <map>
#include <ostream>

#include "sync/protocol/journal_file.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/store/open_hub_store.h"

namespace passerelle::hub {
namespace {

struct Tally {
  std::int64_t stored = 0;
  std::int64_t duplicate = 0;
  std::int64_t quarantined = 0;
  std::map<std::string, std::int64_t> reasons;
};

int run_import_journal(Context& context, const ParsedArgs& args) {
  const std::string path = args.positional().at(0);
  auto file = sync::read_journal_file(path);
  if (!file) return context.fail(file.error());
  if (!context.db_path) return context.fail(make_error(Errc::invalid_input, "no database given: pass --db FILE"));
  auto store = open_hub_store(*context.db_path, *context.clock);
  if (!store) return context.fail(store.error());

  // The organiser brings the file by hand: an organiser principal may store entries of any device
  // id, as the entries' own ids and sequence numbers are kept.
  Principal organiser;
  organiser.kind = Principal::Kind::organiser;
  organiser.name = "import-journal";
  Tally tally;
  std::size_t next = 0;
  const auto& entries = file->entries;
  while (next < entries.size()) {
    // One device id per batch, as an upload: a batch's acked_seq is per device.
    sync::IncomingBatch batch;
    batch.device_id = entries[next].device;
    batch.kiosk_time_ms = file->header.exported_ms;
    while (next < entries.size() && entries[next].device == batch.device_id &&
           batch.entries.size() < static_cast<std::size_t>(sync::kMaxUploadBatch)) {
      sync::IncomingEntry incoming;
      incoming.entry = entries[next];
      incoming.raw_json = sync::to_json(entries[next]);
      incoming.uuid = entries[next].uuid;
      incoming.seq = entries[next].seq;
      batch.entries.push_back(std::move(incoming));
      ++next;
    }
    auto answer = (*store)->ingest(organiser, batch);
    if (!answer) return context.fail(answer.error());
    for (const auto& status : answer->statuses) {
      switch (status.status) {
        case sync::EntryStatus::stored:
          ++tally.stored;
          break;
        case sync::EntryStatus::duplicate:
          ++tally.duplicate;
          break;
        case sync::EntryStatus::quarantined:
          ++tally.quarantined;
          ++tally.reasons[status.reason];
          break;
      }
    }
  }
  auto& out = *context.out;
  out << "imported " << entries.size() << " entries of event " << file->header.event << " from " << path << ": "
      << tally.stored << " new, " << tally.duplicate << " already held, " << tally.quarantined << " quarantined\n";
  for (const auto& [reason, count] : tally.reasons) out << "  quarantined as " << reason << ": " << count << "\n";
  if (tally.quarantined > 0) out << "see `passerelle-hub quarantine` for each one\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> journal_commands() {
  return {
      Command{{"import-journal",
               "FILE",
               "Store a kiosk's journal file (passerelle-kiosk --export-journal), e.g. from a USB stick.",
               "The file's checksum is checked first; a damaged or truncated file is refused whole.\n"
               "Entries keep their device ids and sequence numbers and are stored as an upload would\n"
               "store them: importing twice, or entries the kiosk also uploaded, changes nothing.",
               {},
               1,
               1},
              run_import_journal},
  };
}

}  // namespace passerelle::hub
