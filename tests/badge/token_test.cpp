#include "core/badge/token.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <new>
#include <random>
#include <set>

namespace passerelle::badge {
namespace {

constexpr std::size_t kTokenBytes = kClaimsBytes + kSignatureBytes;

std::array<std::uint8_t, 32> seed_of(std::uint8_t first) {
  std::array<std::uint8_t, 32> seed{};
  for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(first + i);
  return seed;
}

template <class Bytes>
std::string to_hex(const Bytes& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (const std::uint8_t byte : bytes) {
    text.push_back(kHex[byte >> 4]);
    text.push_back(kHex[byte & 0x0F]);
  }
  return text;
}

std::vector<std::uint8_t> bytes_of(const std::string& text) {
  return std::vector<std::uint8_t>(text.begin(), text.end());
}

// The 83 bytes a well-formed token carries.
std::vector<std::uint8_t> token_bytes(const std::string& token) {
  auto bytes = base32_decode(std::string_view(token).substr(kTokenPrefix.size()));
  EXPECT_TRUE(bytes) << token;
  return bytes ? *bytes : std::vector<std::uint8_t>{};
}

std::string token_from_bytes(const std::vector<std::uint8_t>& bytes) {
  return std::string(kTokenPrefix) + base32_encode(bytes.data(), bytes.size());
}

TokenClaims sample_claims() {
  TokenClaims claims;
  claims.event_id = 7;
  claims.participant_id = 1234;
  claims.badge_serial = 2;
  claims.issued_at_s = 1796112000;  // 2026-12-01T08:00:00Z
  return claims;
}

// A token counts as refused when it does not parse, or parses but does not verify with the key.
bool is_accepted(std::string_view text, const PublicKey& key) {
  auto parsed = parse_token(text);
  return parsed && verify_signature(*parsed, key);
}

std::string parse_error(std::string_view text) {
  auto parsed = parse_token(text);
  EXPECT_FALSE(parsed) << text;
  if (parsed) return {};
  EXPECT_EQ(parsed.error().code, Errc::invalid_input) << text;
  return parsed.error().message;
}

TEST(Base32, EncodesRfc4648Vectors) {
  const std::vector<std::pair<std::string, std::string>> vectors = {
      {"", ""},
      {"f", "MY"},
      {"fo", "MZXQ"},
      {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"},
      {"fooba", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI"},
  };
  for (const auto& [plain, encoded] : vectors) {
    const auto plain_bytes = bytes_of(plain);
    EXPECT_EQ(base32_encode(plain_bytes.data(), plain_bytes.size()), encoded) << plain;
    auto decoded = base32_decode(encoded);
    ASSERT_TRUE(decoded) << encoded << ": " << decoded.error().message;
    EXPECT_EQ(*decoded, plain_bytes) << encoded;
  }
}

TEST(Base32, DecodesLowerCase) {
  auto decoded = base32_decode("mzxw6ytboi");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, bytes_of("foobar"));
}

TEST(Base32, RoundTripsEveryByteValueAndLength) {
  std::vector<std::uint8_t> data;
  for (int i = 0; i < 300; ++i) {
    const std::string text = base32_encode(data.data(), data.size());
    auto decoded = base32_decode(text);
    ASSERT_TRUE(decoded) << text;
    EXPECT_EQ(*decoded, data);
    data.push_back(static_cast<std::uint8_t>(i * 97 + 13));
  }
}

TEST(Base32, RejectsForeignCharactersPaddingAndImpossibleLengths) {
  for (const std::string text : {"MZXW6YT0", "MZXW6YT1", "MZXW6YT8", "MY======", "MZX W6", "MZXW6-", "MZXW\xC3\xA9"}) {
    auto decoded = base32_decode(text);
    ASSERT_FALSE(decoded) << text;
    EXPECT_EQ(decoded.error().code, Errc::invalid_input);
    EXPECT_NE(decoded.error().message.find("character"), std::string::npos) << decoded.error().message;
  }
  // 1, 3 or 6 digits past a multiple of 8 cannot come from whole bytes.
  for (const std::string text : {"M", "MZX", "MZXW6Y", "MZXW6YTBO"}) {
    auto decoded = base32_decode(text);
    ASSERT_FALSE(decoded) << text;
    EXPECT_NE(decoded.error().message.find("whole bytes"), std::string::npos) << decoded.error().message;
  }
}

TEST(Base32, RejectsNonZeroPaddingBits) {
  // "MY" is "f"; "MZ" differs only in the unused low bit of its last digit.
  auto decoded = base32_decode("MZ");
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, Errc::invalid_input);
  EXPECT_NE(decoded.error().message.find("padding bits"), std::string::npos);
}

TEST(KeyPair, FromSeedIsDeterministic) {
  const KeyPair first = key_pair_from_seed(seed_of(0));
  const KeyPair second = key_pair_from_seed(seed_of(0));
  EXPECT_EQ(first.public_key, second.public_key);
  EXPECT_EQ(first.secret_key.bytes(), second.secret_key.bytes());
  EXPECT_EQ(first.key_id, second.key_id);
  EXPECT_EQ(first.key_id, key_id_for(first.public_key));
  // libsodium's layout: the seed, then the public key.
  const auto seed = seed_of(0);
  EXPECT_TRUE(std::equal(seed.begin(), seed.end(), first.secret_key.bytes().begin()));
  EXPECT_TRUE(std::equal(first.public_key.begin(), first.public_key.end(), first.secret_key.bytes().begin() + 32));

  const KeyPair other = key_pair_from_seed(seed_of(1));
  EXPECT_NE(other.public_key, first.public_key);
  EXPECT_NE(other.key_id, first.key_id);
}

TEST(KeyPair, GeneratedPairsDifferAndCarryTheirId) {
  const KeyPair first = generate_key_pair();
  const KeyPair second = generate_key_pair();
  EXPECT_NE(first.public_key, second.public_key);
  EXPECT_EQ(first.key_id, key_id_for(first.public_key));
  EXPECT_EQ(second.key_id, key_id_for(second.public_key));
}

bool all_zero(const std::array<std::uint8_t, 64>& bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

TEST(SecretKey, MoveLeavesTheSourceZeroed) {
  std::array<std::uint8_t, 64> material{};
  material.fill(0xA5);

  SecretKey source(material);
  SecretKey moved(std::move(source));
  EXPECT_EQ(moved.bytes(), material);
  EXPECT_TRUE(all_zero(source.bytes()));  // NOLINT(bugprone-use-after-move): that is the point

  SecretKey assigned;
  assigned = std::move(moved);
  EXPECT_EQ(assigned.bytes(), material);
  EXPECT_TRUE(all_zero(moved.bytes()));  // NOLINT(bugprone-use-after-move)
}

TEST(SecretKey, DestructorWipesTheBytes) {
  std::array<std::uint8_t, 64> material{};
  material.fill(0x5A);
  alignas(SecretKey) unsigned char storage[sizeof(SecretKey)];
  auto* key = new (storage) SecretKey(material);
  ASSERT_EQ(key->bytes(), material);
  key->~SecretKey();
  // Volatile reads: the compiler may not assume what storage holds after the object's lifetime.
  const volatile unsigned char* raw = storage;
  bool wiped = true;
  for (std::size_t i = 0; i < sizeof(storage); ++i) wiped = wiped && raw[i] == 0;
  EXPECT_TRUE(wiped);
}

TEST(Token, RoundTripsRandomClaims) {
  const KeyPair key = key_pair_from_seed(seed_of(40));
  std::mt19937 random(20261201);
  std::uniform_int_distribution<std::uint32_t> any_u32;
  for (int i = 0; i < 500; ++i) {
    TokenClaims claims;
    claims.event_id = any_u32(random);
    claims.participant_id = any_u32(random);
    claims.badge_serial = static_cast<std::uint16_t>(any_u32(random));
    claims.issued_at_s = any_u32(random);
    if (i == 0) claims = TokenClaims{};  // the all-zero edge
    if (i == 1) claims = TokenClaims{0xFFFFFFFF, 0xFFFFFFFF, 0xFFFF, 0xFFFFFFFF, 0};

    const std::string token = issue_token(claims, key);
    EXPECT_EQ(token.size(), kTokenPrefix.size() + 133);
    EXPECT_TRUE(has_token_prefix(token));
    auto parsed = parse_token(token);
    ASSERT_TRUE(parsed) << token << ": " << parsed.error().message;
    claims.key_id = key.key_id;
    EXPECT_EQ(parsed->claims, claims);
    EXPECT_TRUE(verify_signature(*parsed, key.public_key));
  }
}

TEST(Token, WritesTheKeysIdIntoTheClaims) {
  const KeyPair key = key_pair_from_seed(seed_of(3));
  TokenClaims claims = sample_claims();
  claims.key_id = 0xDEADBEEF;  // ignored
  auto parsed = parse_token(issue_token(claims, key));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->claims.key_id, key.key_id);
  EXPECT_EQ(parsed->claims.key_id, key_id_for(key.public_key));
}

TEST(Token, VerifiesOnlyWithTheSigningKey) {
  const KeyPair key = key_pair_from_seed(seed_of(3));
  const KeyPair other = key_pair_from_seed(seed_of(4));
  auto parsed = parse_token(issue_token(sample_claims(), key));
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(verify_signature(*parsed, key.public_key));
  EXPECT_FALSE(verify_signature(*parsed, other.public_key));
  EXPECT_FALSE(verify_signature(*parsed, PublicKey{}));
}

TEST(Token, ClaimsEditedAfterParsingDoNotVerify) {
  const KeyPair key = key_pair_from_seed(seed_of(3));
  auto parsed = parse_token(issue_token(sample_claims(), key));
  ASSERT_TRUE(parsed);
  ParsedToken edited = *parsed;
  edited.claims.participant_id += 1;
  EXPECT_FALSE(verify_signature(edited, key.public_key));
}

TEST(Token, RefusesEverySingleBitFlip) {
  const KeyPair key = key_pair_from_seed(seed_of(9));
  const std::vector<std::uint8_t> original = token_bytes(issue_token(sample_claims(), key));
  ASSERT_EQ(original.size(), kTokenBytes);
  for (std::size_t bit = 0; bit < original.size() * 8; ++bit) {
    std::vector<std::uint8_t> tampered = original;
    tampered[bit / 8] = static_cast<std::uint8_t>(tampered[bit / 8] ^ (0x80 >> (bit % 8)));
    EXPECT_FALSE(is_accepted(token_from_bytes(tampered), key.public_key)) << "bit " << bit;
  }
}

TEST(Token, RefusesEverySingleCharacterChange) {
  const KeyPair key = key_pair_from_seed(seed_of(9));
  const std::string token = issue_token(sample_claims(), key);
  ASSERT_TRUE(is_accepted(token, key.public_key));
  const std::string replacements = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567018=-_ .";
  for (std::size_t position = 0; position < token.size(); ++position) {
    for (const char replacement : replacements) {
      if (replacement == token[position]) continue;
      std::string tampered = token;
      tampered[position] = replacement;
      EXPECT_FALSE(is_accepted(tampered, key.public_key)) << "position " << position << " -> " << replacement;
    }
  }
}

TEST(Token, AcceptsLowerCaseAndSurroundingWhiteSpace) {
  const KeyPair key = key_pair_from_seed(seed_of(9));
  const std::string token = issue_token(sample_claims(), key);
  std::string lower = token;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  std::string mixed = token;
  for (std::size_t i = 0; i < mixed.size(); i += 2) mixed[i] = lower[i];
  for (const std::string& text :
       {lower, mixed, token + "\r\n", token + "\n", "  \t" + token + " \r\n", "\r\n" + lower}) {
    auto parsed = parse_token(text);
    ASSERT_TRUE(parsed) << text << ": " << parsed.error().message;
    EXPECT_EQ(parsed->claims.participant_id, 1234u);
    EXPECT_TRUE(verify_signature(*parsed, key.public_key));
  }
}

TEST(Token, GivesADistinctReasonForEachKindOfMalformation) {
  const KeyPair key = key_pair_from_seed(seed_of(9));
  const std::string token = issue_token(sample_claims(), key);
  const std::string body = token.substr(kTokenPrefix.size());

  const std::string wrong_prefix = parse_error("PSX-" + body);
  EXPECT_NE(wrong_prefix.find("PSL-"), std::string::npos) << wrong_prefix;
  EXPECT_EQ(parse_error(body), wrong_prefix);
  EXPECT_EQ(parse_error(""), wrong_prefix);
  EXPECT_EQ(parse_error("PSL"), wrong_prefix);

  std::set<std::string> char_reasons;
  for (const char bad : {'0', '1', '8', '=', ' '}) {
    std::string text = token;
    text[20] = bad;
    const std::string reason = parse_error(text);
    EXPECT_NE(reason.find("base32 character"), std::string::npos) << reason;
    EXPECT_NE(reason.find("position 17"), std::string::npos) << reason;
    char_reasons.insert(reason);
  }
  EXPECT_EQ(char_reasons.size(), 5u);  // each names its character
  EXPECT_NE(parse_error(token + "=").find("padding"), std::string::npos);

  const std::string too_short = parse_error(token.substr(0, token.size() - 1));
  const std::string too_long = parse_error(token + "A");
  EXPECT_NE(too_short.find("length"), std::string::npos) << too_short;
  EXPECT_NE(too_short.find("132"), std::string::npos) << too_short;
  EXPECT_NE(too_long.find("134"), std::string::npos) << too_long;
  EXPECT_NE(parse_error("PSL-").find("length"), std::string::npos);

  std::vector<std::uint8_t> bytes = token_bytes(token);
  bytes[0] = 2;
  const std::string unknown_version = parse_error(token_from_bytes(bytes));
  EXPECT_NE(unknown_version.find("version 2"), std::string::npos) << unknown_version;
  bytes[0] = 0;
  EXPECT_NE(parse_error(token_from_bytes(bytes)).find("version 0"), std::string::npos);

  // The last digit holds 4 bits of the signature and one unused bit, which must be zero.
  const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string padded_bits = token;
  padded_bits.back() = alphabet[alphabet.find(padded_bits.back()) | 1];
  const std::string padding = parse_error(padded_bits);
  EXPECT_NE(padding.find("padding bits"), std::string::npos) << padding;

  const std::set<std::string> kinds = {wrong_prefix, *char_reasons.begin(), too_short, unknown_version, padding};
  EXPECT_EQ(kinds.size(), 5u);
}

TEST(Token, RecognisesItsPrefix) {
  EXPECT_TRUE(has_token_prefix("PSL-"));
  EXPECT_TRUE(has_token_prefix("PSL-AAAA"));
  EXPECT_TRUE(has_token_prefix("psl-aaaa"));
  EXPECT_TRUE(has_token_prefix("Psl-garbage that will not parse"));
  EXPECT_TRUE(has_token_prefix(" \t\r\nPSL-AAAA"));
  EXPECT_FALSE(has_token_prefix(""));
  EXPECT_FALSE(has_token_prefix("PSL"));
  EXPECT_FALSE(has_token_prefix("PSL_AAAA"));
  EXPECT_FALSE(has_token_prefix("XPSL-AAAA"));
  EXPECT_FALSE(has_token_prefix("RSX7Q2M9"));  // a ticket code from another system
  EXPECT_FALSE(has_token_prefix("   "));
}

// The worked example of docs/badge-format.md: if this test changes, the document must too.
TEST(Token, MatchesTheWorkedExampleOfTheFormatDocument) {
  const KeyPair key = key_pair_from_seed(seed_of(0));
  EXPECT_EQ(to_hex(key.public_key), "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8");
  EXPECT_EQ(key.key_id, 0x9d24e2eeu);
  EXPECT_EQ(key.key_id, 2636440302u);

  const std::string token = issue_token(sample_claims(), key);
  auto parsed = parse_token(token);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(to_hex(parsed->signed_bytes), "0100000007000004d200026b0e7e809d24e2ee");
  EXPECT_EQ(to_hex(parsed->signature),
            "23ca736eb04b72f4bec94ab2ed909e9311c6290de3ed1813f966951d864423648c67282ee2f03491921978cb6df4caaa5"
            "1db61d94723699454b42373615e7901");
  EXPECT_EQ(token,
            "PSL-AEAAAAAHAAAAJUQAAJVQ47UATUSOF3RDZJZW5MCLOL2L5SKKWLWZBHUTCHDCSDPD5UMBH6LGSUOYMRBDMSGGOKBO4LYDJEMSD"
            "F4MW3PUZKVFDW3B3FDSG2MUKS2CG43BLZ4QC");
  EXPECT_EQ(token.size(), 137u);
  EXPECT_TRUE(verify_signature(*parsed, key.public_key));
}

}  // namespace
}  // namespace passerelle::badge
