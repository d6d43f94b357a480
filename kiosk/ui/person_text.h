// How attendee screens write a person: "First Last", "Organisation (BE)", and a meeting's partner.
// Pure string functions; safe from any thread.
#pragma once

#include <string>

#include "kiosk/model/kiosk_state.h"

namespace passerelle::kiosk {

std::string full_name(const std::string& first_name, const std::string& last_name);
// "text (CC)", or whichever of the two is not empty.
std::string with_country(std::string text, const std::string& country);
// "Name, Organisation (CC)".
std::string partner_text(const MeetingLine& meeting);

}  // namespace passerelle::kiosk
