// Bearer tokens and enrolment codes: random secrets shown once, kept only as their SHA-256.
//
// Pure apart from libsodium's random source; thread-safe (sodium_init runs once, on first use).
// Tokens are 32 random bytes, `psd_` (device), `pso_` (organiser) or `psw_` (a web session's
// cookie) + unpadded base64url; since a stored hash is looked up rather than compared, no
// constant-time comparison is needed. A web session's CSRF token is compared: same_secret.
#pragma once

#include <string>
#include <string_view>

namespace passerelle::hub {

enum class TokenKind { device, organiser, web_session };

std::string new_token(TokenKind kind);
// A one-time enrolment code: 15 random bytes, 20 base64url characters (no spaces: it ends the
// "PSLENROL1 <url> <code>" ticket).
std::string new_enrolment_code();
// A web session's CSRF token: 32 random bytes, 43 base64url characters, no prefix.
std::string new_csrf_token();
// Equal, in a time that depends on the lengths only (sodium_memcmp): for secrets a client presents
// that are compared rather than looked up.
bool same_secret(std::string_view a, std::string_view b);
// Lower-case hex SHA-256 of `text`: what the hub stores of tokens, codes and quarantined JSON.
std::string sha256_hex(std::string_view text);

}  // namespace passerelle::hub
