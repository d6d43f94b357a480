// Shared by the commands that print or change badges: choosing participants and turning them
// into printable content.
#pragma once

#include <string>
#include <vector>

#include "core/print/badge_render.h"
#include "core/store/store.h"

namespace passerelle::hub {

Result<print::SheetLayout> parse_layout(std::string_view name);

// The named participants (by external id, each must exist), or with none named every
// registered participant of the event.
Result<std::vector<Participant>> select_participants(Store& store, std::int64_t event_id,
                                                     const std::vector<std::string>& external_ids);

// Signs each participant's current badge code (hub only).
Result<std::vector<print::BadgeContent>> badge_contents(Store& store, const Event& event,
                                                        const std::vector<Participant>& people);

}  // namespace passerelle::hub
