// The change feed's paging rules (feed_paging.h), for both storages.
#include "sync/hub/store/feed_paging.h"

#include <algorithm>
#include <set>
#include <variant>
#include <vector>

#include "core/util/strings.h"

namespace passerelle::hub {

Result<std::int64_t> parse_feed_ref(std::string_view text) {
  const auto value = parse_integer<std::int64_t>(text);
  if (!value) return make_error(Errc::database, "hub_feed: bad reference '" + std::string(text) + "'");
  return *value;
}

Result<std::pair<std::int64_t, std::int64_t>> parse_revocation_ref(std::string_view ref) {
  const auto slash = ref.find('/');
  if (slash == std::string_view::npos)
    return make_error(Errc::database, "hub_feed: bad revocation reference " + std::string(ref));
  PSL_ASSIGN_OR_RETURN(const auto participant_id, parse_feed_ref(ref.substr(0, slash)));
  PSL_ASSIGN_OR_RETURN(const auto serial, parse_feed_ref(ref.substr(slash + 1)));
  return std::pair(participant_id, serial);
}

Result<sync::ChangePage> read_change_page(FeedRows& rows, const Principal& device, std::int64_t after, int limit) {
  if (device.is_organiser()) return make_error(Errc::invalid_input, "the change feed is for devices");
  if (limit < 1 || limit > sync::kMaxChangePage)
    return make_error(Errc::invalid_input, "limit must be 1 to " + std::to_string(sync::kMaxChangePage));
  if (after < 0) return make_error(Errc::invalid_input, "after must not be negative");

  sync::ChangePage page;
  page.cursor = after;
  std::vector<FeedRow> chosen;
  std::set<std::pair<std::string, std::string>> seen;
  // Read in chunks until one distinct change past the page shows there is more: a row changed
  // several times takes one place in the page, so a page may span more rows than `limit`.
  const int chunk = limit + 1;
  std::int64_t position = after;
  for (bool exhausted = false; !page.more && !exhausted;) {
    PSL_ASSIGN_OR_RETURN(auto read, rows.device_rows(device, position, chunk));
    exhausted = static_cast<int>(read.size()) < chunk;
    for (auto& row : read) {
      position = row.seq;
      if (seen.contains({row.type, row.ref})) {
        page.cursor = row.seq;  // consumed: sent at its first position in this page
        continue;
      }
      if (static_cast<int>(seen.size()) == limit) {
        page.more = true;
        break;
      }
      seen.emplace(row.type, row.ref);
      page.cursor = row.seq;
      chosen.push_back(std::move(row));
    }
  }
  PSL_ASSIGN_OR_RETURN(page.changes, rows.compose(chosen));
  // An entry stored before the codec bounded its numbers (wire.h) would be refused by every kiosk
  // reading this page, stalling its download for good: it stays in the journal and the reports,
  // and the cursor passes it.
  std::erase_if(page.changes, [](const sync::Change& change) {
    const auto* entry = std::get_if<sync::WireEntry>(&change.data);
    return entry != nullptr && !sync::validate(*entry);
  });
  if (!page.more) {
    // Every row up to the feed's head was looked at in this snapshot, so the device may skip the
    // rows it was not meant to see (its own entries, other events).
    PSL_ASSIGN_OR_RETURN(const auto head, rows.head());
    page.cursor = std::max(page.cursor, head);
  }
  PSL_ASSIGN_OR_RETURN(page.remaining, rows.count_after(device, page.cursor));
  return page;
}

}  // namespace passerelle::hub
