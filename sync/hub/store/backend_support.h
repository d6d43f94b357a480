// Small pieces both HubStore backends (SQLite, PostgreSQL) need, so that they decide alike.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/store/store.h"
#include "core/util/result.h"

namespace passerelle::hub {

// The quarantine reason (hub_store.h, `reason`) for what core's store refused.
std::string_view quarantine_reason(ForeignEntryStatus status) noexcept;

// A row id written as text in the change feed's `ref` column. Errc::database when it is not one:
// the feed is ours, so a bad reference is a damaged database, not bad input.
Result<std::int64_t> parse_feed_ref(std::string_view text);

}  // namespace passerelle::hub
