// Shared by the commands that print or change badges: choosing participants and turning them
// into printable content.
#pragma once

#include <string>
#include <vector>

#include "core/print/badge_render.h"
#include "core/store/store.h"

namespace passerelle::hub {

Result<print::SheetLayout> parse_layout(std::string_view name);

// Those who get a badge: every registered participant of the event, by name in the event's
// language (core/text/collation.h), and how many others there are, by status. A cancelled or
// blocked participant gets no badge, on paper or in a mail merge.
struct RegisteredParticipants {
  std::vector<Participant> people;
  std::size_t cancelled = 0;
  std::size_t blocked = 0;
};
Result<RegisteredParticipants> registered_participants(Store& store, const Event& event);

// The named participants (by external id, each must exist, in the order named), or with none
// named registered_participants() (Errc::not_found when there is none).
Result<std::vector<Participant>> select_participants(Store& store, const Event& event,
                                                     const std::vector<std::string>& external_ids);

// Signs each participant's current badge code (hub only).
Result<std::vector<print::BadgeContent>> badge_contents(Store& store, const Event& event,
                                                        const std::vector<Participant>& people);

}  // namespace passerelle::hub
