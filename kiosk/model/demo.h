// The demo event for `passerelle-kiosk --demo`: builds a hub database from assets/demo, issues
// badges, sets the staff PIN (1234) and exports the kiosk bundle the kiosk then runs on, as a real
// deployment would.
//
// Not thread-safe; call once at start-up (it takes well under a second for 360 participants).
#pragma once

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/config/event_config.h"
#include "core/store/store.h"
#include "core/util/result.h"

namespace passerelle::kiosk {

// The demo's staff PIN, 1234, as the hash its bundle carries (core/auth/staff_pin.h).
inline constexpr const char* kDemoStaffPinHash =
    "$argon2id$v=19$m=65536,t=2,p=1$QheUryaatjsU7H5MAiSQ6A$ZDEg9idZt5TRGWELuZMIpqUdbJ8a5VkioNZuFlfYulU";

struct DemoSetup {
  std::filesystem::path kiosk_database;  // a fresh kiosk bundle (public keys only)
  std::int64_t event_id = 0;
  // What the synthetic camera shows, in order: mostly valid badges of attendees in each language,
  // and a few of each refusal (cancelled, blocked, revoked, unknown, forged, already checked in).
  std::vector<std::string> camera_codes;
};

// The demo event moved to start on `first_day` ("YYYY-MM-DD"), its B2B session with it, so that a
// demo run on any day has a plausible door clock and today's meetings.
void move_event_to(EventConfig& config, const std::string& first_day);

// The demo's meeting requests (assets/demo/meetings.csv) imported into `event_id` of `hub` and
// scheduled as `passerelle-hub schedule` would; returns the ids of the participants who have one.
// Nothing is done, and an empty set returned, when the event has no B2B session.
Result<std::set<std::int64_t>> schedule_demo_meetings(Store& hub, std::int64_t event_id,
                                                      const std::filesystem::path& assets_dir);

// `work_dir` is emptied of earlier demo files and reused.
Result<DemoSetup> prepare_demo(const std::filesystem::path& assets_dir, const std::filesystem::path& work_dir);

}  // namespace passerelle::kiosk
