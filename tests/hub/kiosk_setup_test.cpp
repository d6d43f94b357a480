// A kiosk set up from nothing (sync/client/kiosk_setup.h) against the real passerelle-hub over
// HTTP with the kiosk's own transport: enrolment creates the database, GET /v1/setup brings the
// event and the change feed the whole registry; an interrupted set-up resumes where it stopped, a
// spent code leaves no file, and an existing database is never replaced.
#include "sync/client/kiosk_setup.h"

#include <gtest/gtest.h>

#include "core/config/event_config.h"
#include "core/store/b2b_store.h"
#include "core/store/event_setup_store.h"
#include "sync/client/httplib_transport.h"
#include "sync/client/sync_keys.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "tests/hub/hub_store_suite.h"
#include "tests/hub/server_process.h"
#include "tests/support/event_setup_expect.h"
#include "tests/support/test_support.h"

namespace passerelle::kiosk {
namespace {

using passerelle::testing::kArgon2idHash;

constexpr int kPeople = 2'300;  // three pages of the feed, and a bit

class KioskSetupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    {
      auto file = Store::open(hub_db());
      ASSERT_TRUE(file) << file.error().message;
      EventConfig config = default_event_config("Setup from nothing", "2026-04-20");
      config.checkpoints = {CheckpointConfig("Entrance", CheckpointRule::once_per_event, {}),
                            CheckpointConfig("Workshops", CheckpointRule::in_out, {"workshop"})};
      auto event = file->create_event(config);
      ASSERT_TRUE(event);
      event_ = *event;
      auto transaction = db::Transaction::begin(file->database());
      ASSERT_TRUE(transaction);
      for (const auto& record : testing::generate_participants(kPeople, 11))
        ASSERT_TRUE(file->upsert_participant_in_transaction(event_, record));
      ASSERT_TRUE(transaction->commit());
      ASSERT_TRUE(file->set_staff_pin_hash(event_, kArgon2idHash));
    }
    std::string error;
    server_ = testing::ServerProcess::start({"--db", hub_db().string(), "serve", "--listen", "127.0.0.1:0"},
                                            dir_.file("server.log"), error);
    ASSERT_TRUE(server_) << error;
  }

  std::filesystem::path hub_db() const { return dir_.file("hub.db"); }
  std::filesystem::path kiosk_db() const { return dir_.file("kiosk.db"); }

  std::string ticket() {
    auto hub = hub::SqliteHubStore::open(hub_db());
    EXPECT_TRUE(hub);
    if (!hub) return {};
    auto code = (*hub)->create_enrolment_code(event_, 60'000, "Door 9");
    EXPECT_TRUE(code);
    return code ? sync::format_enrolment_ticket({server_->url(), code->code, ""}) : std::string();
  }

  std::unique_ptr<KioskSetup> setup(const std::filesystem::path& database) {
    return std::make_unique<KioskSetup>(database, clock_, httplib_transport_factory());
  }

  // Steps until complete; the number of steps taken.
  int finish(KioskSetup& setup) {
    for (int steps = 1; steps <= 50; ++steps) {
      auto step = setup.step();
      EXPECT_TRUE(step) << step.error().error.message;
      if (!step) return steps;
      if (step->complete) return steps;
    }
    ADD_FAILURE() << "not complete after 50 steps";
    return 50;
  }

  testing::TempDir dir_;
  SystemClock clock_;
  std::int64_t event_ = 0;
  std::unique_ptr<testing::ServerProcess> server_;
};

TEST_F(KioskSetupTest, FromNothingTheKioskHoldsTheEventAndTheWholeRegistry) {
  auto kiosk = setup(kiosk_db());
  auto enrolled = kiosk->enrol(ticket(), "");
  ASSERT_TRUE(enrolled) << enrolled.error().error.message;
  EXPECT_EQ(enrolled->event_id, event_);
  EXPECT_EQ(*setup_need(kiosk_db()), SetupNeed::unfinished);
  EXPECT_GE(finish(*kiosk), 4);  // the event, then at least three pages
  kiosk.reset();
  EXPECT_EQ(*setup_need(kiosk_db()), SetupNeed::ready);

  auto hub_file = Store::open(hub_db());
  ASSERT_TRUE(hub_file);
  auto store = Store::open(kiosk_db());
  ASSERT_TRUE(store);
  const auto want = read_event_setup(*hub_file, event_);
  const auto got = read_event_setup(*store, event_);
  ASSERT_TRUE(want && got) << (got ? "" : got.error().message);
  passerelle::testing::expect_same_setup(*got, *want);
  EXPECT_EQ(got->staff_pin_hash, kArgon2idHash);

  EXPECT_EQ(*store->participant_count(event_), kPeople);
  EXPECT_EQ(store->signing_keys(event_)->size(), hub_file->signing_keys(event_)->size());
  EXPECT_FALSE(*store->active_signing_key(event_));  // public halves only
  EXPECT_EQ(*store->device_id(), enrolled->device_id);
  EXPECT_TRUE(*store->journal_key());
  EXPECT_EQ(store->local_value(sync_keys::kToken)->value_or(""), enrolled->token);
  EXPECT_NE(store->local_value(sync_keys::kCursor)->value_or("0"), "0");  // sync goes on from there
  // Every participant with their codes, as a bundle would hold them: search finds by name.
  const auto people = store->participants(event_);
  ASSERT_TRUE(people);
  const auto found = store->search(event_, people->front().record.last_name);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->empty());
}

