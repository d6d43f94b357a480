// The staff's choice of checkpoint and direction survives a restart (kiosk/model/saved_place.h):
// the controller asks the check-in worker to keep it, the worker writes it to local_state on its
// own thread, and it reads back; a value that does not parse is no saved place.
#include "kiosk/model/saved_place.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "kiosk/model/checkin_worker.h"
#include "kiosk/model/controller.h"
#include "tests/support/test_support.h"

namespace passerelle::kiosk {
namespace {

TEST(SavedPlace, EncodesAndDecodesAndRefusesWhatItDidNotWrite) {
  EXPECT_EQ(encode_place({12, Direction::exit}), "12 exit");
  EXPECT_EQ(decode_place("12 exit"), (SavedPlace{12, Direction::exit}));
  EXPECT_EQ(decode_place("7 entry"), (SavedPlace{7, Direction::entry}));
  for (const char* bad : {"", "12", "12 sideways", "x entry", "-3 entry", "0 entry", "12  exit", "12x entry"})
    EXPECT_FALSE(decode_place(bad).has_value()) << "'" << bad << "'";
  EXPECT_NE(saved_place_key(1), saved_place_key(2)) << "per event";
}

TEST(SavedPlace, TheCheckinWorkerKeepsItInTheDatabase) {
  testing::TempDir dir;
  ManualClock clock{1796717520000};
  std::int64_t event = 0;
  {
    auto store = Store::open(dir.file("kiosk.db"), clock);
    ASSERT_TRUE(store);
    event = *store->create_event(default_event_config("Forum", "2026-12-08"));
    auto nothing = load_place(*store, event);
    ASSERT_TRUE(nothing);
    EXPECT_FALSE(nothing->has_value()) << "nothing saved yet";
  }
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<PlaceAnswer> answers;
  {
    CheckinWorker worker(dir.file("kiosk.db"), event, clock, [&](WorkerAnswer answer) {
      if (auto* place = std::get_if<PlaceAnswer>(&answer)) {
        std::lock_guard lock(mutex);
        answers.push_back(*place);
        arrived.notify_all();
      }
    });
    worker.submit(PlaceRequest{5, Direction::entry});
    worker.submit(PlaceRequest{9, Direction::exit});
    std::unique_lock lock(mutex);
    ASSERT_TRUE(arrived.wait_for(lock, std::chrono::seconds(30), [&] { return answers.size() == 2; }));
    EXPECT_FALSE(answers[0].error);
    EXPECT_FALSE(answers[1].error);
  }
  auto store = Store::open(dir.file("kiosk.db"), clock);
  ASSERT_TRUE(store);
  auto saved = load_place(*store, event);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(*saved, (SavedPlace{9, Direction::exit})) << "the last choice wins";
  auto other_event = load_place(*store, event + 1);
  ASSERT_TRUE(other_event);
  EXPECT_FALSE(other_event->has_value());

  ASSERT_TRUE(store->set_local_value(saved_place_key(event), "garbage"));
  saved = load_place(*store, event);
  ASSERT_TRUE(saved);
  EXPECT_FALSE(saved->has_value()) << "a value it cannot read keeps nobody from starting";
}

TEST(SavedPlace, AWorkerWithoutItsDatabaseSaysItCouldNotSave) {
  testing::TempDir dir;
  ManualClock clock{1796717520000};
  std::mutex mutex;
  std::condition_variable arrived;
  std::optional<PlaceAnswer> answer;
  CheckinWorker worker(dir.file("missing/sub/dir.db"), 1, clock, [&](WorkerAnswer each) {
    if (auto* place = std::get_if<PlaceAnswer>(&each)) {
      std::lock_guard lock(mutex);
      answer = *place;
      arrived.notify_all();
    }
  });
  worker.submit(PlaceRequest{5, Direction::entry});
  std::unique_lock lock(mutex);
  ASSERT_TRUE(arrived.wait_for(lock, std::chrono::seconds(30), [&] { return answer.has_value(); }));
  EXPECT_TRUE(answer->error.has_value());
}

}  // namespace
}  // namespace passerelle::kiosk
