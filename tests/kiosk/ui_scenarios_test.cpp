// The kiosk driven through SDL input only: each scenario (tests/data/kiosk/scenarios) runs as
// `passerelle-kiosk --windowed --size WxH --script ...` under its own Xvfb, on a fresh copy of the
// demo event's kiosk bundle, and passes when the app exits 0 (every `expect` held).
//
// Screenshots are kept in <build>/tests/kiosk/screenshots/<scenario>-<size>[-<language>]/ for
// people to look at. Without Xvfb the tests skip, except under CI=true, where that is a failure.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <future>
#include <initializer_list>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "core/checkin/door_clock.h"
#include "core/db/sqlite.h"
#include "core/store/store.h"
#include "core/util/clock.h"
#include "core/util/uuid.h"
#include "tests/hub/server_process.h"
#include "tests/kiosk/kiosk_fixture.h"
#include "tests/kiosk/scenario.h"
#include "tests/kiosk/xvfb.h"
#include "tests/support/notify_listener.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

struct Size {
  int width;
  int height;
};

std::string size_name(const Size& size) {
  return std::to_string(size.width) + "x" + std::to_string(size.height);
}
// For test names in ctest's listing.
void PrintTo(const Size& size, std::ostream* out) {
  *out << size_name(size);
}

// Built once for the whole binary: issuing and checking the codes takes a second or so.
class FixtureEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    dir_ = std::make_unique<TempDir>();
    auto built = build_kiosk_fixture(dir_->path());
    if (!built) {
      error_ = built.error().message;
      return;
    }
    fixture_ = std::move(*built);
  }
  void TearDown() override { dir_.reset(); }

  static FixtureEnvironment* instance;
  std::unique_ptr<TempDir> dir_;
  std::optional<KioskFixture> fixture_;
  std::string error_;
};
FixtureEnvironment* FixtureEnvironment::instance = nullptr;

bool ci() {
  const char* value = std::getenv("CI");
  return value != nullptr && std::string(value) == "true";
}

// Runs on the test's thread while the kiosk runs: `database` is the kiosk's copy, `shots` its
// screenshot directory, and `running()` turns false once the kiosk has exited.
using Alongside = std::function<void(const std::filesystem::path& database, const std::filesystem::path& shots,
                                     const std::function<bool()>& running)>;

struct Scenario {
  std::string name;
  std::vector<std::string> extra_args;  // besides window, database, script and PIN
  std::string language;                 // {lang}; empty: not a language scenario
  bool bad_config = false;              // run with a config file that has a typo
  bool fullscreen = false;              // no --windowed: the desktop's size (Xvfb's 1920x1080)
  std::string script;                   // the template itself; empty: scenarios/<name>.script
  Alongside alongside;                  // empty: nothing runs beside the kiosk
  // Before the kiosk starts, on its copy of the fixture's database.
  std::function<void(const std::filesystem::path& database)> before;
  // After the kiosk exited, on its database.
  std::function<void(const std::filesystem::path& database)> after;
  std::vector<std::string> environment;  // more of the kiosk's, as NAME=VALUE
  // First boot: no kiosk database; the fixture's bundle waits on a "USB stick" (a folder the
  // config names in bundle_folders) and `config` adds to the config file. The kiosk's database,
  // once set up, is where `after` finds it.
  bool first_boot = false;
  std::string config;
};

