// What the kiosk shows about its event and itself, read from its database: at start-up on the UI
// thread (before the first frame), then every few seconds by a RegistryWatcher on its own thread,
// so that registry changes made by the hub's sync reach the screen without blocking a frame.
//
// Ownership: RegistryWatcher owns its thread and its own Store (connection) on that thread.
// Thread safety: read_registry() is reentrant; RegistryWatcher's callback runs on its thread (the
// app posts the snapshot to the RunQueue). Failure: Errc::not_found for a missing database file
// (never created here: a typo in a path must not yield an empty kiosk), a database without the
// event, or an event without checkpoints; store errors as the Store reports them (a free space
// that cannot be measured is no error: free_bytes stays empty). An exception
// escaping the watcher's thread ends it and is delivered once as an Errc::database error.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model/checkpoint.h"
#include "core/util/clock.h"
#include "core/util/result.h"
#include "core/worker/worker_thread.h"
#include "kiosk/model/kiosk_state.h"
#include "kiosk/model/saved_place.h"

namespace passerelle::kiosk {

struct RegistrySnapshot {
  Event event;
  std::vector<Checkpoint> checkpoints;  // in display order, at least one
  std::string device_id;
  std::int64_t participants = 0;
  std::int64_t journal_entries = 0;
  bool sync_configured = false;           // enrolled with a hub, or an enrolment ticket waits to be redeemed
  std::string staff_pin_hash;             // the event's, from the bundle (Store::staff_pin_hash); empty if none
  std::optional<SavedPlace> saved_place;  // where staff last set the kiosk to count (saved_place.h)
  // Free space of the file system holding the database (statvfs, as the kiosk's user may use it);
  // empty when it could not be measured. Measured here because this runs off the UI thread.
  std::optional<std::uint64_t> free_bytes;
};

Result<RegistrySnapshot> read_registry(const std::filesystem::path& database, std::optional<std::int64_t> event_id,
                                       const Clock& clock);

// The checkpoint the kiosk starts at: `name` (case-insensitive) or, when empty, the first.
// Errc::not_found names the checkpoints there are (names, never people).
Result<const Checkpoint*> choose_checkpoint(const RegistrySnapshot& registry, std::string_view name);

struct StartPlace {
  const Checkpoint* checkpoint = nullptr;  // into the registry given
  Direction direction = Direction::entry;
  bool saved = false;  // staff's last choice, from the database
};
// Where the kiosk counts at start: the configuration's checkpoint and direction when it names a
// checkpoint; else staff's last choice (registry.saved_place) if that checkpoint still exists;
// else the first checkpoint in the configuration's direction. Errc::not_found as
// choose_checkpoint; Errc::invalid_input for a configured exit at a checkpoint that is not in/out.
Result<StartPlace> start_place(const RegistrySnapshot& registry, std::string_view name, Direction direction);

// Keeps a registry read's health for the staff screen (KioskState::device): when it last succeeded
// (`now_ms`, monotonic), the free disk space, or why it failed (store_failure.h's reason key).
void note_registry_read(DeviceInfo& device, const Result<RegistrySnapshot>& snapshot, std::int64_t now_ms);

class RegistryWatcher {
 public:
  using Deliver = std::function<void(Result<RegistrySnapshot>)>;
  RegistryWatcher(std::filesystem::path database, std::int64_t event_id, std::chrono::seconds interval,
                  const Clock& clock, Deliver deliver);
  ~RegistryWatcher();  // wakes and joins the thread
  RegistryWatcher(const RegistryWatcher&) = delete;
  RegistryWatcher& operator=(const RegistryWatcher&) = delete;

 private:
  void run(std::stop_token stop);

  std::filesystem::path database_;
  std::int64_t event_id_;
  std::chrono::seconds interval_;
  const Clock* clock_;
  Deliver deliver_;
  WorkerThread thread_;
};

}  // namespace passerelle::kiosk
