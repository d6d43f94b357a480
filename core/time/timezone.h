// Event-local calendar days, through ICU's time zone data (libstdc++ 12 has no std::chrono::tzdb).
//
// Thread safety: TimeZone is immutable after creation and may be shared between threads.
#pragma once

#include <unicode/uversion.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/util/result.h"

U_NAMESPACE_BEGIN
class TimeZone;
U_NAMESPACE_END

namespace passerelle {

class TimeZone {
 public:
  // An IANA name such as "Europe/Brussels"; unknown names fail with Errc::invalid_input.
  static Result<TimeZone> create(std::string_view iana_name);

  TimeZone(TimeZone&&) noexcept;
  TimeZone& operator=(TimeZone&&) noexcept;
  ~TimeZone();

  const std::string& name() const { return name_; }
  // Offset from UTC in milliseconds at the given instant (DST included).
  std::int64_t utc_offset_ms(std::int64_t unix_ms) const;
  // The calendar day at that instant in this zone, as "YYYY-MM-DD".
  std::string local_day(std::int64_t unix_ms) const;
  // "HH:MM" local time at that instant.
  std::string local_time_of_day(std::int64_t unix_ms) const;
  // The UTC instant of local midnight starting `day` ("YYYY-MM-DD").
  Result<std::int64_t> start_of_day(std::string_view day) const;
  // The UTC instant at which a wall clock here reads `minute` minutes after midnight of `day`
  // (a DST change earlier that day included).
  Result<std::int64_t> local_instant(std::string_view day, int minute) const;

 private:
  TimeZone() = default;
  std::string name_;
  std::unique_ptr<icu::TimeZone> zone_;
};

// "YYYY-MM-DD" with a real month and day.
bool is_iso_date(std::string_view text) noexcept;
// The UTC instant of midnight UTC starting `day` ("YYYY-MM-DD"); Errc::invalid_input otherwise.
Result<std::int64_t> utc_midnight_ms(std::string_view day);
// "YYYY-MM-DD" of a day count since 1970-01-01.
std::string format_day(std::int64_t days_since_epoch);

}  // namespace passerelle
