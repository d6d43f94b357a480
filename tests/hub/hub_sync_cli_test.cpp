// passerelle-hub's sync commands as an organiser runs them: enrol, devices, revoke-device,
// token create, reconciliation, quarantine, and serve's command line and choice of TLS
// (import-journal, on both storages: hub_journal_cli_test.cpp).
#include <gtest/gtest.h>

#include <limits>
#include <utility>
#include <vector>

#include "core/auth/staff_pin.h"
#include "core/store/store.h"
#include "core/util/uuid.h"
#include "sync/client/httplib_transport.h"
#include "sync/client/hub_client.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "sync/protocol/journal_file.h"
#include "sync/tls/certificate_pin.h"
#include "sync/tls/self_signed.h"
#include "tests/hub/server_process.h"
#include "tests/integration/hub_runner.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

class HubSyncCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("hub.db").string();
    auto init = hub({"--db", db_, "init", "--event", "Sync CLI"});
    ASSERT_EQ(init.status, 0) << init.output;
  }

  std::unique_ptr<hub::SqliteHubStore> open_store() {
    auto store = hub::SqliteHubStore::open(db_);
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::move(*store) : nullptr;
  }

  TempDir dir_;
  std::string db_;
};

TEST_F(HubSyncCli, EnrolPrintsTheTicketAQrAndWritesAPng) {
  const auto png = dir_.file("enrol.png");
  const auto run = hub({"--db", db_, "enrol", "--hub-url", "https://hub.example:8443/", "--no-pin", "--ttl", "2h",
                        "--name", "door 1", "--png", png.string()});
  ASSERT_EQ(run.status, 0) << run.output;
  const auto first_line = run.output.substr(0, run.output.find('\n'));
  auto ticket = sync::parse_enrolment_ticket(first_line);
  ASSERT_TRUE(ticket) << first_line;
  EXPECT_EQ(ticket->hub_url, "https://hub.example:8443");
  EXPECT_NE(run.output.find("\u2588"), std::string::npos);  // the terminal QR's blocks
  EXPECT_EQ(read_file(png).substr(1, 3), "PNG");

  // The code enrols one kiosk, named by --name when it gives none.
  auto store = open_store();
  ASSERT_TRUE(store);
  auto answer = store->enrol({ticket->code, "", {}, 0});
  ASSERT_TRUE(answer) << answer.error().message;
  auto devices = store->devices(std::nullopt);
  ASSERT_TRUE(devices);
  ASSERT_EQ(devices->size(), 1u);
  EXPECT_EQ((*devices)[0].name, "door 1");
}

TEST_F(HubSyncCli, EnrolRefusesBadValues) {
  EXPECT_EQ(hub({"--db", db_, "enrol"}).status, 3);
  EXPECT_EQ(hub({"--db", db_, "enrol", "--hub-url", "ftp://hub"}).status, 3);
  EXPECT_EQ(hub({"--db", db_, "enrol", "--hub-url", "http://127.0.0.1", "--ttl", "30"}).status, 3);
  EXPECT_EQ(hub({"--db", db_, "enrol", "--hub-url", "http://127.0.0.1", "--ttl", "8d"}).status, 3);
  EXPECT_EQ(hub({"--db", db_, "enrol", "--hub-url", "http://127.0.0.1", "--event", "9"}).status, 4);
}

