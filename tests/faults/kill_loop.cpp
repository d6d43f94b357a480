// kill_loop: kill -9 a door (kill_loop_door.cpp) again and again while it checks people in, and
// after every kill check what the next start of the kiosk would find: every scan shown green is in
// the journal once, no one is counted twice, the journal's sequence runs 1..n without a gap, and
// (every tenth kill and at the end) PRAGMA integrity_check says ok. It counts where each kill
// landed, from what the door last said: while starting, before a scan's first write, amid its
// writes, in or after its sync, or between scans; a loop whose kills never hit a commit proves
// little, so it fails unless they did (and, with --require-spread, unless every place was hit).
//
// Usage: kill_loop --door PATH [--kills 1000] [--checkins 10000] [--seed 1] [--require-spread]
// Exit status: 0 when every invariant held after every kill, 1 otherwise, 2 on bad usage.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "core/store/store.h"
#include "tests/support/test_support.h"

namespace {

using namespace passerelle;
using Steady = std::chrono::steady_clock;

struct Options {
  std::string door;
  int kills = 1000;
  long checkins = 10000;
  unsigned seed = 1;
  bool require_spread = false;
};

enum Place { starting, before_write, amid_writes, in_sync, between_scans, kPlaces };
constexpr const char* kPlaceNames[kPlaces] = {"while starting", "before the scan's first write", "amid its writes",
                                              "in or after its sync, before the green", "between scans"};

struct Run {
  Place place = starting;
  long in_flight = -1;      // the code whose scan had started and not ended
  long last_finished = -1;  // the last code that ended, green or not
  std::vector<long> greens;
  long scanned = 0;
  bool exited_by_itself = false;
};

// What the door said, byte by byte (see kill_loop_door.cpp).
class Reader {
 public:
  void feed(std::string_view bytes, Run& run) {
    for (char c : bytes) {
      if (line_) {
        if (c != '\n') {
          text_ += c;
          continue;
        }
        const long code = std::stol(text_);
        if (kind_ == 'S') {
          run.in_flight = code;
          run.place = before_write;
        } else {
          if (kind_ == 'G') run.greens.push_back(code);
          run.in_flight = -1;
          run.last_finished = code;
          run.place = between_scans;
          ++run.scanned;
        }
        line_ = false;
        continue;
      }
      switch (c) {
        case 'R':
          ready_ = true;
          run.place = between_scans;
          break;
        case 'w':
          if (ready_ && run.in_flight >= 0) run.place = amid_writes;
          break;
        case 'y':
          if (ready_ && run.in_flight >= 0) run.place = in_sync;
          break;
        case 'S':
        case 'G':
        case 'F':
          kind_ = c;
          line_ = true;
          text_.clear();
          break;
        default:
          break;
      }
    }
  }
  bool ready() const { return ready_; }

 private:
  bool ready_ = false;
  bool line_ = false;
  char kind_ = 0;
  std::string text_;
};

bool parse(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--require-spread") {
      options.require_spread = true;
      continue;
    }
    if (i + 1 >= argc) return false;
    const std::string value = argv[++i];
    if (flag == "--door")
      options.door = value;
    else if (flag == "--kills")
      options.kills = std::stoi(value);
    else if (flag == "--checkins")
      options.checkins = std::stol(value);
    else if (flag == "--seed")
      options.seed = static_cast<unsigned>(std::stoul(value));
    else
      return false;
  }
  return !options.door.empty() && options.kills > 0 && options.checkins > 0;
}

Status prepare(const std::filesystem::path& db, long checkins) {
  PSL_ASSIGN_OR_RETURN(auto store, Store::open(db));
  EventConfig config = default_event_config("Kill loop", "2026-12-08");
  config.checkpoints = {{"Entrance", CheckpointRule::once_per_event, {}}};
  PSL_ASSIGN_OR_RETURN(const auto event, store.create_event(config));
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(store.database()));
  for (long i = 0; i < checkins; ++i) {
    ParticipantRecord record;
    record.external_id = "P" + std::to_string(i);
    record.last_name = "Person " + std::to_string(i);
    record.ticket_codes = {"CODE-" + std::to_string(i)};
    PSL_TRY(store.upsert_participant_in_transaction(event, record));
  }
  return transaction.commit();
}

