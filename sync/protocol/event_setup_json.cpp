#include "sync/protocol/event_setup_json.h"

#include "sync/protocol/json_fields.h"

namespace passerelle::sync {
namespace {

using detail::Json;

constexpr std::string_view kContext = "setup";
constexpr std::int64_t kMinutesPerDay = 24 * 60;

Result<std::string> text(const Json& object, const char* field, bool may_be_empty = true) {
  PSL_ASSIGN_OR_RETURN(auto value, detail::get_string(object, kContext, field));
  if (value.size() > kMaxSetupText)
    return detail::field_error(kContext, field, "at most " + std::to_string(kMaxSetupText) + " bytes");
  if (!may_be_empty && value.empty()) return detail::field_error(kContext, field, "not empty");
  return value;
}

Result<int> small_int(const Json& object, const char* field, std::int64_t min, std::int64_t max) {
  PSL_ASSIGN_OR_RETURN(const auto value, detail::get_int_in(object, kContext, field, min, max));
  return static_cast<int>(value);
}

Result<std::vector<std::string>> texts(const Json& object, const char* field, std::size_t max_count) {
  PSL_ASSIGN_OR_RETURN(const Json* array, detail::get_array(object, kContext, field));
  if (array->size() > max_count)
    return detail::field_error(kContext, field, "at most " + std::to_string(max_count) + " items");
  std::vector<std::string> out;
  out.reserve(array->size());
  for (const auto& item : *array) {
    if (!item.is_string()) return detail::field_error(kContext, field, "an array of strings");
    if (item.get_ref<const std::string&>().size() > kMaxSetupText)
      return detail::field_error(kContext, field, "strings of at most " + std::to_string(kMaxSetupText) + " bytes");
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<Event> event_from(const Json& json) {
  Event event;
  PSL_ASSIGN_OR_RETURN(event.id, detail::get_int_in(json, kContext, "id", 1, kMaxSeq));
  PSL_ASSIGN_OR_RETURN(event.name, text(json, "name", false));
  PSL_ASSIGN_OR_RETURN(event.venue, text(json, "venue"));
  PSL_ASSIGN_OR_RETURN(event.timezone, text(json, "timezone", false));
  PSL_ASSIGN_OR_RETURN(const auto language, text(json, "language"));
  const auto parsed = parse_language(language);
  if (!parsed) return detail::field_error(kContext, "language", "en, fr, de or nl");
  event.language = *parsed;
  PSL_ASSIGN_OR_RETURN(event.days, texts(json, "days", kMaxSetupDays));
  if (event.days.empty()) return detail::field_error(kContext, "days", "at least one day");
  return event;
}

Result<Checkpoint> checkpoint_from(const Json& json, std::int64_t event_id) {
  Checkpoint checkpoint;
  checkpoint.event_id = event_id;
  PSL_ASSIGN_OR_RETURN(checkpoint.id, detail::get_int_in(json, kContext, "id", 1, kMaxSeq));
  PSL_ASSIGN_OR_RETURN(checkpoint.name, text(json, "name", false));
  PSL_ASSIGN_OR_RETURN(const auto rule, text(json, "rule"));
  const auto parsed_rule = parse_checkpoint_rule(rule);
  if (!parsed_rule) return detail::field_error(kContext, "rule", "once_per_event, once_per_day or in_out");
  checkpoint.rule = *parsed_rule;
  PSL_ASSIGN_OR_RETURN(checkpoint.position, small_int(json, "position", 0, 1'000'000));
  PSL_ASSIGN_OR_RETURN(const auto kind, text(json, "kind"));
  const auto parsed_kind = parse_checkpoint_kind(kind);
  if (!parsed_kind) return detail::field_error(kContext, "kind", "door or b2b_area");
  checkpoint.kind = *parsed_kind;
  PSL_ASSIGN_OR_RETURN(checkpoint.b2b_area, text(json, "b2b_area"));
  PSL_ASSIGN_OR_RETURN(checkpoint.admits, texts(json, "admits", kMaxSetupTags));
  return checkpoint;
}

Result<B2bSession> session_from(const Json& json) {
  B2bSession session;
  PSL_ASSIGN_OR_RETURN(session.day, text(json, "day", false));
  PSL_ASSIGN_OR_RETURN(session.start_minute, small_int(json, "start_minute", 0, kMinutesPerDay));
  PSL_ASSIGN_OR_RETURN(session.afternoon_start_minute, small_int(json, "afternoon_start_minute", 0, kMinutesPerDay));
  PSL_ASSIGN_OR_RETURN(session.slot_minutes, small_int(json, "slot_minutes", 1, kMinutesPerDay));
  PSL_ASSIGN_OR_RETURN(session.pause_minutes, small_int(json, "pause_minutes", 0, kMinutesPerDay));
  PSL_ASSIGN_OR_RETURN(session.morning_slots, small_int(json, "morning_slots", 0, kMinutesPerDay));
  PSL_ASSIGN_OR_RETURN(session.afternoon_slots, small_int(json, "afternoon_slots", 0, kMinutesPerDay));
  PSL_ASSIGN_OR_RETURN(session.tables, small_int(json, "tables", 1, 1'000'000));
  PSL_ASSIGN_OR_RETURN(session.early_minutes, small_int(json, "early_minutes", 0, kMinutesPerDay));
  PSL_ASSIGN_OR_RETURN(session.late_minutes, small_int(json, "late_minutes", 0, kMinutesPerDay));
  PSL_ASSIGN_OR_RETURN(session.grace_minutes, small_int(json, "grace_minutes", 0, kMinutesPerDay));
  PSL_ASSIGN_OR_RETURN(const Json* areas, detail::get_array(json, kContext, "areas"));
  if (areas->size() > kMaxSetupAreas)
    return detail::field_error(kContext, "areas", "at most " + std::to_string(kMaxSetupAreas) + " items");
  for (const auto& item : *areas) {
    B2bArea area;
    PSL_ASSIGN_OR_RETURN(area.name, text(item, "name", false));
    PSL_ASSIGN_OR_RETURN(area.first_table, small_int(item, "first_table", 1, session.tables));
    PSL_ASSIGN_OR_RETURN(area.last_table, small_int(item, "last_table", area.first_table, session.tables));
    session.areas.push_back(std::move(area));
  }
  return session;
}

}  // namespace

std::string to_json(const EventSetup& setup, std::int64_t hub_time_ms) {
  const Event& event = setup.event;
  Json checkpoints = Json::array();
  for (const auto& checkpoint : setup.checkpoints)
    checkpoints.push_back(Json{{"id", checkpoint.id},
                               {"name", checkpoint.name},
                               {"rule", to_string(checkpoint.rule)},
                               {"position", checkpoint.position},
                               {"kind", to_string(checkpoint.kind)},
                               {"b2b_area", checkpoint.b2b_area},
                               {"admits", checkpoint.admits}});
  Json b2b = nullptr;
  if (setup.b2b) {
    const B2bSession& session = *setup.b2b;
    Json areas = Json::array();
    for (const auto& area : session.areas)
      areas.push_back(Json{{"name", area.name}, {"first_table", area.first_table}, {"last_table", area.last_table}});
    b2b = Json{{"day", session.day},
               {"start_minute", session.start_minute},
               {"afternoon_start_minute", session.afternoon_start_minute},
               {"slot_minutes", session.slot_minutes},
               {"pause_minutes", session.pause_minutes},
               {"morning_slots", session.morning_slots},
               {"afternoon_slots", session.afternoon_slots},
               {"tables", session.tables},
               {"early_minutes", session.early_minutes},
               {"late_minutes", session.late_minutes},
               {"grace_minutes", session.grace_minutes},
               {"areas", std::move(areas)}};
  }
  const Json body{{"event", Json{{"id", event.id},
                                 {"name", event.name},
                                 {"venue", event.venue},
                                 {"timezone", event.timezone},
                                 {"language", to_string(event.language)},
                                 {"days", event.days}}},
                  {"checkpoints", std::move(checkpoints)},
                  {"b2b", std::move(b2b)},
                  {"staff_pin_hash", setup.staff_pin_hash},
                  {"hub_time_ms", hub_time_ms}};
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<SetupAnswer> parse_setup_answer(std::string_view json) {
  PSL_ASSIGN_OR_RETURN(const auto document, detail::parse_document(json, kContext));
  SetupAnswer answer;
  PSL_ASSIGN_OR_RETURN(answer.hub_time_ms,
                       detail::get_int_in(document, kContext, "hub_time_ms", kMinClockMs, kMaxClockMs));
  PSL_ASSIGN_OR_RETURN(const Json* event, detail::member(document, kContext, "event"));
  PSL_ASSIGN_OR_RETURN(answer.setup.event, event_from(*event));
  PSL_ASSIGN_OR_RETURN(const Json* checkpoints, detail::get_array(document, kContext, "checkpoints"));
  if (checkpoints->empty() || checkpoints->size() > kMaxSetupCheckpoints)
    return detail::field_error(kContext, "checkpoints",
                               "1 to " + std::to_string(kMaxSetupCheckpoints) + " checkpoints");
  for (const auto& item : *checkpoints) {
    PSL_ASSIGN_OR_RETURN(auto checkpoint, checkpoint_from(item, answer.setup.event.id));
    answer.setup.checkpoints.push_back(std::move(checkpoint));
  }
  if (const auto b2b = document.find("b2b"); b2b != document.end() && !b2b->is_null()) {
    PSL_ASSIGN_OR_RETURN(answer.setup.b2b, session_from(*b2b));
  }
  PSL_ASSIGN_OR_RETURN(answer.setup.staff_pin_hash, text(document, "staff_pin_hash"));
  return answer;
}

}  // namespace passerelle::sync
