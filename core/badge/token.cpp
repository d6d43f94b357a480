#include "core/badge/token.h"

#include <sodium.h>

#include <algorithm>
#include <cassert>
#include <cstdlib>

#include "core/util/sodium.h"

namespace passerelle::badge {
namespace {

constexpr std::size_t kTokenBytes = kClaimsBytes + kSignatureBytes;
// 83 bytes are 664 bits; 133 base32 digits carry 665, the last bit being padding.
constexpr std::size_t kTokenBase32Chars = (kTokenBytes * 8 + 4) / 5;
constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// Value of a base32 digit, either case; -1 when `c` is not one.
int base32_value(char c) noexcept {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string_view trim_spaces(std::string_view text) noexcept {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

char ascii_upper(char c) noexcept {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool starts_with_prefix(std::string_view text) noexcept {
  if (text.size() < kTokenPrefix.size()) return false;
  for (std::size_t i = 0; i < kTokenPrefix.size(); ++i) {
    if (ascii_upper(text[i]) != kTokenPrefix[i]) return false;
  }
  return true;
}

// Printable form of a character for error messages: scanners emit control characters too.
std::string describe_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (c == ' ') return "a space";
  if (byte >= 0x21 && byte < 0x7F) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 0x0F];
}

// Digit counts that no byte string encodes to (RFC 4648: 8 digits carry 5 bytes; 1, 3 or 6
// left-over digits would hold less than a whole byte).
bool is_possible_base32_length(std::size_t digits) noexcept {
  const std::size_t rest = digits % 8;
  return rest != 1 && rest != 3 && rest != 6;
}

std::string invalid_char_reason(std::string_view text, std::size_t position) {
  std::string reason =
      "bad base32 character " + describe_char(text[position]) + " at position " + std::to_string(position + 1);
  if (text[position] == '=') reason += " (padding is not used)";
  return reason + "; only A-Z and 2-7 are allowed";
}

// Decodes digits already checked to be base32 and of a possible length. Fails when the unused
// low bits of the last digit are not zero: otherwise two texts would decode to one token, and a
// changed character could go unnoticed.
Result<std::vector<std::uint8_t>> decode_checked_digits(std::string_view text) {
  std::vector<std::uint8_t> bytes;
  bytes.reserve(text.size() * 5 / 8);
  std::uint32_t buffer = 0;
  int buffered_bits = 0;
  for (const char c : text) {
    buffer = (buffer << 5) | static_cast<std::uint32_t>(base32_value(c));
    buffered_bits += 5;
    if (buffered_bits >= 8) {
      buffered_bits -= 8;
      bytes.push_back(static_cast<std::uint8_t>(buffer >> buffered_bits));
      buffer &= (1u << buffered_bits) - 1;
    }
  }
  if (buffer != 0) return make_error(Errc::invalid_input, "bad base32: the last character has non-zero padding bits");
  return bytes;
}

void put_u16(std::uint8_t* out, std::uint16_t value) noexcept {
  out[0] = static_cast<std::uint8_t>(value >> 8);
  out[1] = static_cast<std::uint8_t>(value);
}

void put_u32(std::uint8_t* out, std::uint32_t value) noexcept {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(value >> (24 - 8 * i));
}

std::uint16_t get_u16(const std::uint8_t* in) noexcept {
  return static_cast<std::uint16_t>((in[0] << 8) | in[1]);
}

std::uint32_t get_u32(const std::uint8_t* in) noexcept {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value = (value << 8) | in[i];
  return value;
}

// Field offsets of the claims; docs/badge-format.md has the same table.
constexpr std::size_t kVersionAt = 0;
constexpr std::size_t kEventAt = 1;
constexpr std::size_t kParticipantAt = 5;
constexpr std::size_t kSerialAt = 9;
constexpr std::size_t kIssuedAt = 11;
constexpr std::size_t kKeyIdAt = 15;

std::array<std::uint8_t, kClaimsBytes> claims_bytes(const TokenClaims& claims) noexcept {
  std::array<std::uint8_t, kClaimsBytes> bytes{};
  bytes[kVersionAt] = kTokenVersion;
  put_u32(&bytes[kEventAt], claims.event_id);
  put_u32(&bytes[kParticipantAt], claims.participant_id);
  put_u16(&bytes[kSerialAt], claims.badge_serial);
  put_u32(&bytes[kIssuedAt], claims.issued_at_s);
  put_u32(&bytes[kKeyIdAt], claims.key_id);
  return bytes;
}

TokenClaims claims_from_bytes(const std::uint8_t* bytes) noexcept {
  TokenClaims claims;
  claims.event_id = get_u32(&bytes[kEventAt]);
  claims.participant_id = get_u32(&bytes[kParticipantAt]);
  claims.badge_serial = get_u16(&bytes[kSerialAt]);
  claims.issued_at_s = get_u32(&bytes[kIssuedAt]);
  claims.key_id = get_u32(&bytes[kKeyIdAt]);
  return claims;
}

}  // namespace

SecretKey::SecretKey(SecretKey&& other) noexcept : bytes_(other.bytes_) {
  sodium_memzero(other.bytes_.data(), other.bytes_.size());
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
  if (this != &other) {
    bytes_ = other.bytes_;
    sodium_memzero(other.bytes_.data(), other.bytes_.size());
  }
  return *this;
}

SecretKey::~SecretKey() {
  sodium_memzero(bytes_.data(), bytes_.size());
}

KeyPair generate_key_pair() {
  ensure_sodium();
  std::array<std::uint8_t, 32> seed{};
  randombytes_buf(seed.data(), seed.size());
  KeyPair pair = key_pair_from_seed(seed);
  sodium_memzero(seed.data(), seed.size());
  return pair;
}

KeyPair key_pair_from_seed(const std::array<std::uint8_t, 32>& seed) {
  ensure_sodium();
  KeyPair pair;
  std::array<std::uint8_t, 64> secret{};
  crypto_sign_seed_keypair(pair.public_key.data(), secret.data(), seed.data());
  pair.secret_key = SecretKey(secret);
  sodium_memzero(secret.data(), secret.size());
  pair.key_id = key_id_for(pair.public_key);
  return pair;
}

std::uint32_t key_id_for(const PublicKey& public_key) {
  ensure_sodium();
  std::array<std::uint8_t, 32> digest{};
  crypto_generichash(digest.data(), digest.size(), public_key.data(), public_key.size(), nullptr, 0);
  return get_u32(digest.data());
}

bool has_token_prefix(std::string_view text) noexcept {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  return starts_with_prefix(text);
}

std::string issue_token(TokenClaims claims, const KeyPair& key) {
  ensure_sodium();
  claims.key_id = key.key_id;
  std::array<std::uint8_t, kTokenBytes> token{};
  const auto signed_bytes = claims_bytes(claims);
  std::copy(signed_bytes.begin(), signed_bytes.end(), token.begin());
  crypto_sign_detached(&token[kClaimsBytes], nullptr, signed_bytes.data(), signed_bytes.size(),
                       key.secret_key.bytes().data());
  return std::string(kTokenPrefix) + base32_encode(token.data(), token.size());
}

Result<ParsedToken> parse_token(std::string_view text) {
  text = trim_spaces(text);
  if (!starts_with_prefix(text)) {
    return make_error(Errc::invalid_input, "not a badge token: it does not start with " + std::string(kTokenPrefix));
  }
  const std::string_view digits = text.substr(kTokenPrefix.size());
  // Characters first: a space or a '0' in the middle is a clearer diagnosis than the length.
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (base32_value(digits[i]) < 0) return make_error(Errc::invalid_input, invalid_char_reason(digits, i));
  }
  if (digits.size() != kTokenBase32Chars) {
    return make_error(Errc::invalid_input, "wrong token length: " + std::to_string(digits.size()) +
                                               " characters after the prefix, expected " +
                                               std::to_string(kTokenBase32Chars));
  }
  PSL_ASSIGN_OR_RETURN(const auto bytes, decode_checked_digits(digits));
  assert(bytes.size() == kTokenBytes);
  if (bytes[kVersionAt] != kTokenVersion) {
    return make_error(Errc::invalid_input, "unknown token version " + std::to_string(bytes[kVersionAt]) +
                                               " (this build reads version " + std::to_string(kTokenVersion) + ")");
  }
  ParsedToken token;
  std::copy(bytes.begin(), bytes.begin() + kClaimsBytes, token.signed_bytes.begin());
  std::copy(bytes.begin() + kClaimsBytes, bytes.end(), token.signature.begin());
  token.claims = claims_from_bytes(token.signed_bytes.data());
  return token;
}

bool verify_signature(const ParsedToken& token, const PublicKey& public_key) {
  ensure_sodium();
  // The caller acts on `claims`, so a token whose claims no longer match the signed bytes (built
  // or edited by hand) must not pass on the strength of the bytes alone.
  if (claims_bytes(token.claims) != token.signed_bytes) return false;
  return crypto_sign_verify_detached(token.signature.data(), token.signed_bytes.data(), token.signed_bytes.size(),
                                     public_key.data()) == 0;
}

std::string base32_encode(const std::uint8_t* data, std::size_t size) {
  std::string text;
  text.reserve((size * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int buffered_bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | data[i];
    buffered_bits += 8;
    while (buffered_bits >= 5) {
      buffered_bits -= 5;
      text.push_back(kBase32Alphabet[(buffer >> buffered_bits) & 0x1F]);
    }
    buffer &= (1u << buffered_bits) - 1;
  }
  if (buffered_bits > 0) text.push_back(kBase32Alphabet[(buffer << (5 - buffered_bits)) & 0x1F]);
  return text;
}

Result<std::vector<std::uint8_t>> base32_decode(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (base32_value(text[i]) < 0) return make_error(Errc::invalid_input, invalid_char_reason(text, i));
  }
  if (!is_possible_base32_length(text.size())) {
    return make_error(Errc::invalid_input,
                      "bad base32: " + std::to_string(text.size()) + " characters cannot encode whole bytes");
  }
  return decode_checked_digits(text);
}

}  // namespace passerelle::badge
