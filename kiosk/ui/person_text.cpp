#include "kiosk/ui/person_text.h"

namespace passerelle::kiosk {

std::string full_name(const std::string& first_name, const std::string& last_name) {
  if (first_name.empty()) return last_name;
  if (last_name.empty()) return first_name;
  return first_name + " " + last_name;
}

std::string with_country(std::string text, const std::string& country) {
  if (country.empty()) return text;
  return text.empty() ? country : text + " (" + country + ")";
}

std::string partner_text(const MeetingLine& meeting) {
  std::string text = meeting.partner_name;
  if (!meeting.partner_organisation.empty()) text += (text.empty() ? "" : ", ") + meeting.partner_organisation;
  return with_country(std::move(text), meeting.partner_country);
}

}  // namespace passerelle::kiosk
