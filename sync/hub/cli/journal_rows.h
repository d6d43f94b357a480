// The moment the hub's figures (`meetings`, `report`) are counted as of, from the command line.
// The rows they count are gathered by sync/hub/store/figure_rows.h.
#pragma once

#include <cstdint>

#include "core/time/timezone.h"
#include "core/util/clock.h"
#include "core/util/result.h"
#include "sync/hub/cli/args.h"

namespace passerelle::hub {

// `--at "YYYY-MM-DD HH:MM"` in `zone` (the event's time), or now. Errc::invalid_input for any
// other text.
Result<std::int64_t> figures_moment(const ParsedArgs& args, const TimeZone& zone, const Clock& clock);

}  // namespace passerelle::hub
