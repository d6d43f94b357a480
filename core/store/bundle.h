// Kiosk bundles: everything a kiosk needs to run one event alone, from a file on a USB stick.
//
// A bundle is a kiosk database: the event with its days and checkpoints, its participants with
// tags, ticket codes and search index, meetings, revocations, the journal so far, and the PUBLIC
// keys of every event of the hub (so that a badge of another event reads "other event"). It holds
// no signing key and no participant's email; the event's staff PIN hash when the hub has one
// (`passerelle-hub staff-pin`). With `device` (export-kiosk makes one per bundle, so one bundle is
// one kiosk) it holds that device id and its journal key, with which the kiosk authenticates the
// journal files it exports; without, the kiosk makes its own id when it first opens the file and
// has no journal key. Written to a temporary file and renamed, so a failure never leaves half a
// bundle; the file is its owner's only (0600) from the start: it holds the registry's personal data.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/store/store.h"

namespace passerelle {

struct BundleSummary {
  std::int64_t participants = 0;
  std::int64_t public_keys = 0;
  std::int64_t journal_entries = 0;
};

// Installs a bundle a kiosk found on a USB stick as its database at `database` (first boot,
// docs/OPERATIONS.md): copied (0600) beside `database`, opened and migrated there, checked (SQLite's
// quick_check, exactly one event with at least one checkpoint), then renamed into place, so that
// `database` is either absent or a whole, checked copy. The stick is only read.
// Failure: Errc::invalid_input for a file larger than `max_bytes` (checked before anything is
// read), one that is not an SQLite database, a damaged one or one that is no kiosk bundle;
// Errc::conflict when `database` exists; Errc::io for the copy.
struct InstalledBundle {
  std::string event_name;
  std::int64_t participants = 0;
};
inline constexpr std::int64_t kMaxBundleBytes = std::int64_t{4} << 30;  // 4 GiB: 100,000 people take ~100 MB
Result<InstalledBundle> install_kiosk_bundle(const std::filesystem::path& source, const std::filesystem::path& database,
                                             std::int64_t max_bytes = kMaxBundleBytes);

Result<BundleSummary> write_kiosk_bundle(Store& hub, std::int64_t event_id, const std::filesystem::path& out,
                                         const std::optional<DeviceJournalKey>& device = std::nullopt);

}  // namespace passerelle
