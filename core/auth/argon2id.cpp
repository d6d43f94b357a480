#include "core/auth/argon2id.h"

#include <sodium.h>

#include <array>

#include "core/util/sodium.h"

namespace passerelle::argon2id {
namespace {

constexpr std::string_view kPrefix = "$argon2id$";

}  // namespace

Result<std::string> hash(std::string_view secret) {
  ensure_sodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), secret.data(), secret.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return make_error(Errc::io, "cannot compute an argon2id hash: out of memory");
  return std::string(out.data());
}

bool is_hash(std::string_view text) {
  if (!text.starts_with(kPrefix) || text.size() >= crypto_pwhash_STRBYTES) return false;
  ensure_sodium();
  // needs_rehash parses the string: -1 for one it cannot read.
  const std::string copy(text);
  return crypto_pwhash_str_needs_rehash(copy.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) >= 0;
}

bool matches(std::string_view hash, std::string_view secret) {
  if (!is_hash(hash)) return false;
  const std::string text(hash);
  return crypto_pwhash_str_verify(text.c_str(), secret.data(), secret.size()) == 0;
}

}  // namespace passerelle::argon2id