void run_scenario(const Scenario& scenario, const Size& size) {
  auto* environment = FixtureEnvironment::instance;
  ASSERT_TRUE(environment->fixture_.has_value()) << "fixture: " << environment->error_;
  if (!Xvfb::available()) {
    if (ci()) FAIL() << "Xvfb is not installed, and CI=true requires the UI tests to run";
    GTEST_SKIP() << "Xvfb is not installed (apt-get install xvfb)";
  }
  const KioskFixture& fixture = *environment->fixture_;

  std::map<std::string, std::string> values;
  for (const auto& [name, value] : fixture.values) values[name.starts_with("manual") ? name : "code:" + name] = value;
  values["pin"] = kStaffPin;  // the bundle carries its hash
  values["lang"] = scenario.language;
  const auto template_path =
      std::filesystem::path(PASSERELLE_TEST_DATA_DIR) / "kiosk" / "scenarios" / (scenario.name + ".script");
  const std::string script_template = scenario.script.empty() ? read_file(template_path) : scenario.script;
  auto script = expand_scenario(script_template, size.width, size.height, values);
  ASSERT_TRUE(script.has_value()) << script.error().message;

  TempDir work;
  write_file(work.file(scenario.name + ".script"), *script);
  const auto stick = work.path() / "media" / "KIOSKS";
  if (scenario.first_boot) {
    std::filesystem::create_directories(stick);
    std::filesystem::copy_file(fixture.kiosk_database, stick / "kiosk-door-1.db");
  } else {
    std::filesystem::copy_file(fixture.kiosk_database, work.file("kiosk.db"));
  }
  if (scenario.before) scenario.before(work.file("kiosk.db"));
  std::string label = scenario.name + "-" + size_name(size);
  if (!scenario.language.empty()) label += "-" + scenario.language;
  const auto shots = std::filesystem::path(PASSERELLE_UI_SCREENSHOT_DIR) / label;
  std::filesystem::remove_all(shots);

  std::vector<std::string> argv = {PASSERELLE_KIOSK_BINARY, "--db", work.file("kiosk.db").string(), "--camera", "none",
                                   "--welcome-seconds", "2", "--refusal-seconds", "2",
                                   // The refusals scenario scans one badge twice within seconds.
                                   "--reread-seconds", "0", "--script", work.file(scenario.name + ".script").string(),
                                   "--screenshot-dir", shots.string(), "--verbose",
                                   // Each scripted click takes about six frames (press, release, settle):
                                   // at the kiosk's 30 fps a staff scenario spent most of its seven
                                   // seconds waiting for frames. What a frame shows does not depend on
                                   // the rate; 60 rather than more, as two scenarios share two cores
                                   // with other suites and a frame at 1920x1080 costs ~20 ms of CPU.
                                   "--max-fps", "60"};
  if (scenario.first_boot) {
    write_file(work.file("kiosk.toml"),
               "[kiosk]\nbundle_folders = [\"" + (work.path() / "media").string() + "\"]\n" + scenario.config);
    argv.push_back("--config");
    argv.push_back(work.file("kiosk.toml").string());
  }
  if (scenario.bad_config) {
    write_file(work.file("kiosk.toml"),
               "[kiosk]\nstaff_pin_hash = \"" + std::string(kStaffPinHash) + "\"\n\n[camera]\nsoruce = \"v4l2\"\n");
    argv.push_back("--config");
    argv.push_back(work.file("kiosk.toml").string());
  }
  if (!scenario.fullscreen) {
    argv.push_back("--windowed");
    argv.push_back("--size");
    argv.push_back(size_name(size));
  }
  argv.insert(argv.end(), scenario.extra_args.begin(), scenario.extra_args.end());

  auto xvfb = Xvfb::start();
  ASSERT_TRUE(xvfb.has_value()) << xvfb.error().message;
  // The dummy audio driver plays the sounds into nothing, so that path runs too.
  std::vector<std::string> child_environment = {"DISPLAY=" + (*xvfb)->display(), "SDL_AUDIODRIVER=dummy"};
  child_environment.insert(child_environment.end(), scenario.environment.begin(), scenario.environment.end());
  // Under AddressSanitizer the whole kiosk process is checked for memory errors, but not for leaks
  // at exit: libdbus (opened by SDL) and the Mesa driver SDL unloads leave allocations LeakSanitizer
  // cannot attribute to a library it could suppress. Our code's leaks are still caught by every
  // in-process suite (views, model, scan, store), which keep leak detection on.
  if (const char* options = std::getenv("ASAN_OPTIONS"))
    child_environment.push_back(std::string("ASAN_OPTIONS=") + options + ":detect_leaks=0");
  else
    child_environment.push_back("ASAN_OPTIONS=detect_leaks=0");
  const auto run_kiosk = [&] {
    return run_process(argv, child_environment, std::chrono::seconds(180), work.file("kiosk.log"));
  };
  ProcessResult result;
  if (scenario.alongside) {
    std::atomic<bool> running{true};
    auto kiosk = std::async(std::launch::async, [&] {
      auto done = run_kiosk();
      running = false;
      return done;
    });
    scenario.alongside(work.file("kiosk.db"), shots, [&] { return running.load(); });
    result = kiosk.get();
  } else {
    result = run_kiosk();
  }
  EXPECT_FALSE(result.timed_out) << result.output;
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_TRUE(std::filesystem::exists(shots)) << "no screenshots in " << shots;
  if (scenario.after) scenario.after(work.file("kiosk.db"));
}

