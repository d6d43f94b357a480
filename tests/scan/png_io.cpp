#include "tests/scan/png_io.h"

#include <cairo.h>

#include <cstring>
#include <memory>
#include <string>

#include "kiosk/scan/image_files.h"

namespace passerelle::scan::testing {
namespace {

struct SurfaceRelease {
  void operator()(cairo_surface_t* surface) const noexcept { cairo_surface_destroy(surface); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceRelease>;

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
  // The kiosk's own reader: tests read golden files exactly as the file camera does.
  return read_png_luma(path);
}

}  // namespace passerelle::scan::testing
