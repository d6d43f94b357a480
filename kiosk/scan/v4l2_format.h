// The parts of talking to a V4L2 camera that need no camera: choosing a pixel format among those
// offered, checking what the driver granted, and saying what went wrong in words staff understand.
// V4l2Source (v4l2_source.h) does the ioctls; these functions decide. Tests run them on
// hand-made structures, since the build machines have no camera.
//
// Thread safety: pure functions. Failure: a camera that offers or grants nothing usable is
// Errc::unsupported; the messages name the device.
#pragma once

#include <linux/videodev2.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace passerelle::scan {

enum class CameraPixelFormat {
  yuyv,   // uncompressed: decoded in place, nothing to convert; USB 2 cameras often manage only
          // 10 fps at 1280x720 this way
  mjpeg,  // compressed: 30 fps at 1280x720 on most webcams, for ~2 ms of JPEG decoding per frame
};

struct CameraConfig {
  std::string device = "/dev/video0";
  int width = 1280;
  int height = 720;
  double fps = 30;
  // Asked for first; the other is the fallback when the camera does not offer it.
  CameraPixelFormat preferred = CameraPixelFormat::yuyv;
  // Driver buffers: enough that the camera never waits for the decoder's copy.
  int buffers = 4;
};

// What the driver granted, as next_frame() reads it.
struct NegotiatedFormat {
  CameraPixelFormat format = CameraPixelFormat::yuyv;
  std::uint32_t fourcc = 0;
  int width = 0;
  int height = 0;
  int bytes_per_line = 0;  // YUYV rows may be padded
};

// "YUYV", "MJPG": the four characters of a V4L2 pixel format code.
std::string fourcc_name(std::uint32_t fourcc);

// Picks the preferred format if offered, else the other one. `offered` lists VIDIOC_ENUM_FMT's
// pixel formats. Both MJPG and JPEG codes count as MJPEG (cameras use either).
Result<std::uint32_t> choose_pixel_format(const std::vector<std::uint32_t>& offered, CameraPixelFormat preferred,
                                          const std::string& device);

// Checks the format VIDIOC_S_FMT returned. The driver may change the size (a camera without
// 1280x720 answers with its nearest size; that is fine) but not to another pixel format; a YUYV
// line shorter than 2 bytes per pixel, an odd YUYV width or an empty image is refused.
Result<NegotiatedFormat> check_negotiated(const v4l2_pix_format& granted, std::uint32_t asked_fourcc,
                                          const std::string& device);

// Needs video capture and streaming I/O; `caps` as VIDIOC_QUERYCAP filled it.
Status check_capabilities(const v4l2_capability& caps, const std::string& device);

// open() failed with `error_number`: "no camera at /dev/video0" for a missing device (not_found),
// and a hint for permissions (the video group) and for a camera another program holds (io).
Error describe_open_error(const std::string& device, int error_number);

// An ioctl or read on an open camera failed: an unplugged camera is said so; otherwise the step
// and the system's message.
Error describe_device_error(const std::string& device, const std::string& step, int error_number);

}  // namespace passerelle::scan
