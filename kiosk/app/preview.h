// The camera preview as a GL texture: luminance frames uploaded as a one-channel texture shown grey.
//
// A packed frame goes up as GL_RED, a YUYV frame as GL_RG straight from the camera's buffer (Y in
// red, chroma in green, ignored); a swizzle makes the red channel grey. On a GL without texture
// swizzle the frame is packed on the CPU and sent as GL_LUMINANCE.
// Ownership: owns its texture. Thread safety: UI thread only, with the GL context current.
#pragma once

#include <cstdint>
#include <vector>

#include "kiosk/scan/frame.h"
#include "kiosk/ui/view.h"

namespace passerelle::kiosk {

class PreviewUploader {
 public:
  PreviewUploader();
  ~PreviewUploader();
  PreviewUploader(const PreviewUploader&) = delete;
  PreviewUploader& operator=(const PreviewUploader&) = delete;

  // Replaces the texture's pixels (and its size, when the frame's changed).
  void upload(const scan::FrameView& frame);
  // Forgets the picture: views see gl_texture 0 (no camera).
  void clear();

  const PreviewTexture& texture() const { return shown_; }

 private:
  unsigned int texture_ = 0;
  bool swizzle_ = false;
  int width_ = 0;
  int height_ = 0;
  int pixel_stride_ = 0;
  std::vector<std::uint8_t> packed_;
  PreviewTexture shown_;
};

}  // namespace passerelle::kiosk
