#include "sync/hub/cli/terminal_qr.h"

namespace passerelle::hub {
namespace {

constexpr int kQuietZone = 4;  // modules, as the QR standard asks: a scanner needs the light border

}  // namespace

std::string terminal_qr(const print::QrMatrix& matrix, bool dark_on_light) {
  const int size = matrix.size();
  // True where the terminal should light a pixel.
  auto lit = [&](int x, int y) {
    const bool inside = x >= 0 && y >= 0 && x < size && y < size;
    const bool dark = inside && matrix.dark(x, y);
    return dark == dark_on_light;
  };
  std::string text;
  for (int y = -kQuietZone; y < size + kQuietZone; y += 2) {
    for (int x = -kQuietZone; x < size + kQuietZone; ++x) {
      const bool top = lit(x, y);
      const bool bottom = lit(x, y + 1);
      text += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
    }
    text += '\n';
  }
  return text;
}

}  // namespace passerelle::hub
