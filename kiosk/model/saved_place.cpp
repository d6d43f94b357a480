#include "kiosk/model/saved_place.h"

#include "core/util/strings.h"

namespace passerelle::kiosk {

std::string saved_place_key(std::int64_t event_id) {
  return "kiosk.place." + std::to_string(event_id);
}

std::string encode_place(const SavedPlace& place) {
  return std::to_string(place.checkpoint_id) + (place.direction == Direction::exit ? " exit" : " entry");
}

std::optional<SavedPlace> decode_place(std::string_view text) {
  const auto space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  SavedPlace place;
  const auto id = parse_integer<std::int64_t>(text.substr(0, space));
  if (!id || *id <= 0) return std::nullopt;
  place.checkpoint_id = *id;
  const auto direction = text.substr(space + 1);
  if (direction == "exit")
    place.direction = Direction::exit;
  else if (direction != "entry")
    return std::nullopt;
  return place;
}

Status save_place(Store& store, std::int64_t event_id, const SavedPlace& place) {
  return store.set_local_value(saved_place_key(event_id), encode_place(place));
}

Result<std::optional<SavedPlace>> load_place(Store& store, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(const auto value, store.local_value(saved_place_key(event_id)));
  if (!value) return std::optional<SavedPlace>();
  return decode_place(*value);
}

}  // namespace passerelle::kiosk
