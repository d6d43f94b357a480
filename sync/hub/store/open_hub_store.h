// The HubStore that `--db` names: a SQLite event file, or (later) a postgresql:// URL.
//
// The clock is borrowed and must outlive the store. Failure: as the backend's open; a PostgreSQL
// URL fails with Errc::unsupported until that backend exists.
#pragma once

#include <memory>
#include <string_view>

#include "core/util/clock.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

bool is_postgresql_url(std::string_view db) noexcept;

Result<std::unique_ptr<HubStore>> open_hub_store(std::string_view db, const Clock& clock = SystemClock::instance());

}  // namespace passerelle::hub
