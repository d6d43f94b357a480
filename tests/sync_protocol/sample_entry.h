// A complete, valid wire entry for the protocol suites: every field set, a non-ASCII checkpoint.
#pragma once

#include <cstdint>
#include <string>

#include "sync/protocol/wire.h"

namespace passerelle::sync::testing {

inline WireEntry sample_entry(std::string uuid = "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b", std::int64_t seq = 12) {
  WireEntry entry;
  entry.uuid = std::move(uuid);
  entry.device = "0190a5b2-0000-7000-8000-000000000001";
  entry.seq = seq;
  entry.event = 1;
  entry.kind = EntryKind::checkin;
  entry.outcome = Outcome::accepted;
  entry.participant = "EXT-42";
  entry.checkpoint = "Entrée principale";
  entry.code = "PSL-ABC";
  entry.wall_ms = 1796717520000;
  entry.monotonic_ns = 123456789;
  entry.local_day = "2026-12-08";
  return entry;
}

}  // namespace passerelle::sync::testing
