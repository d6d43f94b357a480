// Applying an import plan to the registry: all rows or none, in one transaction.
//
// Thread safety: uses the Store from the calling thread only. The progress callback is called
// on that thread every `progress_every` rows.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/import/participant_mapping.h"
#include "core/store/store.h"
#include "core/util/result.h"

namespace passerelle::import {

struct ApplyOptions {
  bool dry_run = false;         // do everything, report, then roll back
  bool skip_bad_rows = false;   // store the good rows; every skipped row is reported
  bool cancel_missing = false;  // cancel registered participants absent from the file
  std::size_t progress_every = 5000;
  std::function<void(std::size_t rows_done, std::size_t rows_total)> progress;
};

struct ImportSummary {
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t cancelled_missing = 0;  // cancelled because absent (with cancel_missing)
  std::size_t missing = 0;            // registered participants absent from the file
  std::vector<RowError> skipped;      // rows not stored (with skip_bad_rows)
  std::vector<std::string> warnings;
  bool committed = false;  // false for a dry run
};

// Fails with Errc::invalid_input listing every row error when the plan (or the registry, e.g.
// a ticket code held by someone else) has errors and skip_bad_rows is off; nothing is written
// then. Database failures roll everything back.
Result<ImportSummary> apply_import(Store& store, std::int64_t event_id, const ImportPlan& plan,
                                   const ApplyOptions& options);

// One human-readable line per row error, for messages: "line 12, column 'Email': invalid …".
std::string describe(const RowError& error);

// One line per row warning, in the same manner: "line 12: no last name", "lines 4 and 19 share
// the email a@b.eu".
std::string describe(const RowWarning& warning);

}  // namespace passerelle::import