// Tokens never cross a network in clear, and an https ticket names the key the hub serves with.
TEST_F(HubSyncCli, EnrolSendsPlainHttpToThisMachineOnlyAndPinsTheHubsCertificate) {
  const auto plain = hub({"--db", db_, "enrol", "--hub-url", "http://10.0.0.2:8080"});
  EXPECT_EQ(plain.status, 3);
  EXPECT_NE(plain.output.find("https://"), std::string::npos) << plain.output;
  EXPECT_EQ(hub({"--db", db_, "enrol", "--hub-url", "http://[::1]:8080"}).status, 0);

  const auto unpinned = hub({"--db", db_, "enrol", "--hub-url", "https://hub.example:8443"});
  EXPECT_EQ(unpinned.status, 3) << "no certificate to pin yet";
  EXPECT_NE(unpinned.output.find("--tls-dir"), std::string::npos) << unpinned.output;

  auto identity = sync::tls::ensure_self_signed(dir_.file("tls"), "hub.example");  // beside the database
  ASSERT_TRUE(identity) << identity.error().message;
  for (const std::vector<std::string>& where : {std::vector<std::string>{},
                                                {"--tls-dir", dir_.file("tls").string()},
                                                {"--tls-cert", identity->certificate.string()}}) {
    std::vector<std::string> args{"--db", db_, "enrol", "--hub-url", "https://hub.example:8443"};
    args.insert(args.end(), where.begin(), where.end());
    const auto run = hub(args);
    ASSERT_EQ(run.status, 0) << run.output;
    auto ticket = sync::parse_enrolment_ticket(run.output.substr(0, run.output.find('\n')));
    ASSERT_TRUE(ticket) << run.output;
    EXPECT_EQ(ticket->certificate_pin, identity->pin);
  }
}

TEST_F(HubSyncCli, ServeBeyondLoopbackSpeaksHttpsWithAnIdentityItMakesOnce) {
  std::string error;
  auto server = ServerProcess::start({"--db", db_, "serve", "--listen", "0.0.0.0:0"}, dir_.file("serve.log"), error);
  ASSERT_TRUE(server) << error;
  EXPECT_TRUE(server->url().starts_with("https://")) << server->url();
  const auto pin = sync::tls::pin_of_certificate_file(dir_.file("tls") / "cert.pem");
  ASSERT_TRUE(pin) << pin.error().message;
  EXPECT_EQ(server->stop(), 0) << server->log();  // the log is whole once the server is gone
  EXPECT_NE(server->log().find("certificate pin " + *pin), std::string::npos) << server->log();
  EXPECT_NE(server->log().find("made a TLS key"), std::string::npos) << server->log();

  auto again = ServerProcess::start({"--db", db_, "serve", "--listen", "0.0.0.0:0"}, dir_.file("again.log"), error);
  ASSERT_TRUE(again) << error;
  EXPECT_EQ(again->stop(), 0);
  EXPECT_NE(again->log().find("certificate pin " + *pin), std::string::npos) << "the same key on every start";
  EXPECT_EQ(again->log().find("made a TLS key"), std::string::npos) << again->log();

  // A kiosk's own transport, given what the organiser's ticket says, enrols over TLS.
  auto served = ServerProcess::start({"--db", db_, "serve", "--listen", "0.0.0.0:0"}, dir_.file("third.log"), error);
  ASSERT_TRUE(served) << error;
  const auto issued = hub({"--db", db_, "enrol", "--hub-url", "https://127.0.0.1:" + std::to_string(served->port())});
  ASSERT_EQ(issued.status, 0) << issued.output;
  auto ticket = sync::parse_enrolment_ticket(issued.output.substr(0, issued.output.find('\n')));
  ASSERT_TRUE(ticket) << issued.output;
  EXPECT_EQ(ticket->certificate_pin, *pin);
  auto transport = kiosk::make_httplib_transport({ticket->hub_url, ticket->certificate_pin});
  ASSERT_TRUE(transport) << transport.error().message;
  kiosk::HubClient client(**transport);
  auto enrolled = client.enrol({ticket->code, "tls kiosk", {}, 1});
  ASSERT_TRUE(enrolled) << enrolled.error().error.message;
  EXPECT_FALSE(enrolled->token.empty());
  EXPECT_EQ(served->stop(), 0) << served->log();

  const auto postgres = hub({"--db", "postgresql://nobody@127.0.0.1:1/none", "serve", "--listen", "0.0.0.0:0"});
  EXPECT_EQ(postgres.status, 3) << "where the files go is the operator's choice";
  EXPECT_NE(postgres.output.find("--tls-dir"), std::string::npos) << postgres.output;
}

