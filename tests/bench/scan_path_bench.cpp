// The kiosk's scan path end to end (DESIGN.md targets: scan to green screen, durable commit
// included, p95 under 50 ms; the decoding no more than 1.1x a bare ZXing-C++ call; the kiosk with
// its camera running and nobody in front under 25 % of one core in all).
//
//   scan_path_bench                          100,000 participants, 200 scans per frame size, 10 s idle
//   scan_path_bench --smoke                  2,000 participants, 10 scans, 1 s idle (ctest)
//   scan_path_bench --participants=N --scans=N --idle-seconds=S
//
// Side by side, on the same rendered frames (badge cards with a participant's ticket code):
//   bare     ZXing::ReadBarcode with QrDecoder::production_hints()
//   ours     QrDecoder::decode
//   inline   QrDecoder::decode + CheckinService::scan on one thread (the floor without hand-offs)
//   path     frame handed to the DecodeWorker's source -> capture thread -> newest-frame slot ->
//            decode thread -> check-in thread (its own Store, as kiosk/model/CheckinWorker does)
//            -> CheckinService::scan, COMMIT returned -> answer delivered back to the caller
// The check-in point is in/out, so every scan commits a journal entry. The re-read filter is off
// for the path (consecutive frames show different people anyway). Then the idle cost: the demo
// camera (SyntheticSource, 1280x720, 30 fps, real time, nobody in front) through the
// DecodeWorker with previews on, measured with getrusage over the whole process.
#include <ZXing/ReadBarcode.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/checkin/checkin.h"
#include "core/import/participant_import.h"
#include "kiosk/scan/decode_worker.h"
#include "kiosk/scan/qr_decoder.h"
#include "kiosk/scan/synthetic.h"
#include "kiosk/scan/synthetic_source.h"
#include "tests/scan/scenes.h"
#include "tests/support/test_support.h"

namespace passerelle::scan {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct Options {
  std::size_t participants = 100'000;
  int scans = 200;
  int idle_seconds = 10;
};

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Percentiles {
  double p50 = 0;
  double p95 = 0;
};

Percentiles percentiles(std::vector<double> values) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  return {values[values.size() / 2], values[values.size() * 95 / 100]};
}

void fail(const std::string& why) {
  std::fprintf(stderr, "scan_path_bench: %s\n", why.c_str());
  std::exit(1);
}

// ---- The kiosk's database -------------------------------------------------------------------

struct Event {
  passerelle::testing::TempDir dir;
  std::filesystem::path database;
  std::int64_t event_id = 0;
  std::int64_t checkpoint_id = 0;
  std::vector<std::string> ticket_codes;
};

std::unique_ptr<Event> make_event(std::size_t participants) {
  auto event = std::make_unique<Event>();
  event->database = event->dir.file("kiosk.db");
  std::vector<ParticipantRecord> records = passerelle::testing::generate_participants(participants, 42);
  for (ParticipantRecord& record : records) {
    record.ticket_codes = {"TKT-" + record.external_id};
    event->ticket_codes.push_back(record.ticket_codes[0]);
  }
  Result<Store> store = Store::open(event->database);
  if (!store) fail(store.error().message);
  EventConfig config = default_event_config("Scan path", "2026-12-08");
  config.checkpoints[0].rule = CheckpointRule::in_out;  // never used up: every scan commits
  Result<std::int64_t> event_id = store->create_event(config);
  if (!event_id) fail(event_id.error().message);
  event->event_id = *event_id;
  event->checkpoint_id = (*store->checkpoints(*event_id)).front().id;
  const std::string csv = passerelle::testing::to_canonical_csv(records);
  Result<import::ImportPlan> plan = import::plan_import(csv, {});
  if (!plan) fail(plan.error().message);
  Result<import::ImportSummary> applied = import::apply_import(*store, *event_id, *plan, {});
  if (!applied) fail(applied.error().message);
  return event;
}

// ---- Frames -----------------------------------------------------------------------------------

struct Frame {
  std::string text;
  LumaFrame luma;
};

