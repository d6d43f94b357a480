// The attendance CSV an organiser hands to funders or loads into a spreadsheet.
//
// Durability: written to a temporary file beside the target, flushed with fsync and renamed
// over it (core/util/files.h), so a crash or a full disk leaves either the old file or the whole
// new one. The file holds personal data: it is created for its owner only (0600).
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/store/store.h"
#include "core/util/files.h"  // write_file_atomically, which this header used to declare
#include "core/util/result.h"

namespace passerelle {

// Columns: external_id, first_name, last_name, organisation, country, status, then one column
// per checkpoint with the first check-in as local "YYYY-MM-DD HH:MM" (empty if none).
// Written by csv::Writer (core/csv/csv_writer.h): UTF-8 with a BOM, quoted as RFC 4180 needs, and
// a cell a spreadsheet would run as a formula written as text.
Result<std::size_t> export_attendance_csv(Store& store, std::int64_t event_id, const std::filesystem::path& path);

}  // namespace passerelle