const std::vector<Size> kSizes = {{1920, 1080}, {1280, 800}, {800, 480}};
// The sizes the size-parametrised suites run at. The sanitizer pass runs the kiosk once per
// scenario, at the middle size: a window size changes the layout's numbers, not the code a memory
// or undefined-behaviour error would be in, and three kiosks under ASan per scenario took a
// seventh of CI's 40 minutes. The release pass runs every size.
#ifdef PASSERELLE_UI_ONE_SIZE
const std::vector<Size> kRunSizes = {kSizes[1]};
#else
const std::vector<Size> kRunSizes = kSizes;
#endif

std::string param_name(const ::testing::TestParamInfo<std::tuple<std::string, Size>>& param) {
  return std::get<0>(param.param) + "_" + size_name(std::get<1>(param.param));
}

class UiScenario : public ::testing::TestWithParam<std::tuple<std::string, Size>> {};

TEST_P(UiScenario, Passes) {
  const auto& [name, size] = GetParam();
  Scenario scenario;
  scenario.name = name;
  if (name == "not_admitted") {
    ASSERT_TRUE(FixtureEnvironment::instance->fixture_.has_value()) << FixtureEnvironment::instance->error_;
    scenario.extra_args = {"--checkpoint", FixtureEnvironment::instance->fixture_->not_admitted_checkpoint};
  }
  scenario.bad_config = name == "config_error";
  run_scenario(scenario, size);
}

INSTANTIATE_TEST_SUITE_P(Kiosk, UiScenario,
                         ::testing::Combine(::testing::Values("accept", "refusals", "not_admitted", "lockout",
                                                              "config_error"),
                                            ::testing::ValuesIn(kRunSizes)),
                         param_name);

// Issue #16, first boot: a kiosk with no database, a bundle on a stick, no keyboard.
class UiFirstBootSizes : public ::testing::TestWithParam<Size> {};

TEST_P(UiFirstBootSizes, ABundleFromAStickSetsTheKioskUp) {
  TempDir dir;
  auto listener = NotifyListener::create(dir.file("notify"));
  ASSERT_TRUE(listener) << listener.error().message;
  Scenario scenario;
  scenario.name = "first_boot_bundle";
  scenario.first_boot = true;
  scenario.environment = {(*listener)->environment()};
  scenario.after = [](const std::filesystem::path& database) {
    auto store = Store::open(database);
    ASSERT_TRUE(store) << store.error().message;
    auto event = store->resolve_event(std::nullopt);
    ASSERT_TRUE(event);
    EXPECT_EQ(store->journal_entries(event->id)->size(), 1u);  // the one badge scanned after
  };
  run_scenario(scenario, GetParam());
  // `systemctl status` follows: first boot, then the kiosk once it is set up.
  const auto messages = (*listener)->messages();
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages.front().text, "READY=1\nSTATUS=showing the first-boot screen");
  EXPECT_EQ(count_lines(messages, "STATUS=showing the kiosk"), 1u);
}

INSTANTIATE_TEST_SUITE_P(Kiosk, UiFirstBootSizes, ::testing::ValuesIn(kRunSizes),
                         [](const ::testing::TestParamInfo<Size>& param) { return size_name(param.param); });

