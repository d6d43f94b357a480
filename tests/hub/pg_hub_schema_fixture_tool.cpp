// pg_hub_schema_fixture_tool VERSION OUT.sql: writes, as pg_dump's plain SQL, a PostgreSQL hub
// database at migration VERSION (sync/hub/pg/pg_hub_schema.cpp, 2 or later: 1 holds only the feed
// counter) as a day of sync left it: the published registry (an event, its door, two participants
// with ticket codes), three entries uploaded by the enrolled kiosk `kiosk-1` (acknowledged up to
// 3) with their feed rows, its device token and an organiser token, the redeemed enrolment code,
// when each entry arrived, and one quarantined upload: the same day as hub-vN.db's.
// tests/hub/hub_schema_fixtures_test.cpp loads each into a fresh database and opens it with today's
// hub. Starts a throw-away cluster of its own (tests/support/pg_cluster.h).
//
// Run it once per new migration, for the version that migration starts from being the newest, and
// commit the file; never regenerate a committed fixture (tests/data/schema/README.md).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "sync/hub/pg/migrate.h"
#include "sync/hub/pg/pg_hub_schema.h"
#include "sync/hub/pg/pq.h"
#include "sync/hub/store/hub_tokens.h"
#include "tests/support/pg_cluster.h"

namespace {

std::string day_of_sync() {
  using passerelle::hub::sha256_hex;
  return "INSERT INTO event (id, origin, name, venue, timezone, days, created_ms, published_ms) VALUES "
         "(1, 'fixture-event-file', 'Forum 2026', 'Lille', 'Europe/Paris', '{2026-05-04}', 1767225600000, "
         "1767225600000);"
         "INSERT INTO checkpoint (event_id, source_id, name, rule, position, admits) VALUES "
         "(1, 1, 'Entrance', 'once_per_event', 0, '{}');"
         "INSERT INTO participant (event_id, external_id, first_name, last_name, email, organisation, country, "
         "region, sector, org_type, language, role, status, tags, ticket_codes, badge_serial, badge_issued_s) VALUES "
         "(1, 'R-1', 'Zoë', 'Brontë', '', 'Acmé', 'FR', '', '', '', 'en', '', 'registered', '{}', '{TKT-ZOE}', 1, 0),"
         "(1, 'R-2', 'Jan', 'Peeters', '', 'Beta', 'BE', '', '', '', 'en', '', 'registered', '{}', '{TKT-JAN}', 1, 0);"
         "INSERT INTO journal (uuid, device_id, seq, event_id, kind, outcome, participant_id, checkpoint_id, code, "
         "operator, wall_ms, monotonic_ns, local_day) VALUES "
         "('0196979a-1c00-7000-8000-0000000000a1', 'kiosk-1', 1, 1, 'checkin', 'accepted', "
         " (SELECT id FROM participant WHERE external_id = 'R-1'), (SELECT id FROM checkpoint WHERE source_id = 1), "
         " 'TKT-ZOE', '', 1777878000000, 1000000000, '2026-05-04'),"
         "('0196979a-1c00-7000-8000-0000000000a2', 'kiosk-1', 2, 1, 'checkin', 'already_checked_in', "
         " (SELECT id FROM participant WHERE external_id = 'R-1'), (SELECT id FROM checkpoint WHERE source_id = 1), "
         " 'TKT-ZOE', '', 1777878060000, 61000000000, '2026-05-04'),"
         "('0196979a-1c00-7000-8000-0000000000a3', 'kiosk-1', 3, 1, 'rejected_scan', 'unknown_code', NULL, "
         " (SELECT id FROM checkpoint WHERE source_id = 1), 'NOPE', '', 1777878120000, 121000000000, '2026-05-04');"
         "INSERT INTO hub_feed (seq, event_id, type, ref, device_id) VALUES "
         "(1, 1, 'participant', (SELECT id FROM participant WHERE external_id = 'R-1')::text, NULL),"
         "(2, 1, 'participant', (SELECT id FROM participant WHERE external_id = 'R-2')::text, NULL),"
         "(3, 1, 'entry', '0196979a-1c00-7000-8000-0000000000a1', 'kiosk-1'),"
         "(4, 1, 'entry', '0196979a-1c00-7000-8000-0000000000a2', 'kiosk-1'),"
         "(5, 1, 'entry', '0196979a-1c00-7000-8000-0000000000a3', 'kiosk-1');"
         "INSERT INTO feed_counter (feed_id, seq) VALUES (0, 5);"
         "INSERT INTO hub_device (device_id, event_id, name, enrolled_ms, last_sync_ms, clock_offset_ms) VALUES "
         "('kiosk-1', 1, 'Door 1', 1777870000000, 1777878130000, 0);"
         "INSERT INTO hub_authored (authored_id, device_id, position, acked_seq) VALUES ('kiosk-1', 'kiosk-1', 0, 3);"
         "INSERT INTO hub_token (token_sha256, kind, device_id, label, created_ms) VALUES "
         "('" +
         sha256_hex("psd_fixture-kiosk-1") +
         "', 'device', 'kiosk-1', '', 1777870000000),"
         "('" +
         sha256_hex("pso_fixture-organiser") +
         "', 'organiser', NULL, 'old', 1777870000000);"
         "INSERT INTO hub_enrolment (code_sha256, event_id, label, created_ms, expires_ms, redeemed_ms, device_id) "
         "VALUES ('" +
         sha256_hex("fixture-enrolment-code") +
         "', 1, 'Door 1', 1777869000000, 1777872600000, "
         "1777870000000, 'kiosk-1');"
         "INSERT INTO hub_received (uuid, uploader, received_ms, clock_offset_ms) VALUES "
         "('0196979a-1c00-7000-8000-0000000000a1', 'kiosk-1', 1777878001000, 0),"
         "('0196979a-1c00-7000-8000-0000000000a2', 'kiosk-1', 1777878061000, 0),"
         "('0196979a-1c00-7000-8000-0000000000a3', 'kiosk-1', 1777878121000, 0);"
         "INSERT INTO hub_quarantine (received_ms, uploader, device_id, event_id, seq, uuid, reason, detail, raw_json, "
         "raw_sha256) VALUES (1777878125000, 'kiosk-1', 'kiosk-1', 1, NULL, '', 'malformed', 'not an entry', "
         "'{\"seq\": \"x\"}', '" +
         sha256_hex("{\"seq\": \"x\"}") + "');";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace passerelle;
  const auto fail = [](const std::string& message) {
    std::fprintf(stderr, "pg_hub_schema_fixture_tool: %s\n", message.c_str());
    return 1;
  };
  if (argc != 3) return fail("usage: pg_hub_schema_fixture_tool VERSION OUT.sql");
  const auto migrations = hub::pg::hub_migrations();
  const int version = std::atoi(argv[1]);
  if (version < 2 || version > static_cast<int>(migrations.size())) return fail("no such migration (2 or later)");
  const std::filesystem::path out = argv[2];
  if (std::filesystem::exists(out)) return fail(out.string() + " exists: a fixture is never regenerated");
  auto cluster = passerelle::testing::PgCluster::start();
  if (!cluster) return fail(cluster.error().message);
  auto url = (*cluster)->create_database("fixture");
  if (!url) return fail(url.error().message);
  {
    auto connection = hub::pg::PgConnection::connect(*url);
    if (!connection) return fail(connection.error().message);
    if (auto migrated = hub::pg::migrate(*connection, migrations.first(static_cast<std::size_t>(version))); !migrated)
      return fail(migrated.error().message);
    if (auto written = connection->exec_script(day_of_sync()); !written) return fail(written.error().message);
  }
  const std::string command = (passerelle::testing::PgCluster::default_bindir() / "pg_dump").string() +
                              " --no-owner --no-privileges --inserts --dbname='" + *url + "' --file='" + out.string() +
                              "'";
  if (std::system(command.c_str()) != 0) return fail("pg_dump failed: " + command);
  std::printf("wrote %s at migration %d\n", out.c_str(), version);
  return 0;
}
