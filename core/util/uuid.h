// UUIDs for journal entries and devices.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace passerelle {

// A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, then random bits from libsodium.
// Time-ordered keys keep the journal's primary-key index append-mostly. Canonical lower-case
// text form, 36 characters. Thread-safe once sodium_init() has run (done on first call).
std::string make_uuid_v7(std::int64_t unix_ms);

// True for the canonical 8-4-4-4-12 lower- or upper-case hex form.
bool is_uuid(std::string_view text) noexcept;

}  // namespace passerelle
