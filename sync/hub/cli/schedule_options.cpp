#include "sync/hub/cli/schedule_options.h"

#include <charconv>
#include <cmath>

#include "sync/hub/cli/exit_codes.h"

namespace passerelle::hub {

Result<std::chrono::milliseconds> schedule_time_limit(const ParsedArgs& args) {
  constexpr double kMaxSeconds = 3600;
  const auto text = args.value("time-limit");
  if (!text) return std::chrono::milliseconds(10'000);
  double seconds = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), seconds);
  if (error != std::errc() || end != text->data() + text->size() || !std::isfinite(seconds) || seconds <= 0 ||
      seconds > kMaxSeconds)
    return make_error(Errc::invalid_input, "--time-limit takes seconds, more than 0 and at most 3600");
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(seconds * 1000)));
}

int exit_code_for(b2b::Verdict verdict) {
  switch (verdict) {
    case b2b::Verdict::all_placed:
      return kExitOk;
    case b2b::Verdict::most_placed:
      return kExitScheduleMostPlaced;
    case b2b::Verdict::not_settled:
      return kExitScheduleNotSettled;
  }
  return kExitFailure;
}

}  // namespace passerelle::hub
