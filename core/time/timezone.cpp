#include "core/time/timezone.h"

#include <unicode/timezone.h>

#include <chrono>
#include <cstdio>

namespace passerelle {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

Result<TimeZone> TimeZone::create(std::string_view iana_name) {
  const auto id =
      icu::UnicodeString::fromUTF8(icu::StringPiece(iana_name.data(), static_cast<int32_t>(iana_name.size())));
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(id));
  // ICU answers an unknown id with the "Etc/Unknown" zone rather than an error.
  if (!zone || *zone == icu::TimeZone::getUnknown() || iana_name.empty())
    return make_error(Errc::invalid_input,
                      "unknown time zone '" + std::string(iana_name) + "' (use an IANA name such as Europe/Brussels)");
  TimeZone result;
  result.name_ = std::string(iana_name);
  result.zone_ = std::move(zone);
  return result;
}

TimeZone::TimeZone(TimeZone&&) noexcept = default;
TimeZone& TimeZone::operator=(TimeZone&&) noexcept = default;
TimeZone::~TimeZone() = default;

std::int64_t TimeZone::utc_offset_ms(std::int64_t unix_ms) const {
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone_->getOffset(static_cast<UDate>(unix_ms), false, raw, dst, status);
  return U_FAILURE(status) ? 0 : static_cast<std::int64_t>(raw) + dst;
}

std::string TimeZone::local_day(std::int64_t unix_ms) const {
  return format_day(floor_div(unix_ms + utc_offset_ms(unix_ms), kMsPerDay));
}

std::string TimeZone::local_time_of_day(std::int64_t unix_ms) const {
  const std::int64_t local = unix_ms + utc_offset_ms(unix_ms);
  const std::int64_t minutes = floor_div(local - floor_div(local, kMsPerDay) * kMsPerDay, 60'000);
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
  return text;
}

Result<std::int64_t> utc_midnight_ms(std::string_view day) {
  if (!is_iso_date(day)) return make_error(Errc::invalid_input, "not a YYYY-MM-DD date: '" + std::string(day) + "'");
  using namespace std::chrono;
  const int y = std::stoi(std::string(day.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(day.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(day.substr(8, 2))));
  return std::int64_t{sys_days{year{y} / month{m} / d}.time_since_epoch().count()} * kMsPerDay;
}

Result<std::int64_t> TimeZone::local_instant(std::string_view day, int minute) const {
  PSL_ASSIGN_OR_RETURN(const std::int64_t midnight, start_of_day(day));
  const std::int64_t naive = midnight + std::int64_t{minute} * 60'000;
  return naive + utc_offset_ms(midnight) - utc_offset_ms(naive);
}

Result<std::int64_t> TimeZone::start_of_day(std::string_view day) const {
  PSL_ASSIGN_OR_RETURN(const std::int64_t utc_midnight, utc_midnight_ms(day));
  // The offset at local midnight can differ from the offset at UTC midnight by a DST change;
  // one correction step settles it for every real zone.
  std::int64_t guess = utc_midnight - utc_offset_ms(utc_midnight);
  guess = utc_midnight - utc_offset_ms(guess);
  return guess;
}

bool is_iso_date(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  using namespace std::chrono;
  const int y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  const unsigned m = static_cast<unsigned>((text[5] - '0') * 10 + (text[6] - '0'));
  const unsigned d = static_cast<unsigned>((text[8] - '0') * 10 + (text[9] - '0'));
  return year_month_day{year{y}, month{m}, day{d}}.ok();
}

std::string format_day(std::int64_t days_since_epoch) {
  using namespace std::chrono;
  const year_month_day date{sys_days{days{days_since_epoch}}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return text;
}

}  // namespace passerelle
