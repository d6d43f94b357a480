// The paper agenda (issue #13): which meetings a printed agenda shows, and a fingerprint of what it
// shows, kept per participant when printed (Participant::agenda_printed) so that the hub reprints
// only agendas that changed and the door can say that a printed agenda is out of date.
//
// The fingerprint covers exactly what the page prints of each meeting: start, end, table, the
// partner's name, organisation and country. Walk-ins are not on paper (they are made at the
// tables). The hub and a kiosk compute it alike from their copies of the meeting rows.
//
// Thread safety: pure functions, or the caller's connection on the caller's thread. Failure:
// Result with the store's errors.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/model/participant.h"
#include "core/store/b2b_store.h"

namespace passerelle::meetings {

// The participant's meetings as a printed agenda lists them, by start.
Result<std::vector<AgendaMeeting>> printed_meetings(db::Database& database, std::int64_t participant_id);

// 32 lowercase hex digits; the same for the same printed content.
std::string agenda_fingerprint(std::span<const AgendaMeeting> meetings);

// Whether an agenda was printed for the participant and their meetings have changed since.
Result<bool> agenda_changed_since_printed(db::Database& database, const Participant& participant);

}  // namespace passerelle::meetings
