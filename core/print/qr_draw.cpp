#include "core/print/qr_draw.h"

namespace passerelle::print {
namespace {

// Calls emit(x, y, length) for each horizontal run of dark modules, row by row.
template <class Emit>
void for_each_dark_run(const QrMatrix& matrix, Emit&& emit) {
  const int size = matrix.size();
  for (int y = 0; y < size; ++y) {
    int x = 0;
    while (x < size) {
      if (!matrix.dark(x, y)) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < size && matrix.dark(x, y)) ++x;
      emit(start, y, x - start);
    }
  }
}

}  // namespace

void draw_qr(cairo_t* cr, const QrMatrix& matrix, double x, double y, double module) {
  const double side = qr_side_modules(matrix) * module;
  cairo_new_path(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, side, side);
  cairo_fill(cr);

  const double origin_x = x + kQrQuietZoneModules * module;
  const double origin_y = y + kQrQuietZoneModules * module;
  for_each_dark_run(matrix, [&](int run_x, int run_y, int length) {
    cairo_rectangle(cr, origin_x + run_x * module, origin_y + run_y * module, length * module, module);
  });
  cairo_set_source_rgb(cr, 0, 0, 0);
  // One fill for the whole symbol: adjacent rectangles of a single path leave no hairline seams
  // when a viewer anti-aliases, unlike separately filled ones.
  cairo_fill(cr);
}

std::string qr_svg_path(const QrMatrix& matrix) {
  std::string path;
  for_each_dark_run(matrix, [&](int run_x, int run_y, int length) {
    const std::string run = std::to_string(length);
    path += 'M' + std::to_string(run_x) + ' ' + std::to_string(run_y) + 'h' + run + "v1h-" + run + 'z';
  });
  return path;
}

}  // namespace passerelle::print
