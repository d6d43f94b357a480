// Scan-path benchmarks (DESIGN.md: the scan path costs at most 1.1x a bare ZXing-C++ call with the
// production options on the same frames; an idle 1280x720 frame under 5 ms on one core).
//
//   scan_bench                                      ours beside bare ZXing, then the ratios
//   scan_bench --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true
//                                                   the same, steadier on a busy machine
//   scan_bench --hint-study[=SCENES]                read rates and idle cost of the alternatives to
//                                                   the production DecodeHints (kiosk/scan/qr_decoder.cpp)
//
// Every frame set is rendered once at start-up by kiosk/scan/synthetic and cycled through by each
// benchmark of the set, so ours and the bare calls see the same pixels.
#include <ZXing/ReadBarcode.h>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "kiosk/scan/qr_decoder.h"
#include "kiosk/scan/synthetic.h"
#include "tests/scan/scenes.h"

namespace passerelle::scan {
namespace {

constexpr int kFramesPerSet = 4;

struct FrameSet {
  std::string name;
  std::vector<LumaFrame> luma;
  std::vector<YuyvFrame> yuyv;  // the same frames as a camera delivers them
  bool with_code = false;
};

SceneParams camera(int width, int height, std::uint32_t seed) {
  SceneParams params;
  params.frame_width = width;
  params.frame_height = height;
  params.blur_sigma_px = 0.6;
  params.noise_stddev = 4;
  params.seed = seed;
  return params;
}

// Nobody in front of the kiosk, and a badge in front of it: a token at typical distances.
std::vector<FrameSet> make_frame_sets() {
  std::vector<FrameSet> sets(3);
  sets[0].name = "idle_1280x720";
  sets[1].name = "code_640x480";
  sets[2].name = "code_1280x720";
  std::mt19937 random(2024);
  for (std::uint32_t i = 0; i < kFramesPerSet; ++i) {
    sets[0].luma.push_back(render_empty_scene(camera(1280, 720, 100 + i)));

    SceneParams small = camera(640, 480, 200 + i);
    small.module_px = 4;
    small.rotation_deg = 40.0 * i;
    small.tilt_x_deg = 10;
    sets[1].luma.push_back(render_scene(testing::encode_or_die(testing::fake_token(random)), small));

    SceneParams large = camera(1280, 720, 300 + i);
    large.module_px = 5;
    large.rotation_deg = 15.0 + 30.0 * i;
    large.tilt_y_deg = 12;
    large.badge_card = true;
    sets[2].luma.push_back(render_scene(testing::encode_or_die(testing::fake_token(random)), large));
  }
  for (FrameSet& set : sets) {
    set.with_code = set.name.rfind("code", 0) == 0;
    for (const LumaFrame& frame : set.luma) set.yuyv.push_back(YuyvFrame::from_luma(frame));
  }
  return sets;
}

const std::vector<FrameSet>& frame_sets() {
  static const std::vector<FrameSet> sets = make_frame_sets();
  return sets;
}

ZXing::ImageView image_view(const FrameView& view) {
  return ZXing::ImageView(view.data, view.width, view.height, ZXing::ImageFormat::Lum, view.row_stride,
                          view.pixel_stride);
}

FrameView frame_view(const FrameSet& set, std::size_t index, bool yuyv) {
  return yuyv ? set.yuyv[index].luma_view() : set.luma[index].view();
}

enum class Path { ours, bare };

// One decode per iteration, cycling through the set's frames. A frame with a code that does not
// read is an error: the figures would then time a failure path.
void decode_benchmark(benchmark::State& state, const FrameSet& set, Path path, bool yuyv) {
  const QrDecoder decoder;
  const ZXing::DecodeHints& hints = decoder.hints();
  std::size_t index = 0;
  std::size_t read = 0;
  for (auto _ : state) {
    const FrameView view = frame_view(set, index, yuyv);
    index = (index + 1) % set.luma.size();
    switch (path) {
      case Path::ours: {
        std::optional<std::string> text = decoder.decode(view);
        read += text.has_value();
        benchmark::DoNotOptimize(text);
        break;
      }
      case Path::bare: {
        ZXing::Result result = ZXing::ReadBarcode(image_view(view), hints);
        read += result.isValid();
        benchmark::DoNotOptimize(result);
        break;
      }
    }
  }
  const std::size_t expected = set.with_code ? static_cast<std::size_t>(state.iterations()) : 0;
  if (read != expected) state.SkipWithError("decoded a different number of frames than expected");
}

// Collects each benchmark's CPU time (the fastest repetition) to print ours / bare afterwards.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
      const std::string name = run.run_name.str();
      const double cpu_ms = run.GetAdjustedCPUTime();  // in the benchmark's unit: milliseconds
      auto [it, inserted] = cpu_ms_.emplace(name, cpu_ms);
      if (!inserted) it->second = std::min(it->second, cpu_ms);
    }
  }

  void print_ratios() const {
    std::printf("\n%-26s %12s %12s %8s\n", "frames", "ours (ms)", "bare (ms)", "ratio");
    for (const auto& [name, ours] : cpu_ms_) {
      const std::string suffix = "/ours";
      if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        continue;
      const std::string frames = name.substr(0, name.size() - suffix.size());
      const auto bare = cpu_ms_.find(frames + "/bare");
      if (bare == cpu_ms_.end()) continue;
      std::printf("%-26s %12.3f %12.3f %7.3fx\n", frames.c_str(), ours, bare->second, ours / bare->second);
    }
    std::printf("CPU time per frame, fastest repetition; bare = ZXing::ReadBarcode(ImageView, QrDecoder's hints).\n");
  }

 private:
  std::map<std::string, double> cpu_ms_;
};

