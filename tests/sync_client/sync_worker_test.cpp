// The sync worker on a real kiosk database against an in-memory hub (fake_hub.h): uploads and the
// acknowledged mark, lost answers, back-off, revocation, enrolment, download pages with their
// cursor, the clock offset, reconciliation, and prompt wake-up and shutdown. Every wait is for a
// state, with a generous bound; nothing asserts how long anything took.
#include "sync/client/sync_worker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/checkin/checkin.h"
#include "core/store/store.h"
#include "core/util/uuid.h"
#include "sync/client/sync_keys.h"
#include "sync/protocol/sync_store.h"
#include "tests/support/test_support.h"
#include "tests/sync_client/fake_hub.h"

namespace passerelle::kiosk {
namespace {

using namespace std::chrono_literals;

constexpr auto kPatience = 30s;  // only keeps a broken run from hanging
constexpr const char* kHubUrl = "http://hub.test:8080";
constexpr const char* kDevice = "hub-kiosk-1";
constexpr const char* kToken = "psd_first";

class SyncWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::open(database(), clock_);
    ASSERT_TRUE(store) << store.error().message;
    store_.emplace(std::move(*store));
    event_ = *store_->create_event(default_event_config("Forum", "2026-12-08"));
    checkpoint_ = store_->checkpoints(event_)->front();
    auto transaction = db::Transaction::begin(store_->database());
    ASSERT_TRUE(transaction);
    for (int i = 1; i <= 6; ++i) {
      ParticipantRecord record;
      record.external_id = "P" + std::to_string(i);
      record.first_name = "Ana";
      record.last_name = "Novak " + std::to_string(i);
      record.ticket_codes = {"CODE-" + std::to_string(i)};
      ASSERT_TRUE(store_->upsert_participant_in_transaction(event_, record));
    }
    ASSERT_TRUE(transaction->commit());
    hub_.set_time_source([this] { return clock_.wall_ms() + skew_ms_.load(); });
  }

  void TearDown() override { worker_.reset(); }

  std::filesystem::path database() const { return dir_.file("kiosk.db"); }

  // The state enrolment leaves behind, without going through it.
  void enrol_directly() {
    auto ids = store_->authored_device_ids();
    ASSERT_TRUE(ids);
    hub_.add_device(kDevice, kToken, *ids);
    ASSERT_TRUE(store_->set_local_value(sync_keys::kHubUrl, kHubUrl));
    ASSERT_TRUE(store_->set_local_value(sync_keys::kToken, kToken));
    ASSERT_TRUE(store_->adopt_device_id(kDevice));
  }

  void check_in(int participant) {
    CheckinService service(*store_);
    CheckinRequest request;
    request.event_id = event_;
    request.checkpoint_id = checkpoint_.id;
    request.code = "CODE-" + std::to_string(participant);
    auto result = service.scan(request);
    ASSERT_TRUE(result) << result.error().message;
  }

  SyncWorkerConfig config() const {
    SyncWorkerConfig config;
    config.database = database();
    config.event_id = event_;
    config.device_name = "Door 1";
    config.poll_interval = 20ms;
    config.backoff_initial = 10ms;
    config.backoff_max = 80ms;
    config.backoff_jitter = 0.0;
    config.reconcile_interval = std::chrono::hours(1);
    return config;
  }

  void start(SyncWorkerConfig settings, TransportFactory transports = {}) {
    worker_ = std::make_unique<SyncWorker>(std::move(settings), clock_, transports ? transports : hub_.factory(),
                                           [this](SyncStatus status) {
                                             std::lock_guard lock(mutex_);
                                             statuses_.push_back(std::move(status));
                                             published_.notify_all();
                                           });
  }

