// What staff can do when the kiosk's database fails: the out-of-order screen shows a reason they
// can act on ("the disk is full: call the technician") rather than an error class's name.
//
// Thread safety: pure. Failure: none; an error it cannot place is "unknown".
#pragma once

#include <string>

#include "core/util/result.h"

namespace passerelle::kiosk {

// The reason for `error` as a key under "out_of_order.reason." (assets/i18n): disk_full, locked,
// damaged, read_only, missing, newer, io or unknown. Read from the error class and SQLite's
// message, which says what the class does not (SQLITE_FULL and SQLITE_CANTOPEN are both Errc::io,
// and a trigger's RAISE arrives as a constraint). Names no person: keys only.
std::string store_failure_reason(const Error& error);

}  // namespace passerelle::kiosk
