#include "core/badge/issuer.h"

#include <limits>

namespace passerelle::badge {

Result<std::string> badge_code(Store& store, const Participant& participant) {
  constexpr auto kMaxU32 = std::numeric_limits<std::uint32_t>::max();
  if (participant.id <= 0 || participant.id > kMaxU32 || participant.event_id <= 0 || participant.event_id > kMaxU32 ||
      participant.badge_serial <= 0 || participant.badge_serial > std::numeric_limits<std::uint16_t>::max())
    return make_error(Errc::invalid_input, "participant " + std::to_string(participant.id) +
                                               " cannot be written into a badge (id or serial out of range)");
  PSL_ASSIGN_OR_RETURN(const auto key, store.active_signing_key(participant.event_id));
  if (!key)
    return make_error(Errc::not_found, "event " + std::to_string(participant.event_id) +
                                           " has no active signing key here (only the hub can issue badges)");
  TokenClaims claims;
  claims.event_id = static_cast<std::uint32_t>(participant.event_id);
  claims.participant_id = static_cast<std::uint32_t>(participant.id);
  claims.badge_serial = static_cast<std::uint16_t>(participant.badge_serial);
  claims.issued_at_s = static_cast<std::uint32_t>(std::max<std::int64_t>(participant.badge_issued_s, 0));
  return issue_token(claims, *key);
}

}  // namespace passerelle::badge