  // Waits until the latest status satisfies `wanted`.
  bool await(const std::function<bool(const SyncStatus&)>& wanted) {
    std::unique_lock lock(mutex_);
    return published_.wait_for(lock, kPatience, [&] { return !statuses_.empty() && wanted(statuses_.back()); });
  }
  // Waits until some status since the last forget_statuses() satisfied `wanted`.
  bool await_seen(const std::function<bool(const SyncStatus&)>& wanted) {
    std::unique_lock lock(mutex_);
    return published_.wait_for(lock, kPatience,
                               [&] { return std::any_of(statuses_.begin(), statuses_.end(), wanted); });
  }
  std::vector<SyncStatus> statuses() {
    std::lock_guard lock(mutex_);
    return statuses_;
  }
  void forget_statuses() {
    std::lock_guard lock(mutex_);
    statuses_.clear();
  }
  static bool eventually(const std::function<bool()>& condition) {
    const auto give_up = std::chrono::steady_clock::now() + kPatience;
    while (!condition()) {
      if (std::chrono::steady_clock::now() > give_up) return false;
      std::this_thread::sleep_for(2ms);
    }
    return true;
  }
  static bool in_sync(const SyncStatus& status) { return status.link == SyncLink::online && status.unsent == 0; }

  std::optional<std::string> local(std::string_view key) {
    auto value = store_->local_value(key);
    return value ? *value : std::nullopt;
  }

  testing::TempDir dir_;
  ManualClock clock_{1796717520000};  // 2026-12-08, within the event
  std::atomic<std::int64_t> skew_ms_{0};
  std::optional<Store> store_;
  std::int64_t event_ = 0;
  Checkpoint checkpoint_;
  fakes::FakeHub hub_;
  std::mutex mutex_;
  std::condition_variable published_;
  std::vector<SyncStatus> statuses_;
  std::unique_ptr<SyncWorker> worker_;
};