// The synthetic camera renders every frame of a 30 fps stream: 33 ms per frame at most, and it
// shares the box with the decoder and the UI.
void render_benchmark(benchmark::State& state, SceneParams params, bool with_code) {
  std::mt19937 random(5);
  const print::QrMatrix code = testing::encode_or_die(testing::fake_token(random));
  for (auto _ : state) {
    params.seed += 1;
    LumaFrame frame = with_code ? render_scene(code, params) : render_empty_scene(params);
    benchmark::DoNotOptimize(frame.data());
  }
}

void register_benchmarks() {
  SceneParams typical = camera(1280, 720, 1);
  typical.badge_card = true;
  typical.rotation_deg = 15;
  typical.tilt_x_deg = 10;
  SceneParams heaviest = typical;  // the largest card the sweep draws, with the most blur and noise
  heaviest.module_px = 8;
  heaviest.rotation_deg = 33;
  heaviest.blur_sigma_px = 1.2;
  heaviest.noise_stddev = 12;
  benchmark::RegisterBenchmark("render/empty_1280x720", render_benchmark, camera(1280, 720, 1), false)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("render/badge_1280x720", render_benchmark, typical, true)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("render/heaviest_1280x720", render_benchmark, heaviest, true)
      ->Unit(benchmark::kMillisecond);

  for (const FrameSet& set : frame_sets()) {
    for (bool yuyv : {false, true}) {
      const std::string frames = set.name + (yuyv ? "_yuyv" : "");
      const std::pair<Path, const char*> paths[] = {{Path::ours, "ours"}, {Path::bare, "bare"}};
      for (const auto& [path, label] : paths) {
        benchmark::RegisterBenchmark((frames + "/" + label).c_str(), decode_benchmark, std::cref(set), path, yuyv)
            ->Unit(benchmark::kMillisecond);
      }
    }
  }
}

// ---- Hint study -------------------------------------------------------------------------------

double thread_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct Variant {
  const char* name;
  ZXing::DecodeHints hints;
  int reasonable = 0, reasonable_read = 0, visible = 0, visible_read = 0, misread = 0;
  int close_ups = 0, close_ups_read = 0;
  double sweep_ms = 0;
  double idle_ms = 0;
};

// Badges held close to a 1280x720 camera: 8.5 to 16.5 px per module, half of them tokens.
std::vector<testing::SweepScene> close_up_scenes() {
  std::vector<testing::SweepScene> scenes;
  std::mt19937 random(9);
  for (int i = 0; i < 160; ++i) {
    SceneParams p = camera(1280, 720, static_cast<std::uint32_t>(1000 + i));
    p.rotation_deg = i * 37 % 360;
    p.tilt_x_deg = (i % 7) * 5 - 15;
    p.tilt_y_deg = (i % 5) * 6 - 12;
    p.noise_stddev = (i % 4) * 4;
    p.blur_sigma_px = (i % 3) * 0.5;
    p.contrast = 0.6 + (i % 4) * 0.1;
    p.badge_card = i % 2 == 1;
    p.module_px = 8.5 + (i % 9);
    testing::SweepScene scene{i % 2 == 0 ? testing::fake_ticket_code(random) : testing::fake_token(random),
                              print::QrMatrix(0, {}), p, false};
    scene.code = testing::encode_or_die(scene.text);
    scene.fully_visible = testing::code_inside_frame(scene.code.size(), p, 4, 1);
    if (scene.fully_visible) scenes.push_back(std::move(scene));
  }
  return scenes;
}

