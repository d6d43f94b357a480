#include "kiosk/app/preview.h"

#include <SDL.h>
#include <SDL_opengl.h>

#include "kiosk/app/window.h"

namespace passerelle::kiosk {
PreviewUploader::PreviewUploader() : swizzle_(gl_has_texture_swizzle()) {}

PreviewUploader::~PreviewUploader() {
  if (texture_ != 0) glDeleteTextures(1, &texture_);
}

void PreviewUploader::clear() {
  shown_ = PreviewTexture{};
}

void PreviewUploader::upload(const scan::FrameView& frame) {
  if (frame.data == nullptr || frame.width <= 0 || frame.height <= 0) return;
  const bool interleaved = frame.pixel_stride == 2 && frame.row_stride % 2 == 0;
  const bool direct = swizzle_ && (frame.pixel_stride == 1 || interleaved);

  const std::uint8_t* pixels = frame.data;
  int row_length = frame.row_stride / (interleaved ? 2 : 1);
  if (!direct) {
    packed_.resize(static_cast<std::size_t>(frame.width) * static_cast<std::size_t>(frame.height));
    for (int y = 0; y < frame.height; ++y)
      for (int x = 0; x < frame.width; ++x)
        packed_[static_cast<std::size_t>(y) * static_cast<std::size_t>(frame.width) + static_cast<std::size_t>(x)] =
            frame.at(x, y);
    pixels = packed_.data();
    row_length = frame.width;
  }
  const int stride_kind = direct ? frame.pixel_stride : 1;

  if (texture_ == 0) {
    glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    if (swizzle_) {
      const GLint grey[] = {GL_RED, GL_RED, GL_RED, GL_ONE};
      glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, grey);
    }
  } else {
    glBindTexture(GL_TEXTURE_2D, texture_);
  }

  GLenum format = GL_LUMINANCE;
  GLint internal_format = GL_LUMINANCE8;
  if (direct) {
    format = stride_kind == 2 ? GL_RG : GL_RED;
    internal_format = stride_kind == 2 ? GL_RG8 : GL_R8;
  }
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, row_length);
  if (frame.width != width_ || frame.height != height_ || stride_kind != pixel_stride_) {
    glTexImage2D(GL_TEXTURE_2D, 0, internal_format, frame.width, frame.height, 0, format, GL_UNSIGNED_BYTE, pixels);
    width_ = frame.width;
    height_ = frame.height;
    pixel_stride_ = stride_kind;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, frame.width, frame.height, format, GL_UNSIGNED_BYTE, pixels);
  }
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glBindTexture(GL_TEXTURE_2D, 0);
  shown_ = PreviewTexture{texture_, width_, height_};
}

}  // namespace passerelle::kiosk
