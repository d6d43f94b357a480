#include "kiosk/scan/qr_decoder.h"

#include <ZXing/ReadBarcode.h>

#include <cassert>
#include <exception>

namespace passerelle::scan {
namespace {

ZXing::ImageView image_view(const FrameView& frame) {
  assert(frame.data != nullptr && frame.width > 0 && frame.height > 0);
  assert(frame.pixel_stride >= 1 && frame.row_stride >= frame.width * frame.pixel_stride);
  return ZXing::ImageView(frame.data, frame.width, frame.height, ZXing::ImageFormat::Lum, frame.row_stride,
                          frame.pixel_stride);
}

}  // namespace

// The production settings, each the cheapest that reads what a kiosk camera sees. Measured with
// ZXing-C++ 1.4.0 (Debian 12) on the project's 2-core VM, on the synthetic scenes of tests/scan:
// 2,400 random scenes (decode_sweep_test's generator), of which 990 "reasonable" ones (module >= 3.5 px,
// blur sigma <= 1, (paper - ink) / noise >= 10, tilts <= 30 degrees, code in frame), plus close-ups
// (8.5 to 16.5 px per module) and idle 1280x720 frames. Times are single-core CPU times per frame.
// `scan_bench --hint-study` reruns the comparison.
//
//   setting                          reasonable   all in frame   close-ups 1280   idle 1280x720
//   chosen (below)                     98.4 %        88.5 %         107/107          3.0 ms
//   tryHarder on                       98.5 %        89.5 %         107/107          3.3 ms
//   no image pyramid (tryDownscale)    98.4 %        88.5 %          96/107          2.1 ms
//   downscale factor 2                 98.6 %        89.0 %         107/107          3.3 ms
//   GlobalHistogram binarizer          ~83 %         72.9 %            -             1.6 ms
//
// - formats: QR only. Every other reader would run on every idle frame for nothing.
// - tryHarder off: in 1.4.0 it scans every row for finder patterns instead of skipping some; that
//   only matters below ~3 px per module (60 % vs 56 % there), costs 10-25 % more per frame, and the
//   next frame comes 33 ms later anyway.
// - tryRotate off: the QR detector finds symbols at any angle; rotating only helps linear codes.
// - tryDownscale on (factor 3, threshold 500, the defaults): a badge held close to the camera has
//   modules of 12 px or more, where the local-average binarizer, given sensor noise, breaks up the
//   finder patterns' solid centres; the 1/3-size layer reads them. It costs ~0.9 ms per idle 720p frame
//   (the pyramid is built up front) and nothing at 640x480, where 1.4.0 adds no layer (it compares the
//   smaller side with the threshold). Beware: ZXing 1.4.0's ReadBarcode() builds the pyramid only
//   when maxNumberOfSymbols is 1 (it then forwards to ReadBarcodes()); with the default of 255 it
//   silently reads the full-size image alone.
// - binarizer LocalAverage (ZXing's HybridBinarizer): uneven light across a badge is the rule at a
//   door; the global histogram is cheaper but reads far fewer scenes.
// - isPure off: camera frames are never a bare, aligned symbol.
// - maxNumberOfSymbols: 1 for decode() (stop at the first code, and see above), 255 for decode_all().
ZXing::DecodeHints QrDecoder::production_hints() {
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode)
      .setTryHarder(false)
      .setTryRotate(false)
      .setTryDownscale(true)
      .setDownscaleFactor(3)
      .setDownscaleThreshold(500)
      .setBinarizer(ZXing::Binarizer::LocalAverage)
      .setIsPure(false)
      .setMaxNumberOfSymbols(1);
  return hints;
}

QrDecoder::QrDecoder() : QrDecoder(production_hints()) {}

QrDecoder::QrDecoder(const ZXing::DecodeHints& hints)
    : hints_(ZXing::DecodeHints(hints).setMaxNumberOfSymbols(1)),
      all_symbols_hints_(ZXing::DecodeHints(hints).setMaxNumberOfSymbols(0xff)) {}

std::optional<std::string> QrDecoder::decode(const FrameView& frame) const {
  try {
    const ZXing::Result result = ZXing::ReadBarcode(image_view(frame), hints_);
    if (!result.isValid() || result.format() != ZXing::BarcodeFormat::QRCode) return std::nullopt;
    return result.text();
  } catch (const std::exception&) {
    failed_frames_.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
  }
}

std::vector<std::string> QrDecoder::decode_all(const FrameView& frame) const {
  std::vector<std::string> texts;
  try {
    for (const ZXing::Result& result : ZXing::ReadBarcodes(image_view(frame), all_symbols_hints_)) {
      if (result.isValid() && result.format() == ZXing::BarcodeFormat::QRCode) texts.push_back(result.text());
    }
  } catch (const std::exception&) {
    failed_frames_.fetch_add(1, std::memory_order_relaxed);
    texts.clear();
  }
  return texts;
}

}  // namespace passerelle::scan
