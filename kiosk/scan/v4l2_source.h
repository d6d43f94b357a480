// V4l2Source: a USB camera through Video4Linux2, memory-mapped streaming. Kept small on purpose:
// the build machines have no camera, so the decisions live in v4l2_format.h and
// mjpeg_decoder.h, which tests exercise, and this file only does the ioctls.
//
// YUYV frames are handed out in place (the driver's buffer, pixel stride 2): no copy, no
// conversion. MJPEG frames are decoded to luminance (MjpegDecoder). A frame the driver flags as
// broken, or an MJPEG frame that does not decode, is skipped and counted (skipped_frames()).
//
// Ownership: the source owns the device descriptor and its buffer mappings (RAII); a YUYV view
// points into a mapped buffer that goes back to the driver at the next next_frame() or stop().
// Threads and failure: as FrameSource says. start() fails with "no camera at /dev/video0"
// (not_found), a permission or busy message (io), or unsupported when the device is not a camera
// or offers no usable format; next_frame() fails when the camera is unplugged or stops working.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "kiosk/scan/frame_source.h"
#include "kiosk/scan/mjpeg_decoder.h"
#include "kiosk/scan/unique_fd.h"
#include "kiosk/scan/v4l2_format.h"

namespace passerelle::scan {

class V4l2Source final : public FrameSource {
 public:
  explicit V4l2Source(CameraConfig config);
  ~V4l2Source() override;
  V4l2Source(const V4l2Source&) = delete;
  V4l2Source& operator=(const V4l2Source&) = delete;

  Status start() override;
  Result<std::optional<CapturedFrame>> next_frame(std::chrono::milliseconds timeout) override;
  void stop() override;
  std::string describe() const override;

  // What the driver granted; meaningful after a successful start().
  const NegotiatedFormat& format() const { return format_; }
  // Frames dropped as broken since construction; readable from any thread.
  std::uint64_t skipped_frames() const { return skipped_frames_.load(std::memory_order_relaxed); }

 private:
  struct Unmap {
    std::size_t length = 0;
    void operator()(void* address) const noexcept;
  };
  using Mapping = std::unique_ptr<void, Unmap>;

  Status open_and_stream();
  Status give_back_held_buffer();
  Result<std::optional<CapturedFrame>> skip_frame(std::uint32_t index);

  CameraConfig config_;
  UniqueFd fd_;
  std::vector<Mapping> buffers_;
  bool streaming_ = false;
  int held_buffer_ = -1;  // the buffer behind the last YUYV view, not yet queued again
  NegotiatedFormat format_;
  MjpegDecoder mjpeg_;
  std::uint64_t sequence_ = 0;
  std::atomic<std::uint64_t> skipped_frames_{0};
};

}  // namespace passerelle::scan
