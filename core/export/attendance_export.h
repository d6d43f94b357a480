// The attendance CSV an organiser hands to funders or loads into a spreadsheet.
//
// Durability: written to a temporary file beside the target, flushed with fsync and renamed
// over it, so a crash or a full disk leaves either the old file or the whole new one.
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/store/store.h"
#include "core/util/result.h"

namespace passerelle {

// Columns: external_id, first_name, last_name, organisation, country, status, then one column
// per checkpoint with the first check-in as local "YYYY-MM-DD HH:MM" (empty if none).
// UTF-8 with a BOM so that Excel opens accents correctly; fields quoted as RFC 4180 needs.
Result<std::size_t> export_attendance_csv(Store& store, std::int64_t event_id, const std::filesystem::path& path);

// Writes `content` to `path` atomically (temporary file, fsync, rename, fsync of the folder).
Status write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Quotes a CSV field when it holds a delimiter, quote or line break.
std::string csv_field(std::string_view text);

}  // namespace passerelle
