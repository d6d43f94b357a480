// The decode worker: real rendered frames through the real worker, the newest-frame slot, camera
// loss and recovery, previews. Waits are bounded generously; nothing here checks a duration.
#include "kiosk/scan/decode_worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "kiosk/scan/synthetic_source.h"
#include "tests/scan/recorder.h"
#include "tests/scan/scenes.h"

namespace passerelle::scan {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct CameraReport {
  CameraStatus status;
  std::string detail;
};

// Runs `worker` until its source has given `frames` frames and every one was decoded or dropped.
void run_until_drained(DecodeWorker& worker, std::uint64_t frames) {
  worker.start();
  const bool drained = testing::eventually([&] {
    const DecodeStats stats = worker.stats();
    return stats.frames_captured == frames && stats.frames_decoded + stats.frames_dropped == frames;
  });
  worker.stop();
  ASSERT_TRUE(drained) << "captured " << worker.stats().frames_captured;
}

SyntheticCameraConfig demo_camera(std::vector<std::string> texts) {
  SyntheticCameraConfig config;
  config.width = 640;
  config.height = 480;
  config.texts = std::move(texts);
  config.seed = 3;
  config.gap = 1000ms;
  config.real_time = false;
  return config;
}

DecodeWorkerConfig quiet_config() {
  DecodeWorkerConfig config;
  config.stall_timeout = 0ms;  // the sources below stop at a frame limit
  return config;
}

TEST(DecodeWorker, ReportsEachDemoCodeOncePerAppearance) {
  std::mt19937 random(21);
  const std::vector<std::string> texts = {testing::fake_token(random), testing::fake_ticket_code(random),
                                          testing::fake_token(random)};
  SyntheticCameraConfig camera = demo_camera(texts);
  const std::uint64_t cycle = SyntheticSource(camera).cycle_frames();
  camera.frame_limit = 6 * cycle;  // each text twice, more than the re-read interval apart

  testing::Recorder<std::string> codes;
  testing::Recorder<CameraReport> statuses;
  std::atomic<int> previews{0};
  DecodeWorker worker(std::make_unique<SyntheticSource>(camera), quiet_config(),
                      {[&](std::string code) { codes.add(std::move(code)); },
                       [&](const LumaFrame& preview) {
                         EXPECT_EQ(preview.width(), 640);
                         previews.fetch_add(1);
                       },
                       [&](CameraStatus status, std::string detail) {
                         statuses.add({status, std::move(detail)});
                       }});
  run_until_drained(worker, camera.frame_limit);

  EXPECT_EQ(codes.items(), (std::vector<std::string>{texts[0], texts[1], texts[2], texts[0], texts[1], texts[2]}));
  const DecodeStats stats = worker.stats();
  EXPECT_EQ(stats.codes_reported, 6u);
  EXPECT_GT(stats.frames_decoded, 0u);
  EXPECT_GT(stats.decode_ms_p50, 0.0);
  EXPECT_GE(stats.decode_ms_p95, stats.decode_ms_p50);
  // 15 previews a second of (virtual) camera time, out of 30 frames.
  EXPECT_EQ(previews.load(), static_cast<int>(camera.frame_limit / 2));
  ASSERT_EQ(statuses.items().size(), 1u);
  EXPECT_EQ(statuses.items()[0].status, CameraStatus::started);
  EXPECT_EQ(statuses.items()[0].detail, "demo camera (640x480, 30 fps)");
}

TEST(DecodeWorker, HonoursTheRereadInterval) {
  SyntheticCameraConfig camera = demo_camera({"EIF-TKT-7F3K9Q"});
  camera.gap = 500ms;
  const std::uint64_t cycle = SyntheticSource(camera).cycle_frames();
  camera.frame_limit = 3 * cycle;  // three appearances within 9.3 s

  for (const auto& [interval, expected] : {std::pair{10000ms, 1u}, std::pair{200ms, 3u}}) {
    DecodeWorkerConfig config = quiet_config();
    config.reread_interval = interval;
    testing::Recorder<std::string> codes;
    DecodeWorker worker(std::make_unique<SyntheticSource>(camera), config,
                        {[&](std::string code) { codes.add(std::move(code)); }, {}, {}});
    run_until_drained(worker, camera.frame_limit);
    EXPECT_EQ(codes.items(), std::vector<std::string>(expected, "EIF-TKT-7F3K9Q")) << interval.count() << " ms";
  }
}

// Frames whose pixels all hold their sequence number, in virtual time at 30 fps; or YUYV ones.
// Can fail to open, fail after some frames, or stop sending.
class FakeCamera : public FrameSource {
 public:
  struct Script {
    int width = 8;
    int height = 8;
    bool yuyv = false;
    std::uint64_t frames = 100;  // then nothing
    std::chrono::milliseconds frame_gap{1};
    int open_failures = 0;
    std::uint64_t unplug_after = 0;  // 0: never; otherwise the first run fails after this many frames
  };
  explicit FakeCamera(Script script) : script_(script) {}

