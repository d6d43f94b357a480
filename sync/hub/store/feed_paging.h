// The change feed's paging rules (docs/sync.md "Download"), written once for both storages: which
// feed rows a page holds, where its cursor stops, whether there is more. A storage supplies the
// rows (FeedRows) inside one consistent read.
//
// Thread safety: one page, one thread, one read snapshot the storage opened. Failure:
// Errc::invalid_input for a request out of bounds (an organiser, a limit outside
// 1..sync::kMaxChangePage, a negative cursor); Errc::database for a feed row this code cannot read
// (the feed is the hub's own, so that is a damaged database, not bad input); else the rows' errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/result.h"
#include "sync/hub/store/hub_store.h"
#include "sync/protocol/wire.h"

namespace passerelle::hub {

// A feed row names what changed: its type and the changed row's reference.
struct FeedRow {
  std::int64_t seq = 0;
  std::string type;  // participant, revocation, key, meeting, entry
  std::string ref;   // a row id; "participant/serial" for a revocation; a UUID for an entry
};

// A row id written as text in a feed row's reference.
Result<std::int64_t> parse_feed_ref(std::string_view text);
// A revocation's reference: (participant row id, badge serial).
Result<std::pair<std::int64_t, std::int64_t>> parse_revocation_ref(std::string_view ref);

class FeedRows {
 public:
  virtual ~FeedRows() = default;
  // Rows the device may see after `after` (its event's, every event's keys, no entry under one
  // of its authored ids), ascending, at most `limit`.
  virtual Result<std::vector<FeedRow>> device_rows(const Principal& device, std::int64_t after, int limit) = 0;
  // The feed's latest position.
  virtual Result<std::int64_t> head() = 0;
  // How many rows device_rows would give after `after`, without a limit.
  virtual Result<std::int64_t> count_after(const Principal& device, std::int64_t after) = 0;
  // The rows' changes in their current state, in the rows' order; a row whose target is gone is
  // left out.
  virtual Result<std::vector<sync::Change>> compose(const std::vector<FeedRow>& rows) = 0;
};

// The device's next page after `after`: at most `limit` distinct changes, a row changed several
// times once at its first position; an entry that sync::validate refuses (stored before the codec
// bounded its numbers) is passed over, as a kiosk would refuse the page that carried it.
// hub_time_ms is left for the caller.
Result<sync::ChangePage> read_change_page(FeedRows& rows, const Principal& device, std::int64_t after, int limit);

}  // namespace passerelle::hub
