// The attendance CSV an organiser hands to funders or loads into a spreadsheet.
//
// Durability: written to a temporary file beside the target, flushed with fsync and renamed
// over it (core/util/files.h), so a crash or a full disk leaves either the old file or the whole
// new one. The file holds personal data: it is created for its owner only (0600).
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/csv/csv_writer.h"
#include "core/store/store.h"
#include "core/util/files.h"  // write_file_atomically, which this header used to declare
#include "core/util/result.h"

namespace passerelle {

// Columns: external_id, first_name, last_name, organisation, country, status, then the
// check-ins as local "YYYY-MM-DD HH:MM" (empty if none), per checkpoint in position order:
// - an event of one day, or a checkpoint counted once per event (or a B2B area): one column,
//   named as the checkpoint, with its first check-in;
// - an event of several days, at a once-per-day or in/out door: one column per day of the event,
//   "Entrance 2026-12-08", with that day's first check-in (the day the door counted it on). A
//   check-in on a day outside the event's days, from a kiosk whose clock was wrong, shows in none.
// Rows: one per participant, by name in the event's language (core/text/collation.h).
// Written by csv::Writer (core/csv/csv_writer.h): UTF-8 with a BOM, cells separated by
// `delimiter`, quoted as RFC 4180 needs, and a cell a spreadsheet would run as a formula written
// as text. Returns the number of participants written.
Result<std::size_t> export_attendance_csv(Store& store, std::int64_t event_id, const std::filesystem::path& path,
                                          csv::Delimiter delimiter = csv::Delimiter::comma);

}  // namespace passerelle