// Issue #16, first boot with a network: the technician holds the hub's enrolment code up to the
// scanner; the kiosk enrols, receives its event and the whole registry from the real hub, and is
// at the door with the staff PIN the hub holds.
TEST(UiFirstBoot, AnEnrolmentCodeSetsTheKioskUpFromTheHub) {
  ASSERT_TRUE(FixtureEnvironment::instance->fixture_.has_value()) << FixtureEnvironment::instance->error_;
  const KioskFixture& fixture = *FixtureEnvironment::instance->fixture_;
  TempDir hub_dir;
  const auto hub_db = hub_dir.file("hub.db");
  std::filesystem::copy_file(fixture.hub_database, hub_db);
  std::string error;
  auto hub = ServerProcess::start({"--db", hub_db.string(), "serve", "--listen", "127.0.0.1:0"},
                                  hub_dir.file("hub.log"), error);
  ASSERT_TRUE(hub) << error;
  const auto enrol = run_process({PASSERELLE_HUB_BINARY, "--db", hub_db.string(), "enrol", "--event",
                                  std::to_string(fixture.event_id), "--hub-url", hub->url(), "--name", "Door 1"},
                                 {}, std::chrono::seconds(60), hub_dir.file("enrol.log"));
  ASSERT_EQ(enrol.status, 0) << enrol.output;
  const std::string ticket = enrol.output.substr(0, enrol.output.find('\n'));
  ASSERT_TRUE(ticket.starts_with("PSLENROL1 ")) << enrol.output;

  Scenario scenario;
  scenario.name = "first_boot_hub";
  scenario.first_boot = true;
  scenario.script =
      "expect screen first_boot\nscreenshot first_boot\n"
      // A badge first: nothing to check it against yet, and the screen says so.
      "text {code:accepted_en}\nkey RETURN\nwait 300\nscreenshot not_a_ticket\nexpect screen first_boot\n"
      "text " +
      ticket +
      "\nkey RETURN\n"
      "timeout 60000\nexpect screen scan\nscreenshot scan\n"
      "text {code:accepted_en}\nkey RETURN\nexpect screen welcome\nexpect screen scan\n"
      "@click staff_button\nexpect screen staff\n@pin {pin}\nexpect staff unlocked\nquit\n";
  scenario.after = [&](const std::filesystem::path& database) {
    auto store = Store::open(database);
    ASSERT_TRUE(store) << store.error().message;
    auto hub_file = Store::open(hub_db);
    ASSERT_TRUE(hub_file);
    EXPECT_EQ(*store->participant_count(fixture.event_id), *hub_file->participant_count(fixture.event_id));
    EXPECT_EQ(store->journal_entries(fixture.event_id)->size(), 1u);
    EXPECT_EQ(store->staff_pin_hash(fixture.event_id)->value_or(""), kStaffPinHash);
  };
  run_scenario(scenario, Size{1280, 800});
}

// Issue #16: under systemd's Type=notify with a watchdog (deploy/systemd/passerelle-kiosk.service),
// the kiosk says READY=1 at its first frame and beats from its frame loop: a frame that hangs
// (the script's `stall`, the UI thread asleep for 3 s) stops the beats, and they come back after.
TEST(UiWatchdog, AHungFrameStopsTheBeats) {
  TempDir dir;
  auto listener = NotifyListener::create(dir.file("notify"));
  ASSERT_TRUE(listener) << listener.error().message;
  Scenario scenario;
  scenario.name = "watchdog";
  scenario.script = "expect screen scan\nscreenshot scan\nwait 1000\nstall 3000\nwait 1000\nquit\n";
  scenario.environment = {(*listener)->environment(), "WATCHDOG_USEC=200000"};  // a beat per 100 ms
  run_scenario(scenario, Size{800, 480});

  const auto messages = (*listener)->messages();
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages.front().text, "READY=1\nSTATUS=showing the kiosk");
  EXPECT_EQ(count_lines(messages, "STOPPING=1"), 1u);
  const auto beats = arrivals(messages, "WATCHDOG=1");
  ASSERT_GE(beats.size(), 4u);
  // The stall is the one long silence: no beat for its 3 s (the kernel's arrival times; 100 ms of
  // slack for the clock's rounding), beats before it and after it.
  std::size_t longest = 0;
  for (std::size_t i = 1; i < beats.size(); ++i)
    if (beats[i] - beats[i - 1] > beats[longest + 1] - beats[longest]) longest = i - 1;
  EXPECT_GE(beats[longest + 1] - beats[longest], 2900) << "no beat may come from a hung frame";
  EXPECT_GE(longest, 1u) << "beats before the stall";
  EXPECT_LT(longest + 2, beats.size()) << "beats after the stall";
}

TEST(UiFullscreen, NoKeyLeavesTheKiosk) {
  Scenario scenario;
  scenario.name = "fullscreen";
  scenario.fullscreen = true;
  run_scenario(scenario, Size{1920, 1080});
}

