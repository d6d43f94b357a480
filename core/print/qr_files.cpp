// write_qr_png and write_qr_svg (declared in badge_render.h): a badge's QR code on its own.
#include <string>

#include "core/print/badge_render.h"
#include "core/print/cairo_handles.h"
#include "core/print/output.h"
#include "core/print/qr.h"
#include "core/print/qr_draw.h"

namespace passerelle::print {
namespace {

constexpr int kMaxModulePixels = 64;

}  // namespace

Status write_qr_png(std::string_view text, const std::filesystem::path& out, int module_px) {
  if (module_px < 1 || module_px > kMaxModulePixels) {
    return make_error(Errc::invalid_input, "QR module size must be 1 to " + std::to_string(kMaxModulePixels) +
                                               " pixels, not " + std::to_string(module_px));
  }
  PSL_TRY(check_output_folder(out));
  PSL_ASSIGN_OR_RETURN(const QrMatrix matrix, encode_qr(text));
  const int side = qr_side_modules(matrix) * module_px;
  CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side));
  PSL_TRY(cairo_status_to_result(cairo_surface_status(surface.get()), "cannot create the QR image"));
  CairoContext cr(cairo_create(surface.get()));
  // Whole pixels per module: anti-aliasing would only add grey edges.
  cairo_set_antialias(cr.get(), CAIRO_ANTIALIAS_NONE);
  draw_qr(cr.get(), matrix, 0, 0, module_px);
  PSL_TRY(cairo_status_to_result(cairo_status(cr.get()), "cannot draw the QR image"));
  cairo_surface_flush(surface.get());

  std::string png;
  const cairo_status_t encoded = cairo_surface_write_to_png_stream(surface.get(), append_to_string, &png);
  PSL_TRY(cairo_status_to_result(encoded, "cannot encode the QR image as PNG"));
  return write_document(out, png, "QR PNG");
}

Status write_qr_svg(std::string_view text, const std::filesystem::path& out) {
  PSL_TRY(check_output_folder(out));
  PSL_ASSIGN_OR_RETURN(const QrMatrix matrix, encode_qr(text));
  const std::string side = std::to_string(qr_side_modules(matrix));
  const std::string quiet = std::to_string(kQrQuietZoneModules);
  // Written by hand rather than through cairo's SVG surface: the file stays a few kilobytes and
  // keeps whole-module coordinates, which crispEdges renders without grey seams.
  std::string svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + side + ' ' + side +
         "\" width=\"" + std::to_string(qr_side_modules(matrix) * 8) + "\" height=\"" +
         std::to_string(qr_side_modules(matrix) * 8) + "\" shape-rendering=\"crispEdges\">\n";
  svg += "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#ffffff\"/>\n";
  svg += "<path transform=\"translate(" + quiet + ' ' + quiet + ")\" fill=\"#000000\" d=\"" + qr_svg_path(matrix) +
         "\"/>\n";
  svg += "</svg>\n";
  return write_document(out, svg, "QR SVG");
}

}  // namespace passerelle::print
