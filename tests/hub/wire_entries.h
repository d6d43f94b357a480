// Entries for hub tests and benchmarks that need many of them and care only that they are valid.
#pragma once

#include <cstdint>
#include <string>

#include "core/util/uuid.h"
#include "sync/protocol/wire.h"

namespace passerelle::testing {

// A rejected scan (unknown code) of `device`: an entry every hub stores whatever its registry.
inline sync::WireEntry make_rejected_entry(const std::string& device, std::int64_t seq, std::int64_t event) {
  sync::WireEntry entry;
  entry.uuid = make_uuid_v7(1767261600000 + seq);
  entry.device = device;
  entry.seq = seq;
  entry.event = event;
  entry.kind = EntryKind::rejected_scan;
  entry.outcome = Outcome::unknown_code;
  entry.checkpoint = "Entrance";
  entry.code = "NOPE";
  entry.wall_ms = 1767261600000 + seq;
  entry.monotonic_ns = seq;
  entry.local_day = "2026-01-01";
  return entry;
}

}  // namespace passerelle::testing
