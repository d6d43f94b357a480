#include "core/auth/password.h"

#include "core/auth/argon2id.h"
#include "core/text/utf8.h"

namespace passerelle {
namespace {

// A well-formed argon2id string at the interactive limits (salt "passerelle-decoy", a hash of
// zero bytes): verifying against it costs a real verification and matches nothing in practice.
constexpr std::string_view kDecoyHash =
    "$argon2id$v=19$m=65536,t=2,p=1$cGFzc2VyZWxsZS1kZWNveQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t offset = 0; offset < text.size(); ++count) offset += decode_utf8(text, offset).length;
  return count;
}

}  // namespace

Status check_password(std::string_view password) {
  if (password.size() > kMaxPasswordBytes)
    return make_error(Errc::invalid_input, "a password is at most " + std::to_string(kMaxPasswordBytes) + " bytes");
  if (count_code_points(password) < kMinPasswordChars)
    return make_error(Errc::invalid_input, "a password is at least " + std::to_string(kMinPasswordChars) +
                                               " characters long; a few words make one easy to remember");
  return {};
}

Result<std::string> hash_password(std::string_view password) {
  PSL_TRY(check_password(password));
  auto hash = argon2id::hash(password);
  if (!hash) return make_error(Errc::io, "cannot hash the password: out of memory");
  return hash;
}

Status check_password_hash(std::string_view hash) {
  if (!argon2id::is_hash(hash))
    return make_error(Errc::invalid_input, "a password hash is an argon2id string ($argon2id$...)");
  return {};
}

bool password_matches(std::string_view hash, std::string_view password) {
  if (!check_password(password)) return false;
  return argon2id::matches(hash, password);
}

bool password_matches_no_account(std::string_view password) {
  if (!check_password(password)) return false;
  (void)argon2id::matches(kDecoyHash, password);
  return false;
}

}  // namespace passerelle
