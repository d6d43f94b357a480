// Sync benchmarks (docs/PERFORMANCE.md, "Sync"), against DESIGN.md's targets:
//   ingest   10 kiosks x 10,000 entries uploaded at once to `passerelle-hub serve` on loopback,
//            in batches of 1,000 (the kiosk's production batch), entries per second; beside it, in
//            the same run, the same entries inserted into a bare SQLite table with the same keys
//            and durability (WAL, synchronous=FULL, one transaction per 1,000);
//   latency  a check-in committed on kiosk A until kiosk B's database holds it (both running the
//            kiosk's SyncWorker with production settings), until a live-stream client reads it,
//            and until an organiser's dashboard stream (docs/LIVE_VIEW.md) shows it; with
//            --postgresql the kiosks sync with one hub process and the dashboard is served by a
//            second on the same database (woken by LISTEN/NOTIFY).
// Usage: sync_bench [--kiosks N] [--entries N] [--rounds N] [--postgresql] [--smoke]
// --postgresql: the hub stores in a throw-away PostgreSQL cluster (the registry published there).
#include <httplib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "core/checkin/checkin.h"
#include "core/db/sqlite.h"
#include "core/store/store.h"
#include "core/util/uuid.h"
#include "sync/client/httplib_transport.h"
#include "sync/client/sync_keys.h"
#include "sync/client/sync_worker.h"
#include "sync/protocol/wire.h"
#include "tests/hub/server_process.h"
#include "tests/support/pg_cluster.h"
#include "tests/support/test_support.h"

