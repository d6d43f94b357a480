// The database schema of hubs and kiosks, as a list of forward-only migrations.
#pragma once

#include <span>

#include "core/db/migrations.h"

namespace passerelle {

// Every migration in order; the store applies all of them on open.
std::span<const db::Migration> schema_migrations();

}  // namespace passerelle
