#include "core/auth/staff_pin.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>

#include "core/util/sodium.h"

namespace passerelle {
namespace {

constexpr std::string_view kPrefix = "$argon2id$";

}  // namespace

Status check_staff_pin(std::string_view pin) {
  const bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || pin.size() < kMinPinDigits || pin.size() > kMaxPinDigits)
    return make_error(Errc::invalid_input, "a staff PIN is 4 to 12 digits");
  return {};
}

Result<std::string> hash_staff_pin(std::string_view pin) {
  PSL_TRY(check_staff_pin(pin));
  ensure_sodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return make_error(Errc::io, "cannot hash the staff PIN: out of memory");
  return std::string(out.data());
}

Status check_staff_pin_hash(std::string_view hash) {
  // needs_rehash parses the string: -1 for one it cannot read.
  const std::string text(hash);
  if (!hash.starts_with(kPrefix) || hash.size() >= crypto_pwhash_STRBYTES ||
      crypto_pwhash_str_needs_rehash(text.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                     crypto_pwhash_MEMLIMIT_INTERACTIVE) < 0)
    return make_error(Errc::invalid_input,
                      "a staff PIN hash is an argon2id string ($argon2id$...), as passerelle-hub staff-pin makes");
  return {};
}

bool staff_pin_matches(std::string_view hash, std::string_view pin) {
  if (!check_staff_pin(pin) || !check_staff_pin_hash(hash)) return false;
  ensure_sodium();
  const std::string text(hash);
  return crypto_pwhash_str_verify(text.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace passerelle