// Runs each statement on the kiosk's database with ?1..?4 bound to b2b_a, b2b_b and b2b_c's ids
// and the time now: every statement names all four (one binding fits them all).
void run_with_b2b_people(const std::filesystem::path& database, std::initializer_list<const char*> statements) {
  const auto& values = FixtureEnvironment::instance->fixture_->values;
  auto kiosk = db::Database::open(database, db::OpenMode::read_write);
  ASSERT_TRUE(kiosk) << kiosk.error().message;
  const std::int64_t now = SystemClock().wall_ms();
  const std::int64_t a = std::stoll(values.at("b2b_a_id")), b = std::stoll(values.at("b2b_b_id"));
  const std::int64_t c = std::stoll(values.at("b2b_c_id"));
  for (const char* sql : statements) {
    auto update = kiosk->query(sql);
    ASSERT_TRUE(update) << update.error().message;
    ASSERT_TRUE(update->bind_all(a, b, c, now).run());
  }
}

// A B2B area kiosk (docs/B2B_AREA.md): the meetings of the scenario's people are moved to the time
// it runs (a meeting of b2b_a and b2b_b that began two minutes ago, one of b2b_c's in an hour, the
// others cancelled), so that each scan finds the state its screenshot shows.
void move_meetings_to_now(const std::filesystem::path& database) {
  run_with_b2b_people(
      database,
      {"UPDATE meeting SET status = 'cancelled' WHERE (participant_a IN (?1, ?2, ?3) OR participant_b IN (?1, ?2, "
       "?3)) AND ?4 > 0",
       "UPDATE meeting SET status = 'scheduled', slot_start_ms = ?4 - 120000, slot_end_ms = ?4 + 1080000 "
       "WHERE participant_a = min(?1, ?2) AND participant_b = max(?1, ?2) OR participant_a = max(?1, ?2) AND "
       "participant_b = min(?1, ?2)",
       "UPDATE meeting SET status = 'scheduled', slot_start_ms = ?4 + 3600000, slot_end_ms = ?4 + 4800000 "
       "WHERE id = (SELECT min(id) FROM meeting WHERE (participant_a = ?3 OR participant_b = ?3) AND "
       "participant_a NOT IN (?1, ?2) AND participant_b NOT IN (?1, ?2))"});
}

// As move_meetings_to_now, with every other meeting of the hour around now cancelled: whether a
// walk-in finds a free table must not depend on the time of day the test runs (at 10:26 the demo's
// schedule fills every table of Hall Maas for the next slots: seen failing in CI).
void free_tables_around_now(const std::filesystem::path& database) {
  move_meetings_to_now(database);
  run_with_b2b_people(database, {"UPDATE meeting SET status = 'cancelled' WHERE slot_end_ms > ?4 - 1800000 AND "
                                 "slot_start_ms < ?4 + 3600000 AND participant_a NOT IN (?1, ?2, ?3) AND "
                                 "participant_b NOT IN (?1, ?2, ?3)"});
}

// b2b_a and b2b_b's meeting in its last three minutes, both partners' scans at its start taken at
// another kiosk (as sync would bring them): each is asked the question at their next scan.
void held_meeting_ending_now(const std::filesystem::path& database) {
  move_meetings_to_now(database);
  run_with_b2b_people(database, {"UPDATE meeting SET slot_start_ms = ?4 - 1020000, slot_end_ms = ?4 + 180000 "
                                 "WHERE status = 'scheduled' AND participant_a IN (?1, ?2) AND participant_b IN (?1, "
                                 "?2) AND ?3 > 0"});
  const auto& values = FixtureEnvironment::instance->fixture_->values;
  auto kiosk = db::Database::open(database, db::OpenMode::read_write);
  ASSERT_TRUE(kiosk) << kiosk.error().message;
  const std::int64_t now = SystemClock().wall_ms();
  const std::int64_t a = std::stoll(values.at("b2b_a_id")), b = std::stoll(values.at("b2b_b_id"));
  std::int64_t seq = 0;
  for (const std::int64_t person : {a, b}) {
    auto insert = kiosk->query(
        "INSERT INTO journal(uuid, device_id, seq, event_id, kind, outcome, participant_id, checkpoint_id, wall_ms, "
        "monotonic_ns, local_day) SELECT ?1, 'other-kiosk', ?2, c.event_id, 'meeting_held', 'accepted', ?3, c.id, "
        "?4, 0, '2026-01-01' FROM checkpoint c WHERE c.name = 'B2B tables: Hall Maas'");
    ASSERT_TRUE(insert);
    ASSERT_TRUE(insert->bind_all(make_uuid_v7(now - 1000000), ++seq, person, now - 1000000).run());
  }
}

