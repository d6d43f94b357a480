// Journal keys: the per-device secret a kiosk authenticates its journal files with (docs/sync.md,
// "Offline transfer"). The hub makes one for each device it knows (at enrolment, and for each
// `export-kiosk` bundle), keeps it beside the device and checks a file's MAC with it before it
// reads any entry, so a file can be neither edited nor written for another device.
//
// A key is 32 random bytes, carried and stored as 64 lower-case hex digits. The MAC is libsodium's
// crypto_auth (HMAC-SHA-512-256) over the exact bytes of the file before its trailer.
// Pure apart from libsodium's random source; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::sync {

// A new random key, as 64 hex digits.
std::string new_journal_key();
// Errc::invalid_input unless `key_hex` is 64 lower-case hex digits. Never echoes the key.
Status check_journal_key(std::string_view key_hex);
// The MAC of `bytes` under the key, as 64 hex digits; check_journal_key's error for a bad key.
Result<std::string> journal_mac(std::string_view key_hex, std::string_view bytes);
// Whether `mac_hex` (64 lower-case hex digits) is the MAC of `bytes` under the key, compared in
// constant time.
bool journal_mac_matches(std::string_view key_hex, std::string_view bytes, std::string_view mac_hex);

}  // namespace passerelle::sync
