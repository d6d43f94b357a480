#include "sync/hub/store/hub_tokens.h"

#include <sodium.h>

#include <array>
#include <cstdlib>

#include "core/util/sodium.h"

namespace passerelle::hub {
namespace {

template <std::size_t N>
std::string random_base64url() {
  ensure_sodium();
  std::array<unsigned char, N> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string text(sodium_base64_ENCODED_LEN(N, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text.resize(text.find('\0'));
  sodium_memzero(bytes.data(), bytes.size());
  return text;
}

}  // namespace

std::string new_token(TokenKind kind) {
  const char* prefix = kind == TokenKind::device ? "psd_" : kind == TokenKind::organiser ? "pso_" : "psw_";
  return prefix + random_base64url<32>();
}

std::string new_csrf_token() {
  return random_base64url<32>();
}

bool same_secret(std::string_view a, std::string_view b) {
  ensure_sodium();
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string new_enrolment_code() {
  return random_base64url<15>();
}

std::string sha256_hex(std::string_view text) {
  ensure_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

}  // namespace passerelle::hub