TEST(UiB2bArea, EachPartnerIsAskedInTheirLanguageAndMayAnswerOrSkip) {
  for (const Size size : {Size{1280, 800}, Size{800, 480}}) {
    Scenario scenario;
    scenario.name = "b2b_question";
    scenario.extra_args = {"--checkpoint", "B2B tables: Hall Maas"};
    scenario.before = held_meeting_ending_now;
    run_scenario(scenario, size);
  }
}

TEST(UiB2bArea, PartnersConfirmAMeetingAndOthersSeeTheirNextOrNone) {
  for (const Size size : {Size{1920, 1080}, Size{800, 480}}) {
    Scenario scenario;
    scenario.name = "b2b_area";
    scenario.extra_args = {"--checkpoint", "B2B tables: Hall Maas"};
    scenario.before = move_meetings_to_now;
    run_scenario(scenario, size);
  }
}

// A walk-in (docs/B2B_AREA.md, "Walk-ins"): placed at a free table of the kiosk's hall, after the
// host's own badge was scanned by mistake; then one cancelled.
TEST(UiB2bArea, AWalkInTakesThePartnersBadgeAndGivesAFreeTable) {
  for (const Size size : {Size{1280, 800}, Size{800, 480}}) {
    Scenario scenario;
    scenario.name = "b2b_walk_in";
    scenario.extra_args = {"--checkpoint", "B2B tables: Hall Maas"};
    scenario.before = free_tables_around_now;
    run_scenario(scenario, size);
  }
}

// At the door, after b2b_a's agenda was printed with other meetings than those they now hold.
TEST(UiB2bArea, TheDoorSaysAPrintedAgendaIsOutOfDate) {
  Scenario scenario;
  scenario.name = "agenda_changed";
  scenario.before = [](const std::filesystem::path& database) {
    move_meetings_to_now(database);
    auto kiosk = db::Database::open(database, db::OpenMode::read_write);
    ASSERT_TRUE(kiosk) << kiosk.error().message;
    auto printed = kiosk->query("UPDATE participant SET agenda_printed = '0123456789abcdef' WHERE id = ?");
    ASSERT_TRUE(printed);
    const std::int64_t id = std::stoll(FixtureEnvironment::instance->fixture_->values.at("b2b_a_id"));
    ASSERT_TRUE(printed->bind_all(id).run());
  };
  run_scenario(scenario, Size{1280, 800});
}