TEST_F(HubSyncCli, OrganiserTokenIsPrintedOnce) {
  EXPECT_EQ(hub({"--db", db_, "token", "create"}).status, 3);
  const auto run = hub({"--db", db_, "token", "create", "--organiser", "--label", "laptop"});
  ASSERT_EQ(run.status, 0) << run.output;
  const auto token = run.output.substr(0, run.output.find('\n'));
  EXPECT_TRUE(token.starts_with("pso_")) << run.output;
  auto store = open_store();
  ASSERT_TRUE(store);
  auto auth = store->authenticate(token);
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->status, hub::AuthStatus::ok);
  EXPECT_EQ(auth->principal.name, "laptop");
}

TEST_F(HubSyncCli, DevicesRevocationReconciliationAndQuarantine) {
  auto store = open_store();
  ASSERT_TRUE(store);
  auto event = store->resolve_event(std::nullopt);
  ASSERT_TRUE(event);
  auto code = store->create_enrolment_code(*event, 60'000, "");
  ASSERT_TRUE(code);
  auto answer = store->enrol({code->code, "Front desk", {}, 0});
  ASSERT_TRUE(answer);
  auto principal = store->authenticate(answer->token)->principal;
  sync::IncomingBatch batch;
  batch.device_id = answer->device_id;
  batch.clock_offset_ms = -2500;
  for (std::int64_t seq : {1, 2, 4}) {
    sync::IncomingEntry incoming;
    sync::WireEntry entry;
    entry.uuid = make_uuid_v7(1767261600000);
    entry.device = answer->device_id;
    entry.seq = seq;
    entry.event = *event;
    entry.kind = EntryKind::rejected_scan;
    entry.outcome = Outcome::unknown_code;
    entry.participant = seq == 4 ? std::optional<std::string>("EXT-NOBODY") : std::nullopt;
    entry.local_day = "2026-01-01";
    incoming.raw_json = sync::to_json(entry);
    incoming.uuid = entry.uuid;
    incoming.seq = seq;
    incoming.entry = entry;
    batch.entries.push_back(std::move(incoming));
  }
  ASSERT_TRUE(store->ingest(principal, batch));
  store.reset();

  auto devices = hub({"--db", db_, "devices"});
  ASSERT_EQ(devices.status, 0) << devices.output;
  EXPECT_NE(devices.output.find(answer->device_id), std::string::npos) << devices.output;
  EXPECT_NE(devices.output.find("Front desk"), std::string::npos);
  EXPECT_NE(devices.output.find("-2.5 s"), std::string::npos) << devices.output;
  EXPECT_NE(devices.output.find("active"), std::string::npos);

  auto reconciliation = hub({"--db", db_, "reconciliation"});
  ASSERT_EQ(reconciliation.status, 0) << reconciliation.output;
  EXPECT_NE(reconciliation.output.find("entries 3"), std::string::npos) << reconciliation.output;
  EXPECT_NE(reconciliation.output.find("missing 3"), std::string::npos) << reconciliation.output;
  EXPECT_NE(reconciliation.output.find("quarantined 1"), std::string::npos) << reconciliation.output;

  auto quarantine = hub({"--db", db_, "quarantine", "--raw"});
  ASSERT_EQ(quarantine.status, 0) << quarantine.output;
  EXPECT_NE(quarantine.output.find("unknown_participant"), std::string::npos) << quarantine.output;
  EXPECT_NE(quarantine.output.find("EXT-NOBODY"), std::string::npos) << quarantine.output;

  EXPECT_EQ(hub({"--db", db_, "revoke-device", "no-such-device"}).status, 4);
  auto revoked = hub({"--db", db_, "revoke-device", answer->device_id});
  ASSERT_EQ(revoked.status, 0) << revoked.output;
  EXPECT_NE(hub({"--db", db_, "devices"}).output.find("revoked"), std::string::npos);
}

// Values a hub stored before the codec bounded numbers (sync/protocol/wire.h): the extremes of
// int64, planted in the event file. `devices` and `reconciliation` print them, without overflow.
TEST_F(HubSyncCli, DevicesAndReconciliationShowExtremeStoredValues) {
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  std::string device_id;
  std::int64_t event_id = 0;
  {
    auto store = open_store();
    ASSERT_TRUE(store);
    auto event = store->resolve_event(std::nullopt);
    ASSERT_TRUE(event);
    event_id = *event;
    auto code = store->create_enrolment_code(*event, 60'000, "");
    ASSERT_TRUE(code);
    auto answer = store->enrol({code->code, "Probe", {"old-id"}, 0});
    ASSERT_TRUE(answer) << answer.error().message;
    device_id = answer->device_id;
  }
  {
    auto core = Store::open(db_);
    ASSERT_TRUE(core) << core.error().message;
    auto& database = core->database();
    auto device = database.query("UPDATE hub_device SET clock_offset_ms = ?, last_sync_ms = ? WHERE device_id = ?");
    ASSERT_TRUE(device);
    ASSERT_TRUE(device->bind_all(kMin, kMax, device_id).run());
    // Held: 1 and INT64_MAX of the device's id, INT64_MAX of its previous id; a quarantined
    // INT64_MIN, which no summary counts.
    for (const auto& [id, seq] :
         std::vector<std::pair<std::string, std::int64_t>>{{device_id, 1}, {device_id, kMax}, {"old-id", kMax}}) {
      auto entry = database.query(
          "INSERT INTO journal(uuid, device_id, seq, event_id, kind, outcome, code, wall_ms, monotonic_ns, local_day) "
          "VALUES (?, ?, ?, ?, 'rejected_scan', 'unknown_code', 'X', ?, ?, '2026-01-01')");
      ASSERT_TRUE(entry);
      ASSERT_TRUE(entry->bind_all(make_uuid_v7(1767261600000), id, seq, event_id, kMin, kMax).run());
    }
    auto quarantined = database.query(
        "INSERT INTO hub_quarantine(received_ms, uploader, device_id, event_id, seq, reason, raw_json, raw_sha256) "
        "VALUES (?, ?, ?, ?, ?, 'malformed', '{}', 'x')");
    ASSERT_TRUE(quarantined);
    ASSERT_TRUE(quarantined->bind_all(kMax, device_id, device_id, event_id, kMin).run());
  }

  auto devices = hub({"--db", db_, "devices"});
  ASSERT_EQ(devices.status, 0) << devices.output;
  EXPECT_NE(devices.output.find("-9223372036854775.8 s"), std::string::npos) << devices.output;
  // The unsent gap adds both ids' gaps, (2^63 - 3) + (2^63 - 2), and stops at the largest int64.
  EXPECT_NE(devices.output.find(" 9223372036854775807 "), std::string::npos) << devices.output;
  EXPECT_NE(devices.output.find("also uploads as old-id: acked 0, gap 9223372036854775806"), std::string::npos)
      << devices.output;

  auto reconciliation = hub({"--db", db_, "reconciliation"});
  ASSERT_EQ(reconciliation.status, 0) << reconciliation.output;
  EXPECT_NE(reconciliation.output.find("contiguous to 1, highest 9223372036854775807, missing 2-9223372036854775806"),
            std::string::npos)
      << reconciliation.output;
  EXPECT_NE(reconciliation.output.find("contiguous to 0, highest 9223372036854775807, missing 1-9223372036854775806"),
            std::string::npos)
      << reconciliation.output;
}

TEST_F(HubSyncCli, ServeChecksItsCommandLine) {
  EXPECT_EQ(hub({"--db", db_, "serve"}).status, 3);
  EXPECT_EQ(hub({"--db", db_, "serve", "--listen", "nonsense"}).status, 3);
  EXPECT_EQ(hub({"--db", db_, "serve", "--listen", "127.0.0.1:70000"}).status, 3);
  EXPECT_EQ(hub({"--db", db_, "serve", "--listen", "127.0.0.1:0", "--threads", "1"}).status, 3);
  EXPECT_EQ(hub({"--db", db_, "serve", "--listen", "127.0.0.1:0", "--tls-cert", "/nonexistent.pem", "--tls-key",
                 "/nonexistent.key"})
                .status,
            3);
  EXPECT_EQ(hub({"--db", db_, "serve", "--listen", "127.0.0.1:0", "--tls-cert", "/nonexistent.pem"}).status, 3);
  EXPECT_EQ(hub({"--db", db_, "serve", "--listen", "127.0.0.1:0", "--tls-dir", dir_.file("t").string(), "--tls-cert",
                 "/nonexistent.pem", "--tls-key", "/nonexistent.key"})
                .status,
            3);
  for (const char* command : {"serve", "enrol", "devices", "revoke-device", "reconciliation", "quarantine"}) {
    const auto help = hub({command, "--help"});
    EXPECT_EQ(help.status, 0) << command;
    EXPECT_NE(help.output.find("usage: passerelle-hub"), std::string::npos) << command;
  }
}

// staff-pin: the PIN from standard input, never an argument; only its argon2id hash is kept, and
// export-kiosk carries it to the kiosk.
TEST_F(HubSyncCli, StaffPinIsReadFromStandardInputAndReachesTheBundleAsAHash) {
  auto set = hub({"--db", db_, "staff-pin"}, "printf '482913\\n' |");
  ASSERT_EQ(set.status, 0) << set.output;
  EXPECT_EQ(set.output.find("482913"), std::string::npos) << set.output;
  std::string hash;
  {
    auto store = Store::open(db_);
    ASSERT_TRUE(store);
    auto held = store->staff_pin_hash(1);
    ASSERT_TRUE(held && held->has_value());
    hash = **held;
  }
  EXPECT_TRUE(staff_pin_matches(hash, "482913"));
  EXPECT_FALSE(staff_pin_matches(hash, "482914"));

  const auto bundle = dir_.file("kiosk.db");
  ASSERT_EQ(hub({"--db", db_, "export-kiosk", bundle.string()}).status, 0);
  auto kiosk = Store::open(bundle);
  ASSERT_TRUE(kiosk);
  EXPECT_EQ(*kiosk->staff_pin_hash(1), std::optional<std::string>(hash));
  auto clear = kiosk->database().query("SELECT count(*) FROM local_state WHERE value LIKE '%482913%'");
  ASSERT_TRUE(clear && *clear->step());
  EXPECT_EQ(clear->column_int(0), 0) << "the PIN itself is nowhere";

  // Not a PIN of 4 to 12 digits, or none: nothing changes.
  EXPECT_EQ(hub({"--db", db_, "staff-pin"}, "printf '12a4\\n' |").status, 3);
  EXPECT_EQ(hub({"--db", db_, "staff-pin"}, "printf '' |").status, 3);
  EXPECT_EQ(hub({"--db", db_, "staff-pin"}, "head -c 1000000 /dev/zero | tr '\\0' 1 |").status, 3) << "an endless line";
  // Never from the command line.
  auto argv_pin = hub({"--db", db_, "staff-pin", "--pin", "482913"}, "printf '' |");
  EXPECT_NE(argv_pin.status, 0) << argv_pin.output;
  EXPECT_EQ(hub({"--db", db_, "staff-pin", "482913"}, "printf '' |").status, 2) << "no positional PIN";
  // --print-hash: a hash for a kiosk's config file, nothing stored.
  auto printed = hub({"--db", db_, "staff-pin", "--print-hash"}, "printf '1357\\n' |");
  ASSERT_EQ(printed.status, 0) << printed.output;
  EXPECT_TRUE(staff_pin_matches(printed.output.substr(0, printed.output.find('\n')), "1357")) << printed.output;
  auto store = Store::open(db_);
  ASSERT_TRUE(store);
  EXPECT_EQ(*store->staff_pin_hash(1), std::optional<std::string>(hash));
}

}  // namespace
}  // namespace passerelle::testing
