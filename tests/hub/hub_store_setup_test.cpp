// HubStore::event_setup (GET /v1/setup: a kiosk set up from nothing) on every backend: the event,
// its checkpoints with the event file's ids, its B2B session and the staff PIN's hash, exactly as
// the event file holds them (core's read_event_setup, which a bundle's copy matches).
#include <gtest/gtest.h>

#include "core/store/event_setup_store.h"
#include "tests/hub/hub_store_suite.h"
#include "tests/support/event_setup_expect.h"

namespace passerelle::testing {
namespace {

EventConfig forum_with_b2b() {
  EventConfig config = default_event_config("Setup forum", "2026-03-10");
  config.days = {"2026-03-10", "2026-03-11"};
  config.venue = "Halle 3";
  config.language = Language::fr;
  config.checkpoints = {
      CheckpointConfig("Entrance", CheckpointRule::once_per_day, {}),
      CheckpointConfig("VIP lounge", CheckpointRule::in_out, {"vip", "speaker"}),
      CheckpointConfig("Hall B", CheckpointRule::once_per_event, {}, CheckpointKind::b2b_area, "Hall B")};
  B2bSession session;
  session.day = "2026-03-11";
  session.start_minute = 9 * 60;
  session.afternoon_start_minute = 14 * 60;
  session.slot_minutes = 25;
  session.pause_minutes = 5;
  session.morning_slots = 6;
  session.afternoon_slots = 4;
  session.tables = 40;
  session.areas = {B2bArea{"Hall A", 1, 20}, B2bArea{"Hall B", 21, 40}};
  config.b2b = session;
  return config;
}

TEST_P(HubStoreSuite, EventSetupIsTheEventFilesOwn) {
  const auto event = value_or_fail(backend_->create_event(forum_with_b2b()), "create_event");
  EventSetup want;
  ASSERT_TRUE(backend_->edit_registry(event, [&](Store& file) -> Status {
    PSL_TRY(file.set_staff_pin_hash(event, kArgon2idHash));
    PSL_ASSIGN_OR_RETURN(want, read_event_setup(file, event));
    return {};
  }));
  ASSERT_EQ(want.staff_pin_hash, kArgon2idHash);
  ASSERT_TRUE(want.b2b);
  const auto got = value_or_fail(store_->event_setup(event), "event_setup");
  expect_same_setup(got, want);
}

TEST_P(HubStoreSuite, EventSetupWithoutPinOrSessionHasNeither) {
  const auto got = value_or_fail(store_->event_setup(event_), "event_setup");
  EXPECT_EQ(got.event.name, "Hub suite");
  EXPECT_FALSE(got.checkpoints.empty());
  EXPECT_FALSE(got.b2b);
  EXPECT_TRUE(got.staff_pin_hash.empty());
}

TEST_P(HubStoreSuite, EventSetupOfAnUnknownEventIsNotFound) {
  const auto got = store_->event_setup(event_ + 1000);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, Errc::not_found);
}

}  // namespace
}  // namespace passerelle::testing
