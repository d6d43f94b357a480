// PNG files of luminance frames, through cairo, for the golden files and their generator.
//
// Ownership: cairo surfaces live in RAII holders inside the functions; frames are returned by value.
// Failure: an unreadable or unwritable file is Errc::io; a PNG that cairo cannot decode is
// Errc::invalid_input.
#pragma once

#include <filesystem>

#include "core/util/result.h"
#include "kiosk/scan/frame.h"

namespace passerelle::scan::testing {

// Writes an 8-bit greyscale PNG (cairo stores A8 surfaces as greyscale).
Status write_png(const LumaFrame& frame, const std::filesystem::path& path);

// Reads any PNG cairo can read; colour images become luminance with ZXing's weights.
Result<LumaFrame> read_png(const std::filesystem::path& path);

}  // namespace passerelle::scan::testing