  Status start() override {
    if (open_failures_seen_ < script_.open_failures) {
      ++open_failures_seen_;
      return make_error(Errc::not_found, "no camera at /dev/video3");
    }
    ++opened_;
    return {};
  }
  Result<std::optional<CapturedFrame>> next_frame(std::chrono::milliseconds timeout) override {
    if (script_.unplug_after != 0 && opened_ == 1 && given_ == script_.unplug_after) {
      return make_error(Errc::io, "camera at /dev/video3 was unplugged");
    }
    if (given_ >= script_.frames) {
      std::this_thread::sleep_for(timeout);
      return std::optional<CapturedFrame>();
    }
    std::this_thread::sleep_for(script_.frame_gap);
    const std::uint64_t sequence = given_++;
    const LumaFrame luma(script_.width, script_.height, static_cast<std::uint8_t>(sequence % 256));
    FrameView view = luma.view();
    if (script_.yuyv) {
      yuyv_ = YuyvFrame::from_luma(luma);
      view = yuyv_.luma_view();
    } else {
      luma_ = luma;
      view = luma_.view();
    }
    const auto stamp = Clock::time_point{} + std::chrono::nanoseconds(33'333'333) * static_cast<std::int64_t>(sequence);
    return std::optional<CapturedFrame>(CapturedFrame{view, stamp, sequence});
  }
  void stop() override {}
  std::string describe() const override { return "camera at /dev/video3"; }

 private:
  Script script_;
  int open_failures_seen_ = 0;
  int opened_ = 0;
  std::uint64_t given_ = 0;
  LumaFrame luma_;
  YuyvFrame yuyv_;
};

TEST(DecodeWorker, NewestFrameReplacesTheWaitingOneWhileTheDecoderIsBusy) {
  FakeCamera::Script script;
  script.frames = 200;
  std::vector<int> decoded;  // decode thread only, read after stop()
  DecodeWorker worker(std::make_unique<FakeCamera>(script), quiet_config(), {},
                      [&](const FrameView& frame) -> std::optional<std::string> {
                        decoded.push_back(frame.at(0, 0));
                        std::this_thread::sleep_for(20ms);  // a slow decoder
                        return std::nullopt;
                      });
  run_until_drained(worker, 200);
  const DecodeStats stats = worker.stats();
  EXPECT_GT(stats.frames_dropped, 0u);
  EXPECT_EQ(stats.frames_decoded, decoded.size());
  ASSERT_FALSE(decoded.empty());
  EXPECT_TRUE(std::is_sorted(decoded.begin(), decoded.end()));
  EXPECT_EQ(std::adjacent_find(decoded.begin(), decoded.end()), decoded.end()) << "no frame decoded twice";
  EXPECT_EQ(decoded.back(), 199) << "the newest frame is never dropped";
}

TEST(DecodeWorker, CopiesYuyvFramesAsPackedLuminance) {
  FakeCamera::Script script;
  script.yuyv = true;
  script.width = 64;
  script.height = 4;
  script.frames = 20;
  script.frame_gap = 0ms;
  bool all_match = true;
  DecodeWorker worker(std::make_unique<FakeCamera>(script), quiet_config(), {},
                      [&](const FrameView& frame) -> std::optional<std::string> {
                        all_match = all_match && frame.pixel_stride == 1 && frame.width == 64 && frame.height == 4;
                        for (int y = 0; y < 4; ++y) {
                          for (int x = 0; x < 64; ++x) all_match = all_match && frame.at(x, y) == frame.at(0, 0);
                        }
                        return std::nullopt;
                      });
  run_until_drained(worker, 20);
  EXPECT_TRUE(all_match);
}

TEST(DecodeWorker, RecoversALostCameraWithBackOff) {
  FakeCamera::Script script;
  script.open_failures = 2;
  script.unplug_after = 10;
  script.frames = 30;
  DecodeWorkerConfig config = quiet_config();
  config.first_retry = 1ms;
  config.longest_retry = 3ms;
  testing::Recorder<CameraReport> statuses;
  DecodeWorker worker(std::make_unique<FakeCamera>(script), config,
                      {{},
                       {},
                       [&](CameraStatus status, std::string detail) {
                         statuses.add({status, std::move(detail)});
                       }},
                      [](const FrameView&) { return std::optional<std::string>(); });
  run_until_drained(worker, 30);
  const std::vector<CameraReport> reports = statuses.items();
  ASSERT_EQ(reports.size(), 5u);
  EXPECT_EQ(reports[0].status, CameraStatus::lost);
  EXPECT_EQ(reports[0].detail, "no camera at /dev/video3; retrying in 1 ms");
  EXPECT_EQ(reports[1].status, CameraStatus::lost);
  EXPECT_EQ(reports[1].detail, "no camera at /dev/video3; retrying in 2 ms");
  EXPECT_EQ(reports[2].status, CameraStatus::recovered);
  EXPECT_EQ(reports[2].detail, "camera at /dev/video3");
  EXPECT_EQ(reports[3].status, CameraStatus::lost);
  EXPECT_EQ(reports[3].detail, "camera at /dev/video3 was unplugged; retrying in 1 ms");
  EXPECT_EQ(reports[4].status, CameraStatus::recovered);  // and the other 20 frames came
  EXPECT_EQ(worker.stats().camera_losses, 3u);
}

TEST(DecodeWorker, BackOffGrowsToItsLongestWait) {
  FakeCamera::Script script;
  script.open_failures = 1000;
  DecodeWorkerConfig config = quiet_config();
  config.first_retry = 1ms;
  config.longest_retry = 4ms;
  testing::Recorder<CameraReport> statuses;
  DecodeWorker worker(std::make_unique<FakeCamera>(script), config,
                      {{}, {}, [&](CameraStatus status, std::string detail) {
                         statuses.add({status, std::move(detail)});
                       }});
  worker.start();
  ASSERT_TRUE(statuses.wait_for_count(5));
  worker.stop();
  const std::vector<CameraReport> reports = statuses.items();
  const char* waits[] = {"1 ms", "2 ms", "4 ms", "4 ms", "4 ms"};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(reports[i].detail, std::string("no camera at /dev/video3; retrying in ") + waits[i]);
  }
}

