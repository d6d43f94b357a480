#include "core/config/event_config.h"

#include <gtest/gtest.h>

#include "core/store/store.h"
#include "tests/support/param_name.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

TEST(EventConfig, DemoEventLoads) {
  auto config = load_event_config(std::string(PASSERELLE_SOURCE_DIR) + "/assets/demo/event.toml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->timezone, "Europe/Amsterdam");
  EXPECT_EQ(config->days.size(), 2u);
  ASSERT_GE(config->checkpoints.size(), 4u);
  EXPECT_EQ(config->checkpoints[0].rule, CheckpointRule::once_per_day);
  EXPECT_EQ(config->checkpoints[1].rule, CheckpointRule::in_out);
  EXPECT_FALSE(config->checkpoints[2].admits.empty());
}

TEST(EventConfig, MinimalFileGetsAnEntrance) {
  auto config = parse_event_config("[event]\nname = \"X\"\ndays = [2026-05-04]\n", "x.toml");
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_EQ(config->checkpoints.size(), 1u);
  EXPECT_EQ(config->checkpoints[0].name, "Entrance");
  EXPECT_EQ(config->checkpoints[0].rule, CheckpointRule::once_per_event);
  EXPECT_EQ(config->days, std::vector<std::string>{"2026-05-04"});
}

struct BadConfig {
  const char* name;  // the test's name: what is wrong with the file
  const char* text;
  const char* expected_in_message;
};
void PrintTo(const BadConfig& config, std::ostream* out) {
  *out << config.name;
}

class EventConfigErrors : public ::testing::TestWithParam<BadConfig> {};

TEST_P(EventConfigErrors, AreReportedWithWhereAndWhat) {
  auto config = parse_event_config(GetParam().text, "event.toml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, Errc::invalid_input);
  EXPECT_NE(config.error().message.find("event.toml"), std::string::npos) << config.error().message;
  EXPECT_NE(config.error().message.find(GetParam().expected_in_message), std::string::npos) << config.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    All, EventConfigErrors,
    ::testing::Values(
        BadConfig{"UnclosedTableHeader", "[event\nname=1", "event.toml:1"},
        BadConfig{"MissingName", "[event]\ndays=[\"2026-01-01\"]\n", "missing 'name'"},
        BadConfig{"MissingDays", "[event]\nname=\"X\"\n", "missing 'days'"},
        BadConfig{"NoDay", "[event]\nname=\"X\"\ndays=[]\n", "lists no day"},
        BadConfig{"ImpossibleDate", "[event]\nname=\"X\"\ndays=[\"2026-02-30\"]\n", "YYYY-MM-DD"},
        BadConfig{"DaysOutOfOrder", "[event]\nname=\"X\"\ndays=[\"2026-01-02\",\"2026-01-01\"]\n", "ascending"},
        BadConfig{"UnknownTimeZone", "[event]\nname=\"X\"\ntimezone=\"Mars/Olympus\"\ndays=[\"2026-01-01\"]\n",
                  "unknown time zone"},
        BadConfig{"MisspeltEventKey", "[event]\nname=\"X\"\nvenu=\"typo\"\ndays=[\"2026-01-01\"]\n",
                  "unknown key 'venu'"},
        BadConfig{"MisspeltCheckpointKey",
                  "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n[[checkpoint]]\nname=\"A\"\nrules=\"in_out\"\n",
                  "unknown key 'rules'"},
        BadConfig{"UnknownRule",
                  "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n[[checkpoint]]\nname=\"A\"\nrule=\"twice\"\n",
                  "rule must be one of"},
        BadConfig{"TagWithASpace",
                  "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n[[checkpoint]]\nname=\"A\"\nadmits=[\"Bad Tag\"]\n",
                  "tags are"},
        BadConfig{
            "CheckpointNamedTwice",
            "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n[[checkpoint]]\nname=\"A\"\n[[checkpoint]]\nname=\"a\"\n",
            "two checkpoints"},
        BadConfig{"EmptyName", "[event]\nname=\"\"\ndays=[\"2026-01-01\"]\n", "must not be empty"},
        BadConfig{"UnknownLanguage", "[event]\nname=\"X\"\nlanguage=\"es\"\ndays=[\"2026-01-01\"]\n",
                  "language must be one of en, fr, de, nl"}),
    testing::ParamName{});

constexpr const char* kDay = "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n";

// [event] language (issue #14): the order of the event's lists of people; English by default,
// kept in the event's row.
TEST(EventConfig, TheLanguageIsReadDefaultsToEnglishAndIsStored) {
  EXPECT_EQ(parse_event_config(kDay, "x.toml")->language, Language::en);
  auto config = parse_event_config("[event]\nname=\"X\"\nlanguage=\"nl\"\ndays=[\"2026-01-01\"]\n", "x.toml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->language, Language::nl);

  testing::TempDir dir;
  auto store = Store::open(dir.file("e.db"));
  ASSERT_TRUE(store) << store.error().message;
  const auto dutch = store->create_event(*config);
  const auto english = store->create_event(*parse_event_config(kDay, "x.toml"));
  ASSERT_TRUE(dutch && english);
  EXPECT_EQ((*store->find_event(*dutch))->language, Language::nl);
  EXPECT_EQ((*store->find_event(*english))->language, Language::en);
}

TEST(EventConfig, ABtoBSessionGivesItsSlotsTimesAndTables) {
  auto config = parse_event_config(std::string(kDay) +
                                       "[b2b]\nday=\"2026-01-01\"\nstart=\"09:30\"\nslot_minutes=20\npause_minutes=5\n"
                                       "morning_slots=3\nafternoon_start=\"14:00\"\nafternoon_slots=2\ntables=12\n"
                                       "[[b2b.area]]\nname=\"Hall A\"\nfirst_table=1\nlast_table=8\n",
                                   "x.toml");
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_TRUE(config->b2b);
  const auto& session = *config->b2b;
  EXPECT_EQ(session.slots(), 5);
  EXPECT_EQ(clock_text(session.slot_start_minute(1)), "09:30");
  EXPECT_EQ(clock_text(session.slot_start_minute(3)), "10:20");
  EXPECT_EQ(clock_text(session.slot_start_minute(4)), "14:00");
  EXPECT_EQ(clock_text(session.slot_start_minute(5)), "14:25");
  EXPECT_EQ(session.table_label(3), "Hall A, table 3");
  EXPECT_EQ(session.table_label(9), "table 9");
  EXPECT_FALSE(parse_event_config(kDay, "x.toml")->b2b) << "no [b2b]: no session";
}

INSTANTIATE_TEST_SUITE_P(
    B2b, EventConfigErrors,
    ::testing::Values(
        BadConfig{"SessionOnAnotherDay",
                  "[event]\nname=\"X\"\ndays=[\"2026-01-02\"]\n[b2b]\nday=\"2026-01-01\"\n"
                  "start=\"09:00\"\nslot_minutes=30\nmorning_slots=4\ntables=10\n",
                  "not one of the event's days"},
        BadConfig{"SessionWithoutSlots",
                  "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n[b2b]\nday=\"2026-01-01\"\n"
                  "slot_minutes=30\nmorning_slots=0\ntables=10\n",
                  "has no slot"},
        BadConfig{"BadStartTime",
                  "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n[b2b]\nday=\"2026-01-01\"\n"
                  "start=\"9h\"\nslot_minutes=30\nmorning_slots=4\ntables=10\n",
                  "HH:MM"},
        BadConfig{"ZeroTables",
                  "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n[b2b]\nday=\"2026-01-01\"\n"
                  "start=\"09:00\"\nslot_minutes=30\nmorning_slots=4\ntables=0\n",
                  "'tables' must be"},
        BadConfig{"SlotsPastMidnight",
                  "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n[b2b]\nday=\"2026-01-01\"\n"
                  "start=\"22:00\"\nslot_minutes=60\nmorning_slots=4\ntables=10\n",
                  "past midnight"},
        BadConfig{"AfternoonBeforeMorningEnds",
                  "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n[b2b]\n"
                  "day=\"2026-01-01\"\nstart=\"09:00\"\nslot_minutes=30\nmorning_slots=4\nafternoon_start=\"10:00\"\n"
                  "afternoon_slots=2\ntables=10\n",
                  "before the morning's last slot ends"},
        BadConfig{"MisspeltSessionKey",
                  "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n[b2b]\nday=\"2026-01-01\"\n"
                  "start=\"09:00\"\nslot_minutes=30\nmorning_slots=4\ntable=10\n",
                  "unknown key 'table'"},
        BadConfig{"AreasSharingTables",
                  "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n[b2b]\nday=\"2026-01-01\"\n"
                  "start=\"09:00\"\nslot_minutes=30\nmorning_slots=4\ntables=10\n[[b2b.area]]\nname=\"A\"\n"
                  "first_table=1\nlast_table=6\n[[b2b.area]]\nname=\"B\"\nfirst_table=6\nlast_table=10\n",
                  "share tables"},
        BadConfig{"AreaPastTheLastTable",
                  "[event]\nname=\"X\"\ndays=[\"2026-01-01\"]\n[b2b]\nday=\"2026-01-01\"\n"
                  "start=\"09:00\"\nslot_minutes=30\nmorning_slots=4\ntables=10\n[[b2b.area]]\nname=\"A\"\n"
                  "first_table=1\nlast_table=11\n",
                  "'last_table' must be"}),
    testing::ParamName{});

}  // namespace
}  // namespace passerelle
