#include "core/model/checkpoint.h"

#include <algorithm>

namespace passerelle {

std::string_view to_string(CheckpointRule rule) noexcept {
  switch (rule) {
    case CheckpointRule::once_per_event:
      return "once_per_event";
    case CheckpointRule::once_per_day:
      return "once_per_day";
    case CheckpointRule::in_out:
      return "in_out";
  }
  return "?";
}

std::string_view to_string(Direction direction) noexcept {
  return direction == Direction::entry ? "entry" : "exit";
}

std::string_view to_string(CheckpointKind kind) noexcept {
  return kind == CheckpointKind::b2b_area ? "b2b_area" : "door";
}

std::optional<CheckpointKind> parse_checkpoint_kind(std::string_view text) noexcept {
  if (text == "door") return CheckpointKind::door;
  if (text == "b2b_area") return CheckpointKind::b2b_area;
  return std::nullopt;
}

std::optional<CheckpointRule> parse_checkpoint_rule(std::string_view text) noexcept {
  for (auto rule : {CheckpointRule::once_per_event, CheckpointRule::once_per_day, CheckpointRule::in_out})
    if (to_string(rule) == text) return rule;
  return std::nullopt;
}

std::optional<Direction> parse_direction(std::string_view text) noexcept {
  if (text == "entry") return Direction::entry;
  if (text == "exit") return Direction::exit;
  return std::nullopt;
}

bool Checkpoint::admits_tags(const std::vector<std::string>& participant_tags) const {
  if (admits.empty()) return true;
  return std::any_of(admits.begin(), admits.end(), [&](const std::string& tag) {
    return std::find(participant_tags.begin(), participant_tags.end(), tag) != participant_tags.end();
  });
}

}  // namespace passerelle
