// One event day for the live view's tests (HubStore::live_rows), built the same way on any backend
// of hub_store_backends(): the same registry, the same uploads with the same UUIDs, so that two
// backends can be held to the same LiveRows.
//
// The event "Live" (2026-01-01, Europe/Brussels, listed in French): checkpoints Entrance
// (once a day), Hall (in/out) and "B2B area"; a B2B session from 10:00 (kLiveStartMs), slots of
// 20 minutes, tables 1-2 in "Hall A" and 3-4 in "Hall B"; seven people P-1 .. P-7 (P-7 cancelled),
// four meeting requests, meetings P-1/P-2 (slot 1, Hall A table 1), P-3/P-4 (slot 2, Hall A table
// 2) and P-5/P-6 (cancelled). Two kiosks upload with clock offsets kK1OffsetMs and kK2OffsetMs:
// - Entrance: P-1 (K1, 09:30); P-4 at the hub desk (10:05, no offset).
// - Hall: P-1 in (K1 09:35), out (K1 09:40), in (K2 09:45): inside. P-2 in (K1 09:41), out (K2
//   09:55): outside. P-3 in (K1 09:50, seq 5) and out (K1 seq 6, its clock set back to 09:49):
//   outside, since a device's later sequence wins over its clock.
// - B2B area: P-1 (K1 10:02), P-2 (K2 10:03), P-3 (K2 10:25); answers P-1 about P-2 "cooperation"
//   (K1), P-2 about P-1 "informative" (K2); the walk-in P-5/P-6 at slot 2 recorded by K1 (Hall B,
//   table 4) and again by K2 (Hall B, table 3): one walk-in, K1's table (its UUID is the lesser);
//   a walk-in P-2/P-1 at slot 1 that the meeting row already holds.
// Leaves the clock at 10:05.
#pragma once

#include <cstdint>
#include <string>

#include "core/util/clock.h"
#include "sync/hub/store/hub_store.h"
#include "tests/hub/hub_store_backends.h"

namespace passerelle::testing {

inline constexpr std::int64_t kLiveStartMs = 1767258000000;  // 2026-01-01 10:00 in Brussels
inline constexpr std::int64_t kMinuteMs = 60'000;
inline constexpr std::int64_t kK1OffsetMs = 1'500;   // hub minus kiosk K1
inline constexpr std::int64_t kK2OffsetMs = -2'000;  // K2 runs two seconds ahead

struct LiveScenario {
  std::int64_t event_id = 0;
  hub::Principal k1;
  hub::Principal k2;
};

// The event above on `backend`, uploaded through `store`; `clock` is the store's.
Result<LiveScenario> build_live_scenario(HubStoreBackend& backend, hub::HubStore& store, ManualClock& clock);

// An accepted entry of `kind` by `device` at `checkpoint` (empty: none), at `wall_ms` on the
// kiosk's clock, with a UUID that depends only on `seq` and `device_rank` (the same on every
// backend).
sync::WireEntry live_entry(const hub::Principal& device, int device_rank, std::int64_t seq, EntryKind kind,
                           const std::string& participant, const std::string& checkpoint, std::int64_t wall_ms,
                           std::int64_t event_id);

// Uploads `entries` as `device` measuring `offset_ms`; an error unless every entry was stored.
Status upload_all(hub::HubStore& store, const hub::Principal& device, const std::vector<sync::WireEntry>& entries,
                  std::int64_t offset_ms, std::int64_t kiosk_time_ms);

// LiveRows as text, one fact a line, comparable across backends: participants named by external
// id (each storage numbers its own rows), journal-derived lists sorted (a hub desk entry's UUID is
// random), the feed position left out (each storage counts its own).
std::string describe(const hub::LiveRows& rows);

}  // namespace passerelle::testing
