// The report over a year of forums (issue #14, docs/PERFORMANCE.md): generates ~50 one-day events
// into one hub file (3,500 distinct people, many registering again and again, check-ins through
// the morning, a B2B session with scans and answers at every other event), then times
// `passerelle-hub report --programme` over all of them (gathering, figures, HTML, PDF and CSV,
// files written) and `report --event` for one event (with its attendance list), in this process;
// then the organisers' dashboard figures of the largest event as `serve` computes them for its
// pages (docs/LIVE_VIEW.md: the hub's storage read, the figures counted, the JSON made).
//
//   report_bench [--events N] [--people N] [--runs N] [--keep DIR]
//
// --keep DIR: the hub file and the reports are made in DIR and left there, to be looked at.
//
// Prints the generation time and each run's time, then the best and the median.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/db/sqlite.h"
#include "core/store/store.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/live/live_figures.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "tests/support/test_support.h"

namespace {

using passerelle::EntryKind;
using passerelle::JournalEntry;
using passerelle::Store;

constexpr std::int64_t kMinute = 60'000;

struct Options {
  int events = 50;
  int people = 3500;
  int runs = 3;
  std::string keep;
};

int cli(const std::vector<std::string>& arguments) {
  std::ostringstream out;
  std::ostringstream err;
  const int status = passerelle::hub::run_hub_cli(arguments, out, err);
  if (status != 0)
    std::fprintf(stderr, "passerelle-hub %s: %s%s\n", arguments.at(2).c_str(), out.str().c_str(), err.str().c_str());
  return status;
}

std::string day_of(int event) {
  // Weekly from Monday 2026-01-05: a year of forums.
  const auto midnight = passerelle::utc_midnight_ms("2026-01-05");
  return passerelle::format_day(*midnight / (24 * 3600 * 1000LL) + 7 * event);
}

const char* const kCountries[] = {"BE", "NL", "DE", "FR", "LU", "DK"};
const char* const kSectors[] = {"Energy", "ICT", "Health", "Logistics", "Agrifood", "High-tech systems"};
const char* const kTypes[] = {"sme", "large_company", "university", "research_centre", "support_organisation"};
const char* const kLanguages[] = {"en", "fr", "de", "nl"};

std::string person_row(int person) {
  const int organisation = person % 900;
  return "P" + std::to_string(person) + ",First" + std::to_string(person) + ",Last" + std::to_string(person) + ",p" +
         std::to_string(person) + "@org" + std::to_string(organisation) + ".example,Organisation " +
         std::to_string(organisation) + "," + kCountries[organisation % 6] + ",Region " +
         std::to_string(organisation % 17) + "," + kSectors[organisation % 6] + "," + kTypes[organisation % 5] + "\n";
}

bool generate(const std::string& db, const std::filesystem::path& dir, const Options& options) {
  std::mt19937 random(14);
  const int regulars = options.people / 5;  // who come to most forums
  for (int e = 0; e < options.events; ++e) {
    const std::string day = day_of(e);
    const bool b2b = e % 2 == 0;
    std::string config = "[event]\nname = \"Forum " + std::to_string(e + 1) + "\"\nvenue = \"Venue " +
                         std::to_string(e % 7) + "\"\ntimezone = \"Europe/Brussels\"\ndays = [\"" + day +
                         "\"]\nlanguage = \"" + kLanguages[e % 4] +
                         "\"\n\n[[checkpoint]]\nname = \"Entrance\"\n"
                         "rule = \"once_per_day\"\n";
    if (b2b)
      config += "\n[b2b]\nday = \"" + day +
                "\"\nstart = \"10:00\"\nslot_minutes = 20\npause_minutes = 5\nmorning_slots = 6\n"
                "afternoon_start = \"14:00\"\nafternoon_slots = 4\ntables = 20\n\n[[checkpoint]]\n"
                "name = \"B2B\"\nkind = \"b2b_area\"\n";
    passerelle::testing::write_file(dir / "event.toml", config);
    if (cli({"--db", db, "init", "--event-config", (dir / "event.toml").string()}) != 0) return false;

    // About 350 registrations: a third of the regulars and a fair share of everybody else.
    std::vector<int> registered;
    std::bernoulli_distribution regular(0.35);
    std::bernoulli_distribution other(250.0 / (options.people - regulars));
    for (int p = 0; p < options.people; ++p)
      if (p < regulars ? regular(random) : other(random)) registered.push_back(p);
    std::string csv = "external_id,first_name,last_name,email,organisation,country,region,sector,organisation_type\n";
    for (const int p : registered) csv += person_row(p);
    passerelle::testing::write_file(dir / "people.csv", csv);
    const std::string event = std::to_string(e + 1);
    if (cli({"--db", db, "import", "participants", (dir / "people.csv").string(), "--event", event}) != 0) return false;
    std::shuffle(registered.begin(), registered.end(), random);
    // 60 meetings, 20 a slot: each person in at most one, so nothing clashes.
    const int meetings = b2b ? std::min<int>(60, static_cast<int>(registered.size()) / 2) : 0;
    if (b2b) {
      std::string schedule = "a,b,start,location\n";
      for (int m = 0; m < meetings; ++m) {
        const int slot_start = 10 * 60 + (m / 20) * 25;
        char start[16];
        std::snprintf(start, sizeof start, "%02d:%02d", slot_start / 60, slot_start % 60);
        schedule += "P" + std::to_string(registered[2 * m]) + ",P" + std::to_string(registered[2 * m + 1]) + "," +
                    start + "," + std::to_string(m % 20 + 1) + "\n";
      }
      passerelle::testing::write_file(dir / "schedule.csv", schedule);
      if (cli({"--db", db, "import", "schedule", (dir / "schedule.csv").string(), "--event", event}) != 0) return false;
    }

    // Four in five come, arriving around 09:00; seven in ten meetings held, half with an answer.
    auto store = Store::open(db);
    if (!store) return false;
    auto& database = store->database();
    auto transaction = passerelle::db::Transaction::begin(database);
    if (!transaction) return false;
    const std::int64_t midnight = *passerelle::utc_midnight_ms(day) - 3600 * 1000LL;  // Brussels in winter
    auto ids = database.query("SELECT id, external_id FROM participant WHERE event_id = ?");
    ids->bind_all(std::int64_t{e + 1});
    std::map<std::string, std::int64_t> id_of;
    while (*ids->step()) id_of[ids->column_text(1)] = ids->column_int(0);
    auto entrance = store->find_checkpoint(e + 1, "Entrance");
    std::normal_distribution<double> arrival(9 * 60.0, 40.0);
    std::bernoulli_distribution comes(0.8);
    const auto append = [&](JournalEntry entry) { return static_cast<bool>(store->append_in_transaction(entry)); };
    for (const int p : registered) {
      if (!comes(random)) continue;
      JournalEntry entry;
      entry.event_id = e + 1;
      entry.kind = EntryKind::checkin;
      entry.participant_id = id_of["P" + std::to_string(p)];
      entry.checkpoint_id = (*entrance)->id;
      entry.wall_ms = midnight + static_cast<std::int64_t>(std::clamp(arrival(random), 420.0, 720.0) * kMinute);
      entry.local_day = day;
      if (!append(entry)) return false;
    }
    if (b2b) {
      auto area = store->find_checkpoint(e + 1, "B2B");
      std::bernoulli_distribution held(0.7);
      for (int m = 0; m < meetings; ++m) {
        if (!held(random)) continue;
        const std::int64_t start = midnight + (10 * 60 + (m / 20) * 25) * kMinute;
        for (const int side : {0, 1}) {
          JournalEntry scan;
          scan.event_id = e + 1;
          scan.kind = EntryKind::meeting_held;
          scan.participant_id = id_of["P" + std::to_string(registered[2 * m + side])];
          scan.checkpoint_id = (*area)->id;
          scan.wall_ms = start + (side + 1) * kMinute;
          scan.local_day = day;
          if (!append(scan)) return false;
        }
        if (m % 2 == 0) {
          JournalEntry answer;
          answer.event_id = e + 1;
          answer.kind = EntryKind::feedback;
          answer.participant_id = id_of["P" + std::to_string(registered[2 * m])];
          answer.partner_id = id_of["P" + std::to_string(registered[2 * m + 1])];
          answer.meeting_start_ms = start;
          answer.answer = m % 4 == 0 ? "cooperation" : "informative";
          answer.wall_ms = start + 25 * kMinute;
          answer.local_day = day;
          if (!append(answer)) return false;
        }
      }
    }
    if (!transaction->commit()) return false;
  }
  return true;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void time_runs(const char* what, int runs, const std::vector<std::string>& arguments) {
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    if (cli(arguments) != 0) std::exit(1);
    times.push_back(seconds_since(start));
    std::printf("  %s, run %d: %.3f s\n", what, run + 1, times.back());
  }
  std::sort(times.begin(), times.end());
  std::printf("%s: best %.3f s, median %.3f s over %d runs\n", what, times.front(), times[times.size() / 2], runs);
}

// The dashboard's figures of the event with the most registrations, as a page's stream gets them
// (one computation, then shared by every page of that event for LiveFiguresCache's max age).
int live_figures(const std::string& db, int runs) {
  auto store = passerelle::hub::SqliteHubStore::open(db);
  if (!store) return 1;
  std::int64_t event = 1;
  {
    auto database = passerelle::db::Database::open(db);
    auto select = database->query("SELECT event_id, count(*) AS n FROM participant GROUP BY event_id ORDER BY n DESC");
    if (*select->step()) event = select->column_int(0);
  }
  const std::int64_t at = 1798761600000;  // 2027-01-01, after the year
  std::vector<double> times;
  std::size_t bytes = 0;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    auto inputs = passerelle::hub::gather_live_inputs(**store, event, at);
    if (!inputs) return 1;
    auto figures = passerelle::hub::render_live_figures(*inputs);
    if (!figures) return 1;
    times.push_back(seconds_since(start));
    bytes = figures->json.size();
  }
  std::sort(times.begin(), times.end());
  std::printf("dashboard figures of event %lld: best %.1f ms, median %.1f ms over %d runs (%zu bytes of JSON)\n",
              static_cast<long long>(event), times.front() * 1000, times[times.size() / 2] * 1000, runs, bytes);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (name == "--events") options.events = std::max(value, 1);
    if (name == "--people") options.people = std::max(value, 100);
    if (name == "--runs") options.runs = std::max(value, 1);
    if (name == "--keep") options.keep = argv[i + 1];
  }
  passerelle::testing::TempDir temporary;
  const std::filesystem::path folder = options.keep.empty() ? temporary.path() : std::filesystem::path(options.keep);
  std::filesystem::create_directories(folder);
  const std::string db = (folder / "year.db").string();
  const auto start = std::chrono::steady_clock::now();
  if (!generate(db, folder, options)) {
    std::fprintf(stderr, "report_bench: generating the year failed\n");
    return 1;
  }
  {
    auto database = passerelle::db::Database::open(db);
    const auto count = [&](const char* sql) {
      auto select = database->query(sql);
      return *select->step() ? select->column_int(0) : 0;
    };
    std::printf(
        "generated %d events over %d people in %.1f s: %lld registrations (%lld distinct people), %lld "
        "check-ins, %lld meetings, %lld B2B scans\n",
        options.events, options.people, seconds_since(start),
        static_cast<long long>(count("SELECT count(*) FROM participant")),
        static_cast<long long>(count("SELECT count(DISTINCT email) FROM participant")),
        static_cast<long long>(count("SELECT count(*) FROM journal WHERE kind = 'checkin'")),
        static_cast<long long>(count("SELECT count(*) FROM meeting")),
        static_cast<long long>(count("SELECT count(*) FROM journal WHERE kind = 'meeting_held'")));
  }
  std::vector<std::string> programme{
      "--db", db, "report", "--out", (folder / "programme").string(), "--at", "2027-01-01 00:00", "--programme"};
  for (int e = 1; e <= options.events; ++e) programme.push_back(std::to_string(e));
  time_runs("programme report", options.runs, programme);
  time_runs("single-event report", options.runs,
            {"--db", db, "report", "--event", "1", "--out", (folder / "event").string(), "--at", "2027-01-01 00:00"});
  return live_figures(db, options.runs);
}
