#include "core/model/b2b_session.h"

#include <cstdio>

namespace passerelle {

int B2bSession::slot_start_minute(int slot) const {
  const int step = slot_minutes + pause_minutes;
  if (slot <= morning_slots) return start_minute + (slot - 1) * step;
  return afternoon_start_minute + (slot - morning_slots - 1) * step;
}

std::string B2bSession::table_label(int table) const {
  for (const auto& area : areas)
    if (table >= area.first_table && table <= area.last_table) return area.name + ", table " + std::to_string(table);
  return "table " + std::to_string(table);
}

std::optional<int> parse_clock_minutes(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (const std::size_t i : {0u, 1u, 3u, 4u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

std::string clock_text(int minutes) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
  return buffer;
}

}  // namespace passerelle
