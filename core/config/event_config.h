// The event description file (TOML; format in docs/event-config.md).
//
// Pure: parsing touches no database. Unknown keys are errors, not warnings: a typo such as
// `rules = "in_out"` would otherwise silently give a checkpoint the default rule.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/b2b_session.h"
#include "core/model/checkpoint.h"
#include "core/util/result.h"

namespace passerelle {

struct CheckpointConfig {
  CheckpointConfig() = default;
  CheckpointConfig(std::string name_, CheckpointRule rule_, std::vector<std::string> admits_,
                   CheckpointKind kind_ = CheckpointKind::door, std::string area_ = {})
      : name(std::move(name_)), rule(rule_), admits(std::move(admits_)), kind(kind_), area(std::move(area_)) {}

  std::string name;
  CheckpointRule rule = CheckpointRule::once_per_event;
  std::vector<std::string> admits;
  CheckpointKind kind = CheckpointKind::door;
  std::string area;  // kind b2b_area: the [[b2b.area]] it serves; empty: all tables
};

struct EventConfig {
  std::string name;
  std::string venue;
  std::string timezone = "Europe/Brussels";
  std::vector<std::string> days;     // "YYYY-MM-DD", ascending, at least one
  Language language = Language::en;  // how its lists of people are sorted (Event::language)
  std::vector<CheckpointConfig> checkpoints;
  std::optional<B2bSession> b2b;  // [b2b]: the day's meeting slots and tables
};

// The event `init --event NAME` creates: one day (today in `timezone`), one "Entrance"
// checkpoint, once per event.
EventConfig default_event_config(std::string name, std::string_view today);

// Errors (Errc::invalid_input) name the source, the line and column where known, and the key.
Result<EventConfig> parse_event_config(std::string_view toml_text, std::string_view source_name);
Result<EventConfig> load_event_config(const std::filesystem::path& path);

}  // namespace passerelle
