// What a kiosk needs of its event before its first download (docs/sync.md, "Setting up from
// nothing"): the event, its checkpoints in display order, its B2B session and the staff PIN's
// hash. Participants, keys, revocations and meetings follow through the change feed. The ids are
// the hub's (the event's, and each checkpoint's as the event file numbers it), as in a bundle.
// Thread safety: plain data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/b2b_session.h"
#include "core/model/checkpoint.h"

namespace passerelle {

struct EventSetup {
  Event event;
  std::vector<Checkpoint> checkpoints;  // by position, at least one
  std::optional<B2bSession> b2b;
  std::string staff_pin_hash;  // argon2id (core/auth/staff_pin.h); empty: no staff screen
};

}  // namespace passerelle
