// Getting a document built in memory onto disk. Internal to core/print.
//
// cairo writes PDF and PNG through a callback into a std::string; the string then goes to disk
// in one atomic step, so no reader ever sees half a file.
// Thread safety: pure functions apart from the file system.
#pragma once

#include <cairo.h>

#include <filesystem>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::print {

// A cairo_write_func_t appending to the std::string `closure` points to. Reports
// CAIRO_STATUS_WRITE_ERROR when memory runs out instead of throwing through cairo's C frames.
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) noexcept;

// Errc::io unless the folder `out` would be written in exists; lets a long render fail before it starts.
Status check_output_folder(const std::filesystem::path& out);

// Writes `content` to `out` atomically and for its owner only (mode 0600: badges and QR codes are
// credentials; core/util/files.h); `what` names the document in error messages ("badges PDF").
Status write_document(const std::filesystem::path& out, std::string_view content, std::string_view what);

}  // namespace passerelle::print
