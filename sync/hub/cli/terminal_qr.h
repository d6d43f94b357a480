// A QR code drawn in a terminal with Unicode half blocks: two rows of modules per text line, so
// the symbol stays square. Light modules (and the quiet zone) are drawn as blocks, for the usual
// light-on-dark terminal; `dark_on_light` inverts it for terminals with a light background.
// Pure; thread-safe.
#pragma once

#include <string>

#include "core/print/qr.h"

namespace passerelle::hub {

std::string terminal_qr(const print::QrMatrix& matrix, bool dark_on_light = false);

}  // namespace passerelle::hub
