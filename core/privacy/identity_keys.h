// Identity keys: what lets the hub count a person or an organisation as "returning" across events
// after their personal data is erased (docs/PRIVACY.md). A key is the hex HMAC-SHA256 (libsodium's
// crypto_auth_hmacsha256) of the normalised email or organisation under the hub's identity key:
// 32 random bytes the hub creates on first use and keeps in a file of its own, never in the
// database (a copy of the database alone then cannot be used to test guessed emails against the
// keys; docs/THREAT_MODEL.md, "Identity keys").
//
// Where the key lives: the file named by the environment variable PASSERELLE_IDENTITY_KEY if set,
// else `identity.key` in the folder of the store's database file, mode 0600 (core/util/files.h).
// A store opened on ":memory:" (tests) uses a key made for this process and held in memory only.
// The database records the key's fingerprint (local_state "privacy.identity_key_id", an HMAC of a
// fixed text, useless for guessing): a key file that is missing or different once keys were
// stored with another is refused (Errc::conflict) rather than silently replaced, since a new key
// would stop every erased person from matching again.
//
// Thread safety: the functions may be called from any thread, each with its own Store. Creating
// the key file is atomic (created new, O_EXCL): two processes racing both end up with the file
// that won. Failure: Errc::io (the key file cannot be read or written), Errc::conflict (the key
// does not match the one recorded), Errc::invalid_input (a key file of the wrong size), or the
// store's errors.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/store.h"
#include "core/util/result.h"

namespace passerelle::privacy {

struct IdentityKeys {
  std::int64_t participant_id = 0;
  std::string email_key;         // hex HMAC-SHA256 of the normalised email; empty when none
  std::string organisation_key;  // hex HMAC-SHA256 of the normalised organisation; empty when none
};

// Every participant of the event, erased or not, keyed with the hub's identity key (created on
// first use). Erased participants give their stored keys; the others are computed from their
// email and organisation. In participant id order.
Result<std::vector<IdentityKeys>> identity_keys(Store& store, std::int64_t event_id);

// ---- the pieces, for erasure and tests

using IdentityKey = std::array<unsigned char, 32>;

// The normal forms that are keyed. Email: trimmed, lower-cased (ASCII letters; addresses are
// compared case-insensitively in practice). Organisation: accent- and case-folded, punctuation and
// runs of spaces made one space (core/text/fold.h), so "Société Générale" and "SOCIETE GENERALE"
// give one key. Empty when nothing but spaces is left.
std::string normalise_email(std::string_view email);
std::string normalise_organisation(std::string_view organisation);

// The hex HMAC-SHA256 of `normalised` under `key`; empty for empty text.
std::string keyed_hash(const IdentityKey& key, std::string_view normalised);

// Where the identity key of this store lives (see above); empty path for an in-memory store
// without PASSERELLE_IDENTITY_KEY.
std::filesystem::path identity_key_path(Store& store);

// The hub's identity key for this store: read from its file, or created there when neither the
// file nor a recorded fingerprint exists yet (the fingerprint is then recorded in the store).
Result<IdentityKey> load_or_create_identity_key(Store& store);

// The keys of one participant's current email and organisation.
IdentityKeys keys_of(const IdentityKey& key, const Participant& participant);

}  // namespace passerelle::privacy
