// The kiosk UI tests' event: the demo event (assets/demo) as a kiosk bundle, and a badge code for
// every scan outcome, each checked through the real check-in path before any UI test uses it, so
// that a failing UI test means a failing UI.
//
// Not thread-safe; built once per test binary run into a temporary directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "core/util/result.h"

namespace passerelle::testing {

// The bundle's staff PIN, and the hash of it the bundle carries (hash_staff_pin("2468"), made once).
inline constexpr const char* kStaffPin = "2468";
inline constexpr const char* kStaffPinHash =
    "$argon2id$v=19$m=65536,t=2,p=1$V8JbIjeErRN+UNCqVJr/Cg$0bNM7JSL7QEshFiydn2ivRYabLzorohZEkKBx/p+BQo";

struct KioskFixture {
  std::filesystem::path kiosk_database;  // a bundle of the demo event; copy it before use
  std::filesystem::path hub_database;    // the event file it was made from (two events); copy it too
  std::int64_t event_id = 0;             // the demo event's id there
  // Script placeholders {code:NAME}: accepted_en/fr/de/nl, accepted, malformed, unknown_key,
  // bad_signature, other_event, revoked, unknown_code, cancelled, blocked, not_admitted;
  // and {manual_search}: a search that finds the person of {manual_name} first.
  std::map<std::string, std::string> values;
  std::string not_admitted_checkpoint;  // where the not_admitted code is refused
};

Result<KioskFixture> build_kiosk_fixture(const std::filesystem::path& dir);

}  // namespace passerelle::testing