TEST_F(SyncWorkerTest, UploadsInOrderAndMovesTheMarkOnlyAfterTheAnswer) {
  enrol_directly();
  for (int i = 1; i <= 5; ++i) check_in(i);
  std::optional<std::int64_t> mark_while_hub_works;
  hub_.before_upload_answer([&] {
    auto other = Store::open(database(), clock_);
    if (other) mark_while_hub_works = *sync::SyncStore(*other).acked_seq(kDevice);
  });
  auto settings = config();
  settings.upload_batch = 2;
  start(settings);

  ASSERT_TRUE(await(in_sync));
  const auto uploads = hub_.uploads();
  ASSERT_EQ(uploads.size(), 3u);
  EXPECT_EQ(uploads[0].seqs, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(uploads[1].seqs, (std::vector<std::int64_t>{3, 4}));
  EXPECT_EQ(uploads[2].seqs, (std::vector<std::int64_t>{5}));
  for (const auto& upload : uploads) EXPECT_EQ(upload.device_id, kDevice);
  ASSERT_TRUE(mark_while_hub_works.has_value());
  EXPECT_EQ(*mark_while_hub_works, 0) << "the mark moved before the hub answered";
  EXPECT_EQ(*sync::SyncStore(*store_).acked_seq(kDevice), 5);
  EXPECT_EQ(hub_.entries(kDevice).size(), 5u);
}

TEST_F(SyncWorkerTest, ALostAnswerIsSentAgainAndTheHubSaysDuplicate) {
  enrol_directly();
  for (int i = 1; i <= 3; ++i) check_in(i);
  hub_.drop_answers(1);
  start(config());

  ASSERT_TRUE(await(in_sync));
  const auto uploads = hub_.uploads();
  ASSERT_EQ(uploads.size(), 2u);
  EXPECT_EQ(uploads[0].seqs, uploads[1].seqs);
  EXPECT_EQ(uploads[0].statuses, std::vector<sync::EntryStatus>(3, sync::EntryStatus::stored));
  EXPECT_EQ(uploads[1].statuses, std::vector<sync::EntryStatus>(3, sync::EntryStatus::duplicate));
  EXPECT_EQ(hub_.entries(kDevice).size(), 3u);
  EXPECT_EQ(*sync::SyncStore(*store_).acked_seq(kDevice), 3);
  EXPECT_TRUE(await_seen([](const SyncStatus& s) { return s.link == SyncLink::offline && !s.last_error.empty(); }));
}

// docs/sync.md, "Quarantine quota": a 429 is "later", never "done" and never "give up".
TEST_F(SyncWorkerTest, AFullQuarantineLeavesEntriesUnacknowledgedAndRetries) {
  enrol_directly();
  for (int i = 1; i <= 3; ++i) check_in(i);
  hub_.refuse_uploads_quarantine_full(true);
  start(config());

  EXPECT_TRUE(await_seen([](const SyncStatus& s) {
    return s.link == SyncLink::offline && s.last_error.find("429") != std::string::npos &&
           s.last_error.find("quarantine") != std::string::npos && s.unsent == 3;
  }));
  // Asked again, with back-off: retryable, not refused.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (hub_.refused_uploads() < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(hub_.refused_uploads(), 2u);
  EXPECT_EQ(*sync::SyncStore(*store_).acked_seq(kDevice), 0) << "a refused upload moved the mark";
  EXPECT_TRUE(hub_.entries(kDevice).empty());

  // Once the organiser raises the quota, the same entries go and are acknowledged.
  hub_.refuse_uploads_quarantine_full(false);
  worker_->notify();
  ASSERT_TRUE(await(in_sync));
  EXPECT_EQ(hub_.entries(kDevice).size(), 3u);
  EXPECT_EQ(*sync::SyncStore(*store_).acked_seq(kDevice), 3);
}

TEST_F(SyncWorkerTest, BackOffGrowsWhileOfflineAndStartsOverOnceOnline) {
  enrol_directly();
  hub_.set_unreachable(true);
  start(config());

  ASSERT_TRUE(await_seen([](const SyncStatus& s) { return s.retry_in_ms == 80; }));
  std::vector<std::int64_t> delays;
  for (const auto& status : statuses())
    if (status.link == SyncLink::offline && (delays.empty() || delays.back() != status.retry_in_ms))
      delays.push_back(status.retry_in_ms);
  EXPECT_EQ(delays, (std::vector<std::int64_t>{10, 20, 40, 80}));

  hub_.set_unreachable(false);
  ASSERT_TRUE(await([](const SyncStatus& s) { return s.link == SyncLink::online && s.retry_in_ms == 0; }));
  forget_statuses();
  hub_.set_unreachable(true);
  ASSERT_TRUE(await_seen([](const SyncStatus& s) { return s.link == SyncLink::offline; }));
  const auto after = statuses();
  const auto first_offline =
      std::find_if(after.begin(), after.end(), [](const SyncStatus& s) { return s.link == SyncLink::offline; });
  EXPECT_EQ(first_offline->retry_in_ms, 10);
}

TEST_F(SyncWorkerTest, ARevokedKioskStopsSaysSoAndKeepsItsEntriesUntilEnrolledAgain) {
  enrol_directly();
  check_in(1);
  check_in(2);
  start(config());
  ASSERT_TRUE(await(in_sync));

  hub_.revoke(kToken);
  check_in(3);
  worker_->notify();
  ASSERT_TRUE(await([](const SyncStatus& s) { return s.link == SyncLink::revoked; }));
  EXPECT_FALSE(statuses().back().last_error.empty());
  EXPECT_EQ(local(sync_keys::kRevoked), "revoked");

  const auto calls = hub_.calls();
  check_in(4);
  worker_->notify();
  ASSERT_TRUE(await([](const SyncStatus& s) { return s.link == SyncLink::revoked && s.unsent == 2; }));
  EXPECT_EQ(hub_.calls(), calls) << "a revoked kiosk went on calling the hub";
  EXPECT_EQ(store_->journal_entries(event_)->size(), 4u);

  hub_.add_enrolment_code("SECOND", "hub-kiosk-2", "psd_second", event_);
  worker_->enrol(std::string("PSLENROL1 ") + kHubUrl + " SECOND");
  ASSERT_TRUE(await([](const SyncStatus& s) { return in_sync(s) && s.enrolment == EnrolmentState::done; }));
  EXPECT_EQ(hub_.entries(kDevice).size(), 4u) << "entries of the earlier id go up under it";
  EXPECT_EQ(local(sync_keys::kRevoked), "");
}

TEST_F(SyncWorkerTest, ATokenTheHubDoesNotKnowStopsSyncAlsoAfterARestart) {
  ASSERT_TRUE(store_->set_local_value(sync_keys::kHubUrl, kHubUrl));
  ASSERT_TRUE(store_->set_local_value(sync_keys::kToken, "psd_from_a_lost_hub"));
  check_in(1);
  start(config());
  ASSERT_TRUE(await([](const SyncStatus& s) { return s.link == SyncLink::unauthorised && s.unsent == 1; }));
  EXPECT_NE(statuses().back().last_error.find("401"), std::string::npos) << statuses().back().last_error;
  EXPECT_EQ(local(sync_keys::kRevoked), "unauthorised");

  worker_.reset();
  forget_statuses();
  const auto calls = hub_.calls();
  start(config());
  ASSERT_TRUE(await([](const SyncStatus& s) { return s.link == SyncLink::unauthorised; }));
  EXPECT_EQ(hub_.calls(), calls) << "the refusal is remembered across a restart";
}

TEST_F(SyncWorkerTest, EnrolmentAdoptsTheHubsDeviceIdAndNamesTheEarlierOnes) {
  check_in(1);
  const std::string self_made = *store_->device_id();
  hub_.add_enrolment_code("C1", "hub-kiosk-9", "psd_nine", event_);
  start(config());
  ASSERT_TRUE(await([](const SyncStatus& s) { return s.link == SyncLink::not_enrolled && s.unsent == 1; }));

  worker_->enrol(std::string("PSLENROL1 ") + kHubUrl + "/ C1\r\n");
  ASSERT_TRUE(await([](const SyncStatus& s) { return in_sync(s) && s.enrolment == EnrolmentState::done; }));
  const auto requests = hub_.enrol_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].code, "C1");
  EXPECT_EQ(requests[0].name, "Door 1");
  EXPECT_NE(std::find(requests[0].previous_device_ids.begin(), requests[0].previous_device_ids.end(), self_made),
            requests[0].previous_device_ids.end());
  EXPECT_EQ(hub_.entries(self_made).size(), 1u);
  EXPECT_EQ(hub_.addresses().front(), kHubUrl);
  EXPECT_EQ(local(sync_keys::kHubUrl), kHubUrl);
  EXPECT_EQ(local(sync_keys::kToken), "psd_nine");
  EXPECT_EQ(statuses().back().device_id, "hub-kiosk-9");
  // The answer's journal key is kept for the id it was made for: journal files are signed with it.
  auto key = store_->journal_key();
  ASSERT_TRUE(key && key->has_value());
  EXPECT_EQ((*key)->device_id, "hub-kiosk-9");
  EXPECT_EQ((*key)->key_hex.size(), 64u);

  // The camera reads a ticket held up to it many times: one enrolment, not a refused second one.
  worker_->enrol(std::string("PSLENROL1 ") + kHubUrl + "/ C1\r\n");
  check_in(2);
  worker_->notify();
  ASSERT_TRUE(eventually([&] { return hub_.entries("hub-kiosk-9").size() == 1; }));
  EXPECT_EQ(hub_.enrol_requests().size(), 1u);
  EXPECT_EQ(statuses().back().enrolment, EnrolmentState::done);
}