// The invariants, as the next start of the kiosk finds them. Empty when they hold.
std::string check(const std::filesystem::path& db, const std::set<long>& greens, bool integrity) {
  auto store = Store::open(db);
  if (!store) return "cannot reopen: " + store.error().message;
  auto& database = store->database();
  if (integrity) {
    auto query = database.query("PRAGMA integrity_check");
    auto verdict = query ? query->collect_texts() : Result<std::vector<std::string>>(query.error());
    if (!verdict || *verdict != std::vector<std::string>{"ok"}) return "integrity_check failed";
  }
  auto accepted = database.query("SELECT code FROM journal WHERE outcome = 'accepted'");
  auto codes = accepted ? accepted->collect_texts() : Result<std::vector<std::string>>(accepted.error());
  if (!codes) return "cannot read the journal: " + codes.error().message;
  std::map<long, int> held;
  for (const auto& code : *codes) ++held[std::stol(code.substr(5))];
  for (const auto& [code, count] : held)
    if (count > 1) return "CODE-" + std::to_string(code) + " counted " + std::to_string(count) + " times";
  for (long code : greens)
    if (held[code] != 1) return "CODE-" + std::to_string(code) + " was shown green and is not in the journal";
  auto sequence = database.query("SELECT COUNT(*), COALESCE(MIN(seq), 1), COALESCE(MAX(seq), 0) FROM journal");
  if (!sequence) return "cannot read the sequence";
  if (auto row = sequence->step(); !row || !*row) return "cannot read the sequence";
  const auto count = sequence->column_int(0);
  if (sequence->column_int(1) != 1 || sequence->column_int(2) != count)
    return "the journal's sequence has a gap: " + std::to_string(count) + " entries, seq " +
           std::to_string(sequence->column_int(1)) + ".." + std::to_string(sequence->column_int(2));
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::cerr << "usage: kill_loop --door PATH [--kills N] [--checkins M] [--seed S] [--require-spread]\n";
    return 2;
  }
  ::signal(SIGPIPE, SIG_IGN);
  const testing::TempDir dir;
  const auto db = dir.file("door.db");
  if (auto prepared = prepare(db, options.checkins); !prepared) {
    std::cerr << "kill_loop: " << prepared.error().message << "\n";
    return 1;
  }

  std::mt19937 random(options.seed);
  std::set<long> greens;
  long places[kPlaces] = {};
  long next = 0;
  int kills = 0;
  int integrity_checks = 0;
  double ms_per_scan = 2.0;  // learnt as the loop runs
  const auto started = Steady::now();
  while (kills < options.kills && next < options.checkins) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return 1;
    const std::string from = std::to_string(next), to = std::to_string(options.checkins);
    const pid_t child = ::fork();
    if (child == 0) {
      ::dup2(pipe_fds[1], STDOUT_FILENO);
      ::execl(options.door.c_str(), options.door.c_str(), db.c_str(), from.c_str(), to.c_str(), nullptr);
      ::_exit(127);
    }
    ::close(pipe_fds[1]);
    Run run;
    Reader reader;
    char buffer[4096];
    const auto read_some = [&](int timeout_ms) {
      pollfd ready{pipe_fds[0], POLLIN, 0};
      if (::poll(&ready, 1, timeout_ms) <= 0) return true;
      const ssize_t got = ::read(pipe_fds[0], buffer, sizeof buffer);
      if (got <= 0) return false;
      reader.feed(std::string_view(buffer, static_cast<std::size_t>(got)), run);
      return true;
    };
    // Most kills fall while the door scans; one in twenty while it starts (opening, recovery).
    const bool kill_starting = random() % 20 == 0;
    if (!kill_starting) {
      const auto give_up = Steady::now() + std::chrono::seconds(30);
      while (!reader.ready() && Steady::now() < give_up)
        if (!read_some(100)) break;
    }
    const double codes_per_kill =
        static_cast<double>(options.checkins - next) / static_cast<double>(options.kills - kills);
    std::uniform_real_distribution<double> delay_ms(0.0, kill_starting ? 5.0 : 2.0 * codes_per_kill * ms_per_scan);
    const auto scanning_from = Steady::now();
    const auto kill_at = scanning_from + std::chrono::microseconds(static_cast<long>(delay_ms(random) * 1000));
    bool alive = true;
    while (alive && Steady::now() < kill_at) alive = read_some(1);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    while (read_some(0)) {
      pollfd ready{pipe_fds[0], POLLIN, 0};
      if (::poll(&ready, 1, 0) <= 0) break;
    }
    ::close(pipe_fds[0]);
    run.exited_by_itself = WIFEXITED(status);
    if (run.exited_by_itself && WEXITSTATUS(status) != 0) {
      std::cerr << "kill_loop: the door failed with status " << WEXITSTATUS(status) << "\n";
      return 1;
    }
    const double elapsed = std::chrono::duration<double, std::milli>(Steady::now() - scanning_from).count();
    if (run.scanned > 0) ms_per_scan = 0.8 * ms_per_scan + 0.2 * elapsed / static_cast<double>(run.scanned);
    greens.insert(run.greens.begin(), run.greens.end());
    if (!run.exited_by_itself) {
      ++kills;
      ++places[run.place];
    }
    // The attendee whose scan was cut scans again; the door goes on from there.
    next = run.in_flight >= 0 ? run.in_flight : std::max(next, run.last_finished + 1);
    const bool integrity = kills % 10 == 0 || run.exited_by_itself;
    integrity_checks += integrity ? 1 : 0;
    if (const auto broken = check(db, greens, integrity); !broken.empty()) {
      std::cerr << "kill_loop: after kill " << kills << " (" << kPlaceNames[run.place] << "): " << broken << "\n";
      return 1;
    }
    if (run.exited_by_itself) break;
  }
  const bool final_ok = check(db, greens, true).empty();
  ++integrity_checks;
  const long in_commit = places[amid_writes] + places[in_sync];
  std::cout << "kill loop: " << kills << " kills over " << next << " of " << options.checkins << " check-ins (seed "
            << options.seed << ", " << std::chrono::duration_cast<std::chrono::seconds>(Steady::now() - started).count()
            << " s)\n";
  std::cout << "where the kills landed:";
  for (int place = 0; place < kPlaces; ++place)
    std::cout << (place ? ", " : " ") << kPlaceNames[place] << " " << places[place];
  std::cout << "\ninside a commit (amid writes or in the sync): " << in_commit << " of " << kills << "\n";
  std::cout << "after every kill: every green once, none counted twice, sequence 1..n without a gap; "
            << integrity_checks << " integrity checks ok\n";
  bool ok = final_ok && in_commit > 0;
  if (options.require_spread)
    for (long count : places) ok = ok && count > 0;
  if (!ok) std::cerr << "kill_loop: the kills did not land where they matter, or the last check failed\n";
  return ok ? 0 : 1;
}
