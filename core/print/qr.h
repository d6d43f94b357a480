// QR symbols through libqrencode, as a matrix of modules the renderers draw.
//
// Thread safety: libqrencode is reentrant; each call owns its QRcode (RAII, freed on return).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace passerelle::print {

enum class QrErrorCorrection { low, medium, quartile, high };

// A square QR symbol without its quiet zone; modules()[y * size + x] is true for dark.
class QrMatrix {
 public:
  QrMatrix(int size, std::vector<bool> modules) : size_(size), modules_(std::move(modules)) {}
  int size() const { return size_; }
  bool dark(int x, int y) const { return modules_[static_cast<std::size_t>(y * size_ + x)]; }

 private:
  int size_;
  std::vector<bool> modules_;
};

// Encodes text, choosing the smallest version; alphanumeric mode where the text allows (our
// tokens), byte mode otherwise. Errc::invalid_input when the text is empty, holds a NUL byte or
// does not fit any version.
Result<QrMatrix> encode_qr(std::string_view text, QrErrorCorrection level = QrErrorCorrection::medium);

}  // namespace passerelle::print