TEST_F(SyncWorkerTest, TheTicketsCertificatePinIsKeptAndUsedForEveryLaterConnection) {
  const std::string pin = "sha256//" + std::string(43, 'Q') + "=";
  const std::string https_hub = "https://hub.test:8443";
  hub_.add_enrolment_code("C1", "hub-kiosk-9", "psd_nine", event_);
  start(config());
  worker_->enrol("PSLENROL1 " + https_hub + " C1 " + pin);
  ASSERT_TRUE(await([](const SyncStatus& s) { return in_sync(s) && s.enrolment == EnrolmentState::done; }));
  EXPECT_EQ(local(sync_keys::kHubPin), pin);
  worker_.reset();

  // After a restart the pin comes from the database: no connection is made without it.
  start(config());
  check_in(1);
  worker_->notify();
  ASSERT_TRUE(eventually([&] { return hub_.entries("hub-kiosk-9").size() == 1; }));
  const auto addresses = hub_.addresses();
  const auto pins = hub_.pins();
  ASSERT_EQ(addresses.size(), pins.size());
  ASSERT_GE(pins.size(), 2u);
  for (std::size_t i = 0; i < pins.size(); ++i) {
    EXPECT_EQ(addresses[i], https_hub);
    EXPECT_EQ(pins[i], pin) << "connection " << i;
  }
}

