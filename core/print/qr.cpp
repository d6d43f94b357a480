#include "core/print/qr.h"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace passerelle::print {
namespace {

struct QrCodeFree {
  void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};

QRecLevel to_qrencode(QrErrorCorrection level) {
  switch (level) {
    case QrErrorCorrection::low:
      return QR_ECLEVEL_L;
    case QrErrorCorrection::medium:
      return QR_ECLEVEL_M;
    case QrErrorCorrection::quartile:
      return QR_ECLEVEL_Q;
    case QrErrorCorrection::high:
      return QR_ECLEVEL_H;
  }
  return QR_ECLEVEL_M;
}

}  // namespace

Result<QrMatrix> encode_qr(std::string_view text, QrErrorCorrection level) {
  if (text.empty()) return make_error(Errc::invalid_input, "cannot encode an empty QR code");
  // QRcode_encodeString stops at a NUL byte: the symbol would silently hold less than the text.
  if (text.find('\0') != std::string_view::npos) {
    return make_error(Errc::invalid_input, "cannot encode a QR code from text containing a NUL byte");
  }
  const std::string owned(text);
  // Case-sensitive mode: our tokens are upper case already, so libqrencode picks alphanumeric
  // mode for them on its own and byte mode for anything with lower case.
  std::unique_ptr<QRcode, QrCodeFree> code(QRcode_encodeString(owned.c_str(), 0, to_qrencode(level), QR_MODE_8, 1));
  if (!code) {
    return make_error(errno == ERANGE ? Errc::invalid_input : Errc::io,
                      std::string("cannot encode QR code: ") + std::strerror(errno));
  }
  const int size = code->width;
  std::vector<bool> modules(static_cast<std::size_t>(size) * static_cast<std::size_t>(size));
  for (std::size_t i = 0; i < modules.size(); ++i) modules[i] = (code->data[i] & 1) != 0;
  return QrMatrix(size, std::move(modules));
}

}  // namespace passerelle::print
