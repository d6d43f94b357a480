// The V4L2 camera without a camera (DESIGN.md): format choice and checks on hand-made driver
// answers, MJPEG frames made with TurboJPEG, and the real source against devices that are not
// cameras.
#include <gtest/gtest.h>
#include <turbojpeg.h>

#include <cerrno>
#include <cstdlib>
#include <memory>

#include "kiosk/scan/decode_worker.h"
#include "kiosk/scan/mjpeg_decoder.h"
#include "kiosk/scan/qr_decoder.h"
#include "kiosk/scan/synthetic.h"
#include "kiosk/scan/v4l2_format.h"
#include "kiosk/scan/v4l2_source.h"
#include "tests/scan/recorder.h"
#include "tests/scan/scenes.h"

namespace passerelle::scan {
namespace {

using namespace std::chrono_literals;

const std::string kDevice = "/dev/video0";

TEST(V4l2Format, NamesFourccCodes) {
  EXPECT_EQ(fourcc_name(V4L2_PIX_FMT_YUYV), "YUYV");
  EXPECT_EQ(fourcc_name(V4L2_PIX_FMT_MJPEG), "MJPG");
  EXPECT_EQ(fourcc_name(V4L2_PIX_FMT_H264), "H264");
}

TEST(V4l2Format, PrefersTheConfiguredFormatAndFallsBack) {
  const std::vector<std::uint32_t> both = {V4L2_PIX_FMT_MJPEG, V4L2_PIX_FMT_YUYV};
  EXPECT_EQ(*choose_pixel_format(both, CameraPixelFormat::yuyv, kDevice), V4L2_PIX_FMT_YUYV);
  EXPECT_EQ(*choose_pixel_format(both, CameraPixelFormat::mjpeg, kDevice), V4L2_PIX_FMT_MJPEG);
  EXPECT_EQ(*choose_pixel_format({V4L2_PIX_FMT_YUYV}, CameraPixelFormat::mjpeg, kDevice), V4L2_PIX_FMT_YUYV);
  EXPECT_EQ(*choose_pixel_format({V4L2_PIX_FMT_JPEG}, CameraPixelFormat::yuyv, kDevice), V4L2_PIX_FMT_JPEG);
}

TEST(V4l2Format, RefusesCamerasWithNeitherFormat) {
  const Result<std::uint32_t> none =
      choose_pixel_format({V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_H264}, CameraPixelFormat::yuyv, kDevice);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, Errc::unsupported);
  EXPECT_EQ(none.error().message, "camera at /dev/video0 offers neither YUYV nor MJPEG (it offers NV12, H264)");
  EXPECT_EQ(choose_pixel_format({}, CameraPixelFormat::yuyv, kDevice).error().message,
            "camera at /dev/video0 offers neither YUYV nor MJPEG (it offers nothing)");
}

v4l2_pix_format granted(std::uint32_t fourcc, std::uint32_t width, std::uint32_t height, std::uint32_t line) {
  v4l2_pix_format format{};
  format.pixelformat = fourcc;
  format.width = width;
  format.height = height;
  format.bytesperline = line;
  return format;
}

TEST(V4l2Format, AcceptsAnotherSizeAndPaddedLines) {
  const Result<NegotiatedFormat> smaller =
      check_negotiated(granted(V4L2_PIX_FMT_YUYV, 640, 480, 0), V4L2_PIX_FMT_YUYV, kDevice);
  ASSERT_TRUE(smaller.has_value());
  EXPECT_EQ(smaller->format, CameraPixelFormat::yuyv);
  EXPECT_EQ(smaller->width, 640);
  EXPECT_EQ(smaller->height, 480);
  EXPECT_EQ(smaller->bytes_per_line, 1280);  // 0 means packed
  const Result<NegotiatedFormat> padded =
      check_negotiated(granted(V4L2_PIX_FMT_YUYV, 1280, 720, 2600), V4L2_PIX_FMT_YUYV, kDevice);
  ASSERT_TRUE(padded.has_value());
  EXPECT_EQ(padded->bytes_per_line, 2600);
  const Result<NegotiatedFormat> jpeg =
      check_negotiated(granted(V4L2_PIX_FMT_JPEG, 1280, 720, 0), V4L2_PIX_FMT_MJPEG, kDevice);
  ASSERT_TRUE(jpeg.has_value());
  EXPECT_EQ(jpeg->format, CameraPixelFormat::mjpeg);
}

TEST(V4l2Format, RefusesWhatTheDecoderCannotRead) {
  const Result<NegotiatedFormat> switched =
      check_negotiated(granted(V4L2_PIX_FMT_NV12, 1280, 720, 1280), V4L2_PIX_FMT_YUYV, kDevice);
  ASSERT_FALSE(switched.has_value());
  EXPECT_EQ(switched.error().message, "camera at /dev/video0 was asked for YUYV and answered with NV12");
  EXPECT_FALSE(check_negotiated(granted(V4L2_PIX_FMT_YUYV, 1281, 720, 2562), V4L2_PIX_FMT_YUYV, kDevice).has_value());
  EXPECT_FALSE(check_negotiated(granted(V4L2_PIX_FMT_YUYV, 1280, 720, 1280), V4L2_PIX_FMT_YUYV, kDevice).has_value());
  EXPECT_FALSE(check_negotiated(granted(V4L2_PIX_FMT_YUYV, 0, 720, 0), V4L2_PIX_FMT_YUYV, kDevice).has_value());
}

TEST(V4l2Format, NeedsCaptureAndStreaming) {
  v4l2_capability caps{};
  caps.capabilities = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING;
  EXPECT_TRUE(check_capabilities(caps, kDevice).has_value());
  // With DEVICE_CAPS, the node's own capabilities count: this one is a metadata node.
  caps.capabilities |= V4L2_CAP_DEVICE_CAPS;
  caps.device_caps = V4L2_CAP_META_CAPTURE | V4L2_CAP_STREAMING;
  const Status metadata = check_capabilities(caps, kDevice);
  ASSERT_FALSE(metadata.has_value());
  EXPECT_EQ(metadata.error().message.rfind("/dev/video0 is not a video capture device", 0), 0u);
  caps.device_caps = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_READWRITE;
  EXPECT_EQ(check_capabilities(caps, kDevice).error().message, "camera at /dev/video0 does not support streaming I/O");
}

TEST(V4l2Format, SaysWhatWentWrongInWords) {
  const Error missing = describe_open_error(kDevice, ENOENT);
  EXPECT_EQ(missing.code, Errc::not_found);
  EXPECT_EQ(missing.message, "no camera at /dev/video0");
  EXPECT_EQ(describe_open_error(kDevice, EACCES).message,
            "no permission to open /dev/video0 (is the kiosk user in the video group?)");
  EXPECT_EQ(describe_open_error(kDevice, EBUSY).message, "camera at /dev/video0 is busy (another program is using it)");
  EXPECT_EQ(describe_device_error(kDevice, "VIDIOC_DQBUF", ENODEV).message, "camera at /dev/video0 was unplugged");
  EXPECT_EQ(describe_device_error("/dev/null", "VIDIOC_QUERYCAP", ENOTTY).message, "/dev/null is not a V4L2 camera");
}

// ---- MJPEG --------------------------------------------------------------------------------------

struct TjRelease {
  void operator()(void* handle) const noexcept { tjDestroy(handle); }
};
struct TjFree {
  void operator()(unsigned char* buffer) const noexcept { tjFree(buffer); }
};

// A camera's MJPEG frame: the luminance in a grey-edged colour image, 4:2:2 like most webcams.
std::string compress(const LumaFrame& luma, int quality) {
  std::vector<unsigned char> rgb(static_cast<std::size_t>(luma.width()) * luma.height() * 3);
  for (std::size_t i = 0; i < static_cast<std::size_t>(luma.width()) * luma.height(); ++i) {
    rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = luma.data()[i];
  }
  std::unique_ptr<void, TjRelease> handle(tjInitCompress());
  unsigned char* out = nullptr;
  unsigned long size = 0;
  if (tjCompress2(handle.get(), rgb.data(), luma.width(), 0, luma.height(), TJPF_RGB, &out, &size, TJSAMP_422, quality,
                  0) != 0) {
    std::abort();
  }
  std::unique_ptr<unsigned char, TjFree> owned(out);
  return std::string(reinterpret_cast<const char*>(out), size);
}

TEST(MjpegDecoder, DecodesToLuminanceTheQrDecoderReads) {
  SceneParams params;
  params.frame_width = 640;
  params.frame_height = 480;
  params.module_px = 4;
  params.rotation_deg = 20;
  params.blur_sigma_px = 0.6;
  params.noise_stddev = 4;
  const LumaFrame scene = render_scene(testing::encode_or_die("EIF-TKT-7F3K9Q"), params);
  const std::string jpeg = compress(scene, 80);

  MjpegDecoder decoder;
  const Result<FrameView> luma = decoder.decode(reinterpret_cast<const std::uint8_t*>(jpeg.data()), jpeg.size());
  ASSERT_TRUE(luma.has_value()) << luma.error().message;
  EXPECT_EQ(luma->width, 640);
  EXPECT_EQ(luma->height, 480);
  EXPECT_EQ(luma->pixel_stride, 1);
  int largest_difference = 0;
  for (int y = 0; y < 480; y += 7) {
    for (int x = 0; x < 640; x += 7)
      largest_difference = std::max(largest_difference, std::abs(luma->at(x, y) - scene.at(x, y)));
  }
  EXPECT_LT(largest_difference, 40);  // JPEG at quality 80 is close, not exact
  EXPECT_EQ(QrDecoder().decode(*luma), "EIF-TKT-7F3K9Q");
}

TEST(MjpegDecoder, RefusesBrokenFrames) {
  MjpegDecoder decoder;
  const std::string garbage = "\xff\xd8 not a jpeg at all";
  const Result<FrameView> broken =
      decoder.decode(reinterpret_cast<const std::uint8_t*>(garbage.data()), garbage.size());
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code, Errc::invalid_input);
  EXPECT_FALSE(decoder.decode(nullptr, 0).has_value());

