// Which device ids an enrolling kiosk may claim (docs/sync.md, "Devices and tokens"), written once
// for both storages; each reads the holder of an id and applies the answer in its transaction.
//
// The rule: the hub assigns every device its own id. The earlier ids a kiosk declares (those it
// wrote entries under before, kept because entries are immutable) are claimed when no enrolled
// device holds them. An id a device holds is never handed on, whether that device is active or
// revoked: otherwise a new kiosk naming a revoked kiosk's id would upload and reconcile as that
// kiosk. One exception, the retried enrolment: the holder was enrolled but has never synced (no
// upload, no download), which is the kiosk whose enrolment answer was lost on the way and which
// enrols again with a new code. Then the holder, whose token nobody ever used, is revoked and its
// ids move to the new device, in the same transaction.
//
// The device's name is decided here too (enrolled_device_name).
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::hub {

// The enrolled device that holds a device id, as the enrolling transaction reads it.
struct IdHolder {
  std::string device_id;
  bool revoked = false;
  bool synced = false;  // it uploaded or downloaded at least once since its enrolment
};

enum class IdClaim {
  free,     // no device holds it: claim it
  retried,  // its holder never synced: revoke the holder, then claim it
  taken,    // refuse the enrolment: id_taken_error()
};

IdClaim claim_of(const std::optional<IdHolder>& holder) noexcept;

// Errc::conflict, which the API answers with 409 device_id_taken.
Error id_taken_error(std::string_view id, const IdHolder& holder);

// The name an enrolled device is listed under (`devices`, its token's label): the label the
// organiser gave the enrolment code (`enrol --name "Door A"`), whatever the kiosk sends; the
// kiosk's own name (its host name) only when the organiser gave none. The organiser labels codes
// to tell the doors apart, and a row of identical kiosks all send the same host name.
std::string enrolled_device_name(std::string_view organiser_label, std::string_view kiosk_name);

}  // namespace passerelle::hub
