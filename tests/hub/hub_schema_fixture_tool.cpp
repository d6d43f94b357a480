// hub_schema_fixture_tool VERSION OUT.db: writes an event file as a hub with SQLite hub schema
// VERSION (sync/hub/store/sqlite_hub_schema.cpp) left it, holding what a day of sync had put there:
// the registry (an event, its door, two participants with ticket codes), three entries uploaded by
// the enrolled kiosk `kiosk-1` (acknowledged up to 3), its device token and an organiser token,
// the redeemed enrolment code, one quarantined upload and when each entry arrived.
// tests/hub/hub_schema_fixtures_test.cpp opens each tests/data/schema/hub-vN.db with today's hub
// and checks that sync goes on from it. Its core tables are at the newest core schema of the tool
// that wrote it; the core schema's own upgrades have their fixtures (core-vN.db).
//
// Run it once per new hub migration, for the version that migration starts from being the newest,
// and commit the file; never regenerate a committed fixture (tests/data/schema/README.md).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/db/migrations.h"
#include "core/db/sqlite.h"
#include "core/store/schema.h"
#include "sync/hub/store/hub_tokens.h"
#include "sync/hub/store/sqlite_hub_schema.h"
#include "tests/support/schema_fixture_registry.h"

namespace {

// As kiosk-1 uploaded them: 2026-05-04 09:00, 09:01 and 09:02 in Paris.
constexpr const char* kJournal =
    "INSERT INTO journal(uuid, device_id, seq, event_id, kind, outcome, participant_id, checkpoint_id, code, "
    "operator, wall_ms, monotonic_ns, local_day) VALUES "
    "('0196979a-1c00-7000-8000-0000000000a1', 'kiosk-1', 1, 1, 'checkin', 'accepted', 1, 1, 'TKT-ZOE', '', "
    "1777878000000, 1000000000, '2026-05-04'),"
    "('0196979a-1c00-7000-8000-0000000000a2', 'kiosk-1', 2, 1, 'checkin', 'already_checked_in', 1, 1, 'TKT-ZOE', "
    "'', 1777878060000, 61000000000, '2026-05-04'),"
    "('0196979a-1c00-7000-8000-0000000000a3', 'kiosk-1', 3, 1, 'rejected_scan', 'unknown_code', NULL, 1, 'NOPE', "
    "'', 1777878120000, 121000000000, '2026-05-04');";

}  // namespace

int main(int argc, char** argv) {
  using namespace passerelle;
  const auto fail = [](const std::string& message) {
    std::fprintf(stderr, "hub_schema_fixture_tool: %s\n", message.c_str());
    return 1;
  };
  if (argc != 3) return fail("usage: hub_schema_fixture_tool VERSION OUT.db");
  const int version = std::atoi(argv[1]);
  if (version < 1 || version > hub::kHubSchemaVersion) return fail("no such hub schema version");
  const std::filesystem::path out = argv[2];
  if (std::filesystem::exists(out)) return fail(out.string() + " exists: a fixture is never regenerated");
  auto database = db::Database::open(out);
  if (!database) return fail(database.error().message);
  const auto run = [&](const std::string& sql) -> bool {
    auto done = database->exec(sql);
    if (!done) std::fprintf(stderr, "hub_schema_fixture_tool: %s\n", done.error().message.c_str());
    return static_cast<bool>(done);
  };
  // Small pages and no WAL: a fixture is a few kilobytes in one file.
  if (!run("PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM;")) return 1;
  if (auto migrated = db::migrate(*database, schema_migrations()); !migrated) return fail(migrated.error().message);
  // The registry and the journal before the hub tables: hub migration 1 fills the change feed
  // from what the file holds, as it did for a file that was a hub's before it served.
  if (!run(testing::kFixtureRegistry) || !run(kJournal)) return 1;
  if (auto migrated = hub::migrate_hub_schema(*database, version); !migrated) return fail(migrated.error().message);
  const std::string device_token = hub::sha256_hex("psd_fixture-kiosk-1");
  const std::string organiser_token = hub::sha256_hex("pso_fixture-organiser");
  const std::string code = hub::sha256_hex("fixture-enrolment-code");
  if (!run("INSERT INTO hub_device(device_id, event_id, name, enrolled_ms, last_sync_ms, clock_offset_ms) VALUES "
           "('kiosk-1', 1, 'Door 1', 1777870000000, 1777878130000, 0);"
           "INSERT INTO hub_authored(authored_id, device_id, position, acked_seq) VALUES ('kiosk-1', 'kiosk-1', 0, 3);"
           "INSERT INTO hub_token(token_sha256, kind, device_id, label, created_ms) VALUES "
           "('" +
           device_token +
           "', 'device', 'kiosk-1', '', 1777870000000),"
           "('" +
           organiser_token +
           "', 'organiser', NULL, 'old', 1777870000000);"
           "INSERT INTO hub_enrolment(code_sha256, event_id, label, created_ms, expires_ms, redeemed_ms, device_id) "
           "VALUES ('" +
           code +
           "', 1, 'Door 1', 1777869000000, 1777872600000, 1777870000000, 'kiosk-1');"
           "INSERT INTO hub_received(uuid, uploader, received_ms, clock_offset_ms) VALUES "
           "('0196979a-1c00-7000-8000-0000000000a1', 'kiosk-1', 1777878001000, 0),"
           "('0196979a-1c00-7000-8000-0000000000a2', 'kiosk-1', 1777878061000, 0),"
           "('0196979a-1c00-7000-8000-0000000000a3', 'kiosk-1', 1777878121000, 0);"
           "INSERT INTO hub_quarantine(received_ms, uploader, device_id, event_id, seq, uuid, reason, detail, "
           "raw_json, raw_sha256) VALUES (1777878125000, 'kiosk-1', 'kiosk-1', 1, NULL, '', 'malformed', "
           "'not an entry', '{\"seq\": \"x\"}', '" +
           hub::sha256_hex("{\"seq\": \"x\"}") + "');"))
    return 1;
  if (!run("VACUUM;")) return 1;
  std::printf("wrote %s at hub schema version %d\n", out.c_str(), version);
  return 0;
}
