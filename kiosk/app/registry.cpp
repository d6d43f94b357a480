#include "kiosk/app/registry.h"

#include <sys/statvfs.h>

#include "core/store/store.h"
#include "core/util/strings.h"
#include "kiosk/model/store_failure.h"
#include "sync/client/sync_keys.h"

namespace passerelle::kiosk {
namespace {

Result<std::int64_t> count_journal(Store& store, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto query, store.database().query("SELECT count(*) FROM journal WHERE event_id = ?"));
  query.bind(1, event_id);
  PSL_ASSIGN_OR_RETURN(const bool row, query.step());
  return row ? query.column_int(0) : 0;
}

Result<RegistrySnapshot> read_from(Store& store, std::optional<std::int64_t> event_id) {
  RegistrySnapshot snapshot;
  PSL_ASSIGN_OR_RETURN(snapshot.event, store.resolve_event(event_id));
  PSL_ASSIGN_OR_RETURN(snapshot.checkpoints, store.checkpoints(snapshot.event.id));
  if (snapshot.checkpoints.empty())
    return make_error(Errc::not_found, "the event '" + snapshot.event.name + "' has no checkpoint");
  PSL_ASSIGN_OR_RETURN(snapshot.device_id, store.device_id());
  PSL_ASSIGN_OR_RETURN(snapshot.participants, store.participant_count(snapshot.event.id));
  PSL_ASSIGN_OR_RETURN(snapshot.journal_entries, count_journal(store, snapshot.event.id));
  PSL_ASSIGN_OR_RETURN(const auto token, store.local_value(sync_keys::kToken));
  PSL_ASSIGN_OR_RETURN(const auto ticket, store.local_value(sync_keys::kPendingTicket));
  snapshot.sync_configured = (token && !token->empty()) || (ticket && !ticket->empty());
  PSL_ASSIGN_OR_RETURN(const auto pin_hash, store.staff_pin_hash(snapshot.event.id));
  if (pin_hash) snapshot.staff_pin_hash = *pin_hash;
  PSL_ASSIGN_OR_RETURN(snapshot.saved_place, load_place(store, snapshot.event.id));
  return snapshot;
}

// What the kiosk's user may still write on the database's file system (f_bavail: blocks kept for
// root do not count, the kiosk does not run as root). The folder, as the WAL and journal files
// beside the database need the room too.
std::optional<std::uint64_t> free_bytes(const std::filesystem::path& database) {
  struct statvfs fs {};
  const auto folder = database.has_parent_path() ? database.parent_path() : std::filesystem::path(".");
  if (::statvfs(folder.c_str(), &fs) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(fs.f_bavail) * static_cast<std::uint64_t>(fs.f_frsize);
}

Status require_file(const std::filesystem::path& database) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(database, error))
    return make_error(Errc::not_found, "no kiosk database at " + database.string());
  return {};
}

}  // namespace

Result<RegistrySnapshot> read_registry(const std::filesystem::path& database, std::optional<std::int64_t> event_id,
                                       const Clock& clock) {
  PSL_TRY(require_file(database));
  PSL_ASSIGN_OR_RETURN(auto store, Store::open(database, clock));
  PSL_ASSIGN_OR_RETURN(auto snapshot, read_from(store, event_id));
  snapshot.free_bytes = free_bytes(database);
  return snapshot;
}

Result<const Checkpoint*> choose_checkpoint(const RegistrySnapshot& registry, std::string_view name) {
  if (trim(name).empty()) return &registry.checkpoints.front();
  const auto wanted = to_lower_ascii(trim(name));
  for (const auto& checkpoint : registry.checkpoints)
    if (to_lower_ascii(checkpoint.name) == wanted) return &checkpoint;
  std::string names;
  for (const auto& checkpoint : registry.checkpoints) names += (names.empty() ? "'" : ", '") + checkpoint.name + "'";
  return make_error(Errc::not_found,
                    "no checkpoint '" + std::string(trim(name)) + "' in '" + registry.event.name + "' (" + names + ")");
}

Result<StartPlace> start_place(const RegistrySnapshot& registry, std::string_view name, Direction direction) {
  StartPlace place;
  if (trim(name).empty() && registry.saved_place) {
    for (const auto& checkpoint : registry.checkpoints) {
      if (checkpoint.id != registry.saved_place->checkpoint_id) continue;
      place.checkpoint = &checkpoint;
      // Exit only where the checkpoint counts both ways: its rule may have changed since.
      place.direction = checkpoint.rule == CheckpointRule::in_out ? registry.saved_place->direction : Direction::entry;
      place.saved = true;
      return place;
    }
  }
  PSL_ASSIGN_OR_RETURN(place.checkpoint, choose_checkpoint(registry, name));
  if (direction == Direction::exit && place.checkpoint->rule != CheckpointRule::in_out)
    return make_error(Errc::invalid_input,
                      "direction 'exit' needs an in/out checkpoint; '" + place.checkpoint->name + "' is not one");
  place.direction = direction;
  return place;
}

void note_registry_read(DeviceInfo& device, const Result<RegistrySnapshot>& snapshot, std::int64_t now_ms) {
  if (!snapshot) {
    device.registry_error = store_failure_reason(snapshot.error());
    return;
  }
  device.registry_error.clear();
  device.registry_read_ms = now_ms;
  device.free_bytes = snapshot->free_bytes;
}

RegistryWatcher::RegistryWatcher(std::filesystem::path database, std::int64_t event_id, std::chrono::seconds interval,
                                 const Clock& clock, Deliver deliver)
    : database_(std::move(database)),
      event_id_(event_id),
      interval_(interval),
      clock_(&clock),
      deliver_(std::move(deliver)) {
  thread_.start([this](std::stop_token stop) { run(std::move(stop)); },
                [this](std::string_view what) {
                  deliver_(make_error(Errc::database, "registry watcher stopped: " + std::string(what)));
                });
}

RegistryWatcher::~RegistryWatcher() {
  thread_.stop();
}

void RegistryWatcher::run(std::stop_token stop) {
  std::optional<Store> store;
  while (WorkerThread::sleep_for(stop, interval_)) {
    if (!store) {
      if (auto exists = require_file(database_); !exists) {
        deliver_(exists.error());
        continue;
      }
      auto opened = Store::open(database_, *clock_);
      if (!opened) {
        deliver_(opened.error());
        continue;
      }
      store.emplace(std::move(*opened));
    }
    auto snapshot = read_from(*store, event_id_);
    // A failed read may be a broken connection; the next round opens a fresh one.
    if (!snapshot)
      store.reset();
    else
      snapshot->free_bytes = free_bytes(database_);
    deliver_(std::move(snapshot));
  }
}

}  // namespace passerelle::kiosk
