#include "core/config/event_config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/time/timezone.h"
#include "core/util/strings.h"

namespace passerelle {
namespace {

std::string where(std::string_view source, const toml::source_region& region) {
  std::ostringstream out;
  out << source;
  if (region.begin.line != 0) out << ':' << region.begin.line << ':' << region.begin.column;
  return out.str();
}

Error config_error(std::string_view source, const toml::node& node, const std::string& message) {
  return make_error(Errc::invalid_input, where(source, node.source()) + ": " + message);
}

Status reject_unknown_keys(std::string_view source, const toml::table& table, std::string_view table_name,
                           std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : table) {
    if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
      std::string allowed;
      for (auto name : known) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
      return config_error(
          source, value,
          "unknown key '" + std::string(key.str()) + "' in " + std::string(table_name) + " (allowed: " + allowed + ")");
    }
  }
  return {};
}

Result<std::string> required_string(std::string_view source, const toml::table& table, std::string_view key,
                                    std::string_view table_name) {
  const toml::node* node = table.get(key);
  if (node == nullptr)
    return make_error(Errc::invalid_input,
                      std::string(source) + ": missing '" + std::string(key) + "' in " + std::string(table_name));
  const auto* text = node->as_string();
  if (text == nullptr) return config_error(source, *node, "'" + std::string(key) + "' must be a string");
  const auto value = std::string(trim(text->get()));
  if (value.empty()) return config_error(source, *node, "'" + std::string(key) + "' must not be empty");
  return value;
}

