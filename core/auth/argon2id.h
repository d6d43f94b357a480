// argon2id through libsodium (crypto_pwhash_str): the one home of the hashing that the staff PIN
// (staff_pin.h) and organisers' passwords (password.h) share, so both use the same algorithm,
// limits and PHC strings ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash").
//
// Limits: libsodium's interactive ones (64 MiB, 2 passes), which cost tens of milliseconds per
// hash or verification. Why not "moderate" (256 MiB, about 0.7 s): the hub verifies logins on its
// worker pool (at most twice the cores), and four logins at once would then hold a GiB and every
// worker for a second; a kiosk verifies the PIN on a small board. The secrets hashed here are
// either guarded by a lockout (the PIN) or at least 12 characters long (passwords).
//
// Pure apart from libsodium's random salt; thread-safe. Callers bound a secret's length before
// calling: the cost grows with it.
#pragma once

#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::argon2id {

// The PHC string of `secret`. Errc::io when it cannot be computed (out of memory).
Result<std::string> hash(std::string_view secret);
// Whether `text` is an argon2id PHC string libsodium can read (parsed only: cheap).
bool is_hash(std::string_view text);
// Whether `secret` matches `hash`; false for a malformed hash. Slow by design.
bool matches(std::string_view hash, std::string_view secret);

}  // namespace passerelle::argon2id
