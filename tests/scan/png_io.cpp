#include "tests/scan/png_io.h"

#include <cairo.h>

#include <cstring>
#include <memory>
#include <string>

namespace passerelle::scan::testing {
namespace {

struct SurfaceRelease {
  void operator()(cairo_surface_t* surface) const noexcept { cairo_surface_destroy(surface); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceRelease>;

std::uint8_t luminance(std::uint32_t pixel) {
  const std::uint32_t red = (pixel >> 16) & 0xff;
  const std::uint32_t green = (pixel >> 8) & 0xff;
  const std::uint32_t blue = pixel & 0xff;
  // ZXing's RGBToLum: .299 R + .587 G + .114 B in 10-bit fixed point, rounded.
  return static_cast<std::uint8_t>((306 * red + 601 * green + 117 * blue + 0x200) >> 10);
}

}  // namespace

Status write_png(const LumaFrame& frame, const std::filesystem::path& path) {
  const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_A8, frame.width());
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_A8, frame.width(), frame.height()));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return make_error(Errc::io, std::string("cannot create a cairo surface: ") +
                                    cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  cairo_surface_flush(surface.get());
  unsigned char* pixels = cairo_image_surface_get_data(surface.get());
  for (int y = 0; y < frame.height(); ++y) {
    std::memcpy(pixels + static_cast<std::ptrdiff_t>(y) * stride,
                frame.data() + static_cast<std::ptrdiff_t>(y) * frame.width(), static_cast<std::size_t>(frame.width()));
  }
  cairo_surface_mark_dirty(surface.get());
  const cairo_status_t status = cairo_surface_write_to_png(surface.get(), path.c_str());
  if (status != CAIRO_STATUS_SUCCESS) {
    return make_error(Errc::io, "cannot write " + path.string() + ": " + cairo_status_to_string(status));
  }
  return {};
}

Result<LumaFrame> read_png(const std::filesystem::path& path) {
  Surface surface(cairo_image_surface_create_from_png(path.c_str()));
  const cairo_status_t status = cairo_surface_status(surface.get());
  if (status == CAIRO_STATUS_FILE_NOT_FOUND || status == CAIRO_STATUS_READ_ERROR) {
    return make_error(Errc::io, "cannot read " + path.string() + ": " + cairo_status_to_string(status));
  }
  if (status != CAIRO_STATUS_SUCCESS) {
    return make_error(Errc::invalid_input, "cannot decode " + path.string() + ": " + cairo_status_to_string(status));
  }
  const int width = cairo_image_surface_get_width(surface.get());
  const int height = cairo_image_surface_get_height(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  const cairo_format_t format = cairo_image_surface_get_format(surface.get());
  const unsigned char* pixels = cairo_image_surface_get_data(surface.get());
  if (width <= 0 || height <= 0 || pixels == nullptr) {
    return make_error(Errc::invalid_input, path.string() + " holds an empty image");
  }
  LumaFrame frame(width, height);
  for (int y = 0; y < height; ++y) {
    const unsigned char* row = pixels + static_cast<std::ptrdiff_t>(y) * stride;
    for (int x = 0; x < width; ++x) {
      switch (format) {
        case CAIRO_FORMAT_A8:
          frame.at(x, y) = row[x];
          break;
        case CAIRO_FORMAT_RGB24:
        case CAIRO_FORMAT_ARGB32: {
          // Native-endian 32-bit words; alpha is ignored (golden files are opaque).
          std::uint32_t pixel = 0;
          std::memcpy(&pixel, row + 4 * x, sizeof pixel);
          frame.at(x, y) = luminance(pixel);
          break;
        }
        default:
          return make_error(Errc::invalid_input, path.string() + " has a pixel format this reader does not handle");
      }
    }
  }
  return frame;
}

}  // namespace passerelle::scan::testing
