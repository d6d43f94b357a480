#include "kiosk/scan/decode_worker.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace passerelle::scan {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kDecodeTimesKept = 256;

void copy_luma(const FrameView& frame, std::uint8_t* out) {
  const auto width = static_cast<std::size_t>(frame.width);
  for (int y = 0; y < frame.height; ++y) {
    const std::uint8_t* row = frame.data + static_cast<std::ptrdiff_t>(y) * frame.row_stride;
    std::uint8_t* target = out + static_cast<std::size_t>(y) * width;
    if (frame.pixel_stride == 1) {
      std::memcpy(target, row, width);
    } else {
      for (std::size_t x = 0; x < width; ++x) target[x] = row[x * static_cast<std::size_t>(frame.pixel_stride)];
    }
  }
}

// Averages factor x factor blocks; the right and bottom remainders are left out.
void downscale(const FrameView& frame, int factor, LumaFrame& out) {
  const int width = frame.width / factor;
  const int height = frame.height / factor;
  if (out.width() != width || out.height() != height) out = LumaFrame(width, height);
  const int area = factor * factor;
  for (int y = 0; y < height; ++y) {
    std::uint8_t* target = out.data() + static_cast<std::ptrdiff_t>(y) * width;
    for (int x = 0; x < width; ++x) {
      int sum = 0;
      for (int dy = 0; dy < factor; ++dy) {
        for (int dx = 0; dx < factor; ++dx) sum += frame.at(x * factor + dx, y * factor + dy);
      }
      target[x] = static_cast<std::uint8_t>((sum + area / 2) / area);
    }
  }
}

double percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  const auto index = static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1) + 0.5);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index), values.end());
  return values[index];
}

}  // namespace

DecodeWorker::DecodeWorker(std::unique_ptr<FrameSource> source, DecodeWorkerConfig config,
                           DecodeWorkerCallbacks callbacks, DecodeFunction decode)
    : source_(std::move(source)), config_(config), callbacks_(std::move(callbacks)), decode_(std::move(decode)) {
  assert(source_ != nullptr);
  assert(config_.preview_max_width > 0 && config_.frame_wait.count() > 0);
  if (!decode_) decode_ = [this](const FrameView& frame) { return decoder_.decode(frame); };
}

DecodeWorker::~DecodeWorker() {
  stop();
}

void DecodeWorker::start() {
  {
    std::lock_guard lock(mutex_);
    if (waiting_) spare_.push_back(std::move(*waiting_));
    waiting_.reset();
  }
  last_preview_.reset();
  capture_thread_.start(
      [this](std::stop_token stop) { capture_loop(std::move(stop)); },
      [this](std::string_view what) { report(CameraStatus::lost, "camera capture stopped: " + std::string(what)); });
  decode_thread_.start(
      [this](std::stop_token stop) { decode_loop(std::move(stop)); },
      [this](std::string_view what) { report(CameraStatus::lost, "camera decoder stopped: " + std::string(what)); });
}

void DecodeWorker::stop() {
  // Both asked before either is joined, so that stopping takes the longer of the two, not both.
  capture_thread_.request_stop();
  decode_thread_.request_stop();
  capture_thread_.stop();
  decode_thread_.stop();
}

DecodeStats DecodeWorker::stats() const {
  std::vector<double> times;
  DecodeStats stats;
  {
    std::lock_guard lock(mutex_);
    stats = counts_;
    times = decode_ms_;
  }
  stats.decode_ms_p50 = percentile(times, 0.50);
  stats.decode_ms_p95 = percentile(std::move(times), 0.95);
  return stats;
}

void DecodeWorker::report(CameraStatus status, const std::string& detail) {
  if (callbacks_.on_status) callbacks_.on_status(status, detail);
}

void DecodeWorker::lose_source(const std::string& why, RetryBackoff& backoff, std::stop_token stop) {
  const std::chrono::milliseconds wait = backoff.next();
  {
    std::lock_guard lock(mutex_);
    ++counts_.camera_losses;
  }
  report(CameraStatus::lost, why + "; retrying in " + describe_duration(wait));
  WorkerThread::sleep_for(std::move(stop), wait);
}

