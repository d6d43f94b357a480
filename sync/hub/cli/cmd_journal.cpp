// import-journal: a kiosk's journal file from a USB stick (passerelle-kiosk --export-journal),
// stored exactly as an upload would store it, so that importing twice, or importing entries the
// kiosk also uploaded, changes nothing (docs/sync.md, "Offline transfer"). Only a file its
// device's journal key verifies is read at all.
#include <algorithm>
#include <map>
#include <ostream>

#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/store/open_hub_store.h"
#include "sync/protocol/journal_file.h"

namespace passerelle::hub {
namespace {

struct Tally {
  std::int64_t stored = 0;
  std::int64_t duplicate = 0;
  std::int64_t quarantined = 0;
  std::map<std::string, std::int64_t> reasons;
};

// The file, once its signer's key has verified it and every entry is of a device id that signer
// may write for. Nothing is read from an entry before the MAC matched.
Result<sync::JournalFile> authenticated_file(HubStore& store, const std::string& path) {
  PSL_ASSIGN_OR_RETURN(const auto text, sync::read_journal_text(path));
  PSL_ASSIGN_OR_RETURN(const auto signer_id, sync::journal_file_signer(text));
  PSL_ASSIGN_OR_RETURN(const auto signer, store.journal_signer(signer_id));
  if (!signer)
    return make_error(Errc::invalid_input, path + " is signed by device " + signer_id +
                                               ", whose journal key this hub does not hold: was it enrolled on, or "
                                               "its bundle made by, another hub?");
  PSL_ASSIGN_OR_RETURN(auto file, sync::parse_journal_file(text, {signer->device_id, signer->journal_key}));
  if (file.header.event != signer->event_id)
    return make_error(Errc::invalid_input, path + " holds event " + std::to_string(file.header.event) +
                                               ", but device " + signer->device_id + " belongs to event " +
                                               std::to_string(signer->event_id));
  const auto& allowed = signer->authored_ids;
  for (std::size_t i = 0; i < file.entries.size(); ++i) {
    const auto& device = file.entries[i].device;
    if (std::find(allowed.begin(), allowed.end(), device) == allowed.end())
      return make_error(Errc::invalid_input, path + " line " + std::to_string(i + 2) + ": an entry of device " +
                                                 device + ", which the signer " + signer->device_id +
                                                 " does not write for");
  }
  return file;
}

int run_import_journal(Context& context, const ParsedArgs& args) {
  const std::string path = args.positional().at(0);
  if (!context.db_path) return context.fail(make_error(Errc::invalid_input, "no database given: pass --db FILE"));
  auto store = open_hub_store(*context.db_path, *context.clock);
  if (!store) return context.fail(store.error());
  auto file = authenticated_file(**store, path);
  if (!file) return context.fail(file.error());

  // The organiser brings the file by hand and the signer's ids were checked above: an organiser
  // principal stores them, keeping the entries' own ids and sequence numbers.
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
               "The file is signed by the kiosk with its device's journal key (from its enrolment\n"
               "or its export-kiosk bundle). The signature is checked first, with the key this hub\n"
               "holds for that device: an edited, truncated or damaged file, a file of an unknown\n"
               "device, or one holding entries of ids the signer does not write for, is refused whole.\n"
               "Entries keep their device ids and sequence numbers and are stored as an upload would\n"
               "store them: importing twice, or entries the kiosk also uploaded, changes nothing.",
               {},
               1,
               1},
              run_import_journal},
  };
}

}  // namespace passerelle::hub
