// GET /v1/setup's JSON (sync/protocol/event_setup_json.h): a round trip keeps every field, and each
// bound refuses one past it, naming the field, before anything could be stored.
#include "sync/protocol/event_setup_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/event_setup_expect.h"

namespace passerelle::sync {
namespace {

EventSetup sample_setup() {
  EventSetup setup;
  setup.event.id = 7;
  setup.event.name = "Forum Énergie";
  setup.event.venue = "Halle 3";
  setup.event.timezone = "Europe/Brussels";
  setup.event.days = {"2026-03-10", "2026-03-11"};
  setup.event.language = Language::fr;
  Checkpoint entrance;
  entrance.id = 12;
  entrance.event_id = 7;
  entrance.name = "Entrance";
  entrance.rule = CheckpointRule::once_per_day;
  entrance.position = 0;
  Checkpoint hall;
  hall.id = 15;
  hall.event_id = 7;
  hall.name = "Hall B";
  hall.rule = CheckpointRule::once_per_event;
  hall.position = 1;
  hall.kind = CheckpointKind::b2b_area;
  hall.b2b_area = "Hall B";
  hall.admits = {"buyer", "seller"};
  setup.checkpoints = {entrance, hall};
  B2bSession session;
  session.day = "2026-03-11";
  session.start_minute = 540;
  session.afternoon_start_minute = 840;
  session.morning_slots = 6;
  session.afternoon_slots = 4;
  session.tables = 40;
  session.areas = {B2bArea{"Hall A", 1, 20}, B2bArea{"Hall B", 21, 40}};
  setup.b2b = session;
  setup.staff_pin_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  return setup;
}

nlohmann::json sample_json() {
  return nlohmann::json::parse(to_json(sample_setup(), 1'767'261'600'000));
}

Result<SetupAnswer> parse(const nlohmann::json& json) {
  return parse_setup_answer(json.dump());
}

TEST(EventSetupJson, RoundTripKeepsEveryField) {
  const auto parsed = parse_setup_answer(to_json(sample_setup(), 1'767'261'600'000));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->hub_time_ms, 1'767'261'600'000);
  passerelle::testing::expect_same_setup(parsed->setup, sample_setup());
}

TEST(EventSetupJson, NoSessionIsNull) {
  EventSetup setup = sample_setup();
  setup.b2b.reset();
  const auto parsed = parse_setup_answer(to_json(setup, 1));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_FALSE(parsed->setup.b2b);
}

void expect_refused(const nlohmann::json& json, const std::string& field) {
  const auto parsed = parse(json);
  ASSERT_FALSE(parsed) << "accepted: " << json.dump().substr(0, 200);
  EXPECT_EQ(parsed.error().code, Errc::invalid_input);
  EXPECT_NE(parsed.error().message.find("'" + field + "'"), std::string::npos) << parsed.error().message;
}

TEST(EventSetupJson, EachBoundRefusesOnePastIt) {
  {
    auto json = sample_json();
    auto one = json["checkpoints"][0];
    json["checkpoints"] = nlohmann::json::array();
    for (std::size_t i = 0; i <= kMaxSetupCheckpoints; ++i) json["checkpoints"].push_back(one);
    expect_refused(json, "checkpoints");
  }
  {
    auto json = sample_json();
    json["checkpoints"] = nlohmann::json::array();
    expect_refused(json, "checkpoints");
  }
  {
    auto json = sample_json();
    json["event"]["days"] = nlohmann::json::array();
    for (std::size_t i = 0; i <= kMaxSetupDays; ++i) json["event"]["days"].push_back("2026-03-10");
    expect_refused(json, "days");
  }
  {
    auto json = sample_json();
    json["checkpoints"][1]["admits"] = nlohmann::json::array();
    for (std::size_t i = 0; i <= kMaxSetupTags; ++i) json["checkpoints"][1]["admits"].push_back("tag");
    expect_refused(json, "admits");
  }
  {
    auto json = sample_json();
    auto area = json["b2b"]["areas"][0];
    json["b2b"]["areas"] = nlohmann::json::array();
    for (std::size_t i = 0; i <= kMaxSetupAreas; ++i) json["b2b"]["areas"].push_back(area);
    expect_refused(json, "areas");
  }
  {
    auto json = sample_json();
    json["event"]["name"] = std::string(kMaxSetupText + 1, 'x');
    expect_refused(json, "name");
  }
  {
    auto json = sample_json();
    json["staff_pin_hash"] = std::string(kMaxSetupText + 1, 'x');
    expect_refused(json, "staff_pin_hash");
  }
  {
    auto json = sample_json();
    json["b2b"]["slot_minutes"] = 24 * 60 + 1;
    expect_refused(json, "slot_minutes");
  }
  {
    auto json = sample_json();
    json["b2b"]["areas"][1]["last_table"] = 41;  // past the session's tables
    expect_refused(json, "last_table");
  }
  {
    auto json = sample_json();
    json["event"]["id"] = 0;
    expect_refused(json, "id");
  }
  {
    auto json = sample_json();
    json["hub_time_ms"] = kMaxClockMs + 1;
    expect_refused(json, "hub_time_ms");
  }
}

TEST(EventSetupJson, UnknownNamesAreRefused) {
  {
    auto json = sample_json();
    json["checkpoints"][0]["rule"] = "twice";
    expect_refused(json, "rule");
  }
  {
    auto json = sample_json();
    json["checkpoints"][0]["kind"] = "bar";
    expect_refused(json, "kind");
  }
  {
    auto json = sample_json();
    json["event"]["language"] = "xx";
    expect_refused(json, "language");
  }
  {
    auto json = sample_json();
    json["checkpoints"][0].erase("name");
    expect_refused(json, "name");
  }
}

TEST(EventSetupJson, TooDeepIsRefusedBeforeATreeIsBuilt) {
  std::string deep = R"({"event": )";
  for (int i = 0; i < 100; ++i) deep += "[";
  const auto parsed = parse_setup_answer(deep);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, Errc::invalid_input);
}

}  // namespace
}  // namespace passerelle::sync
