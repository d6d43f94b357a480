// DecodeWorker: camera frames in, badge codes out, off the UI thread.
//
// Two threads. The capture thread pulls frames from the FrameSource, copies each into a
// newest-frame slot (a frame that arrives while the decoder is busy replaces the one waiting
// there, which counts as dropped: the decoder always works on the freshest picture, never on a
// backlog) and sends a downscaled preview at a limited rate. The decode thread runs the QR decoder
// on the frame in the slot and reports each code that passes the re-read filter. A lost camera
// (an error from the source, or no frame for stall_timeout) is reported, closed and reopened
// after a back-off of 1 s, 2 s, 4 s ... 10 s, for as long as the worker runs. Nothing busy-waits:
// the threads sleep on condition variables or in the source's own timed waits.
//
// Callbacks: on_code runs on the decode thread; on_preview and on_status on the capture thread,
// except the one on_status report of a decode thread that failed (below). They must return quickly
// (hand the value to the check-in worker or the UI queue) and must not call stop(). Any of them
// may be empty.
// Ownership: the worker owns its source. Frames are copied into three buffers the worker reuses,
// so the source's view is released as soon as it is copied.
// Thread safety: start(), stop() and the destructor from one controlling thread; stats() from
// any thread.
// Failure: none escapes. Source errors become DeviceStatus::lost reports; ZXing failures are
// frames without a code (QrDecoder). An exception escaping either thread ends that thread and is
// reported as DeviceStatus::lost ("camera capture stopped: ...", "camera decoder stopped: ..."),
// on that thread; the camera is then read or decoded no more until stop() and start().
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/worker/retry_backoff.h"
#include "core/worker/worker_thread.h"
#include "kiosk/scan/frame_source.h"
#include "kiosk/scan/qr_decoder.h"
#include "kiosk/scan/worker_support.h"

namespace passerelle::scan {

using CameraStatus = DeviceStatus;

struct DecodeWorkerConfig {
  // The same text is not reported again until it has been out of sight this long (RereadFilter).
  std::chrono::milliseconds reread_interval{3000};
  // Previews for the screen: at most this rate (0: none) and this width (halved, thirded ...).
  double preview_fps = 15;
  int preview_max_width = 640;
  // Waits before reopening a lost camera.
  std::chrono::milliseconds first_retry{1000};
  std::chrono::milliseconds longest_retry{10000};
  // A camera that sends nothing for this long counts as lost (0: never).
  std::chrono::milliseconds stall_timeout{5000};
  // One wait for a frame; it bounds how long stop() takes.
  std::chrono::milliseconds frame_wait{100};
};

struct DecodeWorkerCallbacks {
  std::function<void(std::string)> on_code;
  std::function<void(const LumaFrame&)> on_preview;
  std::function<void(CameraStatus, std::string)> on_status;
};

struct DecodeStats {
  std::uint64_t frames_captured = 0;
  std::uint64_t frames_decoded = 0;
  std::uint64_t frames_dropped = 0;  // replaced in the slot before the decoder took them
  std::uint64_t codes_reported = 0;
  std::uint64_t camera_losses = 0;
  // Over the last 256 decodes (0 before the first).
  double decode_ms_p50 = 0;
  double decode_ms_p95 = 0;
};

class DecodeWorker {
 public:
  // What the decode thread runs on a frame; the production QrDecoder unless a test or a
  // benchmark supplies its own. Called on the decode thread only.
  using DecodeFunction = std::function<std::optional<std::string>(const FrameView&)>;

  DecodeWorker(std::unique_ptr<FrameSource> source, DecodeWorkerConfig config, DecodeWorkerCallbacks callbacks,
               DecodeFunction decode = {});
  ~DecodeWorker();  // stop()
  DecodeWorker(const DecodeWorker&) = delete;
  DecodeWorker& operator=(const DecodeWorker&) = delete;

  // Starts both threads; the camera is opened on the capture thread, so start() never blocks on
  // it. A started worker must be stopped before it is started again.
  void start();
  // Stops both threads and closes the camera; returns once they have joined (within about
  // frame_wait plus one decode). Safe when not started.
  void stop();

  DecodeStats stats() const;

 private:
  // A copy of one camera frame, packed luminance; the three of them are reused.
  struct Slot {
    std::vector<std::uint8_t> pixels;
    int width = 0;
    int height = 0;
    std::chrono::steady_clock::time_point captured_at;
    FrameView view() const { return FrameView{pixels.data(), width, height, width, 1}; }
  };

  void capture_loop(std::stop_token stop);
  void decode_loop(std::stop_token stop);
  // Reports the loss, then sleeps out the back-off (or until stop()).
  void lose_source(const std::string& why, RetryBackoff& backoff, std::stop_token stop);
  void offer(const CapturedFrame& frame);
  void send_preview(const CapturedFrame& frame);
  void report(CameraStatus status, const std::string& detail);

  std::unique_ptr<FrameSource> source_;
  DecodeWorkerConfig config_;
  DecodeWorkerCallbacks callbacks_;
  QrDecoder decoder_;
  DecodeFunction decode_;

  // The slot and the spare buffers, shared by both threads; a new frame in the slot wakes the
  // decode thread (decode_thread_.notify()).
  mutable std::mutex mutex_;
  std::optional<Slot> waiting_;
  std::vector<Slot> spare_;

  // Capture thread only.
  std::optional<std::chrono::steady_clock::time_point> last_preview_;
  LumaFrame preview_;

  // Statistics, under mutex_.
  DecodeStats counts_;
  std::vector<double> decode_ms_;  // ring of the latest decode times
  std::size_t decode_ms_next_ = 0;

  // Last: joined before what they use is destroyed.
  WorkerThread capture_thread_;
  WorkerThread decode_thread_;
};

}  // namespace passerelle::scan
