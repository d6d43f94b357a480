// Store benchmarks at 100,000 participants (DESIGN.md targets: code lookup < 50 µs, name search
// < 5 ms, scan-to-green including the durable commit p95 < 50 ms). Each of ours runs beside the
// bare SQLite equivalent on the same file and machine in the same run.
//
//   build/release/tests/bench/store_bench                 full size (100,000 participants)
//   build/release/tests/bench/store_bench --smoke         2,000 participants, for CI
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <random>

#include "core/checkin/checkin.h"
#include "core/import/participant_import.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

std::size_t g_participants = 100'000;

// One database with g_participants imported, shared by every benchmark in the process.
struct Fixture {
  testing::TempDir dir;
  std::unique_ptr<Store> store;
  std::int64_t event_id = 0;
  std::int64_t checkpoint_id = 0;
  std::vector<ParticipantRecord> records;
  std::string csv;

  Fixture() {
    records = testing::generate_participants(g_participants, 42);
    for (auto& record : records) record.ticket_codes = {"TKT-" + record.external_id};  // everyone has a code
    csv = testing::to_canonical_csv(records);
    store = std::make_unique<Store>(std::move(*Store::open(dir.file("bench.db"))));
    EventConfig config = default_event_config("Bench", "2026-12-08");
    config.checkpoints[0].rule = CheckpointRule::in_out;  // never "used up": every scan commits a check-in
    event_id = *store->create_event(config);
    checkpoint_id = (*store->checkpoints(event_id)).front().id;
    auto plan = import::plan_import(csv, {});
    auto applied = import::apply_import(*store, event_id, *plan, {});
    if (!applied) std::abort();
  }
};

Fixture& fixture() {
  static Fixture instance;
  return instance;
}

// Tail latency matters at a door with a queue: report p50 and p95 beside the mean.
void report_percentiles(benchmark::State& state, std::vector<double>& latencies_ms) {
  if (latencies_ms.empty()) return;
  std::sort(latencies_ms.begin(), latencies_ms.end());
  state.counters["p50_ms"] = latencies_ms[latencies_ms.size() / 2];
  state.counters["p95_ms"] = latencies_ms[latencies_ms.size() * 95 / 100];
}

void BM_TicketLookup_Store(benchmark::State& state) {
  auto& f = fixture();
  std::mt19937 random(1);
  for (auto _ : state) {
    const auto& code = f.records[random() % f.records.size()].ticket_codes[0];
    auto owner = f.store->ticket_code_owner(f.event_id, code);
    benchmark::DoNotOptimize(owner);
  }
}

void BM_TicketLookup_RawSqlite(benchmark::State& state) {
  auto& f = fixture();
  sqlite3* db = nullptr;
  sqlite3_open_v2(f.dir.file("bench.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "SELECT participant_id FROM ticket_code WHERE event_id = ? AND code = ?", -1, &statement,
                     nullptr);
  std::mt19937 random(1);
  for (auto _ : state) {
    const auto& code = f.records[random() % f.records.size()].ticket_codes[0];
    sqlite3_bind_int64(statement, 1, f.event_id);
    sqlite3_bind_text(statement, 2, code.data(), static_cast<int>(code.size()), SQLITE_STATIC);
    benchmark::DoNotOptimize(sqlite3_step(statement));
    benchmark::DoNotOptimize(sqlite3_column_int64(statement, 0));
    sqlite3_reset(statement);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

// What a check-in reads: the participant with tags and codes.
void BM_ParticipantByCode_Store(benchmark::State& state) {
  auto& f = fixture();
  std::mt19937 random(2);
  for (auto _ : state) {
    auto found = f.store->find_by_ticket_code(f.event_id, f.records[random() % f.records.size()].ticket_codes[0]);
    benchmark::DoNotOptimize(found);
  }
}

void BM_NameSearch_Store(benchmark::State& state) {
  auto& f = fixture();
  const char* queries[] = {"muller", "lodz", "orsted", "strasse", "francois", "jan de", "gro", "wrobel lukasz"};
  std::size_t i = 0;
  for (auto _ : state) {
    auto found = f.store->search(f.event_id, queries[i++ % std::size(queries)], 50);
    benchmark::DoNotOptimize(found);
  }
}

// Scan to decision to durable journal entry, through the production path (WAL, synchronous=FULL).
void BM_DurableCheckin_Store(benchmark::State& state) {
  auto& f = fixture();
  CheckinService service(*f.store);
  std::mt19937 random(3);
  CheckinRequest request;
  request.event_id = f.event_id;
  request.checkpoint_id = f.checkpoint_id;
  std::vector<double> latencies_ms;
  for (auto _ : state) {
    request.code = f.records[random() % f.records.size()].ticket_codes[0];
    request.direction = (random() & 1) != 0 ? Direction::entry : Direction::exit;
    const auto start = std::chrono::steady_clock::now();
    auto result = service.scan(request);
    latencies_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    if (!result) state.SkipWithError(result.error().message.c_str());
  }
  report_percentiles(state, latencies_ms);
}

// The floor: one INSERT per transaction into a table of the journal's shape, same pragmas.
void BM_DurableInsert_RawSqlite(benchmark::State& state) {
  auto& f = fixture();
  sqlite3* db = nullptr;
  sqlite3_open_v2(f.dir.file("raw.db").c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
               "CREATE TABLE IF NOT EXISTS j(uuid TEXT PRIMARY KEY, device TEXT, seq INTEGER, kind TEXT, "
               "participant INTEGER, wall INTEGER, UNIQUE(device, seq)) WITHOUT ROWID;",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO j VALUES (?, 'dev', ?, 'checkin', ?, ?)", -1, &insert, nullptr);
  std::int64_t seq = 0;
  std::vector<double> latencies_ms;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    const std::string uuid = "u" + std::to_string(++seq) + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(&f));
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_text(insert, 1, uuid.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert, 2, seq);
    sqlite3_bind_int64(insert, 3, seq % 1000);
    sqlite3_bind_int64(insert, 4, seq);
    sqlite3_step(insert);
    sqlite3_reset(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    latencies_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  report_percentiles(state, latencies_ms);
}

// CSV bytes to committed registry, into a fresh database each time.
void BM_Import_Store(benchmark::State& state) {
  auto& f = fixture();
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = Store::open(f.dir.file("import-" + std::to_string(round++) + ".db"));
    const auto event_id = *store->create_event(default_event_config("Import", "2026-12-08"));
    state.ResumeTiming();
    auto plan = import::plan_import(f.csv, {});
    auto applied = import::apply_import(*store, event_id, *plan, {});
    if (!applied) state.SkipWithError(applied.error().message.c_str());
  }
  state.counters["rows"] = static_cast<double>(f.records.size());
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(f.records.size()), benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(BM_TicketLookup_Store);
BENCHMARK(BM_TicketLookup_RawSqlite);
BENCHMARK(BM_ParticipantByCode_Store);
BENCHMARK(BM_NameSearch_Store)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DurableCheckin_Store)->Unit(benchmark::kMillisecond)->Iterations(500);
BENCHMARK(BM_DurableInsert_RawSqlite)->Unit(benchmark::kMillisecond)->Iterations(500);
BENCHMARK(BM_Import_Store)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace
}  // namespace passerelle

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) {
      passerelle::g_participants = 2'000;
      for (int j = i; j + 1 < argc; ++j) argv[j] = argv[j + 1];
      --argc;
      break;
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
