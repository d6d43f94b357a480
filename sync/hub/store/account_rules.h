// The rules of organisers' accounts and web sessions that both storages apply (docs/LIVE_VIEW.md,
// "Accounts and sessions"), written once: what a name may be and the key it is unique under, which
// event lists and lifetimes are accepted, and the bounds on what an attacker could grow.
//
// Pure (ICU's case folding, libsodium's random source for tokens); thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace passerelle::hub {

inline constexpr std::size_t kMaxAccountNameChars = 64;
// Sessions one account may hold open: opening one more closes its oldest. Logging in again and
// again (a script, or someone who holds the password) cannot fill the database.
inline constexpr std::size_t kMaxWebSessionsPerAccount = 20;
// A session lives at most a week (an event's days); the server chooses shorter ones.
inline constexpr std::int64_t kMaxWebSessionTtlMs = 7LL * 24 * 3600 * 1000;

// The key under which an account's name is unique and looked up (core/text/fold.h, caseless_key),
// for a name of 1 to 64 characters of well-formed UTF-8 with no control character (C0, DEL, C1,
// line or paragraph separator) and no space at either end. Errc::invalid_input otherwise, saying
// the rule.
Result<std::string> account_name_key(std::string_view name);

// The events of an account as stored: ascending, each once. Errc::invalid_input for an id below 1.
// Whether each exists is the storage's check (Errc::not_found).
Result<std::vector<std::int64_t>> account_event_list(std::vector<std::int64_t> events);

// Errc::invalid_input unless 0 < ttl_ms <= kMaxWebSessionTtlMs.
Status check_web_session_ttl(std::int64_t ttl_ms);

// The error for an account name no account holds, alike on both storages.
Error no_account_error(std::string_view name);

}  // namespace passerelle::hub
