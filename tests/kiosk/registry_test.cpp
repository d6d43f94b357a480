// The registry read at start and by the watcher (kiosk/app/registry.h): the checkpoint a kiosk
// starts at (the configuration's, else the staff's last choice kept in the database, else the
// first), the free disk space measured with it, and what the staff screen keeps of each read.
#include "kiosk/app/registry.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/store/store.h"
#include "tests/support/test_support.h"

namespace passerelle::kiosk {
namespace {

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::open(dir_.file("kiosk.db"), clock_);
    ASSERT_TRUE(store);
    auto config = default_event_config("Forum", "2026-12-08");
    config.checkpoints = {CheckpointConfig{"Entrance", CheckpointRule::once_per_event, {}},
                          CheckpointConfig{"Terrace", CheckpointRule::in_out, {}},
                          CheckpointConfig{"Hall", CheckpointRule::once_per_day, {}}};
    event_ = *store->create_event(config);
    for (const auto& checkpoint : *store->checkpoints(event_)) ids_[checkpoint.name] = checkpoint.id;
  }
  RegistrySnapshot read() {
    auto snapshot = read_registry(dir_.file("kiosk.db"), event_, clock_);
    EXPECT_TRUE(snapshot) << snapshot.error().message;
    return snapshot ? std::move(*snapshot) : RegistrySnapshot{};
  }
  void save(const SavedPlace& place) {
    auto store = Store::open(dir_.file("kiosk.db"), clock_);
    ASSERT_TRUE(store);
    ASSERT_TRUE(save_place(*store, event_, place));
  }

  testing::TempDir dir_;
  ManualClock clock_{1796717520000};
  std::int64_t event_ = 0;
  std::map<std::string, std::int64_t> ids_;
};

TEST_F(RegistryTest, WithNothingSavedTheKioskStartsAtTheFirstCheckpoint) {
  const auto registry = read();
  EXPECT_FALSE(registry.saved_place);
  auto place = start_place(registry, "", Direction::entry);
  ASSERT_TRUE(place) << place.error().message;
  EXPECT_EQ(place->checkpoint->name, "Entrance");
  EXPECT_FALSE(place->saved);
}

TEST_F(RegistryTest, StaffsLastChoiceIsWhereARestartComesBackTo) {
  save({ids_["Terrace"], Direction::exit});
  const auto registry = read();
  ASSERT_TRUE(registry.saved_place);
  auto place = start_place(registry, "", Direction::entry);
  ASSERT_TRUE(place) << place.error().message;
  EXPECT_EQ(place->checkpoint->name, "Terrace");
  EXPECT_EQ(place->direction, Direction::exit);
  EXPECT_TRUE(place->saved);
}

TEST_F(RegistryTest, ACheckpointNamedInTheConfigurationWins) {
  save({ids_["Terrace"], Direction::exit});
  const auto registry = read();
  auto place = start_place(registry, "hall", Direction::entry);
  ASSERT_TRUE(place) << place.error().message;
  EXPECT_EQ(place->checkpoint->name, "Hall");
  EXPECT_EQ(place->direction, Direction::entry);
  EXPECT_FALSE(place->saved);
  auto exit = start_place(registry, "Entrance", Direction::exit);
  ASSERT_FALSE(exit);
  EXPECT_EQ(exit.error().code, Errc::invalid_input) << "exit needs an in/out checkpoint";
  EXPECT_FALSE(start_place(registry, "Nowhere", Direction::entry));
}

TEST_F(RegistryTest, ASavedCheckpointThatIsGoneOrNoLongerInOutIsNotFollowedBlindly) {
  save({ids_["Terrace"] + 100, Direction::exit});
  // The place points into the registry it was chosen from: each read is kept while it is used.
  const auto first = read();
  auto place = start_place(first, "", Direction::entry);
  ASSERT_TRUE(place);
  EXPECT_EQ(place->checkpoint->name, "Entrance");
  EXPECT_FALSE(place->saved);

  // An exit kept for a checkpoint whose rule is no longer in/out starts it at entry.
  save({ids_["Hall"], Direction::exit});
  const auto second = read();
  place = start_place(second, "", Direction::entry);
  ASSERT_TRUE(place);
  EXPECT_EQ(place->checkpoint->name, "Hall");
  EXPECT_EQ(place->direction, Direction::entry);
}

TEST_F(RegistryTest, EachReadMeasuresTheFreeSpaceAndTheStaffScreenKeepsItsHealth) {
  const auto registry = read();
  ASSERT_TRUE(registry.free_bytes);
  EXPECT_GT(*registry.free_bytes, 0u);

  DeviceInfo device;
  note_registry_read(device, registry, 5000);
  EXPECT_EQ(device.registry_read_ms, 5000);
  EXPECT_EQ(device.free_bytes, registry.free_bytes);
  EXPECT_TRUE(device.registry_error.empty());

  note_registry_read(device, read_registry(dir_.file("gone.db"), event_, clock_), 9000);
  EXPECT_EQ(device.registry_error, "missing");
  EXPECT_EQ(device.registry_read_ms, 5000) << "the last good read is kept";
  note_registry_read(device, registry, 12000);
  EXPECT_TRUE(device.registry_error.empty());
}

}  // namespace
}  // namespace passerelle::kiosk
