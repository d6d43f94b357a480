// Still images as luminance frames, for the image-folder camera (FileSource): PNG through cairo,
// PGM (binary P5 and plain P2) parsed here.
//
// Ownership: frames are returned by value; cairo surfaces live in RAII holders inside the calls.
// Thread safety: the functions share nothing; they may run on several threads at once.
// Failure: a file that cannot be read is Errc::io; one that is not a well-formed image of a kind
// handled here (truncated, a PGM over 16384 px a side, a PNG pixel format cairo does not load as
// 8-bit) is Errc::invalid_input. Messages name the file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/util/result.h"
#include "kiosk/scan/frame.h"

namespace passerelle::scan {

// Colour becomes luminance with ZXing's weights (.299 R + .587 G + .114 B); alpha is ignored, so a
// translucent image reads as if laid over black.
Result<LumaFrame> read_png_luma(const std::filesystem::path& path);

// A PGM held in memory. Samples above 8 bits (maxval > 255) are scaled down to 0..255. `name`
// only labels error messages.
Result<LumaFrame> parse_pgm(std::string_view bytes, const std::string& name);
Result<LumaFrame> read_pgm(const std::filesystem::path& path);

// By extension, case-insensitive: .png or .pgm; anything else is Errc::invalid_input.
Result<LumaFrame> read_image(const std::filesystem::path& path);

// Whether read_image() handles files named like `path`.
bool is_image_file(const std::filesystem::path& path);

}  // namespace passerelle::scan
