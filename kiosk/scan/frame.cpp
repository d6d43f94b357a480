#include "kiosk/scan/frame.h"

#include <cassert>

namespace passerelle::scan {

LumaFrame::LumaFrame(int width, int height, std::uint8_t fill)
    : width_(width),
      height_(height),
      pixels_(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), fill) {
  assert(width > 0 && height > 0);
}

std::size_t LumaFrame::index(int x, int y) const {
  assert(x >= 0 && x < width_ && y >= 0 && y < height_);
  return static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x);
}

YuyvFrame YuyvFrame::from_luma(const LumaFrame& luma) {
  assert(!luma.empty() && luma.width() % 2 == 0);
  constexpr std::uint8_t kNeutralChroma = 128;
  YuyvFrame frame;
  frame.width_ = luma.width();
  frame.height_ = luma.height();
  frame.bytes_.resize(static_cast<std::size_t>(luma.width()) * static_cast<std::size_t>(luma.height()) * 2);
  const std::uint8_t* source = luma.data();
  std::uint8_t* target = frame.bytes_.data();
  const std::size_t pixels = static_cast<std::size_t>(luma.width()) * static_cast<std::size_t>(luma.height());
  for (std::size_t i = 0; i < pixels; ++i) {
    target[2 * i] = source[i];
    target[2 * i + 1] = kNeutralChroma;  // U for even pixels, V for odd ones
  }
  return frame;
}

LumaFrame copy_to_luma(const FrameView& view) {
  assert(view.data != nullptr && view.width > 0 && view.height > 0);
  LumaFrame copy(view.width, view.height);
  for (int y = 0; y < view.height; ++y) {
    for (int x = 0; x < view.width; ++x) copy.at(x, y) = view.at(x, y);
  }
  return copy;
}

}  // namespace passerelle::scan
