// MjpegDecoder: one MJPEG camera frame (a JPEG image) to its luminance, through TurboJPEG.
// Decoding straight to TJPF_GRAY keeps the Y plane only, which is all the QR decoder reads, and
// spares the chroma upsampling and colour conversion.
//
// Ownership: the decoder owns its TurboJPEG handle (RAII) and the output buffer; the view that
// decode() returns stays valid until the next decode() or the decoder's destruction. The input is
// borrowed for the call. Many webcams leave the Huffman tables out of their frames; libjpeg-turbo
// supplies the standard ones.
// Thread safety: one thread at a time per decoder.
// Failure: a broken or truncated JPEG is Errc::invalid_input (a camera sends one now and then: the
// caller drops that frame); a frame larger than 8192 px a side likewise. The next frame decodes
// normally (a failure renews the TurboJPEG handle). A recoverable libjpeg warning (a few corrupt
// bytes) still yields the image.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/util/result.h"
#include "kiosk/scan/frame.h"

namespace passerelle::scan {

class MjpegDecoder {
 public:
  MjpegDecoder();
  ~MjpegDecoder();
  MjpegDecoder(MjpegDecoder&&) noexcept;
  MjpegDecoder& operator=(MjpegDecoder&&) noexcept;

  Result<FrameView> decode(const std::uint8_t* jpeg, std::size_t size);

 private:
  struct HandleRelease {
    void operator()(void* handle) const noexcept;
  };
  std::unique_ptr<void, HandleRelease> handle_;
  std::vector<std::uint8_t> luma_;
};

}  // namespace passerelle::scan