// The staff screen's device section after the door's clock went back 62 minutes (the record the
// check-in worker leaves, core/checkin/door_clock.h): the warning is drawn (screenshot "device").
// Then its date section and a rehearsal (docs/CLOCKS.md, "Rehearsal"): what was scanned in it is
// cleared, and only the check-in made after it is in the journal.
TEST(UiDoorClock, TheStaffScreenSaysTheClockWentBackAndRunsARehearsal) {
  Scenario scenario;
  scenario.name = "door_clock";
  scenario.after = [](const std::filesystem::path& database) {
    auto kiosk = db::Database::open(database, db::OpenMode::read_write);
    ASSERT_TRUE(kiosk) << kiosk.error().message;
    const auto count = [&](const char* sql) {
      auto select = kiosk->query(sql);
      EXPECT_TRUE(select);
      if (!select) return std::int64_t{-1};
      auto row = select->step();
      return row && *row ? select->column_int(0) : std::int64_t{-1};
    };
    EXPECT_EQ(count("SELECT count(*) FROM journal WHERE kind = 'checkin'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM journal WHERE kind = 'rejected_scan'"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM rehearsal_entry"), 0);
  };
  scenario.before = [](const std::filesystem::path& database) {
    auto kiosk = db::Database::open(database, db::OpenMode::read_write);
    ASSERT_TRUE(kiosk) << kiosk.error().message;
    const auto noticed_ms = SystemClock().wall_ms() - 10 * 60'000;
    auto insert = kiosk->query("INSERT OR REPLACE INTO local_state(key, value) VALUES (?, ?)");
    ASSERT_TRUE(insert);
    ASSERT_TRUE(insert->bind_all(std::string(kClockFaultKey), "back 3720000 " + std::to_string(noticed_ms)).run());
  };
  run_scenario(scenario, Size{1280, 800});
}

// Manual check-in through the staff screen, with the staff language switched there first.
class StaffScenario : public ::testing::TestWithParam<std::tuple<std::string, Size>> {};

TEST_P(StaffScenario, ManualCheckin) {
  const auto& [language, size] = GetParam();
  Scenario scenario;
  scenario.name = "manual";
  scenario.language = language;
  run_scenario(scenario, size);
}

// English at every size; the other languages at the middle size, and German, whose words run
// longest, on the smallest screen too: twelve runs became seven, each a scenario of thirty clicks.
// Under the sanitizers, German on the smallest screen only: the longest words in the least room.
#ifdef PASSERELLE_UI_ONE_SIZE
INSTANTIATE_TEST_SUITE_P(Kiosk, StaffScenario, ::testing::Values(std::tuple{std::string("de"), kSizes[2]}), param_name);
#else
INSTANTIATE_TEST_SUITE_P(
    Kiosk, StaffScenario,
    ::testing::Values(std::tuple{std::string("en"), kSizes[0]}, std::tuple{std::string("en"), kSizes[1]},
                      std::tuple{std::string("en"), kSizes[2]}, std::tuple{std::string("fr"), kSizes[1]},
                      std::tuple{std::string("de"), kSizes[1]}, std::tuple{std::string("de"), kSizes[2]},
                      std::tuple{std::string("nl"), kSizes[1]}),
    param_name);
#endif

// The checks before the doors open (kiosk/model/readiness.h) on the staff screen, with a badge
// scanned there as a test: shown, never judged, never journalled; then a checkpoint chosen there
// is kept in the database for the next start (registry_test.cpp starts from it). English at every size, German
// (the longest words) on the smallest screen.
class ChecksScenario : public ::testing::TestWithParam<std::tuple<std::string, Size>> {};

TEST_P(ChecksScenario, ATestScanShowsAndChecksNobodyIn) {
  const auto& [language, size] = GetParam();
  Scenario scenario;
  scenario.name = "checks";
  scenario.language = language;
  scenario.after = [](const std::filesystem::path& database) {
    auto kiosk = db::Database::open(database, db::OpenMode::read_only);
    ASSERT_TRUE(kiosk) << kiosk.error().message;
    auto query = kiosk->query("SELECT count(*) FROM journal");
    ASSERT_TRUE(query) << query.error().message;
    auto row = query->step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(query->column_int(0), 0) << "a test read is never a check-in nor a rejected scan";
    // The checkpoint staff chose, kept in local_state (kiosk/model/saved_place.h) for the next start.
    auto saved = kiosk->query(
        "SELECT count(*) FROM local_state WHERE key LIKE 'kiosk.place.%' AND value LIKE '% entry' AND "
        "CAST(value AS INTEGER) <> (SELECT id FROM checkpoint WHERE name = 'Entrance')");
    ASSERT_TRUE(saved) << saved.error().message;
    auto saved_row = saved->step();
    ASSERT_TRUE(saved_row && *saved_row);
    EXPECT_EQ(saved->column_int(0), 1) << "the second checkpoint, chosen on the staff screen, is kept";
  };
  run_scenario(scenario, size);
}

#ifdef PASSERELLE_UI_ONE_SIZE
INSTANTIATE_TEST_SUITE_P(Kiosk, ChecksScenario, ::testing::Values(std::tuple{std::string("de"), kSizes[2]}),
                         param_name);
#else
INSTANTIATE_TEST_SUITE_P(Kiosk, ChecksScenario,
                         ::testing::Values(std::tuple{std::string("en"), kSizes[0]},
                                           std::tuple{std::string("en"), kSizes[1]},
                                           std::tuple{std::string("en"), kSizes[2]},
                                           std::tuple{std::string("de"), kSizes[2]}),
                         param_name);
#endif

// The store stops taking writes in the middle of a session (a full disk, played by a trigger that
// another connection adds to the kiosk's database while it runs), then takes them again. The test
// and the script keep in step through screenshots (the script has reached a step) and the
// checkpoint's name, which the test renames in the same transaction as each change to the trigger
// and which the kiosk's registry watcher (--refresh-seconds 1) brings to the screen state.
constexpr const char* kStoreFailureScript = R"(# Out of order while the store fails, never a welcome.
timeout 30000
expect screen scan
expect checkpoint Entrance
text {code:accepted}
key RETURN
expect screen welcome
click 0.5 0.6
expect screen scan
screenshot before-failure
expect checkpoint Entrance (disk full)
text {code:accepted_en}
key RETURN
expect screen out_of_order
expect outcome none
screenshot out_of_order
wait 500
expect screen out_of_order
expect checkpoint Entrance (repaired)
# Nothing retries the refused scan: the same badge again, and now it commits.
text {code:accepted_en}
key RETURN
expect screen welcome
expect outcome accepted
screenshot recovered
quit
)";

// Waits until the kiosk has written screenshot `name`, the script's sign that it reached that step.
// The bound only keeps a broken run from hanging; the kiosk's own expect timeout fails it first.
bool wait_for_screenshot(const std::filesystem::path& shots, const std::string& name,
                         const std::function<bool()>& running) {
  const auto path = shots / (name + ".png");
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(150);
  while (running() && std::chrono::steady_clock::now() < give_up) {
    if (std::filesystem::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return std::filesystem::exists(path);
}

Status change_kiosk_database(const std::filesystem::path& database, std::string_view sql) {
  PSL_ASSIGN_OR_RETURN(auto connection, db::Database::open(database, db::OpenMode::read_write));
  return connection.exec(sql);
}

class UiStoreFailure : public ::testing::TestWithParam<Size> {};

TEST_P(UiStoreFailure, OutOfOrderNeverWelcomesThenRecoversOnTheNextScan) {
  Scenario scenario;
  scenario.name = "store_failure";
  scenario.script = kStoreFailureScript;
  scenario.extra_args = {"--refresh-seconds", "1"};
  scenario.alongside = [](const std::filesystem::path& database, const std::filesystem::path& shots,
                          const std::function<bool()>& running) {
    ASSERT_TRUE(wait_for_screenshot(shots, "before-failure", running)) << "the kiosk never reached the first scan";
    const auto broken =
        change_kiosk_database(database,
                              "BEGIN IMMEDIATE;"
                              "CREATE TRIGGER test_disk_full BEFORE INSERT ON journal "
                              "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;"
                              "UPDATE checkpoint SET name = 'Entrance (disk full)' WHERE name = 'Entrance';"
                              "COMMIT;");
    ASSERT_TRUE(broken) << broken.error().message;
    ASSERT_TRUE(wait_for_screenshot(shots, "out_of_order", running)) << "the kiosk never showed out of order";
    const auto repaired = change_kiosk_database(database,
                                                "BEGIN IMMEDIATE;"
                                                "DROP TRIGGER test_disk_full;"
                                                "UPDATE checkpoint SET name = 'Entrance (repaired)' "
                                                "WHERE name = 'Entrance (disk full)';"
                                                "COMMIT;");
    ASSERT_TRUE(repaired) << repaired.error().message;
  };
  scenario.after = [](const std::filesystem::path& database) {
    // The refused write left nothing behind: two scans committed, both accepted, and the badge
    // that met the full disk was accepted afterwards rather than "already checked in".
    auto connection = db::Database::open(database, db::OpenMode::read_only);
    ASSERT_TRUE(connection) << connection.error().message;
    auto query = connection->query("SELECT count(*), sum(outcome = 'accepted') FROM journal");
    ASSERT_TRUE(query) << query.error().message;
    auto row = query->step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(query->column_int(0), 2);
    EXPECT_EQ(query->column_int(1), 2);
  };
  run_scenario(scenario, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Kiosk, UiStoreFailure, ::testing::ValuesIn(kRunSizes),
                         [](const ::testing::TestParamInfo<Size>& param) { return size_name(param.param); });

}  // namespace
}  // namespace passerelle::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  passerelle::testing::FixtureEnvironment::instance = new passerelle::testing::FixtureEnvironment();
  ::testing::AddGlobalTestEnvironment(passerelle::testing::FixtureEnvironment::instance);
  return RUN_ALL_TESTS();
}