int hint_study(std::uint32_t scene_count) {
  const ZXing::DecodeHints production = QrDecoder::production_hints();
  std::vector<Variant> variants = {
      {"production", production},
      {"tryHarder on", ZXing::DecodeHints(production).setTryHarder(true)},
      {"tryRotate on", ZXing::DecodeHints(production).setTryRotate(true)},
      {"tryDownscale off", ZXing::DecodeHints(production).setTryDownscale(false)},
      {"downscale factor 2", ZXing::DecodeHints(production).setDownscaleFactor(2)},
      {"GlobalHistogram", ZXing::DecodeHints(production).setBinarizer(ZXing::Binarizer::GlobalHistogram)},
  };
  auto check = [](Variant& variant, const LumaFrame& frame, const std::string& text) {
    const double start = thread_cpu_ms();
    const std::optional<std::string> read = QrDecoder(variant.hints).decode(frame.view());
    variant.sweep_ms += thread_cpu_ms() - start;
    if (read && *read != text) ++variant.misread;
    return read.has_value() && *read == text;
  };
  for (std::uint32_t index = 0; index < scene_count; ++index) {
    const testing::SweepScene scene = testing::sweep_scene(index);
    const LumaFrame frame = render_scene(scene.code, scene.params);
    const bool reasonable = testing::reasonable(scene);
    // A different variant goes first each time: the first decode after rendering meets a colder cache.
    for (std::size_t k = 0; k < variants.size(); ++k) {
      Variant& variant = variants[(index + k) % variants.size()];
      const bool read = check(variant, frame, scene.text);
      variant.reasonable += reasonable;
      variant.reasonable_read += reasonable && read;
      variant.visible += scene.fully_visible;
      variant.visible_read += scene.fully_visible && read;
    }
  }
  for (const testing::SweepScene& scene : close_up_scenes()) {
    const LumaFrame frame = render_scene(scene.code, scene.params);
    for (Variant& variant : variants) {
      ++variant.close_ups;
      variant.close_ups_read += check(variant, frame, scene.text);
    }
  }
  // Idle cost: the fastest of 7 passes over the idle frames, per frame, on this thread's CPU clock.
  const FrameSet& idle = frame_sets()[0];
  for (Variant& variant : variants) {
    const QrDecoder decoder(variant.hints);
    double best = 1e9;
    for (int pass = 0; pass < 7; ++pass) {
      const double start = thread_cpu_ms();
      for (const LumaFrame& frame : idle.luma) benchmark::DoNotOptimize(decoder.decode(frame.view()));
      best = std::min(best, (thread_cpu_ms() - start) / static_cast<double>(idle.luma.size()));
    }
    variant.idle_ms = best;
  }
  std::printf("%u random scenes (tests/scan/scenes.h), %d reasonable, %d with the code in frame; %d close-ups\n",
              scene_count, variants[0].reasonable, variants[0].visible, variants[0].close_ups);
  std::printf("%-20s %11s %14s %10s %9s %14s %12s\n", "hints", "reasonable", "code in frame", "close-ups", "misreads",
              "mean ms/scene", "idle 720p ms");
  for (const Variant& v : variants) {
    std::printf("%-20s %10.1f%% %13.1f%% %5d/%-4d %9d %14.2f %12.2f\n", v.name,
                100.0 * v.reasonable_read / v.reasonable, 100.0 * v.visible_read / v.visible, v.close_ups_read,
                v.close_ups, v.misread, v.sweep_ms / (scene_count + v.close_ups), v.idle_ms);
  }
  return 0;
}

}  // namespace
}  // namespace passerelle::scan

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--hint-study", 12) == 0) {
      const char* count = std::strchr(argv[i], '=');
      return passerelle::scan::hint_study(count ? static_cast<std::uint32_t>(std::atoi(count + 1)) : 2400u);
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  passerelle::scan::register_benchmarks();
  passerelle::scan::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_ratios();
  benchmark::Shutdown();
  return 0;
}