// Badge cards held up at a door: a participant's ticket code, slightly turned and tilted.
std::vector<Frame> make_frames(int width, int height, const Event& event, std::uint32_t seed) {
  std::mt19937 random(seed);
  const auto uniform = [&](double low, double high) {
    return low + (high - low) * static_cast<double>(random()) / 4294967296.0;
  };
  const QrDecoder decoder;
  std::vector<Frame> frames;
  while (frames.size() < 16) {
    Frame frame;
    frame.text = event.ticket_codes[random() % event.ticket_codes.size()];
    SceneParams params;
    params.frame_width = width;
    params.frame_height = height;
    params.badge_card = true;
    params.module_px = uniform(4.5, 7);
    params.center_x = uniform(0.4, 0.6);
    params.center_y = uniform(0.45, 0.6);
    params.rotation_deg = uniform(-20, 20);
    params.tilt_x_deg = uniform(-10, 10);
    params.tilt_y_deg = uniform(-10, 10);
    params.blur_sigma_px = 0.6;
    params.noise_stddev = 4;
    params.seed = static_cast<std::uint32_t>(random());
    frame.luma = render_scene(testing::encode_or_die(frame.text), params);
    // Only frames that read: the figures would otherwise time the failure path.
    if (decoder.decode(frame.luma.view()) == frame.text) frames.push_back(std::move(frame));
  }
  return frames;
}

// ---- The path's pieces ------------------------------------------------------------------------

// A camera that delivers exactly the frame the benchmark hands it, when it hands it.
class ReplaySource final : public FrameSource {
 public:
  Status start() override { return {}; }
  void stop() override {}
  std::string describe() const override { return "replay"; }

  void deliver(const LumaFrame& frame) {
    {
      std::lock_guard lock(mutex_);
      pending_ = &frame;
    }
    wake_.notify_one();
  }

  Result<std::optional<CapturedFrame>> next_frame(std::chrono::milliseconds timeout) override {
    std::unique_lock lock(mutex_);
    if (!wake_.wait_for(lock, timeout, [this] { return pending_ != nullptr; })) return std::optional<CapturedFrame>();
    const LumaFrame* frame = std::exchange(pending_, nullptr);
    return std::optional<CapturedFrame>(CapturedFrame{frame->view(), Clock::now(), sequence_++});
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  const LumaFrame* pending_ = nullptr;
  std::uint64_t sequence_ = 0;
};

// The kiosk's one writer, as kiosk/model/CheckinWorker is: its own thread and its own Store, and
// every answer delivered through a callback once the COMMIT returned.
class CheckinThread {
 public:
  CheckinThread(const Event& event, std::function<void(Result<CheckinResult>)> deliver)
      : event_(event), deliver_(std::move(deliver)), thread_([this] { run(); }) {}
  ~CheckinThread() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }

  void submit(std::string code) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(code));
    }
    wake_.notify_one();
  }

 private:
  void run() {
    Result<Store> store = Store::open(event_.database);
    if (!store) fail(store.error().message);
    CheckinService service(*store);
    CheckinRequest request;
    request.event_id = event_.event_id;
    request.checkpoint_id = event_.checkpoint_id;
    std::unique_lock lock(mutex_);
    while (true) {
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      request.code = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      request.direction = request.direction == Direction::entry ? Direction::exit : Direction::entry;
      deliver_(service.scan(request));
      lock.lock();
    }
  }

  const Event& event_;
  std::function<void(Result<CheckinResult>)> deliver_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

// ---- Measurements -----------------------------------------------------------------------------

struct Row {
  std::string size;
  std::string what;
  Percentiles latency;
  int samples = 0;
};

std::vector<double> time_bare(const std::vector<Frame>& frames, int scans) {
  const ZXing::DecodeHints hints = QrDecoder::production_hints();
  std::vector<double> times;
  for (int i = 0; i < scans; ++i) {
    const LumaFrame& luma = frames[static_cast<std::size_t>(i) % frames.size()].luma;
    const Clock::time_point start = Clock::now();
    const ZXing::Result result =
        ZXing::ReadBarcode(ZXing::ImageView(luma.data(), luma.width(), luma.height(), ZXing::ImageFormat::Lum), hints);
    times.push_back(ms_since(start));
    if (!result.isValid()) fail("bare ZXing missed a frame");
  }
  return times;
}