bool is_tag(std::string_view tag) {
  return !tag.empty() && std::all_of(tag.begin(), tag.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

Result<CheckpointConfig> parse_checkpoint(std::string_view source, const toml::table& table) {
  PSL_TRY(reject_unknown_keys(source, table, "[[checkpoint]]", {"name", "rule", "admits", "kind", "area"}));
  CheckpointConfig checkpoint;
  PSL_ASSIGN_OR_RETURN(checkpoint.name, required_string(source, table, "name", "[[checkpoint]]"));
  if (const toml::node* kind = table.get("kind")) {
    const auto* text = kind->as_string();
    const auto parsed = text ? parse_checkpoint_kind(text->get()) : std::nullopt;
    if (!parsed)
      return config_error(source, *kind, "checkpoint '" + checkpoint.name + "': kind must be door or b2b_area");
    checkpoint.kind = *parsed;
  }
  if (const toml::node* area = table.get("area")) {
    const auto* text = area->as_string();
    if (checkpoint.kind != CheckpointKind::b2b_area || text == nullptr)
      return config_error(source, *area,
                          "checkpoint '" + checkpoint.name +
                              "': 'area' names a [[b2b.area]] for a kind = \"b2b_area\" "
                              "checkpoint");
    checkpoint.area = text->get();
  }
  if (checkpoint.kind == CheckpointKind::b2b_area && table.contains("rule"))
    return config_error(source, *table.get("rule"),
                        "checkpoint '" + checkpoint.name + "': a B2B area takes every scan; it has no rule");
  if (const toml::node* rule = table.get("rule")) {
    const auto* text = rule->as_string();
    const auto parsed = text ? parse_checkpoint_rule(text->get()) : std::nullopt;
    if (!parsed)
      return config_error(
          source, *rule,
          "checkpoint '" + checkpoint.name + "': rule must be one of once_per_event, once_per_day, in_out");
    checkpoint.rule = *parsed;
  }
  if (const toml::node* admits = table.get("admits")) {
    const auto* list = admits->as_array();
    if (list == nullptr) return config_error(source, *admits, "'admits' must be a list of tags");
    for (const toml::node& item : *list) {
      const auto* tag = item.as_string();
      if (tag == nullptr || !is_tag(tag->get()))
        return config_error(source, item,
                            "checkpoint '" + checkpoint.name + "': tags are lower-case letters, digits, '-' and '_'");
      checkpoint.admits.push_back(tag->get());
    }
  }
  return checkpoint;
}

Result<int> required_int(std::string_view source, const toml::table& table, std::string_view key, int low, int high) {
  const toml::node* node = table.get(key);
  if (node == nullptr)
    return make_error(Errc::invalid_input, std::string(source) + ": missing '" + std::string(key) + "' in [b2b]");
  const auto* number = node->as_integer();
  if (number == nullptr || number->get() < low || number->get() > high)
    return config_error(source, *node,
                        "'" + std::string(key) + "' must be a whole number from " + std::to_string(low) + " to " +
                            std::to_string(high));
  return static_cast<int>(number->get());
}

Result<int> required_clock(std::string_view source, const toml::table& table, std::string_view key) {
  PSL_ASSIGN_OR_RETURN(const auto text, required_string(source, table, key, "[b2b]"));
  const auto minutes = parse_clock_minutes(text);
  if (!minutes) return config_error(source, *table.get(key), "'" + std::string(key) + "' must be a time written HH:MM");
  return *minutes;
}

// Bounds: a session fits in one day, and a table number stays small enough to print on a card.
constexpr int kMaxB2bSlots = 100;
constexpr int kMaxB2bTables = 10'000;

Result<B2bSession> parse_b2b(std::string_view source, const toml::table& table) {
  PSL_TRY(reject_unknown_keys(source, table, "[b2b]",
                              {"day", "start", "slot_minutes", "pause_minutes", "morning_slots", "afternoon_start",
                               "afternoon_slots", "tables", "area", "early_minutes", "late_minutes", "grace_minutes"}));
  B2bSession session;
  PSL_ASSIGN_OR_RETURN(session.day, required_string(source, table, "day", "[b2b]"));
  PSL_ASSIGN_OR_RETURN(session.slot_minutes, required_int(source, table, "slot_minutes", 5, 240));
  if (table.contains("pause_minutes")) {
    PSL_ASSIGN_OR_RETURN(session.pause_minutes, required_int(source, table, "pause_minutes", 0, 120));
  }
  PSL_ASSIGN_OR_RETURN(session.morning_slots, required_int(source, table, "morning_slots", 0, kMaxB2bSlots));
  if (session.morning_slots > 0) {
    PSL_ASSIGN_OR_RETURN(session.start_minute, required_clock(source, table, "start"));
  }
  if (table.contains("afternoon_slots")) {
    PSL_ASSIGN_OR_RETURN(session.afternoon_slots, required_int(source, table, "afternoon_slots", 0, kMaxB2bSlots));
  }
  if (session.afternoon_slots > 0) {
    PSL_ASSIGN_OR_RETURN(session.afternoon_start_minute, required_clock(source, table, "afternoon_start"));
  }
  PSL_ASSIGN_OR_RETURN(session.tables, required_int(source, table, "tables", 1, kMaxB2bTables));
  for (const auto& [key, field] :
       {std::pair{"early_minutes", &B2bSession::early_minutes}, std::pair{"late_minutes", &B2bSession::late_minutes},
        std::pair{"grace_minutes", &B2bSession::grace_minutes}})
    if (table.contains(key)) {
      PSL_ASSIGN_OR_RETURN(session.*field, required_int(source, table, key, 0, 120));
    }
  if (const toml::node* areas = table.get("area")) {
    const auto* list = areas->as_array();
    if (list == nullptr || !list->is_array_of_tables())
      return config_error(source, *areas, "areas are written as [[b2b.area]] tables");
    for (const toml::node& item : *list) {
      const auto& area_table = *item.as_table();
      PSL_TRY(reject_unknown_keys(source, area_table, "[[b2b.area]]", {"name", "first_table", "last_table"}));
      B2bArea area;
      PSL_ASSIGN_OR_RETURN(area.name, required_string(source, area_table, "name", "[[b2b.area]]"));
      PSL_ASSIGN_OR_RETURN(area.first_table, required_int(source, area_table, "first_table", 1, session.tables));
      PSL_ASSIGN_OR_RETURN(area.last_table, required_int(source, area_table, "last_table", 1, session.tables));
      if (area.last_table < area.first_table)
        return config_error(source, item, "area '" + area.name + "': last_table comes before first_table");
      session.areas.push_back(std::move(area));
    }
  }
  return session;
}

Status validate_b2b(std::string_view source, const EventConfig& config) {
  const auto& session = *config.b2b;
  const auto fail = [&](const std::string& message) {
    return make_error(Errc::invalid_input, std::string(source) + ": [b2b] " + message);
  };
  if (std::find(config.days.begin(), config.days.end(), session.day) == config.days.end())
    return fail("day '" + session.day + "' is not one of the event's days");
  if (session.slots() == 0) return fail("has no slot: give morning_slots or afternoon_slots");
  const int step = session.slot_minutes + session.pause_minutes;
  if (session.morning_slots > 0 &&
      session.start_minute + session.morning_slots * step - session.pause_minutes > 24 * 60)
    return fail("the morning's slots run past midnight");
  if (session.afternoon_slots > 0) {
    if (session.morning_slots > 0 &&
        session.afternoon_start_minute < session.start_minute + session.morning_slots * step - session.pause_minutes)
      return fail("the afternoon starts (" + clock_text(session.afternoon_start_minute) +
                  ") before the morning's last slot ends");
    if (session.afternoon_start_minute + session.afternoon_slots * step - session.pause_minutes > 24 * 60)
      return fail("the afternoon's slots run past midnight");
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < session.areas.size(); ++i) {
    const auto& area = session.areas[i];
    if (!names.insert(to_lower_ascii(area.name)).second) return fail("two areas are named '" + area.name + "'");
    for (std::size_t j = 0; j < i; ++j)
      if (area.first_table <= session.areas[j].last_table && session.areas[j].first_table <= area.last_table)
        return fail("areas '" + session.areas[j].name + "' and '" + area.name + "' share tables");
  }
  return {};
}

Status validate(std::string_view source, const EventConfig& config) {
  if (auto zone = TimeZone::create(config.timezone); !zone)
    return make_error(Errc::invalid_input, std::string(source) + ": " + zone.error().message);
  if (config.days.empty()) return make_error(Errc::invalid_input, std::string(source) + ": 'days' lists no day");
  for (std::size_t i = 1; i < config.days.size(); ++i)
    if (config.days[i] <= config.days[i - 1])
      return make_error(Errc::invalid_input, std::string(source) + ": days must be ascending and distinct ('" +
                                                 config.days[i - 1] + "' then '" + config.days[i] + "')");
  if (config.checkpoints.empty())
    return make_error(Errc::invalid_input, std::string(source) + ": the event needs at least one [[checkpoint]]");
  std::set<std::string> names;
  for (const auto& checkpoint : config.checkpoints)
    if (!names.insert(to_lower_ascii(checkpoint.name)).second)
      return make_error(Errc::invalid_input,
                        std::string(source) + ": two checkpoints are named '" + checkpoint.name + "'");
  if (config.b2b) PSL_TRY(validate_b2b(source, config));
  for (const auto& checkpoint : config.checkpoints) {
    if (checkpoint.kind != CheckpointKind::b2b_area) continue;
    if (!config.b2b)
      return make_error(Errc::invalid_input, std::string(source) + ": checkpoint '" + checkpoint.name +
                                                 "' is a B2B area, but the event has no [b2b] session");
    if (!checkpoint.area.empty() &&
        std::none_of(config.b2b->areas.begin(), config.b2b->areas.end(),
                     [&](const B2bArea& area) { return to_lower_ascii(area.name) == to_lower_ascii(checkpoint.area); }))
      return make_error(Errc::invalid_input, std::string(source) + ": checkpoint '" + checkpoint.name +
                                                 "' serves area '" + checkpoint.area + "', which [b2b] does not list");
  }
  return {};
}

}  // namespace

EventConfig default_event_config(std::string name, std::string_view today) {
  EventConfig config;
  config.name = std::move(name);
  config.days = {std::string(today)};
  config.checkpoints = {CheckpointConfig{"Entrance", CheckpointRule::once_per_event, {}}};
  return config;
}

Result<EventConfig> parse_event_config(std::string_view toml_text, std::string_view source_name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    return make_error(Errc::invalid_input,
                      where(source_name, error.source()) + ": " + std::string(error.description()));
  }
  PSL_TRY(reject_unknown_keys(source_name, root, "the file", {"event", "checkpoint", "b2b"}));
  const toml::table* event = root["event"].as_table();
  if (event == nullptr) return make_error(Errc::invalid_input, std::string(source_name) + ": missing [event] table");
  PSL_TRY(reject_unknown_keys(source_name, *event, "[event]", {"name", "venue", "timezone", "days", "language"}));

  EventConfig config;
  PSL_ASSIGN_OR_RETURN(config.name, required_string(source_name, *event, "name", "[event]"));
  if (event->contains("venue")) {
    PSL_ASSIGN_OR_RETURN(config.venue, required_string(source_name, *event, "venue", "[event]"));
  }
  if (event->contains("timezone")) {
    PSL_ASSIGN_OR_RETURN(config.timezone, required_string(source_name, *event, "timezone", "[event]"));
  }
  if (const toml::node* language = event->get("language")) {
    const auto* text = language->as_string();
    const auto parsed = text ? parse_language(text->get()) : std::nullopt;
    if (!parsed) return config_error(source_name, *language, "language must be one of en, fr, de, nl");
    config.language = *parsed;
  }
  const toml::node* days = event->get("days");
  if (days == nullptr) return make_error(Errc::invalid_input, std::string(source_name) + ": missing 'days' in [event]");
  const auto* day_list = days->as_array();
  if (day_list == nullptr) return config_error(source_name, *days, "'days' must be a list of \"YYYY-MM-DD\" dates");
  for (const toml::node& item : *day_list) {
    // Accept both "2026-12-08" and the bare TOML date 2026-12-08.
    if (const auto* text = item.as_string(); text && is_iso_date(text->get())) {
      config.days.push_back(text->get());
    } else if (const auto* date = item.as_date()) {
      const toml::date& d = date->get();
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", int{d.year}, int{d.month}, int{d.day});
      config.days.emplace_back(buffer);
    } else {
      return config_error(source_name, item, "days must be dates written YYYY-MM-DD");
    }
  }

  if (const toml::node* checkpoints = root.get("checkpoint")) {
    const auto* list = checkpoints->as_array();
    if (list == nullptr || !list->is_array_of_tables())
      return config_error(source_name, *checkpoints, "checkpoints are written as [[checkpoint]] tables");
    for (const toml::node& item : *list) {
      PSL_ASSIGN_OR_RETURN(auto checkpoint, parse_checkpoint(source_name, *item.as_table()));
      config.checkpoints.push_back(std::move(checkpoint));
    }
  } else {
    config.checkpoints = {CheckpointConfig{"Entrance", CheckpointRule::once_per_event, {}}};
  }
  if (const toml::node* b2b = root.get("b2b")) {
    const auto* table = b2b->as_table();
    if (table == nullptr) return config_error(source_name, *b2b, "[b2b] must be a table");
    PSL_ASSIGN_OR_RETURN(config.b2b, parse_b2b(source_name, *table));
  }
  PSL_TRY(validate(source_name, config));
  return config;
}

Result<EventConfig> load_event_config(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error(Errc::io, "cannot read " + path.string());
  std::ostringstream text;
  text << file.rdbuf();
  return parse_event_config(text.str(), path.string());
}

}  // namespace passerelle
