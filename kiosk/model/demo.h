// The demo event for `passerelle-kiosk --demo`: builds a hub database from assets/demo, issues
// badges, sets the staff PIN (1234) and exports the kiosk bundle the kiosk then runs on, as a real
// deployment would.
//
// Not thread-safe; call once at start-up (it takes well under a second for 360 participants).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

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

// `work_dir` is emptied of earlier demo files and reused.
Result<DemoSetup> prepare_demo(const std::filesystem::path& assets_dir, const std::filesystem::path& work_dir);

}  // namespace passerelle::kiosk