void DecodeWorker::capture_loop(std::stop_token stop) {
  RetryBackoff backoff(config_.first_retry, config_.longest_retry);
  bool open = false;
  bool delivering = false;  // a frame came since the source was opened
  bool lost = false;        // a loss was reported and no frame has come since
  Clock::time_point last_frame_at = Clock::now();
  const auto lose = [&](const std::string& why) {
    if (open) source_->stop();
    open = false;
    lost = true;
    lose_source(why, backoff, stop);
  };
  while (!stop.stop_requested()) {
    if (!open) {
      if (Status started = source_->start(); !started) {
        lose(started.error().message);
        continue;
      }
      open = true;
      delivering = false;
      last_frame_at = Clock::now();
    }
    Result<std::optional<CapturedFrame>> frame = source_->next_frame(config_.frame_wait);
    if (!frame) {
      lose(frame.error().message);
      continue;
    }
    if (!frame->has_value()) {
      if (config_.stall_timeout.count() > 0 && Clock::now() - last_frame_at >= config_.stall_timeout) {
        lose(source_->describe() + " sent no picture for " + describe_duration(config_.stall_timeout));
      }
      continue;
    }
    last_frame_at = Clock::now();
    if (!delivering) {
      // Reported on the first frame, not on opening: a camera that opens and then sends nothing
      // has not recovered.
      delivering = true;
      report(lost ? CameraStatus::recovered : CameraStatus::started, source_->describe());
      lost = false;
      backoff.reset();
    }
    offer(**frame);
  }
  if (open) source_->stop();
}

void DecodeWorker::offer(const CapturedFrame& frame) {
  send_preview(frame);
  Slot slot;
  {
    std::lock_guard lock(mutex_);
    if (!spare_.empty()) {
      slot = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  const FrameView& view = frame.view;
  slot.width = view.width;
  slot.height = view.height;
  slot.captured_at = frame.captured_at;
  slot.pixels.resize(static_cast<std::size_t>(view.width) * static_cast<std::size_t>(view.height));
  copy_luma(view, slot.pixels.data());
  {
    std::lock_guard lock(mutex_);
    ++counts_.frames_captured;
    if (waiting_) {
      ++counts_.frames_dropped;
      spare_.push_back(std::move(*waiting_));
    }
    waiting_ = std::move(slot);
  }
  decode_thread_.notify();
}

void DecodeWorker::send_preview(const CapturedFrame& frame) {
  if (!callbacks_.on_preview || config_.preview_fps <= 0) return;
  const auto interval =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1 / config_.preview_fps));
  // An eighth of an interval's slack, so that a 30 fps camera gives exactly every other frame
  // at 15 fps despite rounding in frame times.
  if (last_preview_ && frame.captured_at - *last_preview_ < interval - interval / 8) return;
  last_preview_ = frame.captured_at;
  const int factor = (frame.view.width + config_.preview_max_width - 1) / config_.preview_max_width;
  downscale(frame.view, std::max(factor, 1), preview_);
  callbacks_.on_preview(preview_);
}

void DecodeWorker::decode_loop(std::stop_token stop) {
  RereadFilter filter(config_.reread_interval);
  std::unique_lock lock(mutex_);
  while (decode_thread_.wait(lock, stop, [this] { return waiting_.has_value(); })) {
    Slot slot = std::move(*waiting_);
    waiting_.reset();
    lock.unlock();

    const Clock::time_point began = Clock::now();
    const std::optional<std::string> text = decode_(slot.view());
    const double decode_ms = std::chrono::duration<double, std::milli>(Clock::now() - began).count();
    const bool fresh = text.has_value() && filter.admit(*text, slot.captured_at);
    if (fresh && callbacks_.on_code) callbacks_.on_code(*text);

    lock.lock();
    ++counts_.frames_decoded;
    if (fresh) ++counts_.codes_reported;
    if (decode_ms_.size() < kDecodeTimesKept) {
      decode_ms_.push_back(decode_ms);
    } else {
      decode_ms_[decode_ms_next_] = decode_ms;
      decode_ms_next_ = (decode_ms_next_ + 1) % kDecodeTimesKept;
    }
    spare_.push_back(std::move(slot));
  }
}

}  // namespace passerelle::scan
