// Events and their checkpoints (DESIGN.md, "Data").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/participant.h"

namespace passerelle {

// How often one participant may pass a checkpoint.
enum class CheckpointRule {
  once_per_event,  // the first accepted scan of the event; later ones are "already checked in"
  once_per_day,    // once per calendar day in the event's time zone
  in_out,          // entries and exits alternate; the checkpoint keeps an inside count
};

// What a checkpoint is. A door counts attendance by its rule. A B2B area is a hall of meeting
// tables: every valid scan there is a participant's side of a meeting (EntryKind::meeting_held),
// never "already checked in", and its rule is not read (docs/B2B_AREA.md).
enum class CheckpointKind { door, b2b_area };

// A kiosk at an in/out checkpoint is set to one of these; other rules only know `entry`.
enum class Direction { entry, exit };

std::string_view to_string(CheckpointRule rule) noexcept;
std::string_view to_string(Direction direction) noexcept;
std::string_view to_string(CheckpointKind kind) noexcept;
std::optional<CheckpointKind> parse_checkpoint_kind(std::string_view text) noexcept;
std::optional<CheckpointRule> parse_checkpoint_rule(std::string_view text) noexcept;
std::optional<Direction> parse_direction(std::string_view text) noexcept;

struct Checkpoint {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::string name;
  CheckpointRule rule = CheckpointRule::once_per_event;
  std::vector<std::string> admits;  // tags; empty admits everybody registered
  int position = 0;                 // display order; the first is the default checkpoint
  CheckpointKind kind = CheckpointKind::door;
  std::string b2b_area;  // a B2B area's [[b2b.area]] name; empty: every table

  // A participant with any of `admits` is admitted; with no `admits`, everybody is.
  bool admits_tags(const std::vector<std::string>& participant_tags) const;
};

struct Event {
  std::int64_t id = 0;
  std::string name;
  std::string venue;
  std::string timezone;           // IANA name
  std::vector<std::string> days;  // "YYYY-MM-DD", ascending
  // The language its lists are sorted in (core/text/collation.h): the organisers', not the
  // attendees' (each of whom is greeted in their own).
  Language language = Language::en;
};

}  // namespace passerelle
