#include "core/auth/staff_pin.h"

#include <algorithm>

#include "core/auth/argon2id.h"

namespace passerelle {

Status check_staff_pin(std::string_view pin) {
  const bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || pin.size() < kMinPinDigits || pin.size() > kMaxPinDigits)
    return make_error(Errc::invalid_input, "a staff PIN is 4 to 12 digits");
  return {};
}

Result<std::string> hash_staff_pin(std::string_view pin) {
  PSL_TRY(check_staff_pin(pin));
  auto hash = argon2id::hash(pin);
  if (!hash) return make_error(Errc::io, "cannot hash the staff PIN: out of memory");
  return hash;
}

Status check_staff_pin_hash(std::string_view hash) {
  if (!argon2id::is_hash(hash))
    return make_error(Errc::invalid_input,
                      "a staff PIN hash is an argon2id string ($argon2id$...), as passerelle-hub staff-pin makes");
  return {};
}

bool staff_pin_matches(std::string_view hash, std::string_view pin) {
  if (!check_staff_pin(pin)) return false;
  return argon2id::matches(hash, pin);
}

}  // namespace passerelle
