// Bearer tokens and enrolment codes: random secrets shown once, kept only as their SHA-256.
//
// Pure apart from libsodium's random source; thread-safe (sodium_init runs once, on first use).
// Tokens are 32 random bytes, `psd_` (device) or `pso_` (organiser) + unpadded base64url; since a
// stored hash is looked up rather than compared, no constant-time comparison is needed.
#pragma once

#include <string>
#include <string_view>

namespace passerelle::hub {

enum class TokenKind { device, organiser };

std::string new_token(TokenKind kind);
// A one-time enrolment code: 15 random bytes, 20 base64url characters (no spaces: it ends the
// "PSLENROL1 <url> <code>" ticket).
std::string new_enrolment_code();
// Lower-case hex SHA-256 of `text`: what the hub stores of tokens, codes and quarantined JSON.
std::string sha256_hex(std::string_view text);

}  // namespace passerelle::hub
