// Reading character and input devices with a timeout, and saying in words what went wrong;
// shared by the scanner sources.
//
// Thread safety: the functions share nothing. Failure: see each function.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/util/result.h"

namespace passerelle::scan {

// Waits up to `timeout` for `fd` (non-blocking) to be readable and reads what is there into
// `buffer`. Returns the number of bytes read, 0 when nothing came in time. An end of file, a
// hang-up or an unplugged device is Errc::io, "<what> was disconnected"; other read errors are
// Errc::io with the system's message.
Result<std::size_t> wait_and_read(int fd, std::chrono::milliseconds timeout, std::span<std::uint8_t> buffer,
                                  const std::string& what);

// open() of a scanner device failed: "no scanner at /dev/ttyACM0" when it does not exist
// (Errc::not_found); a hint naming `group` (input, dialout) when permission is denied; otherwise
// the system's message (Errc::io).
Error describe_scanner_open_error(const std::string& device, int error_number, const std::string& group);

}  // namespace passerelle::scan
