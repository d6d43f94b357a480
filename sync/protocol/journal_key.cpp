#include "sync/protocol/journal_key.h"

#include <sodium.h>

#include <array>
#include <cstdlib>

#include "core/util/sodium.h"

namespace passerelle::sync {
namespace {

static_assert(crypto_auth_KEYBYTES == 32 && crypto_auth_BYTES == 32);

using KeyBytes = std::array<unsigned char, crypto_auth_KEYBYTES>;
using MacBytes = std::array<unsigned char, crypto_auth_BYTES>;

// False unless `hex` is exactly the bytes' length in lower-case hex digits. One spelling only, so
// that no byte of a file can change without its MAC failing (sodium_hex2bin takes 'A' for 'a').
template <std::size_t N>
bool from_hex(std::string_view hex, std::array<unsigned char, N>& out) {
  if (hex.size() != N * 2) return false;
  for (const char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  std::size_t written = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &written, &end) != 0) return false;
  return written == N && end == hex.data() + hex.size();
}

template <std::size_t N>
std::string to_hex(const std::array<unsigned char, N>& bytes) {
  std::string text(N * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), bytes.data(), bytes.size());
  text.pop_back();
  return text;
}

// The key's bytes, wiped when they go out of scope.
struct ScopedKey {
  KeyBytes bytes{};
  ~ScopedKey() { sodium_memzero(bytes.data(), bytes.size()); }
};

}  // namespace

std::string new_journal_key() {
  ensure_sodium();
  ScopedKey key;
  crypto_auth_keygen(key.bytes.data());
  return to_hex(key.bytes);
}

Status check_journal_key(std::string_view key_hex) {
  ScopedKey key;
  if (!from_hex(key_hex, key.bytes))
    return make_error(Errc::invalid_input, "a journal key is 64 lower-case hex digits");
  return {};
}

Result<std::string> journal_mac(std::string_view key_hex, std::string_view bytes) {
  ensure_sodium();
  ScopedKey key;
  if (!from_hex(key_hex, key.bytes)) return check_journal_key(key_hex).error();
  MacBytes mac{};
  crypto_auth(mac.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), key.bytes.data());
  return to_hex(mac);
}

bool journal_mac_matches(std::string_view key_hex, std::string_view bytes, std::string_view mac_hex) {
  ensure_sodium();
  ScopedKey key;
  MacBytes mac{};
  if (!from_hex(key_hex, key.bytes) || !from_hex(mac_hex, mac)) return false;
  return crypto_auth_verify(mac.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                            key.bytes.data()) == 0;
}

}  // namespace passerelle::sync
