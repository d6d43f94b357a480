#include "core/meetings/agenda_print.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <limits>

namespace passerelle::meetings {

Result<std::vector<AgendaMeeting>> printed_meetings(db::Database& database, std::int64_t participant_id) {
  PSL_ASSIGN_OR_RETURN(auto agenda,
                       participant_agenda(database, participant_id, std::numeric_limits<std::int64_t>::min(),
                                          std::numeric_limits<std::int64_t>::max()));
  std::erase_if(agenda, [](const AgendaMeeting& meeting) { return meeting.walk_in; });
  return agenda;
}

std::string agenda_fingerprint(std::span<const AgendaMeeting> meetings) {
  // Each field ends with a byte no UTF-8 text holds, so that no two different agendas run together
  // into the same bytes.
  std::string printed;
  for (const auto& meeting : meetings) {
    for (const std::string& field :
         {std::to_string(meeting.start_ms), std::to_string(meeting.end_ms), meeting.table_label,
          meeting.partner_first_name, meeting.partner_last_name, meeting.partner_organisation, meeting.partner_country})
      printed += field + '\xff';
    printed += '\xfe';
  }
  std::array<unsigned char, 16> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(printed.data()),
                     printed.size(), nullptr, 0);
  constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0x0f];
  }
  return hex;
}

Result<bool> agenda_changed_since_printed(db::Database& database, const Participant& participant) {
  if (participant.agenda_printed.empty()) return false;
  PSL_ASSIGN_OR_RETURN(const auto meetings, printed_meetings(database, participant.id));
  return agenda_fingerprint(meetings) != participant.agenda_printed;
}

}  // namespace passerelle::meetings