TEST_F(KioskSetupTest, AnInterruptedSetupResumesWithoutLosingOrRepeating) {
  {
    auto kiosk = setup(kiosk_db());
    ASSERT_TRUE(kiosk->enrol(ticket(), "Door 9"));
  }
  for (int restart = 0; restart < 3; ++restart) {
    // A kiosk switched off after each step (the event, then two pages), then started again.
    auto kiosk = setup(kiosk_db());
    auto step = kiosk->step();
    ASSERT_TRUE(step) << step.error().error.message;
    ASSERT_FALSE(step->complete);
  }
  EXPECT_EQ(*setup_need(kiosk_db()), SetupNeed::unfinished);
  auto kiosk = setup(kiosk_db());
  finish(*kiosk);
  kiosk.reset();
  EXPECT_EQ(*setup_need(kiosk_db()), SetupNeed::ready);
  auto store = Store::open(kiosk_db());
  ASSERT_TRUE(store);
  EXPECT_EQ(*store->participant_count(event_), kPeople);
  EXPECT_EQ(store->checkpoints(event_)->size(), 2u);
}

TEST_F(KioskSetupTest, ASpentCodeLeavesNoFile) {
  const std::string once = ticket();
  ASSERT_TRUE(setup(kiosk_db())->enrol(once, "Door 9"));
  const auto other = dir_.file("second.db");
  auto again = setup(other)->enrol(once, "Door 10");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().failure, HubFailure::unauthorised);
  EXPECT_EQ(again.error().hub_code, "bad_code");
  EXPECT_FALSE(std::filesystem::exists(other));
}

TEST_F(KioskSetupTest, NeverReplacesADatabase) {
  { ASSERT_TRUE(Store::open(kiosk_db())); }
  auto refused = setup(kiosk_db())->enrol(ticket(), "Door 9");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().error.code, Errc::conflict);
  EXPECT_EQ(*setup_need(kiosk_db()), SetupNeed::ready);
}

TEST_F(KioskSetupTest, AHubOutOfReachIsForLater) {
  const std::string unreachable = "PSLENROL1 http://127.0.0.1:1 some-code";
  auto refused = setup(kiosk_db())->enrol(unreachable, "Door 9");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().failure, HubFailure::retryable);
  EXPECT_FALSE(std::filesystem::exists(kiosk_db()));
}

TEST_F(KioskSetupTest, AMissingFolderIsAConfigurationError) {
  const auto need = setup_need(dir_.path() / "no-such-folder" / "kiosk.db");
  ASSERT_FALSE(need);
  EXPECT_EQ(need.error().code, Errc::not_found);
  EXPECT_EQ(*setup_need(kiosk_db()), SetupNeed::nothing);
}

}  // namespace
}  // namespace passerelle::kiosk
