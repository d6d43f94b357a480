// The names under which the kiosk keeps its sync settings in its own database
// (Store::local_value). One place, so that the app, the worker and the tests agree.
// Thread safety: constants only.
#pragma once

#include <string_view>

namespace passerelle::kiosk::sync_keys {

inline constexpr std::string_view kHubUrl = "sync.hub_url";  // where the enrolment said the hub is
// The enrolment ticket's pin of the hub's certificate key; empty: none (plain or CA-verified).
inline constexpr std::string_view kHubPin = "sync.hub_pin";
inline constexpr std::string_view kToken = "sync.token";                    // this device's bearer token
inline constexpr std::string_view kHubEventId = "sync.event_id";            // the hub's event this kiosk serves
inline constexpr std::string_view kCursor = "sync.cursor";                  // the change feed position applied
inline constexpr std::string_view kClockOffsetMs = "sync.clock_offset_ms";  // hub minus kiosk
inline constexpr std::string_view kLastSyncMs = "sync.last_sync_ms";        // kiosk wall clock
// "revoked" or "unauthorised" once the hub refused the token (SyncLink's names); empty after enrolment.
inline constexpr std::string_view kRevoked = "sync.revoked";
// A ticket taken but not yet redeemed (the hub was out of reach): kept so that a restart retries it.
inline constexpr std::string_view kPendingTicket = "sync.enrol_ticket";
// A kiosk set up from nothing (kiosk_setup.h) until its first download is complete: "enrolled"
// (the event is not there yet) or "downloading"; empty or absent: ready.
inline constexpr std::string_view kSetupState = "sync.setup";

}  // namespace passerelle::kiosk::sync_keys
