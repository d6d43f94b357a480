// Camera frames as the decoder sees them: 8-bit luminance, possibly interleaved with chroma.
//
// Ownership: FrameView borrows; the buffer it points to must outlive every use of the view.
// LumaFrame and YuyvFrame own their pixels (std::vector), so copying them copies the image.
// Thread safety: none of these types synchronise; a const frame may be read by several threads.
// Failure: nothing here fails on outside input. Sizes are the caller's promise: a non-positive
// size, an odd YUYV width or a coordinate outside the frame is a programming error (assert).
#pragma once

#include <cstdint>
#include <vector>

namespace passerelle::scan {

// Luminance samples at data[y * row_stride + x * pixel_stride]. pixel_stride is 1 for a packed
// luminance buffer and 2 for the Y samples of a YUYV (YUV 4:2:2) camera buffer read in place.
struct FrameView {
  const std::uint8_t* data = nullptr;
  int width = 0;
  int height = 0;
  int row_stride = 0;
  int pixel_stride = 1;

  std::uint8_t at(int x, int y) const { return data[y * row_stride + x * pixel_stride]; }
};

// An owning, packed luminance image (row stride == width).
class LumaFrame {
 public:
  LumaFrame() = default;
  LumaFrame(int width, int height, std::uint8_t fill = 0);

  int width() const { return width_; }
  int height() const { return height_; }
  bool empty() const { return pixels_.empty(); }
  std::uint8_t* data() { return pixels_.data(); }
  const std::uint8_t* data() const { return pixels_.data(); }
  std::uint8_t& at(int x, int y) { return pixels_[index(x, y)]; }
  std::uint8_t at(int x, int y) const { return pixels_[index(x, y)]; }

  FrameView view() const { return FrameView{pixels_.data(), width_, height_, width_, 1}; }

  friend bool operator==(const LumaFrame&, const LumaFrame&) = default;

 private:
  std::size_t index(int x, int y) const;

  int width_ = 0;
  int height_ = 0;
  std::vector<std::uint8_t> pixels_;
};

// An owning YUYV buffer as a V4L2 camera delivers it: Y0 U Y1 V for each pair of pixels.
class YuyvFrame {
 public:
  // Neutral chroma (128) around the luminance of `luma`, whose width must be even.
  static YuyvFrame from_luma(const LumaFrame& luma);

  int width() const { return width_; }
  int height() const { return height_; }
  const std::vector<std::uint8_t>& bytes() const { return bytes_; }

  // The Y samples in place: pixel stride 2, row stride 2 * width.
  FrameView luma_view() const { return FrameView{bytes_.data(), width_, height_, width_ * 2, 2}; }

 private:
  int width_ = 0;
  int height_ = 0;
  std::vector<std::uint8_t> bytes_;
};

// A packed copy of any view (the decoder never needs one; tests and the PNG writer do).
LumaFrame copy_to_luma(const FrameView& view);

}  // namespace passerelle::scan
