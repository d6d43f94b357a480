// The staff PIN as the kiosk keeps it: an argon2id hash (libsodium crypto_pwhash_str, interactive
// limits), never the PIN itself. The hub hashes it (`passerelle-hub staff-pin`, which reads it from
// the terminal, never from argv), the bundle carries the hash, the kiosk verifies against it.
//
// A PIN is 4 to 12 digits, so a hash alone resists a thief only as long as argon2id's cost makes
// 10^4..10^12 guesses slow; the lockout on the pad stays what guards the screen. Verification
// takes tens of milliseconds and 64 MiB: the kiosk runs it on a worker, never on its UI thread.
//
// Pure apart from libsodium's random salt; thread-safe. Failures never echo the PIN.
#pragma once

#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle {

inline constexpr std::size_t kMinPinDigits = 4;
inline constexpr std::size_t kMaxPinDigits = 12;

// Errc::invalid_input unless `pin` is 4 to 12 ASCII digits.
Status check_staff_pin(std::string_view pin);
// The PHC string "$argon2id$v=19$m=65536,t=2,p=1$…" of the PIN. Errc::invalid_input for a PIN
// check_staff_pin refuses; Errc::io when the hash cannot be computed (out of memory).
Result<std::string> hash_staff_pin(std::string_view pin);
// Errc::invalid_input unless `hash` is an argon2id hash string.
Status check_staff_pin_hash(std::string_view hash);
// Whether `pin` matches `hash`. False for a malformed hash or PIN. Slow by design (see above).
bool staff_pin_matches(std::string_view hash, std::string_view pin);

}  // namespace passerelle
