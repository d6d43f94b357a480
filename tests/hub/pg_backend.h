// The PostgreSQL backend of HubStore's suite, and the fresh database each of the hub's PostgreSQL
// tests gets (tests/support/pg_cluster.h fresh_test_database: on the CTest run's shared server, or
// in a cluster of the program's own started from the main thread).
// The backend keeps the registry where the hub keeps it with PostgreSQL storage: in an event file,
// written through core's Store as the hub's commands do, and published into the database after
// every write (sync/hub/pg/pg_publish.h).
// Without PostgreSQL a test skips (GTEST_SKIP), or fails under CI=true.
#pragma once

#include <memory>
#include <string>

#include "core/util/clock.h"
#include "core/util/result.h"
#include "tests/hub/hub_store_backends.h"

namespace passerelle::testing {

HubStoreBackendFactory postgresql_backend();
// The same backend on a database the test made itself (fresh_pg_database()), for tests that also
// connect to it.
std::unique_ptr<HubStoreBackend> postgresql_backend_at(const Clock& clock, std::string url);

// A new, empty database (fresh_test_database): its URL. Records a skip (or, under CI=true, a
// failure) and returns an error when PostgreSQL is not available here.
Result<std::string> fresh_pg_database();

}  // namespace passerelle::testing
