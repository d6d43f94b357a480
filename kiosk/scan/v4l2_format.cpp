#include "kiosk/scan/v4l2_format.h"

#include <algorithm>
#include <cerrno>
#include <optional>
#include <system_error>

namespace passerelle::scan {
namespace {

bool is_mjpeg(std::uint32_t fourcc) {
  return fourcc == V4L2_PIX_FMT_MJPEG || fourcc == V4L2_PIX_FMT_JPEG;
}

std::string camera(const std::string& device) {
  return "camera at " + device;
}

}  // namespace

std::string fourcc_name(std::uint32_t fourcc) {
  std::string name;
  for (int shift = 0; shift < 32; shift += 8) {
    const auto c = static_cast<char>((fourcc >> shift) & 0xff);
    name += c >= 0x20 && c < 0x7f ? c : '?';
  }
  while (!name.empty() && name.back() == ' ') name.pop_back();
  return name;
}

Result<std::uint32_t> choose_pixel_format(const std::vector<std::uint32_t>& offered, CameraPixelFormat preferred,
                                          const std::string& device) {
  const auto find = [&](CameraPixelFormat format) -> std::optional<std::uint32_t> {
    for (const std::uint32_t fourcc : offered) {
      if (format == CameraPixelFormat::yuyv ? fourcc == V4L2_PIX_FMT_YUYV : is_mjpeg(fourcc)) return fourcc;
    }
    return std::nullopt;
  };
  const CameraPixelFormat fallback =
      preferred == CameraPixelFormat::yuyv ? CameraPixelFormat::mjpeg : CameraPixelFormat::yuyv;
  if (const auto chosen = find(preferred)) return *chosen;
  if (const auto chosen = find(fallback)) return *chosen;
  std::string names;
  for (const std::uint32_t fourcc : offered) names += (names.empty() ? "" : ", ") + fourcc_name(fourcc);
  return make_error(Errc::unsupported, camera(device) + " offers neither YUYV nor MJPEG (it offers " +
                                           (names.empty() ? std::string("nothing") : names) + ")");
}

Result<NegotiatedFormat> check_negotiated(const v4l2_pix_format& granted, std::uint32_t asked_fourcc,
                                          const std::string& device) {
  const bool asked_mjpeg = is_mjpeg(asked_fourcc);
  if (granted.pixelformat != asked_fourcc && !(asked_mjpeg && is_mjpeg(granted.pixelformat))) {
    return make_error(Errc::unsupported, camera(device) + " was asked for " + fourcc_name(asked_fourcc) +
                                             " and answered with " + fourcc_name(granted.pixelformat));
  }
  if (granted.width == 0 || granted.height == 0 || granted.width > 8192 || granted.height > 8192) {
    return make_error(Errc::unsupported, camera(device) + " granted an unusable frame size " +
                                             std::to_string(granted.width) + "x" + std::to_string(granted.height));
  }
  NegotiatedFormat format;
  format.format = asked_mjpeg ? CameraPixelFormat::mjpeg : CameraPixelFormat::yuyv;
  format.fourcc = granted.pixelformat;
  format.width = static_cast<int>(granted.width);
  format.height = static_cast<int>(granted.height);
  format.bytes_per_line = static_cast<int>(granted.bytesperline);
  if (format.format == CameraPixelFormat::yuyv) {
    if (format.width % 2 != 0) {
      return make_error(Errc::unsupported,
                        camera(device) + " granted an odd YUYV width " + std::to_string(format.width));
    }
    // Some drivers leave bytesperline 0, meaning "packed".
    if (format.bytes_per_line == 0) format.bytes_per_line = format.width * 2;
    if (format.bytes_per_line < format.width * 2) {
      return make_error(Errc::unsupported, camera(device) + " granted YUYV lines of " +
                                               std::to_string(format.bytes_per_line) + " bytes for " +
                                               std::to_string(format.width) + " pixels");
    }
  }
  return format;
}

Status check_capabilities(const v4l2_capability& caps, const std::string& device) {
  const std::uint32_t flags = (caps.capabilities & V4L2_CAP_DEVICE_CAPS) != 0 ? caps.device_caps : caps.capabilities;
  if ((flags & V4L2_CAP_VIDEO_CAPTURE) == 0) {
    return make_error(Errc::unsupported, device +
                                             " is not a video capture device (perhaps the camera's metadata "
                                             "node: try the other /dev/video number)");
  }
  if ((flags & V4L2_CAP_STREAMING) == 0) {
    return make_error(Errc::unsupported, camera(device) + " does not support streaming I/O");
  }
  return {};
}

Error describe_open_error(const std::string& device, int error_number) {
  switch (error_number) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
      return make_error(Errc::not_found, "no camera at " + device);
    case EACCES:
    case EPERM:
      return make_error(Errc::io, "no permission to open " + device + " (is the kiosk user in the video group?)");
    case EBUSY:
      return make_error(Errc::io, camera(device) + " is busy (another program is using it)");
    default:
      return make_error(Errc::io, "cannot open " + device + ": " + std::system_category().message(error_number));
  }
}

Error describe_device_error(const std::string& device, const std::string& step, int error_number) {
  if (error_number == ENODEV || error_number == ENXIO) {
    return make_error(Errc::io, camera(device) + " was unplugged");
  }
  if (error_number == ENOTTY && step == "VIDIOC_QUERYCAP") {
    return make_error(Errc::unsupported, device + " is not a V4L2 camera");
  }
  return make_error(Errc::io,
                    camera(device) + ": " + step + " failed: " + std::system_category().message(error_number));
}

}  // namespace passerelle::scan
