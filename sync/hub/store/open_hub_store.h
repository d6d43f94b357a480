// The HubStore that `--db` names: a SQLite event file, or a postgresql:// URL (docs/sync.md, "Storage").
//
// The clock is borrowed and must outlive the store. Failure: as the backend's open.
#pragma once

#include <memory>
#include <string_view>

#include "core/util/clock.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

bool is_postgresql_url(std::string_view db) noexcept;

Result<std::unique_ptr<HubStore>> open_hub_store(std::string_view db, const Clock& clock = SystemClock::instance());

}  // namespace passerelle::hub
