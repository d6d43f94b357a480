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

std::string enrolled_device_name(std::string_view organiser_label, std::string_view kiosk_name) {
  return std::string(organiser_label.empty() ? kiosk_name : organiser_label);
}

}  // namespace passerelle::hub
