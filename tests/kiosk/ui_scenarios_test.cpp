// The kiosk driven through SDL input only: each scenario (tests/data/kiosk/scenarios) runs as
// `passerelle-kiosk --windowed --size WxH --script ...` under its own Xvfb, on a fresh copy of the
// demo event's kiosk bundle, and passes when the app exits 0 (every `expect` held).
//
// Screenshots are kept in <build>/tests/kiosk/screenshots/<scenario>-<size>[-<language>]/ for
// people to look at. Without Xvfb the tests skip, except under CI=true, where that is a failure.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "tests/kiosk/kiosk_fixture.h"
#include "tests/kiosk/scenario.h"
#include "tests/kiosk/xvfb.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

constexpr const char* kPin = "2468";

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

struct Scenario {
  std::string name;
  std::vector<std::string> extra_args;  // besides window, database, script and PIN
  std::string language;                 // {lang}; empty: not a language scenario
  bool bad_config = false;              // run with a config file that has a typo
  bool fullscreen = false;              // no --windowed: the desktop's size (Xvfb's 1920x1080)
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
  values["pin"] = kPin;
  values["lang"] = scenario.language;
  const auto template_path =
      std::filesystem::path(PASSERELLE_TEST_DATA_DIR) / "kiosk" / "scenarios" / (scenario.name + ".script");
  auto script = expand_scenario(read_file(template_path), size.width, size.height, values);
  ASSERT_TRUE(script.has_value()) << script.error().message;

  TempDir work;
  write_file(work.file(scenario.name + ".script"), *script);
  std::filesystem::copy_file(fixture.kiosk_database, work.file("kiosk.db"));
  std::string label = scenario.name + "-" + size_name(size);
  if (!scenario.language.empty()) label += "-" + scenario.language;
  const auto shots = std::filesystem::path(PASSERELLE_UI_SCREENSHOT_DIR) / label;
  std::filesystem::remove_all(shots);

  std::vector<std::string> argv = {PASSERELLE_KIOSK_BINARY, "--db", work.file("kiosk.db").string(), "--staff-pin", kPin,
                                   "--camera", "none", "--welcome-seconds", "2", "--refusal-seconds", "2",
                                   // The refusals scenario scans one badge twice within seconds.
                                   "--reread-seconds", "0", "--script", work.file(scenario.name + ".script").string(),
                                   "--screenshot-dir", shots.string(), "--verbose"};
  if (scenario.bad_config) {
    write_file(work.file("kiosk.toml"), "[kiosk]\nstaff_pin = \"2468\"\n\n[camera]\nsoruce = \"v4l2\"\n");
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
  // Under AddressSanitizer the whole kiosk process is checked for memory errors, but not for leaks
  // at exit: libdbus (opened by SDL) and the Mesa driver SDL unloads leave allocations LeakSanitizer
  // cannot attribute to a library it could suppress. Our code's leaks are still caught by every
  // in-process suite (views, model, scan, store), which keep leak detection on.
  if (const char* options = std::getenv("ASAN_OPTIONS"))
    child_environment.push_back(std::string("ASAN_OPTIONS=") + options + ":detect_leaks=0");
  else
    child_environment.push_back("ASAN_OPTIONS=detect_leaks=0");
  const auto result = run_process(argv, child_environment, std::chrono::seconds(180), work.file("kiosk.log"));
  EXPECT_FALSE(result.timed_out) << result.output;
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_TRUE(std::filesystem::exists(shots)) << "no screenshots in " << shots;
}

const std::vector<Size> kSizes = {{1920, 1080}, {1280, 800}, {800, 480}};

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
                                            ::testing::ValuesIn(kSizes)),
                         param_name);

TEST(UiFullscreen, NoKeyLeavesTheKiosk) {
  Scenario scenario;
  scenario.name = "fullscreen";
  scenario.fullscreen = true;
  run_scenario(scenario, Size{1920, 1080});
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

INSTANTIATE_TEST_SUITE_P(Kiosk, StaffScenario,
                         ::testing::Combine(::testing::Values("en", "fr", "de", "nl"), ::testing::ValuesIn(kSizes)),
                         param_name);

}  // namespace
}  // namespace passerelle::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  passerelle::testing::FixtureEnvironment::instance = new passerelle::testing::FixtureEnvironment();
  ::testing::AddGlobalTestEnvironment(passerelle::testing::FixtureEnvironment::instance);
  return RUN_ALL_TESTS();
}
