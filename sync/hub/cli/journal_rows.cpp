#include "sync/hub/cli/journal_rows.h"

#include <string>

#include "core/model/b2b_session.h"
#include "core/util/strings.h"

namespace passerelle::hub {

Result<std::int64_t> figures_moment(const ParsedArgs& args, const TimeZone& zone, const Clock& clock) {
  const auto at = args.value("at");
  if (!at) return clock.wall_ms();
  const std::string text(trim(*at));
  const auto space = text.find(' ');
  const auto minute = space == std::string::npos ? std::nullopt : parse_clock_minutes(text.substr(space + 1));
  if (!minute || !is_iso_date(text.substr(0, space)))
    return make_error(Errc::invalid_input, "--at takes \"YYYY-MM-DD HH:MM\" in the event's time");
  return zone.local_instant(text.substr(0, space), *minute);
}

}  // namespace passerelle::hub