namespace passerelle::bench {
namespace {

using Clock = std::chrono::steady_clock;
using testing::run_command;
using testing::shell_quote;

struct Options {
  bool postgresql = false;
  int kiosks = 10;
  int entries = 10000;
  int rounds = 20;
  bool smoke = false;
};

struct Device {
  std::string id;
  std::string token;
};

std::string hub(const std::filesystem::path& db, const std::string& arguments) {
  auto run =
      run_command(shell_quote(PASSERELLE_HUB_BINARY) + " --db " + shell_quote(db.string()) + " " + arguments + " 2>&1");
  if (!run.ok) {
    std::cerr << "passerelle-hub " << arguments << " failed:\n" << run.text;
    std::exit(1);
  }
  return run.text;
}

std::string ticket_code(const std::string& output) {
  const auto at = output.find("PSLENROL1 ");
  if (at == std::string::npos) return {};
  const auto line = output.substr(at, output.find('\n', at) - at);
  return line.substr(line.rfind(' ') + 1);
}

std::unique_ptr<httplib::Client> client(int port) {
  auto made = std::make_unique<httplib::Client>("127.0.0.1", port);
  made->set_tcp_nodelay(true);
  made->set_keep_alive(true);
  made->set_read_timeout(60, 0);
  return made;
}

Device enrol(const std::filesystem::path& db, int port, const std::string& hub_url, int index) {
  sync::EnrolRequest request;
  request.code = ticket_code(hub(db, "enrol --hub-url " + hub_url));
  request.name = "bench-" + std::to_string(index);
  auto reply = client(port)->Post("/v1/enrol", sync::to_json(request), "application/json");
  if (!reply || reply->status != 200) {
    std::cerr << "enrolment failed\n";
    std::exit(1);
  }
  auto answer = sync::parse_enrol_answer(reply->body);
  return {answer->device_id, answer->token};
}

// Entries as a door produces them: check-ins and exits at the B2B area (in/out: no double to
// look for), and refused scans of unknown codes.
std::vector<sync::WireEntry> make_entries(const std::string& device, int count, int participants,
                                          std::int64_t start_ms) {
  std::vector<sync::WireEntry> entries;
  for (int i = 0; i < count; ++i) {
    sync::WireEntry entry;
    entry.wall_ms = start_ms + i * 50;
    entry.uuid = make_uuid_v7(entry.wall_ms);
    entry.device = device;
    entry.seq = i + 1;
    entry.event = 1;
    entry.local_day = "2026-12-08";
    entry.monotonic_ns = entry.wall_ms * 1'000'000;
    if (i % 4 == 3) {
      entry.kind = EntryKind::rejected_scan;
      entry.outcome = Outcome::unknown_code;
      entry.code = "NOPE-" + std::to_string(i);
    } else {
      entry.kind = i % 2 ? EntryKind::checkout : EntryKind::checkin;
      entry.participant = "P" + std::to_string((i * 7919) % participants);
      entry.checkpoint = "B2B area";
      entry.code = "TKT-" + std::to_string(i);
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

double bare_sqlite_rate(const std::filesystem::path& path, const std::vector<std::vector<sync::WireEntry>>& all) {
  auto database = db::Database::open(path);
  if (!database || !database->exec("CREATE TABLE journal (uuid TEXT PRIMARY KEY, device_id TEXT NOT NULL, seq INTEGER "
                                   "NOT NULL, body TEXT NOT NULL, UNIQUE (device_id, seq)) WITHOUT ROWID")) {
    std::cerr << "bare SQLite set-up failed\n";
    std::exit(1);
  }
  std::size_t total = 0;
  const auto start = Clock::now();
  for (const auto& entries : all) {
    for (std::size_t from = 0; from < entries.size(); from += sync::kMaxUploadBatch) {
      auto transaction = db::Transaction::begin(*database);
      for (std::size_t i = from; i < std::min(entries.size(), from + sync::kMaxUploadBatch); ++i) {
        auto insert = database->query("INSERT INTO journal VALUES (?, ?, ?, ?)");
        (void)insert->bind_all(entries[i].uuid, entries[i].device, entries[i].seq, sync::to_json(entries[i])).run();
        ++total;
      }
      (void)transaction->commit();
    }
  }
  return static_cast<double>(total) / std::chrono::duration<double>(Clock::now() - start).count();
}

// Where the hub serves from: the event file, or with --postgresql a throw-away cluster the
// registry is published to (kept alive by the returned value).
struct Storage {
  std::unique_ptr<testing::PgCluster> cluster;
  std::string served;
};

Storage storage_for(const Options& options, const std::filesystem::path& db) {
  Storage storage{nullptr, db.string()};
  if (!options.postgresql) return storage;
  auto started = testing::PgCluster::start();
  if (!started) {
    std::cerr << "PostgreSQL did not start: " << started.error().message << "\n";
    std::exit(1);
  }
  storage.cluster = std::move(started).value();
  storage.served = storage.cluster->url();
  hub(db, "publish --to " + shell_quote(storage.served));
  return storage;
}

struct Dashboard {
  std::string cookie;  // "psw=..."
};

// An organiser's account on the hub's storage, logged in as a browser would (docs/LIVE_VIEW.md).
Dashboard open_dashboard(const std::filesystem::path& db, const std::filesystem::path& served, int port) {
  const std::string sync_db = served == db ? "" : " --sync-db " + shell_quote(served.string());
  const auto added =
      run_command("printf '%s\\n' 'bench password 1234' | " + shell_quote(PASSERELLE_HUB_BINARY) + " --db " +
                  shell_quote(db.string()) + " account add bench --event 1" + sync_db + " 2>&1");
  if (!added.ok) {
    std::cerr << "account add failed:\n" << added.text;
    std::exit(1);
  }
  auto reply = client(port)->Post("/login", "name=bench&password=bench+password+1234&next=/",
                                  "application/x-www-form-urlencoded");
  const auto cookie = reply ? reply->get_header_value("Set-Cookie") : std::string();
  if (!cookie.starts_with("psw=")) {
    std::cerr << "login failed\n";
    std::exit(1);
  }
  return {cookie.substr(0, cookie.find(';'))};
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

void ingest(const Options& options) {
  testing::TempDir dir;
  const auto db = dir.file("hub.db");
  const int participants = 2000;
  auto records = testing::generate_participants(participants, 7);
  for (int i = 0; i < participants; ++i) records[static_cast<std::size_t>(i)].external_id = "P" + std::to_string(i);
  testing::write_file(dir.file("people.csv"), testing::to_canonical_csv(records));
  hub(db, "init --event-config " + shell_quote(std::string(PASSERELLE_SOURCE_DIR) + "/assets/demo/event.toml"));
  hub(db, "import participants " + shell_quote(dir.file("people.csv").string()));
  const auto storage = storage_for(options, db);
  const std::string served = storage.served;
  std::string error;
  auto server =
      testing::ServerProcess::start({"--db", served, "serve", "--listen", "127.0.0.1:0"}, dir.file("hub.log"), error);
  if (!server) {
    std::cerr << "hub did not start: " << error << "\n";
    std::exit(1);
  }
  const std::filesystem::path& served_db = served;
  std::vector<Device> devices;
  std::vector<std::vector<sync::WireEntry>> all;
  std::vector<std::vector<std::string>> bodies(static_cast<std::size_t>(options.kiosks));
  for (int k = 0; k < options.kiosks; ++k) {
    devices.push_back(enrol(served_db, server->port(), server->url(), k));
    all.push_back(make_entries(devices.back().id, options.entries, participants, 1796717520000 + k));
    for (std::size_t from = 0; from < all.back().size(); from += sync::kMaxUploadBatch) {
      sync::UploadBatch batch;
      batch.device_id = devices.back().id;
      batch.entries.assign(
          all.back().begin() + static_cast<std::ptrdiff_t>(from),
          all.back().begin() + static_cast<std::ptrdiff_t>(std::min(all.back().size(), from + sync::kMaxUploadBatch)));
      bodies[static_cast<std::size_t>(k)].push_back(sync::to_json(batch));
    }
  }
  std::atomic<bool> failed{false};
  std::vector<std::vector<double>> batch_ms(static_cast<std::size_t>(options.kiosks));
  const auto start = Clock::now();
  std::vector<std::thread> uploaders;
  for (int k = 0; k < options.kiosks; ++k) {
    uploaders.emplace_back([&, k] {
      auto http = client(server->port());
      const httplib::Headers headers{{"Authorization", "Bearer " + devices[static_cast<std::size_t>(k)].token}};
      for (const auto& body : bodies[static_cast<std::size_t>(k)]) {
        const auto sent = Clock::now();
        auto reply = http->Post("/v1/upload", headers, body, "application/json");
        if (!reply || reply->status != 200) failed = true;
        batch_ms[static_cast<std::size_t>(k)].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
      }
    });
  }
  for (auto& thread : uploaders) thread.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (failed) {
    std::cerr << "an upload failed:\n" << server->log();
    std::exit(1);
  }
  std::vector<double> latencies;
  for (const auto& list : batch_ms) latencies.insert(latencies.end(), list.begin(), list.end());
  const double total = static_cast<double>(options.kiosks) * options.entries;
  const double bare = bare_sqlite_rate(dir.file("bare.db"), all);
  std::printf("ingest  %s, %d kiosks x %d entries: %.0f entries/s (%.2f s); batch of 1,000 p50 %.0f ms, p95 %.0f ms\n",
              options.postgresql ? "PostgreSQL" : "SQLite", options.kiosks, options.entries, total / seconds, seconds,
              percentile(latencies, 0.5), percentile(latencies, 0.95));
  std::printf("        bare SQLite, same entries and keys, one thread: %.0f entries/s\n", bare);
}

// A check-in on kiosk A, until kiosk B's database holds it, a live-stream client has read it and
// an organiser's dashboard shows it. Both kiosks run the SyncWorker with the production
// configuration.
void latency(const Options& options) {
  testing::TempDir dir;
  const auto db = dir.file("hub.db");
  auto records = testing::generate_participants(static_cast<std::size_t>(options.rounds) * 2 + 10, 9);
  for (std::size_t i = 0; i < records.size(); ++i) records[i].ticket_codes = {"TKT-" + std::to_string(i)};
  testing::write_file(dir.file("people.csv"), testing::to_canonical_csv(records));
  hub(db, "init --event-config " + shell_quote(std::string(PASSERELLE_SOURCE_DIR) + "/assets/demo/event.toml"));
  hub(db, "import participants " + shell_quote(dir.file("people.csv").string()));
  const auto storage = storage_for(options, db);
  const std::filesystem::path served = storage.served;
  std::string error;
  auto server = testing::ServerProcess::start({"--db", served.string(), "serve", "--listen", "127.0.0.1:0"},
                                              dir.file("hub.log"), error);
  // The dashboard's hub: the same one on SQLite, a second process on the same database on PostgreSQL.
  auto second = options.postgresql
                    ? testing::ServerProcess::start({"--db", served.string(), "serve", "--listen", "127.0.0.1:0"},
                                                    dir.file("hub2.log"), error)
                    : nullptr;
  if (!server || (options.postgresql && !second)) {
    std::cerr << "hub did not start: " << error << "\n";
    std::exit(1);
  }
  const int page_port = second ? second->port() : server->port();
  const auto page = open_dashboard(db, served, page_port);
  const auto organiser_output = hub(served, "token create --organiser");
  const auto token_at = organiser_output.find("pso_");
  const std::string organiser =
      organiser_output.substr(token_at, organiser_output.find_first_of(" \n", token_at) - token_at);

  // Live-stream client: records when each entry's UUID arrives.
  std::mutex seen_mutex;
  std::map<std::string, Clock::time_point> seen_live;
  std::atomic<bool> stop{false};
  std::thread live([&] {
    httplib::Client stream("127.0.0.1", server->port());
    stream.set_read_timeout(1, 0);
    while (!stop) {
      stream.Get("/v1/events/1/live", {{"Authorization", "Bearer " + organiser}},
                 [&](const char* data, std::size_t size) {
                   const std::string chunk(data, size);
                   for (std::size_t at = chunk.find("\"uuid\":\""); at != std::string::npos;
                        at = chunk.find("\"uuid\":\"", at + 1)) {
                     std::lock_guard lock(seen_mutex);
                     seen_live.emplace(chunk.substr(at + 8, 36), Clock::now());
                   }
                   return !stop;
                 });
    }
  });

  // The organiser's dashboard: when each participant first shows among its newest check-ins.
  std::map<std::string, Clock::time_point> seen_page;
  std::thread dashboard([&] {
    httplib::Client stream("127.0.0.1", page_port);
    stream.set_read_timeout(1, 0);
    std::string pending;
    while (!stop) {
      stream.Get("/web/events/1/stream", {{"Cookie", page.cookie}}, [&](const char* data, std::size_t size) {
        pending.append(data, size);
        for (auto end = pending.find("\n\n"); end != std::string::npos; end = pending.find("\n\n")) {
          const auto message = pending.substr(0, end);
          pending.erase(0, end + 2);
          const auto recent = message.find("\"recent\":");
          if (recent == std::string::npos) continue;
          std::lock_guard lock(seen_mutex);
          for (const auto& record : records) {
            const auto name = "\"name\":\"" + record.first_name + " " + record.last_name + "\"";
            if (message.find(name, recent) != std::string::npos) seen_page.emplace(record.external_id, Clock::now());
          }
        }
        return !stop;
      });
    }
  });

  const std::array<std::filesystem::path, 2> kiosk_db{dir.file("a.db"), dir.file("b.db")};
  std::vector<std::unique_ptr<kiosk::SyncWorker>> workers;
  std::array<std::atomic<bool>, 2> online{false, false};
  for (std::size_t k = 0; k < 2; ++k) {
    hub(db, "export-kiosk " + shell_quote(kiosk_db[k].string()));
    kiosk::SyncWorkerConfig config;  // production settings but the database
    config.database = kiosk_db[k];
    workers.push_back(std::make_unique<kiosk::SyncWorker>(
        config, SystemClock::instance(), kiosk::httplib_transport_factory(),
        [&online, k](kiosk::SyncStatus status) { online[k] = status.link == kiosk::SyncLink::online; }));
    workers.back()->enrol("PSLENROL1 " + server->url() + " " +
                          ticket_code(hub(served, "enrol --hub-url " + server->url())));
  }
  while (!online[0] || !online[1]) std::this_thread::sleep_for(std::chrono::milliseconds(10));

  auto opened_a = Store::open(kiosk_db[0]);
  auto opened_b = Store::open(kiosk_db[1]);
  Store store_a = std::move(opened_a).value();
  Store store_b = std::move(opened_b).value();
  CheckinService service(store_a);
  const auto entrance = (*store_a.find_checkpoint(1, "Entrance"))->id;
  std::vector<double> to_kiosk;
  std::vector<double> to_live;
  std::vector<double> to_page;
  for (int round = 0; round < options.rounds; ++round) {
    CheckinRequest request;
    request.event_id = 1;
    request.checkpoint_id = entrance;
    request.code = "TKT-" + std::to_string(round);
    auto result = service.scan(request);
    const auto committed = Clock::now();
    workers[0]->notify();
    const std::string uuid = result->entry.uuid;
    for (;;) {
      auto query = store_b.database().query("SELECT 1 FROM journal WHERE uuid = ?");
      query->bind_all(uuid);
      if (*query->step()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    to_kiosk.push_back(std::chrono::duration<double, std::milli>(Clock::now() - committed).count());
    // Milliseconds from the commit until a reader thread noted `key` in `seen`.
    const auto wait_seen = [&](const std::map<std::string, Clock::time_point>& seen, const std::string& key) {
      for (;;) {
        {
          std::lock_guard lock(seen_mutex);
          if (auto found = seen.find(key); found != seen.end())
            return std::chrono::duration<double, std::milli>(found->second - committed).count();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    };
    to_live.push_back(wait_seen(seen_live, uuid));
    to_page.push_back(wait_seen(seen_page, records[static_cast<std::size_t>(round)].external_id));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop = true;
  live.join();
  dashboard.join();
  workers.clear();
  std::printf(
      "latency check-in on kiosk A -> in kiosk B's database: p50 %.0f ms, p95 %.0f ms, max %.0f ms (%d rounds)\n",
      percentile(to_kiosk, 0.5), percentile(to_kiosk, 0.95), percentile(to_kiosk, 1.0), options.rounds);
  std::printf("        check-in on kiosk A -> live-stream client: p50 %.0f ms, p95 %.0f ms, max %.0f ms\n",
              percentile(to_live, 0.5), percentile(to_live, 0.95), percentile(to_live, 1.0));
  std::printf("        check-in on kiosk A -> organiser's dashboard%s: p50 %.0f ms, p95 %.0f ms, max %.0f ms\n",
              options.postgresql ? " on a second hub (PostgreSQL)" : "", percentile(to_page, 0.5),
              percentile(to_page, 0.95), percentile(to_page, 1.0));
}

}  // namespace
}  // namespace passerelle::bench

int main(int argc, char** argv) {
  passerelle::bench::Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    auto next = [&] { return i + 1 < argc ? std::stoi(argv[++i]) : 0; };
    if (flag == "--kiosks") options.kiosks = next();
    if (flag == "--entries") options.entries = next();
    if (flag == "--rounds") options.rounds = next();
    if (flag == "--smoke") options.smoke = true;
    if (flag == "--postgresql") options.postgresql = true;
  }
  if (options.smoke) {
    options.kiosks = 2;
    options.entries = 1500;
    options.rounds = 2;
  }
  passerelle::bench::ingest(options);
  passerelle::bench::latency(options);
  return 0;
}