std::vector<double> time_ours(const std::vector<Frame>& frames, int scans) {
  const QrDecoder decoder;
  std::vector<double> times;
  for (int i = 0; i < scans; ++i) {
    const LumaFrame& luma = frames[static_cast<std::size_t>(i) % frames.size()].luma;
    const Clock::time_point start = Clock::now();
    const std::optional<std::string> text = decoder.decode(luma.view());
    times.push_back(ms_since(start));
    if (!text) fail("QrDecoder missed a frame");
  }
  return times;
}

std::vector<double> time_inline(const std::vector<Frame>& frames, int scans, const Event& event) {
  Result<Store> store = Store::open(event.database);
  if (!store) fail(store.error().message);
  CheckinService service(*store);
  const QrDecoder decoder;
  CheckinRequest request;
  request.event_id = event.event_id;
  request.checkpoint_id = event.checkpoint_id;
  std::vector<double> times;
  for (int i = 0; i < scans; ++i) {
    const LumaFrame& luma = frames[static_cast<std::size_t>(i) % frames.size()].luma;
    const Clock::time_point start = Clock::now();
    std::optional<std::string> text = decoder.decode(luma.view());
    if (!text) fail("QrDecoder missed a frame");
    request.code = std::move(*text);
    request.direction = i % 2 == 0 ? Direction::entry : Direction::exit;
    Result<CheckinResult> result = service.scan(request);
    times.push_back(ms_since(start));
    if (!result) fail(result.error().message);
  }
  return times;
}

struct PathTimes {
  std::vector<double> latencies;
  DecodeStats stats;
};