TEST_F(SyncWorkerTest, BadAndRefusedTicketsSaySoAndAreNotKept) {
  start(config());
  worker_->enrol("PSLENROL1 ftp://hub.test C1");
  ASSERT_TRUE(await([](const SyncStatus& s) { return s.enrolment == EnrolmentState::bad_ticket; }));
  EXPECT_FALSE(statuses().back().enrolment_message.empty());

  worker_->enrol(std::string("PSLENROL1 ") + kHubUrl + " EXPIRED");
  ASSERT_TRUE(await([](const SyncStatus& s) { return s.enrolment == EnrolmentState::refused; }));
  const auto refused = statuses().back();
  EXPECT_NE(refused.enrolment_message.find("expired"), std::string::npos) << refused.enrolment_message;
  EXPECT_EQ(refused.link, SyncLink::not_enrolled);
  EXPECT_EQ(local(sync_keys::kPendingTicket).value_or(""), "");
}

TEST_F(SyncWorkerTest, APendingTicketSurvivesARestartWhileTheHubIsAway) {
  hub_.add_enrolment_code("C1", kDevice, kToken, event_);
  hub_.set_unreachable(true);
  start(config());
  worker_->enrol(std::string("PSLENROL1 ") + kHubUrl + " C1");
  ASSERT_TRUE(
      await([](const SyncStatus& s) { return s.enrolment == EnrolmentState::pending && s.link == SyncLink::offline; }));
  worker_.reset();

  hub_.set_unreachable(false);
  forget_statuses();
  start(config());
  ASSERT_TRUE(await([](const SyncStatus& s) { return in_sync(s) && s.enrolment == EnrolmentState::done; }));
  EXPECT_EQ(local(sync_keys::kToken), kToken);
}

TEST_F(SyncWorkerTest, DownloadsPagesEachAppliedWithItsCursorAndFlagsADoubleCheckin) {
  enrol_directly();
  check_in(1);
  for (int i = 1; i <= 4; ++i) {
    sync::ParticipantChange change;
    change.event = event_;
    change.record.external_id = "NEW-" + std::to_string(i);
    change.record.first_name = "Jan";
    change.record.last_name = "Peeters";
    change.record.ticket_codes = {"NEW-CODE-" + std::to_string(i)};
    hub_.add_change(change);
  }
  sync::WireEntry elsewhere;
  elsewhere.uuid = make_uuid_v7(clock_.wall_ms() - 60000);
  elsewhere.device = "other-kiosk";
  elsewhere.seq = 1;
  elsewhere.event = event_;
  elsewhere.participant = "P1";
  elsewhere.checkpoint = checkpoint_.name;
  elsewhere.code = "CODE-1";
  elsewhere.wall_ms = clock_.wall_ms() - 60000;
  elsewhere.monotonic_ns = 5;
  elsewhere.local_day = "2026-12-08";
  hub_.add_change(elsewhere);
  auto settings = config();
  settings.page_limit = 2;
  start(settings);

  ASSERT_TRUE(await([](const SyncStatus& s) { return in_sync(s) && s.double_checkins == 1; }));
  const auto requests = hub_.change_requests();
  ASSERT_GE(requests.size(), 3u);
  EXPECT_EQ(std::vector<std::int64_t>(requests.begin(), requests.begin() + 3), (std::vector<std::int64_t>{0, 2, 4}));
  EXPECT_EQ(local(sync_keys::kCursor), "5");
  EXPECT_TRUE(*store_->find_by_external_id(event_, "NEW-4"));
  EXPECT_TRUE(await_seen([](const SyncStatus& s) { return s.download_remaining > 0 && s.download_done > 0; }));
  EXPECT_EQ(sync::SyncStore(*store_).double_checkins(event_)->size(), 1u);
}

