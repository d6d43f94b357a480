// `passerelle-kiosk --export-journal FILE`: the kiosk's own entries written to a journal file
// (docs/sync.md, "Offline transfer") for `passerelle-hub import-journal`, for a kiosk that never
// saw a network or was revoked with entries unsent. Every entry it wrote goes in, sent or not:
// importing twice changes nothing.
//
// Thread safety: opens its own Store; call from any one thread. Failure: Errc::not_found when the
// database file is missing (never created here), the store's errors, sync/protocol/journal_file.h's.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "core/util/clock.h"
#include "core/util/result.h"

namespace passerelle::kiosk {

// Returns the number of entries written. `event_id` empty: the database's only event.
Result<std::int64_t> export_journal(const std::filesystem::path& database, std::optional<std::int64_t> event_id,
                                    const std::filesystem::path& file, const Clock& clock = SystemClock::instance());

}  // namespace passerelle::kiosk