PathTimes time_path(const std::vector<Frame>& frames, int scans, const Event& event) {
  std::mutex mutex;
  std::condition_variable answered;
  std::optional<Result<CheckinResult>> answer;
  CheckinThread checkin(event, [&](Result<CheckinResult> result) {
    {
      std::lock_guard lock(mutex);
      answer = std::move(result);
    }
    answered.notify_one();
  });
  auto owned_source = std::make_unique<ReplaySource>();
  ReplaySource& source = *owned_source;
  DecodeWorkerConfig config;
  config.reread_interval = 0ms;
  config.stall_timeout = 0ms;
  DecodeWorker worker(std::move(owned_source), config,
                      {[&](std::string code) { checkin.submit(std::move(code)); }, [](const LumaFrame&) {}, {}});
  worker.start();
  PathTimes times;
  for (int i = 0; i < scans; ++i) {
    const Frame& frame = frames[static_cast<std::size_t>(i) % frames.size()];
    std::unique_lock lock(mutex);
    answer.reset();
    lock.unlock();
    const Clock::time_point start = Clock::now();
    source.deliver(frame.luma);
    lock.lock();
    if (!answered.wait_for(lock, 10s, [&] { return answer.has_value(); })) fail("no answer within 10 s");
    times.latencies.push_back(ms_since(start));
    if (!*answer) fail(answer->error().message);
    if (!(*answer)->participant) fail("the scan found nobody");
  }
  worker.stop();
  times.stats = worker.stats();
  return times;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& time) {
    return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

void measure_idle(int seconds) {
  SyntheticCameraConfig camera;
  camera.width = 1280;
  camera.height = 720;
  camera.fps = 30;
  camera.real_time = true;
  std::atomic<std::uint64_t> previews{0};
  DecodeWorker worker(std::make_unique<SyntheticSource>(camera), {},
                      {[](std::string) {}, [&](const LumaFrame&) { ++previews; }, {}});
  worker.start();
  std::this_thread::sleep_for(500ms);  // past the one-off background render
  const DecodeStats before = worker.stats();
  const std::uint64_t previews_before = previews.load();
  const double cpu_before = cpu_seconds();
  const Clock::time_point wall_before = Clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  const double cpu = cpu_seconds() - cpu_before;
  const double wall = std::chrono::duration<double>(Clock::now() - wall_before).count();
  const DecodeStats after = worker.stats();
  const std::uint64_t previews_after = previews.load();
  worker.stop();
  std::printf(
      "\nIdle: demo camera 1280x720 at 30 fps + DecodeWorker (previews on), nobody in front, %.1f s:\n"
      "  CPU %.1f %% of one core (user + system, whole process)\n"
      "  frames captured %llu, decoded %llu, dropped %llu, previews %llu; decode p50 %.2f ms, p95 %.2f ms\n",
      wall, 100.0 * cpu / wall, static_cast<unsigned long long>(after.frames_captured - before.frames_captured),
      static_cast<unsigned long long>(after.frames_decoded - before.frames_decoded),
      static_cast<unsigned long long>(after.frames_dropped - before.frames_dropped),
      static_cast<unsigned long long>(previews_after - previews_before), after.decode_ms_p50, after.decode_ms_p95);
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    const auto value = [&](const char* prefix) -> std::optional<long> {
      if (argument.rfind(prefix, 0) != 0) return std::nullopt;
      return std::strtol(argument.c_str() + std::strlen(prefix), nullptr, 10);
    };
    if (argument == "--smoke") {
      options = {2'000, 10, 1};
    } else if (const auto participants = value("--participants=")) {
      options.participants = static_cast<std::size_t>(std::max(*participants, 1L));
    } else if (const auto scans = value("--scans=")) {
      options.scans = static_cast<int>(std::max(*scans, 1L));
    } else if (const auto idle = value("--idle-seconds=")) {
      options.idle_seconds = static_cast<int>(std::max(*idle, 1L));
    } else {
      fail("unknown argument " + argument + " (see the comment at the top of scan_path_bench.cpp)");
    }
  }
  return options;
}

int run(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  std::printf("Importing %zu participants...\n", options.participants);
  const std::unique_ptr<Event> event = make_event(options.participants);
  std::vector<Row> rows;
  for (const auto& [width, height] : {std::pair{640, 480}, std::pair{1280, 720}}) {
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    const std::vector<Frame> frames = make_frames(width, height, *event, static_cast<std::uint32_t>(width));
    // One untimed pass warms caches, the page cache of the database and ZXing's allocations.
    static_cast<void>(time_bare(frames, 16));
    static_cast<void>(time_path(frames, 4, *event));
    rows.push_back({size, "bare ZXing::ReadBarcode, production hints", percentiles(time_bare(frames, options.scans)),
                    options.scans});
    rows.push_back({size, "QrDecoder::decode", percentiles(time_ours(frames, options.scans)), options.scans});
    rows.push_back({size, "decode + CheckinService::scan, one thread",
                    percentiles(time_inline(frames, options.scans, *event)), options.scans});
    const PathTimes path = time_path(frames, options.scans, *event);
    rows.push_back(
        {size, "scan path: frame in -> worker -> commit -> answer", percentiles(path.latencies), options.scans});
    rows.push_back({size,
                    "  of which decode, on the worker's decode thread",
                    {path.stats.decode_ms_p50, path.stats.decode_ms_p95},
                    static_cast<int>(path.stats.frames_decoded)});
  }
  std::printf("\n%-10s %-52s %9s %9s %7s\n", "frames", "measurement", "p50 ms", "p95 ms", "n");
  for (const Row& row : rows) {
    std::printf("%-10s %-52s %9.2f %9.2f %7d\n", row.size.c_str(), row.what.c_str(), row.latency.p50, row.latency.p95,
                row.samples);
  }
  std::printf("Wall-clock times per scan; %zu participants; in/out checkpoint, WAL, synchronous=FULL.\n",
              options.participants);
  measure_idle(options.idle_seconds);
  return 0;
}

}  // namespace
}  // namespace passerelle::scan

int main(int argc, char** argv) {
  return passerelle::scan::run(argc, argv);
}
