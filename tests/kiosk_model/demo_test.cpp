#include "kiosk/model/demo.h"

#include <gtest/gtest.h>

#include <map>

#include "core/auth/staff_pin.h"
#include "core/checkin/checkin.h"
#include "core/store/b2b_store.h"
#include "tests/support/test_support.h"

namespace passerelle::kiosk {
namespace {

// The demo camera's codes, checked in on the demo bundle, show acceptances and every kind of
// refusal the demo promises.
TEST(Demo, CameraCodesProduceAcceptancesAndEachRefusal) {
  testing::TempDir dir;
  auto setup = prepare_demo(std::string(PASSERELLE_SOURCE_DIR) + "/assets", dir.path());
  ASSERT_TRUE(setup) << setup.error().message;
  auto store = Store::open(setup->kiosk_database);
  ASSERT_TRUE(store) << store.error().message;
  auto with_secret = store->database().query("SELECT count(*) FROM signing_key WHERE secret_key IS NOT NULL");
  ASSERT_TRUE(*with_secret->step());
  EXPECT_EQ(with_secret->column_int(0), 0);
  // Staff PIN 1234, as the README says, carried as its hash only.
  auto pin_hash = store->staff_pin_hash(setup->event_id);
  ASSERT_TRUE(pin_hash && pin_hash->has_value());
  EXPECT_TRUE(staff_pin_matches(**pin_hash, "1234"));
  EXPECT_FALSE(staff_pin_matches(**pin_hash, "2468"));

  const auto entrance = (*store->checkpoints(setup->event_id)).front().id;
  CheckinService service(*store);
  std::map<Outcome, int> seen;
  int with_meetings_today = 0;
  // The opening minute: every screen once, and attendees who all have meetings today.
  constexpr std::size_t kOpening = 15;
  ASSERT_GT(setup->camera_codes.size(), kOpening);
  for (std::size_t i = 0; i < kOpening; ++i) {
    const auto& code = setup->camera_codes[i];
    auto result = service.scan(CheckinRequest{setup->event_id, entrance, Direction::entry, code, std::nullopt, ""});
    ASSERT_TRUE(result) << result.error().message;
    ++seen[result->outcome];
    if (result->outcome == Outcome::accepted && result->participant) {
      // The demo's B2B session is today, scheduled when the demo was built.
      auto from = (*store->event_timezone(setup->event_id))->start_of_day(result->entry.local_day);
      ASSERT_TRUE(from);
      auto agenda = participant_agenda(store->database(), result->participant->id, *from, *from + 86'400'000);
      ASSERT_TRUE(agenda) << agenda.error().message;
      with_meetings_today += agenda->empty() ? 0 : 1;
    }
  }
  EXPECT_GE(seen[Outcome::accepted], 5);
  EXPECT_EQ(with_meetings_today, seen[Outcome::accepted]) << "every demo attendee has meetings today";
  for (auto outcome :
       {Outcome::cancelled, Outcome::blocked, Outcome::revoked, Outcome::unknown_code, Outcome::already_checked_in})
    EXPECT_EQ(seen[outcome], 1) << to_string(outcome);
  EXPECT_EQ(seen[Outcome::bad_signature] + seen[Outcome::malformed], 1);

  // Then the rest of the event: issue #16 saw only refusals after a minute. Over the whole list,
  // nine in ten are welcomed (each person once), and refusals keep coming now and then.
  std::map<Outcome, int> later;
  for (std::size_t i = kOpening; i < setup->camera_codes.size(); ++i) {
    auto result = service.scan(
        CheckinRequest{setup->event_id, entrance, Direction::entry, setup->camera_codes[i], std::nullopt, ""});
    ASSERT_TRUE(result) << result.error().message;
    ++later[result->outcome];
  }
  const auto rest = static_cast<int>(setup->camera_codes.size() - kOpening);
  EXPECT_GE(rest, 250) << "twenty minutes of people at one every 4.6 s";
  EXPECT_GE(later[Outcome::accepted] * 10, rest * 9);
  EXPECT_EQ(later[Outcome::already_checked_in], 0) << "nobody comes twice before the list ends";
  EXPECT_GE(later[Outcome::unknown_code], 5);
  EXPECT_GE(later[Outcome::blocked] + later[Outcome::cancelled] + later[Outcome::revoked], 3);
}

}  // namespace
}  // namespace passerelle::kiosk
