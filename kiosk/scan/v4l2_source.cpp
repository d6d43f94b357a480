#include "kiosk/scan/v4l2_source.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <cassert>
#include <cerrno>
#include <cmath>

namespace passerelle::scan {
namespace {

int retry_ioctl(int fd, unsigned long request, void* argument) {
  int result = 0;
  do {
    result = ::ioctl(fd, request, argument);
  } while (result == -1 && errno == EINTR);
  return result;
}

v4l2_buffer mmap_buffer(std::uint32_t index) {
  v4l2_buffer buffer{};
  buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  buffer.memory = V4L2_MEMORY_MMAP;
  buffer.index = index;
  return buffer;
}

}  // namespace

void V4l2Source::Unmap::operator()(void* address) const noexcept {
  ::munmap(address, length);
}

V4l2Source::V4l2Source(CameraConfig config) : config_(std::move(config)) {}

V4l2Source::~V4l2Source() {
  stop();
}

std::string V4l2Source::describe() const {
  return "camera at " + config_.device;
}

Status V4l2Source::start() {
  assert(!fd_.valid());
  Status opened = open_and_stream();
  if (!opened) stop();  // releases whatever the failed step left behind
  return opened;
}

Status V4l2Source::open_and_stream() {
  const std::string& device = config_.device;
  const int fd = ::open(device.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return describe_open_error(device, errno);
  fd_.reset(fd);

  v4l2_capability caps{};
  if (retry_ioctl(fd, VIDIOC_QUERYCAP, &caps) != 0) return describe_device_error(device, "VIDIOC_QUERYCAP", errno);
  PSL_TRY(check_capabilities(caps, device));

  std::vector<std::uint32_t> offered;
  for (std::uint32_t index = 0;; ++index) {
    v4l2_fmtdesc description{};
    description.index = index;
    description.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (retry_ioctl(fd, VIDIOC_ENUM_FMT, &description) != 0) break;  // EINVAL ends the list
    offered.push_back(description.pixelformat);
  }
  PSL_ASSIGN_OR_RETURN(const std::uint32_t fourcc, choose_pixel_format(offered, config_.preferred, device));

  v4l2_format requested{};
  requested.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  requested.fmt.pix.width = static_cast<std::uint32_t>(config_.width);
  requested.fmt.pix.height = static_cast<std::uint32_t>(config_.height);
  requested.fmt.pix.pixelformat = fourcc;
  requested.fmt.pix.field = V4L2_FIELD_ANY;
  if (retry_ioctl(fd, VIDIOC_S_FMT, &requested) != 0) return describe_device_error(device, "VIDIOC_S_FMT", errno);
  PSL_ASSIGN_OR_RETURN(format_, check_negotiated(requested.fmt.pix, fourcc, device));

  // Best effort: not every driver lets the rate be set, and its own default then serves.
  v4l2_streamparm rate{};
  rate.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  rate.parm.capture.timeperframe.numerator = 1000;
  rate.parm.capture.timeperframe.denominator = static_cast<std::uint32_t>(std::lround(config_.fps * 1000));
  static_cast<void>(retry_ioctl(fd, VIDIOC_S_PARM, &rate));

  v4l2_requestbuffers request{};
  request.count = static_cast<std::uint32_t>(config_.buffers);
  request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  request.memory = V4L2_MEMORY_MMAP;
  if (retry_ioctl(fd, VIDIOC_REQBUFS, &request) != 0) return describe_device_error(device, "VIDIOC_REQBUFS", errno);
  if (request.count < 2) return make_error(Errc::io, describe() + " has too little buffer memory");
  for (std::uint32_t index = 0; index < request.count; ++index) {
    v4l2_buffer buffer = mmap_buffer(index);
    if (retry_ioctl(fd, VIDIOC_QUERYBUF, &buffer) != 0) return describe_device_error(device, "VIDIOC_QUERYBUF", errno);
    void* address = ::mmap(nullptr, buffer.length, PROT_READ, MAP_SHARED, fd, buffer.m.offset);
    if (address == MAP_FAILED) return describe_device_error(device, "mmap", errno);
    buffers_.emplace_back(address, Unmap{buffer.length});
    if (retry_ioctl(fd, VIDIOC_QBUF, &buffer) != 0) return describe_device_error(device, "VIDIOC_QBUF", errno);
  }
  v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  if (retry_ioctl(fd, VIDIOC_STREAMON, &type) != 0) return describe_device_error(device, "VIDIOC_STREAMON", errno);
  streaming_ = true;
  sequence_ = 0;
  return {};
}

void V4l2Source::stop() {
  if (streaming_) {
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    static_cast<void>(retry_ioctl(fd_.get(), VIDIOC_STREAMOFF, &type));  // the device may be gone already
    streaming_ = false;
  }
  held_buffer_ = -1;
  buffers_.clear();  // unmapped before the descriptor closes
  fd_.reset();
}

Status V4l2Source::give_back_held_buffer() {
  if (held_buffer_ < 0) return {};
  v4l2_buffer buffer = mmap_buffer(static_cast<std::uint32_t>(held_buffer_));
  held_buffer_ = -1;
  if (retry_ioctl(fd_.get(), VIDIOC_QBUF, &buffer) != 0)
    return describe_device_error(config_.device, "VIDIOC_QBUF", errno);
  return {};
}

Result<std::optional<CapturedFrame>> V4l2Source::skip_frame(std::uint32_t index) {
  skipped_frames_.fetch_add(1, std::memory_order_relaxed);
  held_buffer_ = static_cast<int>(index);
  PSL_TRY(give_back_held_buffer());
  return std::optional<CapturedFrame>();
}

Result<std::optional<CapturedFrame>> V4l2Source::next_frame(std::chrono::milliseconds timeout) {
  assert(streaming_);
  PSL_TRY(give_back_held_buffer());
  pollfd watch{fd_.get(), POLLIN, 0};
  const int ready = ::poll(&watch, 1, static_cast<int>(timeout.count()));
  if (ready < 0) {
    if (errno == EINTR) return std::optional<CapturedFrame>();
    return describe_device_error(config_.device, "poll", errno);
  }
  if (ready == 0) return std::optional<CapturedFrame>();
  if ((watch.revents & POLLIN) == 0) return make_error(Errc::io, describe() + " stopped streaming (unplugged?)");

  v4l2_buffer buffer = mmap_buffer(0);
  if (retry_ioctl(fd_.get(), VIDIOC_DQBUF, &buffer) != 0) {
    if (errno == EAGAIN) return std::optional<CapturedFrame>();
    return describe_device_error(config_.device, "VIDIOC_DQBUF", errno);
  }
  if (buffer.index >= buffers_.size()) return make_error(Errc::io, describe() + " returned an unknown buffer");
  if ((buffer.flags & V4L2_BUF_FLAG_ERROR) != 0) return skip_frame(buffer.index);
  const auto* data = static_cast<const std::uint8_t*>(buffers_[buffer.index].get());

  FrameView view;
  if (format_.format == CameraPixelFormat::yuyv) {
    const auto needed = static_cast<std::size_t>(format_.bytes_per_line) * static_cast<std::size_t>(format_.height);
    if (buffer.bytesused < needed) return skip_frame(buffer.index);
    view = FrameView{data, format_.width, format_.height, format_.bytes_per_line, 2};
    held_buffer_ = static_cast<int>(buffer.index);
  } else {
    Result<FrameView> decoded = mjpeg_.decode(data, buffer.bytesused);
    held_buffer_ = static_cast<int>(buffer.index);
    PSL_TRY(give_back_held_buffer());  // the luminance is our own copy now
    if (!decoded) {
      skipped_frames_.fetch_add(1, std::memory_order_relaxed);
      return std::optional<CapturedFrame>();
    }
    view = *decoded;
  }
  return std::optional<CapturedFrame>(CapturedFrame{view, std::chrono::steady_clock::now(), sequence_++});
}

}  // namespace passerelle::scan
