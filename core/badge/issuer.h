// Issuing badge codes on the hub: the signed token a participant's current badge carries.
//
// Deterministic: Ed25519 signatures are, and the claims come from the registry (serial and
// issue time change only on a reissue), so printing a badge twice prints the same code.
// Fails with Errc::not_found on a device without the event's secret key (a kiosk).
#pragma once

#include <string>

#include "core/model/participant.h"
#include "core/store/store.h"

namespace passerelle::badge {

Result<std::string> badge_code(Store& store, const Participant& participant);

}  // namespace passerelle::badge
