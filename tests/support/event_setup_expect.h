// EXPECTs that two event setups (core/model/event_setup.h) are the same, field by field, so that
// a failure names the field: for the tests of GET /v1/setup's JSON, the hub's storages and a kiosk
// set up from nothing.
#pragma once

#include <gtest/gtest.h>

#include "core/model/event_setup.h"

namespace passerelle::testing {

inline void expect_same_setup(const EventSetup& got, const EventSetup& want) {
  EXPECT_EQ(got.event.id, want.event.id);
  EXPECT_EQ(got.event.name, want.event.name);
  EXPECT_EQ(got.event.venue, want.event.venue);
  EXPECT_EQ(got.event.timezone, want.event.timezone);
  EXPECT_EQ(got.event.days, want.event.days);
  EXPECT_EQ(got.event.language, want.event.language);
  ASSERT_EQ(got.checkpoints.size(), want.checkpoints.size());
  for (std::size_t i = 0; i < want.checkpoints.size(); ++i) {
    SCOPED_TRACE(want.checkpoints[i].name);
    EXPECT_EQ(got.checkpoints[i].id, want.checkpoints[i].id);
    EXPECT_EQ(got.checkpoints[i].event_id, want.checkpoints[i].event_id);
    EXPECT_EQ(got.checkpoints[i].name, want.checkpoints[i].name);
    EXPECT_EQ(got.checkpoints[i].rule, want.checkpoints[i].rule);
    EXPECT_EQ(got.checkpoints[i].position, want.checkpoints[i].position);
    EXPECT_EQ(got.checkpoints[i].admits, want.checkpoints[i].admits);
    EXPECT_EQ(got.checkpoints[i].kind, want.checkpoints[i].kind);
    EXPECT_EQ(got.checkpoints[i].b2b_area, want.checkpoints[i].b2b_area);
  }
  EXPECT_EQ(got.b2b, want.b2b);
  EXPECT_EQ(got.staff_pin_hash, want.staff_pin_hash);
}

}  // namespace passerelle::testing