  // A frame cut short (a USB hiccup) fails cleanly, and after broken frames the next whole one
  // decodes (libjpeg-turbo 2.1 would read its size as 0x0 on the handle that saw the garbage).
  const std::string whole = compress(LumaFrame(64, 48, 200), 90);
  const std::string truncated = whole.substr(0, whole.size() / 2);
  static_cast<void>(decoder.decode(reinterpret_cast<const std::uint8_t*>(truncated.data()), truncated.size()));
  const Result<FrameView> next = decoder.decode(reinterpret_cast<const std::uint8_t*>(whole.data()), whole.size());
  ASSERT_TRUE(next.has_value()) << next.error().message;
  EXPECT_EQ(next->at(10, 10), 200);
}

// ---- The source against things that are not cameras -----------------------------------------

TEST(V4l2Source, MissingCamera) {
  CameraConfig config;
  config.device = "/dev/video-none";
  V4l2Source source(config);
  const Status started = source.start();
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().code, Errc::not_found);
  EXPECT_EQ(started.error().message, "no camera at /dev/video-none");
  EXPECT_EQ(source.describe(), "camera at /dev/video-none");
}

TEST(V4l2Source, DeviceThatIsNoCamera) {
  CameraConfig config;
  config.device = "/dev/null";
  V4l2Source source(config);
  const Status started = source.start();
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().message, "/dev/null is not a V4L2 camera");
  source.stop();  // after a failed start, and twice, is harmless
  source.stop();
}

TEST(V4l2Source, WorkerReportsTheMissingCameraAndKeepsTrying) {
  CameraConfig config;
  config.device = "/dev/video-none";
  struct Report {
    CameraStatus status;
    std::string detail;
  };
  testing::Recorder<Report> reports;
  DecodeWorkerConfig worker_config;
  worker_config.first_retry = 1ms;
  worker_config.longest_retry = 2ms;
  DecodeWorker worker(std::make_unique<V4l2Source>(config), worker_config,
                      {{}, {}, [&](CameraStatus status, std::string detail) {
                         reports.add({status, std::move(detail)});
                       }});
  worker.start();
  ASSERT_TRUE(reports.wait_for_count(3));
  worker.stop();
  const std::vector<Report> seen = reports.items();
  for (const Report& report : seen) EXPECT_EQ(report.status, CameraStatus::lost);
  EXPECT_EQ(seen[0].detail, "no camera at /dev/video-none; retrying in 1 ms");
  EXPECT_EQ(seen[2].detail, "no camera at /dev/video-none; retrying in 2 ms");
  EXPECT_GE(worker.stats().camera_losses, 3u);
  EXPECT_EQ(worker.stats().frames_captured, 0u);
}

}  // namespace
}  // namespace passerelle::scan
