// libFuzzer target: badge token parsing on arbitrary scanner text. A parse that succeeds must
// describe exactly the bytes it read: re-encoding them gives back the input (trimmed, upper case),
// which also proves no two texts decode to the same token.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/badge/token.h"

namespace passerelle::badge {
namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

// The key of docs/badge-format.md's worked example, so that corpus tokens signed with it reach
// the "signature verifies" path.
const PublicKey& fixed_public_key() {
  static const PublicKey key = [] {
    std::array<std::uint8_t, 32> seed{};
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(i);
    return key_pair_from_seed(seed).public_key;
  }();
  return key;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string canonical_form(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

void check_base32(std::string_view text) {
  auto decoded = base32_decode(text);
  if (!decoded) {
    require(decoded.error().code == Errc::invalid_input && !decoded.error().message.empty());
    return;
  }
  require(base32_encode(decoded->data(), decoded->size()) == canonical_form(text));
}

void check_token(std::string_view text) {
  auto parsed = parse_token(text);
  if (!parsed) {
    require(parsed.error().code == Errc::invalid_input && !parsed.error().message.empty());
    return;
  }
  require(has_token_prefix(text));
  require(parsed->signed_bytes[0] == kTokenVersion);

  std::array<std::uint8_t, kClaimsBytes + kSignatureBytes> bytes{};
  std::copy(parsed->signed_bytes.begin(), parsed->signed_bytes.end(), bytes.begin());
  std::copy(parsed->signature.begin(), parsed->signature.end(), bytes.begin() + kClaimsBytes);
  const std::string reencoded = std::string(kTokenPrefix) + base32_encode(bytes.data(), bytes.size());
  require(reencoded == canonical_form(text));

  auto reparsed = parse_token(reencoded);
  require(reparsed.has_value());
  require(reparsed->claims == parsed->claims && reparsed->signed_bytes == parsed->signed_bytes &&
          reparsed->signature == parsed->signature);
  require(verify_signature(*parsed, fixed_public_key()) == verify_signature(*reparsed, fixed_public_key()));
}

}  // namespace
}  // namespace passerelle::badge

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  passerelle::badge::check_token(text);
  passerelle::badge::check_base32(text);
  return 0;
}
