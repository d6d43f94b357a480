// A kiosk's first boot from the hub (sync/client/kiosk_setup.h) killed with SIGKILL while it
// writes its database, at seeded points, and started again each time until it is set up: at the
// end it holds the event and every participant once, its database is sound, and it is marked
// ready only then. The test counts the kills that fell amid the kiosk's page writes (the fault
// VFS's trace), which must be most of them, or the run proves little.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include "core/db/sqlite.h"
#include "core/store/store.h"
#include "sync/client/kiosk_setup.h"
#include "tests/sync/sync_cluster.h"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Under the sanitizers fewer people and kills: that pass looks for memory and undefined-behaviour
// errors on these paths, which a dozen kills walk; the release pass's forty spread where they land.
constexpr int kPeople = kSanitizerBuild ? 1'500 : 6'000;
constexpr int kKilledRuns = kSanitizerBuild ? 12 : 40;
constexpr int kMinKills = kSanitizerBuild ? 6 : 10;
constexpr int kMinKillsAmidDownload = kSanitizerBuild ? 4 : 8;

struct SetupRun {
  bool killed = false;
  bool killed_amid_writes = false;
  int exit_status = -1;
};

// Runs setup_kiosk; kills it once `kill_after_writes` page writes were traced (0: never),
// counted from its start or, with `after_enrolment`, from its enrolment's mark on the trace.
SetupRun run_setup(const std::filesystem::path& db, const std::string& ticket, const std::filesystem::path& output,
                   int kill_after_writes, bool after_enrolment) {
  int trace[2];
  EXPECT_EQ(::pipe2(trace, O_CLOEXEC), 0);
  const pid_t pid =
      spawn_process({PASSERELLE_SETUP_KIOSK_BINARY, "--db", db.string(), "--ticket", ticket}, output, trace[1]);
  ::close(trace[1]);
  SetupRun run;
  int writes = 0;
  bool counting = !after_enrolment;
  char bytes[4096];
  for (;;) {
    const ssize_t got = ::read(trace[0], bytes, sizeof bytes);
    if (got <= 0) break;  // the child exited: its end of the pipe closed
    for (ssize_t i = 0; i < got; ++i) {
      if (bytes[i] == 'e') counting = true;
      if (bytes[i] == 'w' && counting) ++writes;
    }
    if (kill_after_writes > 0 && writes >= kill_after_writes) {
      ::kill(pid, SIGKILL);
      run.killed = true;
      run.killed_amid_writes = true;  // right after a page write reached the disk, before its commit ended
      break;
    }
  }
  ::close(trace[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status)) run.exit_status = WEXITSTATUS(status);
  if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
    ADD_FAILURE() << "setup_kiosk died of signal " << WTERMSIG(status);
  return run;
}

TEST(SetupFaults, KilledAmidItsWritesTheKioskStillEndsWithTheWholeRegistry) {
  SyncCluster cluster(kPeople, 61);
  cluster.start_hub();
  TempDir dir;
  const auto db = dir.file("kiosk.db");
  const auto output = dir.file("setup.out");
  std::mt19937 random(61);
  int kills = 0;
  int amid_writes = 0;
  int before_enrolled = 0;
  int amid_download = 0;  // kills counted from the database in place: amid the event or the feed
  bool complete = false;
  for (int run_number = 0; run_number < kKilledRuns + 5 && !complete; ++run_number) {
    ASSERT_EQ(cluster.hub_died(), "");
    const bool existed = std::filesystem::exists(db);
    // A fresh ticket each run: one redeemed by a run killed before its database was in place is
    // spent (docs/sync.md, "Setting up from nothing"), as on a real kiosk.
    const std::string ticket = existed ? std::string("unused") : cluster.enrolment_ticket();
    // Each run dies after a seeded number of page writes. A run without a database dies in its
    // enrolment one time in four (the new file's pages), else the count starts once it is in
    // place. The range widens run by run: early kills fall in the event and the first commits,
    // later ones deep in a page of the feed (a page of 1,000 participants is some hundreds of page
    // writes), and a run that gets past a commit moves the set-up on, so that it ends. From run
    // kKilledRuns on, none is killed.
    const bool kill_in_enrolment = !existed && run_number % 4 == 0;
    const int range = kill_in_enrolment ? 60 : 40 + 10 * run_number;
    const int kill_after =
        run_number >= kKilledRuns ? 0 : 1 + static_cast<int>(random() % static_cast<unsigned>(range));
    const SetupRun run = run_setup(db, ticket, output, kill_after, !existed && !kill_in_enrolment);
    if (run.killed) {
      ++kills;
      if (run.killed_amid_writes) ++amid_writes;
      if (!std::filesystem::exists(db)) ++before_enrolled;
      if (!kill_in_enrolment) ++amid_download;
      continue;
    }
    complete = run.exit_status == 0;
    if (!complete && existed) ADD_FAILURE() << "a run on an existing database failed:\n" << read_text(output);
  }
  ASSERT_TRUE(complete) << read_text(output);
  std::cout << "[ stats    ] " << kills << " kills, " << amid_writes << " amid page writes, " << before_enrolled
            << " before the database was in place, " << amid_download << " amid the event or the feed; "
            << SyncCluster::output_lines(output, "ENROL-FAILED").size() << " spent codes\n";
  EXPECT_GE(kills, kMinKills);
  EXPECT_GE(amid_writes, kMinKills) << "the kills must fall while the kiosk writes";
  EXPECT_GE(amid_download, kMinKillsAmidDownload) << "and most amid the download, where most of the writing is";

  EXPECT_EQ(*kiosk::setup_need(db), kiosk::SetupNeed::ready);
  auto store = Store::open(db);
  ASSERT_TRUE(store) << store.error().message;
  auto check = store->database().query("PRAGMA integrity_check");
  ASSERT_TRUE(check && *check->step());
  EXPECT_EQ(check->column_text(0), "ok");
  auto hub = Store::open(cluster.hub_db());
  ASSERT_TRUE(hub);
  const auto event = hub->resolve_event(std::nullopt);
  ASSERT_TRUE(event);
  EXPECT_EQ(*store->participant_count(event->id), kPeople);
  EXPECT_EQ(store->checkpoints(event->id)->size(), hub->checkpoints(event->id)->size());
  auto hub_ids = hub->external_ids(event->id);
  auto kiosk_ids = store->external_ids(event->id);
  ASSERT_TRUE(hub_ids && kiosk_ids);
  EXPECT_EQ(*kiosk_ids, *hub_ids);
}

}  // namespace
}  // namespace passerelle::testing
