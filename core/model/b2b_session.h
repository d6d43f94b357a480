// A B2B session of an event: one day's meeting slots and tables (issue #12; format in
// docs/event-config.md, "[b2b]"). Slots are numbered 1..slots(): the morning's first, then the
// afternoon's; the scheduler's Problem uses the same numbers.
// Thread safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace passerelle {

struct B2bArea {
  std::string name;
  int first_table = 1;
  int last_table = 1;

  bool operator==(const B2bArea&) const = default;
};

struct B2bSession {
  std::string day;       // "YYYY-MM-DD", one of the event's days
  int start_minute = 0;  // first morning slot, minutes after midnight (local time)
  int afternoon_start_minute = 0;
  int slot_minutes = 20;
  int pause_minutes = 0;  // between two slots of a half-day
  int morning_slots = 0;
  int afternoon_slots = 0;
  int tables = 1;              // numbered 1..tables
  std::vector<B2bArea> areas;  // optional: named groups of tables, disjoint
  // A partner's scan at a B2B area counts for a meeting from `early_minutes` before its start to
  // `late_minutes` after its end; a meeting not held `grace_minutes` after its end is a no-show.
  int early_minutes = 10;
  int late_minutes = 5;
  int grace_minutes = 15;

  int slots() const { return morning_slots + afternoon_slots; }
  // Minutes after midnight at which slot 1..slots() starts.
  int slot_start_minute(int slot) const;
  // "Hall A, table 12" (or "table 12" outside any area).
  std::string table_label(int table) const;

  bool operator==(const B2bSession&) const = default;
};

// "HH:MM" to minutes after midnight; empty when malformed.
std::optional<int> parse_clock_minutes(std::string_view text);
std::string clock_text(int minutes);

}  // namespace passerelle
