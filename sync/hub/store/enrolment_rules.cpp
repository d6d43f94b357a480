#include "sync/hub/store/enrolment_rules.h"

namespace passerelle::hub {

IdClaim claim_of(const std::optional<IdHolder>& holder) noexcept {
  if (!holder) return IdClaim::free;
  if (holder->revoked || holder->synced) return IdClaim::taken;
  return IdClaim::retried;
}

Error id_taken_error(std::string_view id, const IdHolder& holder) {
  return make_error(Errc::conflict, "device id " + std::string(id) + " belongs to " +
                                        (holder.revoked ? "revoked" : "enrolled") + " device " + holder.device_id +
                                        "; a device id is never handed on (its entries can come by journal file)");
}

}  // namespace passerelle::hub
