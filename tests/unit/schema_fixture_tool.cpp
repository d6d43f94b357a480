// schema_fixture_tool VERSION OUT.db: writes the kiosk and event file's database (core/store/schema.cpp)
// at schema VERSION, holding what a door had written by then: an event, its day and door, two
// participants with their ticket codes, and from version 3 (the journal) three scans of one
// device. tests/unit/schema_fixtures_test.cpp opens each tests/data/schema/core-vN.db with today's
// code and checks nothing was lost.
//
// Run it once per new migration, for the version that migration starts from being the newest,
// and commit the file; never regenerate a committed fixture: it stands for a database written by
// the release that had that version (tests/data/schema/README.md).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/db/migrations.h"
#include "core/db/sqlite.h"
#include "core/store/schema.h"
#include "tests/support/schema_fixture_registry.h"

namespace {

// 2026-05-04 09:00, 09:01 and 09:02 in Paris: Zoë in, Zoë again (refused), an unknown code.
constexpr const char* kJournal =
    "INSERT INTO local_state VALUES ('device_id', 'door-old');"
    "INSERT INTO journal(uuid, device_id, seq, event_id, kind, outcome, participant_id, checkpoint_id, code, "
    "operator, wall_ms, monotonic_ns, local_day) VALUES "
    "('0196979a-1c00-7000-8000-000000000001', 'door-old', 1, 1, 'checkin', 'accepted', 1, 1, 'TKT-ZOE', '', "
    "1777878000000, 1000000000, '2026-05-04'),"
    "('0196979a-1c00-7000-8000-000000000002', 'door-old', 2, 1, 'checkin', 'already_checked_in', 1, 1, 'TKT-ZOE', "
    "'', 1777878060000, 61000000000, '2026-05-04'),"
    "('0196979a-1c00-7000-8000-000000000003', 'door-old', 3, 1, 'rejected_scan', 'unknown_code', NULL, 1, 'NOPE', "
    "'', 1777878120000, 121000000000, '2026-05-04');";

int fail(const std::string& message) {
  std::fprintf(stderr, "schema_fixture_tool: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace passerelle;
  if (argc != 3) return fail("usage: schema_fixture_tool VERSION OUT.db");
  const int version = std::atoi(argv[1]);
  if (version < 1 || version > schema_migrations().back().version) return fail("no such schema version");
  const std::filesystem::path out = argv[2];
  if (std::filesystem::exists(out)) return fail(out.string() + " exists: a fixture is never regenerated");
  auto database = db::Database::open(out);
  if (!database) return fail(database.error().message);
  // Small pages and no WAL: a fixture is a few kilobytes in one file.
  if (auto small = database->exec("PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM;"); !small)
    return fail(small.error().message);
  if (auto migrated = db::migrate(*database, schema_migrations(), version); !migrated)
    return fail(migrated.error().message);
  if (auto registry = database->exec(testing::kFixtureRegistry); !registry) return fail(registry.error().message);
  if (version >= 3) {
    if (auto journal = database->exec(kJournal); !journal) return fail(journal.error().message);
  }
  if (auto vacuum = database->exec("VACUUM;"); !vacuum) return fail(vacuum.error().message);
  std::printf("wrote %s at schema version %d\n", out.c_str(), version);
  return 0;
}
