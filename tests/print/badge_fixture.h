// The badges tests/data/print/badges.tsv describes, for the print tests and the benchmark.
#pragma once

#include <string>
#include <vector>

#include "core/print/badge_render.h"

namespace passerelle::testing {

inline constexpr const char* kFixtureEventName = "Cross-Border Innovation Forum · Lille 2025";

// Twenty participants with names and organisations from a dozen European languages, each with a
// distinct QR text; the event name is kFixtureEventName.
std::vector<print::BadgeContent> fixture_badges();

}  // namespace passerelle::testing
