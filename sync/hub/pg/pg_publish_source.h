// Internal to publish: one event of an event file, read in one snapshot, in the form the
// PostgreSQL registry copy holds. Never reads a secret key (core's signing_keys() returns public
// halves only). Failure: as core's Store; Errc::not_found when the file has no such event.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model/b2b_session.h"
#include "core/store/store.h"
#include "sync/protocol/wire.h"

namespace passerelle::hub::pg {

struct SourceEvent {
  std::string origin;  // the file's device id
  Event event;
  std::int64_t created_ms = 0;
  std::vector<Checkpoint> checkpoints;
  std::optional<B2bSession> session;                  // [b2b], with its areas
  std::int64_t meeting_requests = 0;                  // how many; the requests stay in the file
  std::string staff_pin_hash;                         // argon2id; empty: none
  std::vector<sync::ParticipantChange> participants;  // in the file's row order
  std::set<std::string, std::less<>> erased;          // external ids of those Store::is_erased holds
  std::vector<sync::KeyChange> keys;
  std::vector<sync::RevocationChange> revocations;
  std::vector<sync::MeetingChange> meetings;  // hub_id: the file's meeting id
  std::vector<sync::WireEntry> entries;       // by device id, then seq
};

Result<SourceEvent> read_source_event(Store& file, std::optional<std::int64_t> event_id);

}  // namespace passerelle::hub::pg
