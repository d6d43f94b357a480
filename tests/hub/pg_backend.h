// The PostgreSQL backend of HubStore's suite, and the throw-away cluster the hub's PostgreSQL
// tests share.
//
// One cluster per test program (started on first use, stopped at exit), a fresh database per
// test. Start it from the main thread (a test's SetUp or body): the cluster's server stops when
// the thread that started it ends (tests/support/pg_cluster.h).
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

// A new, empty database in the program's cluster: its URL. Records a skip (or, under CI=true, a
// failure) and returns an error when PostgreSQL is not available here.
Result<std::string> fresh_pg_database();

}  // namespace passerelle::testing
