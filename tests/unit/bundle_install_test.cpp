// install_kiosk_bundle (core/store/bundle.h): a kiosk at first boot takes its database from a file
// on a USB stick. A real bundle goes in whole; everything else is refused with a reason and leaves
// no database behind, and the stick is never written.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "core/config/event_config.h"
#include "core/store/bundle.h"
#include "core/store/store.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

class BundleInstall : public ::testing::Test {
 protected:
  void SetUp() override {
    auto hub = Store::open(dir_.file("hub.db"));
    ASSERT_TRUE(hub) << hub.error().message;
    auto event = hub->create_event(default_event_config("Stick forum", "2026-05-04"));
    ASSERT_TRUE(event);
    event_ = *event;
    auto transaction = db::Transaction::begin(hub->database());
    ASSERT_TRUE(transaction);
    for (const auto& record : testing::generate_participants(40, 3))
      ASSERT_TRUE(hub->upsert_participant_in_transaction(event_, record));
    ASSERT_TRUE(transaction->commit());
    std::filesystem::create_directories(stick());
    auto written = write_kiosk_bundle(*hub, event_, stick() / "kiosk-door-1.db");
    ASSERT_TRUE(written) << written.error().message;
  }

  std::filesystem::path stick() const { return dir_.path() / "media" / "STICK"; }
  std::filesystem::path target() const { return dir_.path() / "kiosk" / "kiosk.db"; }

  void write_file(const std::filesystem::path& path, const std::string& bytes) const {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }

  void expect_refused(const std::filesystem::path& source, Errc code, const std::string& words) {
    const auto installed = install_kiosk_bundle(source, target());
    ASSERT_FALSE(installed) << "installed " << source;
    EXPECT_EQ(installed.error().code, code);
    EXPECT_NE(installed.error().message.find(words), std::string::npos) << installed.error().message;
    EXPECT_FALSE(std::filesystem::exists(target()));
    // Nothing half-written beside it either.
    for (const auto& entry : std::filesystem::directory_iterator(target().parent_path()))
      ADD_FAILURE() << "left behind: " << entry.path();
  }

  testing::TempDir dir_;
  std::int64_t event_ = 0;
};

TEST_F(BundleInstall, ABundleBecomesTheKiosksDatabase) {
  std::filesystem::create_directories(target().parent_path());
  const auto before = std::filesystem::last_write_time(stick() / "kiosk-door-1.db");
  const auto installed = install_kiosk_bundle(stick() / "kiosk-door-1.db", target());
  ASSERT_TRUE(installed) << installed.error().message;
  EXPECT_EQ(installed->event_name, "Stick forum");
  EXPECT_EQ(installed->participants, 40);
  EXPECT_EQ(std::filesystem::last_write_time(stick() / "kiosk-door-1.db"), before);  // the stick is only read

  struct stat info {};
  ASSERT_EQ(::stat(target().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);  // the registry's personal data
  auto kiosk = Store::open(target());
  ASSERT_TRUE(kiosk);
  EXPECT_EQ(*kiosk->participant_count(event_), 40);
  EXPECT_FALSE(*kiosk->active_signing_key(event_));  // a kiosk never signs
}

TEST_F(BundleInstall, NeverReplacesADatabase) {
  std::filesystem::create_directories(target().parent_path());
  write_file(target(), "the kiosk's own");
  const auto installed = install_kiosk_bundle(stick() / "kiosk-door-1.db", target());
  ASSERT_FALSE(installed);
  EXPECT_EQ(installed.error().code, Errc::conflict);
  std::ifstream in(target());
  std::string held((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(held, "the kiosk's own");
}

TEST_F(BundleInstall, RefusesWhatIsNoBundle) {
  std::filesystem::create_directories(target().parent_path());
  write_file(stick() / "photo.db", "\xff\xd8\xff\xe0 not a database at all");
  expect_refused(stick() / "photo.db", Errc::invalid_input, "not an SQLite database");

  // The hub's own file: more than one event.
  {
    auto hub = Store::open(dir_.file("hub.db"));
    ASSERT_TRUE(hub);
    ASSERT_TRUE(hub->create_event(default_event_config("Second", "2026-06-01")));
  }
  std::filesystem::copy_file(dir_.file("hub.db"), stick() / "hub.db");
  expect_refused(stick() / "hub.db", Errc::invalid_input, "2 events");

  // An empty SQLite database: no event.
  { ASSERT_TRUE(Store::open(stick() / "empty.db")); }
  expect_refused(stick() / "empty.db", Errc::invalid_input, "0 events");
}

TEST_F(BundleInstall, RefusesADamagedBundle) {
  std::filesystem::create_directories(target().parent_path());
  const auto damaged = stick() / "damaged.db";
  std::filesystem::copy_file(stick() / "kiosk-door-1.db", damaged);
  // Garbage over every page after the first: the header still says SQLite.
  const auto size = std::filesystem::file_size(damaged);
  {
    std::fstream file(damaged, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096);
    const std::string garbage(size - 4096, '\x5a');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  const auto installed = install_kiosk_bundle(damaged, target());
  ASSERT_FALSE(installed);
  EXPECT_EQ(installed.error().code, Errc::invalid_input);
  EXPECT_FALSE(std::filesystem::exists(target()));
}

TEST_F(BundleInstall, RefusesOnePastTheSizeBoundBeforeReadingIt) {
  std::filesystem::create_directories(target().parent_path());
  const auto source = stick() / "kiosk-door-1.db";
  const auto size = static_cast<std::int64_t>(std::filesystem::file_size(source));
  const auto installed = install_kiosk_bundle(source, target(), size - 1);
  ASSERT_FALSE(installed);
  EXPECT_EQ(installed.error().code, Errc::invalid_input);
  EXPECT_NE(installed.error().message.find("larger"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(target()));
  EXPECT_TRUE(install_kiosk_bundle(source, target(), size));  // exactly at the bound
}

}  // namespace
}  // namespace passerelle
