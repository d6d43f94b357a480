// Signed badge tokens: the text in a badge's QR code (docs/badge-format.md).
//
// A token is "PSL-" followed by the RFC 4648 base32 (no padding) of: version (1 byte), event id
// (u32), participant id (u32), badge serial (u16), issue time (u32, Unix seconds), key id (u32),
// all big-endian, then the Ed25519 signature (64 bytes) over those 19 bytes. Base32 keeps to
// [A-Z2-7], which QR alphanumeric mode encodes compactly and which every keyboard-wedge scanner
// types right whatever the keyboard layout (base45's '$', '%', '*' and ' ' do not survive AZERTY
// or trimming).
//
// Thread safety: all functions are pure or use libsodium, which is thread-safe after init.
// Secret keys are wiped from memory when their holder is destroyed.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace passerelle::badge {

inline constexpr std::string_view kTokenPrefix = "PSL-";
inline constexpr std::uint8_t kTokenVersion = 1;
inline constexpr std::size_t kClaimsBytes = 19;
inline constexpr std::size_t kSignatureBytes = 64;

using PublicKey = std::array<std::uint8_t, 32>;

// 64-byte Ed25519 secret key (libsodium layout: seed then public key). Move-only; wiped on
// destruction.
class SecretKey {
 public:
  SecretKey() = default;
  explicit SecretKey(const std::array<std::uint8_t, 64>& bytes) : bytes_(bytes) {}
  SecretKey(SecretKey&& other) noexcept;
  SecretKey& operator=(SecretKey&& other) noexcept;
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  ~SecretKey();
  const std::array<std::uint8_t, 64>& bytes() const { return bytes_; }

 private:
  std::array<std::uint8_t, 64> bytes_{};
};

struct KeyPair {
  std::uint32_t key_id = 0;  // key_id_for(public_key)
  PublicKey public_key{};
  SecretKey secret_key;
};

// A fresh key pair from libsodium's CSPRNG.
KeyPair generate_key_pair();
// The same pair from a 32-byte seed, for tests and the worked example of the format document.
KeyPair key_pair_from_seed(const std::array<std::uint8_t, 32>& seed);
// First four bytes (big-endian) of BLAKE2b-256 of the public key: ids from different hubs
// practically never collide, so a foreign badge reads "unknown key", not "bad signature".
std::uint32_t key_id_for(const PublicKey& public_key);

struct TokenClaims {
  std::uint32_t event_id = 0;
  std::uint32_t participant_id = 0;
  std::uint16_t badge_serial = 0;
  std::uint32_t issued_at_s = 0;  // Unix seconds
  std::uint32_t key_id = 0;

  bool operator==(const TokenClaims&) const = default;
};

struct ParsedToken {
  TokenClaims claims;
  std::array<std::uint8_t, kClaimsBytes> signed_bytes{};  // what the signature covers
  std::array<std::uint8_t, kSignatureBytes> signature{};
};

// True when `text` (ignoring leading white space and letter case) starts with the prefix: such
// text is ours, and if it does not parse the outcome is "malformed".
bool has_token_prefix(std::string_view text) noexcept;

// Builds and signs a token. The key's id is written into the claims (claims.key_id is ignored).
std::string issue_token(TokenClaims claims, const KeyPair& key);

// Parses a scanned text. Tolerates surrounding white space (CR/LF from scanners) and lower case.
// Errc::invalid_input, with the reason, for anything else: wrong prefix, bad base32, wrong
// length, unknown version.
Result<ParsedToken> parse_token(std::string_view text);

bool verify_signature(const ParsedToken& token, const PublicKey& public_key);

// RFC 4648 base32, upper case, no padding. decode accepts lower case; rejects anything else.
std::string base32_encode(const std::uint8_t* data, std::size_t size);
Result<std::vector<std::uint8_t>> base32_decode(std::string_view text);

}  // namespace passerelle::badge
