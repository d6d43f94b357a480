// Kiosk bundles: everything a kiosk needs to run one event alone, from a file on a USB stick.
//
// A bundle is a kiosk database: the event with its days and checkpoints, its participants with
// tags, ticket codes and search index, meetings, revocations, the journal so far, and the PUBLIC
// keys of every event of the hub (so that a badge of another event reads "other event"). It holds
// no secret key and no device id: each kiosk makes its own device id when it first opens it.
// Written to a temporary file and renamed, so a failure never leaves half a bundle; the file is
// its owner's only (0600) from the start: it holds the registry's personal data.
#pragma once

#include <filesystem>

#include "core/store/store.h"

namespace passerelle {

struct BundleSummary {
  std::int64_t participants = 0;
  std::int64_t public_keys = 0;
  std::int64_t journal_entries = 0;
};

Result<BundleSummary> write_kiosk_bundle(Store& hub, std::int64_t event_id, const std::filesystem::path& out);

}  // namespace passerelle