TEST(DecodeWorker, StalledCameraIsReopened) {
  FakeCamera::Script script;
  script.frames = 5;  // then silence
  DecodeWorkerConfig config;
  config.stall_timeout = 30ms;
  config.frame_wait = 5ms;
  config.first_retry = 1ms;
  testing::Recorder<CameraReport> statuses;
  DecodeWorker worker(std::make_unique<FakeCamera>(script), config,
                      {{},
                       {},
                       [&](CameraStatus status, std::string detail) {
                         statuses.add({status, std::move(detail)});
                       }},
                      [](const FrameView&) { return std::optional<std::string>(); });
  worker.start();
  ASSERT_TRUE(statuses.wait_for_count(2));
  worker.stop();
  EXPECT_EQ(statuses.items()[0].status, CameraStatus::started);
  EXPECT_EQ(statuses.items()[1].status, CameraStatus::lost);
  EXPECT_EQ(statuses.items()[1].detail, "camera at /dev/video3 sent no picture for 30 ms; retrying in 1 ms");
}

TEST(DecodeWorker, PreviewsAreDownscaledAndRateLimited) {
  FakeCamera::Script script;
  script.width = 1280;
  script.height = 720;
  script.frames = 60;
  script.frame_gap = 0ms;
  std::vector<std::pair<int, int>> sizes;  // capture thread only, read after stop()
  std::vector<int> values;
  DecodeWorker worker(std::make_unique<FakeCamera>(script), quiet_config(),
                      {{},
                       [&](const LumaFrame& preview) {
                         sizes.emplace_back(preview.width(), preview.height());
                         values.push_back(preview.at(preview.width() - 1, preview.height() - 1));
                       },
                       {}},
                      [](const FrameView&) { return std::optional<std::string>(); });
  run_until_drained(worker, 60);
  ASSERT_EQ(sizes.size(), 30u);  // 60 frames at 30 fps, previews at 15 fps
  for (const auto& size : sizes) EXPECT_EQ(size, (std::pair{640, 360}));
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(values[i], static_cast<int>(2 * i)) << "every other frame";
}

TEST(DecodeWorker, StopsPromptlyDuringALongBackOffAndRestarts) {
  FakeCamera::Script script;
  script.open_failures = 1;
  DecodeWorkerConfig config = quiet_config();
  config.first_retry = 3600s;
  testing::Recorder<CameraReport> statuses;
  DecodeWorker worker(std::make_unique<FakeCamera>(script), config,
                      {{},
                       {},
                       [&](CameraStatus status, std::string detail) {
                         statuses.add({status, std::move(detail)});
                       }},
                      [](const FrameView&) { return std::optional<std::string>(); });
  worker.start();
  ASSERT_TRUE(statuses.wait_for_count(1));
  worker.stop();  // returns although the retry is an hour away
  EXPECT_EQ(statuses.items()[0].detail, "no camera at /dev/video3; retrying in 3600 s");
  worker.start();  // the camera opens now
  ASSERT_TRUE(statuses.wait_for_count(2));
  worker.stop();
  EXPECT_EQ(statuses.items()[1].status, CameraStatus::started);
}

}  // namespace
}  // namespace passerelle::scan
