// The live view's participants (docs/LIVE_VIEW.md, "Search and the participant page"): search by
// name or organisation, a participant's page, revoking or reissuing their badge from it, with the
// command line's rules and where the command line writes (HubStore::revoke_badge), and the current
// badge as a PDF to print.
//
// Thread safety: handlers run on the server's workers at once over the thread-safe HubStore and
// Clock, which must outlive the router.
#pragma once

#include "core/util/clock.h"
#include "sync/hub/server/request_router.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

// A search's text: at most this many bytes (400 beyond); results: at most 20 a search.
inline constexpr std::size_t kMaxSearchText = 200;
inline constexpr int kWebSearchResults = 20;

void install_participant_routes(Router& router, HubStore& store, const Clock& clock);

}  // namespace passerelle::hub
