#include "kiosk/scan/synthetic_source.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <random>
#include <thread>

namespace passerelle::scan {
namespace {

std::uint64_t frames_for(std::chrono::milliseconds duration, double fps, std::uint64_t at_least) {
  const auto frames = static_cast<std::uint64_t>(std::llround(static_cast<double>(duration.count()) * fps / 1000.0));
  return std::max(frames, at_least);
}

class Dice {
 public:
  explicit Dice(std::uint32_t seed) : random_(seed) {}
  double uniform(double low, double high) { return low + (high - low) * static_cast<double>(random_()) / 4294967296.0; }
  int below(int count) { return static_cast<int>(random_() % static_cast<std::uint32_t>(count)); }

 private:
  std::mt19937 random_;
};

// A point just outside the frame on `edge` (0 left, 1 right, 2 top, 3 bottom), near `anchor`. The
// margins keep the whole card out of view: its top reaches 1.4 code widths above the code's centre.
FramePoint off_frame(int edge, FramePoint anchor, Dice& dice) {
  switch (edge) {
    case 0:
      return {-0.45, anchor.y + dice.uniform(-0.15, 0.15)};
    case 1:
      return {1.45, anchor.y + dice.uniform(-0.15, 0.15)};
    case 2:
      return {anchor.x + dice.uniform(-0.15, 0.15), -0.6};
    default:
      return {anchor.x + dice.uniform(-0.15, 0.15), 1.6};
  }
}

double mix(double from, double to, double amount) {
  return from + (to - from) * amount;
}

}  // namespace

SyntheticSource::SyntheticSource(SyntheticCameraConfig config)
    : config_(std::move(config)), pacer_(config_.fps, config_.real_time) {
  assert(config_.width > 0 && config_.height > 0 && config_.fps > 0);
  phases_ = {frames_for(config_.gap, config_.fps, 0), frames_for(config_.enter, config_.fps, 1),
             frames_for(config_.hold, config_.fps, 1), frames_for(config_.leave, config_.fps, 1)};
}

Status SyntheticSource::start() {
  assert(!started_);
  if (codes_.empty()) {
    for (const std::string& text : config_.texts) {
      Result<print::QrMatrix> code = print::encode_qr(text);
      if (!code) return make_error(Errc::invalid_input, "demo camera: " + code.error().message);
      codes_.push_back(std::move(*code));
    }
  }
  // The config never changes, so one background serves every restart.
  if (background_.empty()) background_ = render_empty_scene(camera_params());
  started_ = true;
  frames_given_ = 0;
  pacer_.restart();
  return {};
}

void SyntheticSource::stop() {
  started_ = false;
}

std::string SyntheticSource::describe() const {
  char text[80];
  std::snprintf(text, sizeof text, "demo camera (%dx%d, %g fps)", config_.width, config_.height, config_.fps);
  return text;
}

std::uint64_t SyntheticSource::cycle_frames() const {
  return phases_.gap + phases_.enter + phases_.hold + phases_.leave;
}

std::optional<std::uint64_t> SyntheticSource::appearance_at(std::uint64_t sequence) const {
  if (config_.texts.empty()) return std::nullopt;
  if (sequence % cycle_frames() < phases_.gap) return std::nullopt;
  return sequence / cycle_frames();
}

std::optional<SceneParams> SyntheticSource::scene_at(std::uint64_t sequence) const {
  const std::optional<std::uint64_t> appearance = appearance_at(sequence);
  if (!appearance || codes_.empty()) return std::nullopt;
  const print::QrMatrix& code = codes_[*appearance % codes_.size()];
  return pose(*appearance, sequence % cycle_frames(), code.size());
}

SceneParams SyntheticSource::camera_params() const {
  SceneParams params;
  params.frame_width = config_.width;
  params.frame_height = config_.height;
  params.blur_sigma_px = config_.blur_sigma_px;
  params.noise_stddev = config_.noise_stddev;
  // One seed for every frame: render_scene draws a badge card's background from the seed exactly as
  // render_empty_scene does, so the hall behind the badge matches the cached empty frame.
  params.seed = config_.seed;
  params.badge_card = true;
  return params;
}

SceneParams SyntheticSource::pose(std::uint64_t appearance, std::uint64_t position, int code_size) const {
  Dice dice(config_.seed * 2654435761u + static_cast<std::uint32_t>(appearance) * 40503u + 17u);
  const FramePoint held{dice.uniform(0.38, 0.62), dice.uniform(0.42, 0.58)};
  // Code and quiet zone within three quarters of the frame's smaller side.
  const double largest_module = 0.75 * std::min(config_.width, config_.height) / (code_size + 2 * kQuietZoneModules);
  const double module_px = std::min(dice.uniform(4.5, 6.5), largest_module);
  const double rotation = dice.uniform(-12, 12);
  const double tilt_x = dice.uniform(-10, 10);
  const double tilt_y = dice.uniform(-10, 10);
  const double enter_turn = dice.uniform(-25, 25);
  const double enter_tilt = dice.uniform(-25, 25);
  const double leave_turn = dice.uniform(-25, 25);
  const double shake_phase = dice.uniform(0, 6.28);
  const FramePoint from = off_frame(dice.below(4), held, dice);
  const FramePoint to = off_frame(dice.below(4), held, dice);

  SceneParams params = camera_params();
  params.center_x = held.x;
  params.center_y = held.y;
  params.module_px = module_px;
  params.rotation_deg = rotation;
  params.tilt_x_deg = tilt_x;
  params.tilt_y_deg = tilt_y;
  const std::uint64_t in_view = position - phases_.gap;
  if (in_view < phases_.enter) {
    // Decelerating towards the camera: fast from the edge, slowing as it settles.
    const double t = static_cast<double>(in_view) / static_cast<double>(phases_.enter);
    const double s = 1 - (1 - t) * (1 - t);
    params.center_x = mix(from.x, held.x, s);
    params.center_y = mix(from.y, held.y, s);
    params.module_px = module_px * mix(0.55, 1.0, s);
    params.rotation_deg = rotation + enter_turn * (1 - s);
    params.tilt_x_deg = tilt_x + enter_tilt * (1 - s);
    params.blur_sigma_px += 0.5 * (1 - s);
  } else if (in_view < phases_.enter + phases_.hold) {
    // A hand never holds quite still.
    const auto k = static_cast<double>(in_view - phases_.enter);
    params.center_x += 0.004 * std::sin(0.21 * k + shake_phase);
    params.center_y += 0.004 * std::sin(0.17 * k + 2 * shake_phase);
    params.rotation_deg += 0.8 * std::sin(0.13 * k + shake_phase);
  } else {
    const double t = static_cast<double>(in_view - phases_.enter - phases_.hold) / static_cast<double>(phases_.leave);
    const double s = t * t;
    params.center_x = mix(held.x, to.x, s);
    params.center_y = mix(held.y, to.y, s);
    params.module_px = module_px * mix(1.0, 0.7, s);
    params.rotation_deg = rotation + leave_turn * s;
    params.blur_sigma_px += 0.5 * s;
  }
  return params;
}

Result<std::optional<CapturedFrame>> SyntheticSource::next_frame(std::chrono::milliseconds timeout) {
  assert(started_);
  const bool limited = config_.frame_limit != 0;
  if (limited && frames_given_ >= config_.frame_limit) {
    std::this_thread::sleep_for(timeout);  // a camera with no more frames still makes its caller wait
    return std::optional<CapturedFrame>();
  }
  const std::optional<FramePacer::Tick> tick = pacer_.wait_next(timeout);
  if (!tick) return std::optional<CapturedFrame>();
  if (limited && tick->sequence >= config_.frame_limit) {
    frames_given_ = config_.frame_limit;
    return std::optional<CapturedFrame>();
  }
  frames_given_ = tick->sequence + 1;

  FrameView view = background_.view();
  if (const std::optional<SceneParams> scene = scene_at(tick->sequence)) {
    current_ = render_scene(codes_[*appearance_at(tick->sequence) % codes_.size()], *scene);
    view = current_.view();
  }
  return std::optional<CapturedFrame>(CapturedFrame{view, tick->stamp, tick->sequence});
}

}  // namespace passerelle::scan
