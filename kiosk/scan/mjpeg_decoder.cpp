#include "kiosk/scan/mjpeg_decoder.h"

#include <turbojpeg.h>

#include <string>

namespace passerelle::scan {
namespace {

constexpr int kLargestFrameSide = 8192;

}  // namespace

void MjpegDecoder::HandleRelease::operator()(void* handle) const noexcept {
  tjDestroy(handle);
}

MjpegDecoder::MjpegDecoder() = default;
MjpegDecoder::~MjpegDecoder() = default;
MjpegDecoder::MjpegDecoder(MjpegDecoder&&) noexcept = default;
MjpegDecoder& MjpegDecoder::operator=(MjpegDecoder&&) noexcept = default;

Result<FrameView> MjpegDecoder::decode(const std::uint8_t* jpeg, std::size_t size) {
  if (jpeg == nullptr || size == 0) return make_error(Errc::invalid_input, "empty MJPEG frame");
  if (!handle_) {
    handle_.reset(tjInitDecompress());
    if (!handle_) return make_error(Errc::io, std::string("cannot start the JPEG decoder: ") + tjGetErrorStr2(nullptr));
  }
  // libjpeg-turbo 2.1 leaves a handle unusable after some broken inputs (every later header then
  // reads as 0x0), so a failure discards the handle and the next frame gets a fresh one.
  const auto broken = [this](const std::string& why) {
    handle_.reset();
    return make_error(Errc::invalid_input, why);
  };
  int width = 0, height = 0, subsampling = 0, colorspace = 0;
  if (tjDecompressHeader3(handle_.get(), jpeg, static_cast<unsigned long>(size), &width, &height, &subsampling,
                          &colorspace) != 0) {
    return broken(std::string("broken MJPEG frame: ") + tjGetErrorStr2(handle_.get()));
  }
  if (width <= 0 || height <= 0 || width > kLargestFrameSide || height > kLargestFrameSide) {
    return broken("MJPEG frame of unusable size " + std::to_string(width) + "x" + std::to_string(height));
  }
  luma_.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  // TJFLAG_FASTDCT: the integer IDCT's small errors are far below a webcam's noise.
  if (tjDecompress2(handle_.get(), jpeg, static_cast<unsigned long>(size), luma_.data(), width, width, height,
                    TJPF_GRAY, TJFLAG_FASTDCT) != 0 &&
      tjGetErrorCode(handle_.get()) != TJERR_WARNING) {
    return broken(std::string("broken MJPEG frame: ") + tjGetErrorStr2(handle_.get()));
  }
  return FrameView{luma_.data(), width, height, width, 1};
}

}  // namespace passerelle::scan
