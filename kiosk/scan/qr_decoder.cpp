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

// The production settings: for each, the cheapest choice that reads what a kiosk camera sees.
// Measured with ZXing-C++ 1.4.0 (Debian 12) on the project's 2-core VM, Release build, on the
// synthetic scenes of tests/scan: 2,400 random scenes (decode_sweep_test's generator), 987 of them
// "reasonable" (tests/scan/scenes.h: module >= 3.5 px, blur sigma <= 1, (paper - ink) / noise >= 10,
// tilts <= 30 degrees, code and quiet zone in frame) and 2,233 with the code in frame; 107 close-ups
// (8.5 to 16.5 px per module at 1280x720); idle 1280x720 frames. Times: one core's CPU time per frame.
// `scan_bench --hint-study` reruns this table; no setting ever returned a wrong text.
//
//   setting               reasonable   code in frame   close-ups   mean per scene   idle 1280x720
//   chosen (below)          98.4 %        88.5 %        107/107        2.60 ms          3.10 ms
//   tryHarder on            98.5 %        89.5 %        107/107        3.11 ms          3.30 ms
//   tryRotate on            98.4 %        88.5 %        107/107        2.59 ms          3.08 ms
//   tryDownscale off        98.1 %        88.0 %         96/107        2.23 ms          2.20 ms
//   downscale factor 2      98.6 %        89.0 %        107/107        2.69 ms          3.48 ms
//   GlobalHistogram         86.8 %        72.6 %        107/107        1.51 ms          2.38 ms
//
// - formats: QR only. Every other reader would run on every idle frame for nothing.
// - tryHarder off: in 1.4.0 it makes the finder-pattern search visit every third row instead of every
//   fifth at 720p (no change at 480p). It gains 1 % on hard scenes (small modules) for 20 % more time
//   on frames with a code, and a missed frame is retried 33 ms later anyway.
// - tryRotate off: the QR detector finds symbols at any angle; rotating only helps linear codes.
// - tryDownscale on (factor 3, threshold 500, the defaults): a badge held close to the camera has
//   modules of 12 px or more, where the local-average binarizer, given sensor noise, breaks up the
//   finder patterns' solid centres; the 1/3-size layer reads them (golden ticket_closeup_800x600).
//   It costs 0.9 ms per idle 720p frame (the pyramid is built up front) and nothing at 640x480:
//   judging by its cost, 1.4.0 adds a layer only when the smaller side exceeds the threshold.
//   Beware: ZXing 1.4.0's ReadBarcode() builds the pyramid only when maxNumberOfSymbols is 1; with
//   the default of 255 it silently reads the full-size image alone.
// - binarizer LocalAverage (ZXing's HybridBinarizer): uneven light across a badge is the rule at a
//   door, and the global histogram reads far fewer scenes.
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
