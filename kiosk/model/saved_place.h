// Where staff last set this kiosk to count (the staff screen's checkpoint and direction), kept in
// the kiosk database's local_state so that a restart comes back to it rather than to the first
// checkpoint. A checkpoint named in the configuration wins over it (docs/kiosk-config.md).
//
// Thread safety: save_place and load_place use the Store they are given, on its owner's thread
// (the check-in worker writes, the registry reader reads, each with its own connection).
// Failure: the store's errors; a value that does not parse is no saved place, never an error (a
// newer or damaged value must not keep the kiosk from starting).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/model/checkpoint.h"
#include "core/store/store.h"
#include "core/util/result.h"

namespace passerelle::kiosk {

struct SavedPlace {
  std::int64_t checkpoint_id = 0;
  Direction direction = Direction::entry;
  bool operator==(const SavedPlace&) const = default;
};

// local_state's key for `event_id`: per event, so that a bundle of another event in the same file
// never starts at a checkpoint id of the last one.
std::string saved_place_key(std::int64_t event_id);

// "12 entry", "12 exit".
std::string encode_place(const SavedPlace& place);
std::optional<SavedPlace> decode_place(std::string_view text);

Status save_place(Store& store, std::int64_t event_id, const SavedPlace& place);
Result<std::optional<SavedPlace>> load_place(Store& store, std::int64_t event_id);

}  // namespace passerelle::kiosk
