// Organisers' passwords for the hub's web pages (docs/LIVE_VIEW.md, "Accounts and sessions"): kept
// as argon2id hashes (argon2id.h, the staff PIN's hashing and limits), never in clear.
//
// Bounds, checked before anything is hashed: at least 12 characters (code points; a password
// people type, long enough that guessing it offline at argon2id's cost is hopeless unless it is a
// common one), at most 1,024 bytes (the cost of a hash grows with the input: hashing a 1 MB
// password per request would be a denial of service).
//
// Slow by design: hash_password and password_matches each take tens of milliseconds and 64 MiB.
// The server runs them on its workers, never on an I/O thread, and the command line once per
// command. Pure apart from libsodium's random salt; thread-safe. Failures never echo the password.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle {

inline constexpr std::size_t kMinPasswordChars = 12;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// Errc::invalid_input, with a message that says the rule, for a password shorter than 12
// characters or longer than 1,024 bytes. Ill-formed UTF-8 counts a byte as a character.
Status check_password(std::string_view password);
// The PHC string of a password check_password accepts (else its error, with nothing hashed);
// Errc::io when the hash cannot be computed (out of memory).
Result<std::string> hash_password(std::string_view password);
// Errc::invalid_input unless `hash` is an argon2id PHC string. Cheap: parses, never hashes.
Status check_password_hash(std::string_view hash);
// Whether `password` matches `hash`. False at once, without hashing, for a password out of
// check_password's bounds or a malformed hash.
bool password_matches(std::string_view hash, std::string_view password);
// A verification against a hash no password matches, costing what password_matches costs: for a
// login whose account does not exist, so that its answer takes as long as a wrong password's and
// does not tell which names exist. Always false.
bool password_matches_no_account(std::string_view password);

}  // namespace passerelle
