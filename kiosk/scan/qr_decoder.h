// QR decoding of camera frames: the kiosk's production ZXing-C++ settings in one place.
//
// Ownership: a QrDecoder holds only its DecodeHints; decode() borrows the frame for the call.
// Thread safety: decode() and decode_all() are const and may run on several threads at once on one
// QrDecoder. ZXing::ReadBarcode(s) builds its reader, binarizer and image pyramid afresh on each
// call and we found no shared mutable state behind it; tests/scan decode on two threads at once.
// Failure: a frame with no readable QR code is not an error (empty optional / empty vector).
// ZXing-C++ may throw on frames it cannot process; that never escapes: the frame counts as one
// with no code (the camera sends another in 33 ms) and failed_frames() goes up, so that a lasting
// fault can be shown to staff. An invalid view (null data, non-positive size) is a bug (assert).
#pragma once

#include <ZXing/DecodeHints.h>

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/scan/frame.h"

namespace passerelle::scan {

class QrDecoder {
 public:
  // The production settings (see production_hints()).
  QrDecoder();
  // Other settings, for the benchmark's study of the alternatives; not for the kiosk. The number of
  // symbols is set per call (1 for decode(), all for decode_all()).
  explicit QrDecoder(const ZXing::DecodeHints& hints);

  // A copy decodes alike and counts its own failed frames from zero.
  QrDecoder(const QrDecoder& other) : hints_(other.hints_), all_symbols_hints_(other.all_symbols_hints_) {}
  QrDecoder& operator=(const QrDecoder& other) {
    hints_ = other.hints_;
    all_symbols_hints_ = other.all_symbols_hints_;
    failed_frames_.store(0, std::memory_order_relaxed);
    return *this;
  }

  // The text of one QR code in the frame, if any can be read.
  std::optional<std::string> decode(const FrameView& frame) const;

  // The texts of every QR code found (a printed page of badges, say), in ZXing's order.
  std::vector<std::string> decode_all(const FrameView& frame) const;

  // The hints decode() passes to ZXing::ReadBarcode (maxNumberOfSymbols 1).
  const ZXing::DecodeHints& hints() const { return hints_; }

  // Frames on which ZXing threw since construction.
  std::uint64_t failed_frames() const { return failed_frames_.load(std::memory_order_relaxed); }

  // The settings the kiosk decodes with; the choices and their measured costs are in the .cpp.
  static ZXing::DecodeHints production_hints();

 private:
  ZXing::DecodeHints hints_;
  ZXing::DecodeHints all_symbols_hints_;
  mutable std::atomic<std::uint64_t> failed_frames_{0};
};

}  // namespace passerelle::scan