TEST_F(SyncWorkerTest, ClockOffsetIsMeasuredWarnedAboutKeptAndSent) {
  skew_ms_ = 5 * 60 * 1000;  // the hub is five minutes ahead
  enrol_directly();
  check_in(1);
  start(config());
  ASSERT_TRUE(await([](const SyncStatus& s) { return in_sync(s) && s.clock_offset_ms == 300000; }));
  EXPECT_TRUE(statuses().back().clock_warning());
  EXPECT_EQ(local(sync_keys::kClockOffsetMs), "300000");

  check_in(2);
  worker_->notify();
  ASSERT_TRUE(eventually([&] { return hub_.uploads().size() == 2; }));
  EXPECT_EQ(hub_.uploads().back().clock_offset_ms, 300000);
}

TEST_F(SyncWorkerTest, NotifyStartsAnUploadWithoutWaitingForThePoll) {
  enrol_directly();
  auto settings = config();
  settings.poll_interval = std::chrono::hours(1);
  start(settings);
  ASSERT_TRUE(await(in_sync));
  check_in(1);
  worker_->notify();
  EXPECT_TRUE(eventually([&] { return hub_.entries(kDevice).size() == 1; }));
}

TEST_F(SyncWorkerTest, ReconciliationReportsEntriesTheHubLacks) {
  enrol_directly();
  for (int i = 1; i <= 3; ++i) check_in(i);
  auto settings = config();
  settings.reconcile_interval = 0ms;
  start(settings);
  ASSERT_TRUE(await([](const SyncStatus& s) { return in_sync(s) && s.hub_missing == 0; }));
  hub_.forget(kDevice, 2);
  ASSERT_TRUE(await([](const SyncStatus& s) { return s.hub_missing == 1; }));
}

TEST_F(SyncWorkerTest, DestructionDoesNotSitOutTheBackOff) {
  enrol_directly();
  hub_.set_unreachable(true);
  auto settings = config();
  settings.backoff_initial = std::chrono::hours(1);
  settings.backoff_max = std::chrono::hours(1);
  start(settings);
  ASSERT_TRUE(await([](const SyncStatus& s) { return s.link == SyncLink::offline && s.retry_in_ms > 0; }));
  worker_.reset();  // returns at once: were it to sleep the hour, the test's own timeout would fail it
  SUCCEED();
}

// A transport whose calls hang until cancelled, as a hub that accepted the connection and died.
class HangingTransport final : public HubTransport {
 public:
  struct Shared {
    std::mutex mutex;
    std::condition_variable changed;
    bool in_call = false;
    bool cancelled = false;
  };
  explicit HangingTransport(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}
  Result<HttpReply> post_json(std::string_view, std::string_view, std::string_view) override { return hang(); }
  Result<HttpReply> get_json(std::string_view, std::string_view) override { return hang(); }
  void cancel() override {
    std::lock_guard lock(shared_->mutex);
    shared_->cancelled = true;
    shared_->changed.notify_all();
  }

 private:
  Result<HttpReply> hang() {
    std::unique_lock lock(shared_->mutex);
    shared_->in_call = true;
    shared_->changed.notify_all();
    shared_->changed.wait_for(lock, std::chrono::seconds(120), [&] { return shared_->cancelled; });
    return make_error(Errc::io, "cancelled");
  }
  std::shared_ptr<Shared> shared_;
};

TEST_F(SyncWorkerTest, DestructionAbortsTheExchangeInFlight) {
  enrol_directly();
  check_in(1);
  auto shared = std::make_shared<HangingTransport::Shared>();
  start(config(), [shared](const HubEndpoint&) -> Result<std::unique_ptr<HubTransport>> {
    return std::unique_ptr<HubTransport>(std::make_unique<HangingTransport>(shared));
  });
  {
    std::unique_lock lock(shared->mutex);
    ASSERT_TRUE(shared->changed.wait_for(lock, kPatience, [&] { return shared->in_call; }));
  }
  worker_.reset();
  std::lock_guard lock(shared->mutex);
  EXPECT_TRUE(shared->cancelled);
}

}  // namespace
}  // namespace passerelle::kiosk
