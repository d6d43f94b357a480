// The door's clock (door_clock.h).
#include "core/checkin/door_clock.h"

#include <algorithm>
#include <chrono>
#include <sstream>

#include "core/time/timezone.h"

namespace passerelle {

std::optional<ClockJump> ClockWatch::observe(std::int64_t wall_ms, std::int64_t monotonic_ns) {
  std::optional<ClockJump> jump;
  if (last_wall_ms_ && monotonic_ns >= last_monotonic_ns_) {
    const std::int64_t elapsed_ms = (monotonic_ns - last_monotonic_ns_) / 1'000'000;
    const std::int64_t expected = *last_wall_ms_ + elapsed_ms;
    const std::int64_t drift = wall_ms - expected;
    if (drift < -kClockJumpThresholdMs || drift > kClockJumpThresholdMs)
      jump = ClockJump{drift < 0, drift < 0 ? -drift : drift, expected};
  }
  last_wall_ms_ = wall_ms;
  last_monotonic_ns_ = monotonic_ns;
  return jump;
}

std::string add_days(std::string_view day, int days) {
  if (!is_iso_date(day)) return std::string(day);
  using namespace std::chrono;
  const auto number = [&](std::size_t at, std::size_t length) {
    return std::stoi(std::string(day.substr(at, length)));
  };
  const year_month_day date{year(number(0, 4)), month(static_cast<unsigned>(number(5, 2))),
                            std::chrono::day(static_cast<unsigned>(number(8, 2)))};
  return format_day((sys_days(date) + std::chrono::days(days)).time_since_epoch().count());
}

Result<DoorTime> read_door_time(Store& store, std::int64_t event_id, ClockWatch* watch) {
  PSL_ASSIGN_OR_RETURN(const TimeZone* zone, store.event_timezone(event_id));
  PSL_ASSIGN_OR_RETURN(const auto event, store.find_event(event_id));
  DoorTime time;
  time.wall_ms = store.clock().wall_ms();
  time.monotonic_ns = store.clock().monotonic_ns();
  time.raw_day = zone->local_day(time.wall_ms);
  if (event && !event->days.empty()) {
    time.first_day = event->days.front();
    time.last_day = event->days.back();
  }
  PSL_ASSIGN_OR_RETURN(time.clock_trusted, clock_trusted(store));
  const std::string low = add_days(time.first_day, -kPlausibleMarginDays);
  const std::string high = add_days(time.last_day, kPlausibleMarginDays);
  // ISO dates compare as text.
  time.date_plausible = time.first_day.empty() || (time.raw_day >= low && time.raw_day <= high);
  if (!time.date_plausible && !time.clock_trusted) {
    // Evidence that the event has begun, from this kiosk or any other: only then is a date
    // outside its days a wrong clock rather than a door tried out before the event.
    PSL_ASSIGN_OR_RETURN(auto underway, store.database().query("SELECT 1 FROM journal WHERE event_id = ? AND "
                                                               "local_day BETWEEN ? AND ? LIMIT 1"));
    underway.bind_all(event_id, time.first_day, time.last_day);
    PSL_ASSIGN_OR_RETURN(time.day_unknown, underway.step());
  }

  PSL_ASSIGN_OR_RETURN(const auto device, store.local_value("device_id"));
  std::optional<std::int64_t> newest_wall;
  std::optional<std::string> newest_day;
  if (device) {
    PSL_ASSIGN_OR_RETURN(auto newest, store.database().query(
                                          "SELECT wall_ms FROM journal WHERE device_id = ? ORDER BY seq DESC LIMIT 1"));
    newest.bind_all(*device);
    PSL_ASSIGN_OR_RETURN(const bool has_newest, newest.step());
    if (has_newest) newest_wall = newest.column_int(0);
    // The newest own entry whose day could be right: a day written under an implausible date is
    // unknown, and must not hold later days back (nor forward: a year ahead would stick).
    PSL_ASSIGN_OR_RETURN(auto dated, store.database().query("SELECT local_day FROM journal WHERE device_id = ? AND "
                                                            "local_day BETWEEN ? AND ? ORDER BY seq DESC LIMIT 1"));
    dated.bind_all(*device, low, high);
    PSL_ASSIGN_OR_RETURN(const bool has_dated, dated.step());
    if (has_dated) newest_day = dated.column_text(0);
  }
  // The day never goes back behind the newest own entry's: a clock stepped back across midnight,
  // or rebooted a day behind, would otherwise reopen yesterday's once-per-day check-ins.
  time.day = time.raw_day;
  if (time.date_plausible && newest_day && *newest_day > time.day) time.day = *newest_day;
  if (event && !event->days.empty())
    time.event_day = std::find(event->days.begin(), event->days.end(), time.day) != event->days.end();

  if (watch) time.jump = watch->observe(time.wall_ms, time.monotonic_ns);
  // Across a restart the monotonic clock says nothing: the newest own entry still shows a clock
  // now behind it.
  if (!time.jump && newest_wall && time.wall_ms < *newest_wall - kClockJumpThresholdMs)
    time.jump = ClockJump{true, *newest_wall - time.wall_ms, *newest_wall};
  if (time.jump) {
    std::ostringstream text;
    text << (time.jump->back ? "back " : "forward ") << time.jump->size_ms << ' ' << time.jump->at_ms;
    PSL_TRY(store.set_local_value(kClockFaultKey, text.str()));
  }
  return time;
}

Status confirm_clock_date(Store& store) {
  const std::string boot = store.clock().boot_id();
  if (boot.empty())
    return make_error(Errc::unsupported, "this system does not name its boot: the date cannot be confirmed");
  std::ostringstream text;
  text << boot << ' ' << store.clock().wall_ms() << ' ' << store.clock().monotonic_ns();
  return store.set_local_value(kDateConfirmedKey, text.str());
}

Result<bool> clock_trusted(Store& store) {
  if (store.clock().wall_clock_synchronised()) return true;
  PSL_ASSIGN_OR_RETURN(const auto text, store.local_value(kDateConfirmedKey));
  if (!text) return false;
  std::istringstream in(*text);
  std::string boot;
  std::int64_t wall_ms = 0;
  std::int64_t monotonic_ns = 0;
  if (!(in >> boot >> wall_ms >> monotonic_ns) || boot != store.clock().boot_id()) return false;
  // The confirmation vouched for the clock as it ran then: a step since (someone set a wrong
  // date, a flat battery's reset) would otherwise ride on it.
  const std::int64_t drift =
      (store.clock().wall_ms() - wall_ms) - (store.clock().monotonic_ns() - monotonic_ns) / 1'000'000;
  return drift >= -kClockJumpThresholdMs && drift <= kClockJumpThresholdMs;
}

Result<std::optional<ClockJump>> last_clock_jump(Store& store) {
  PSL_ASSIGN_OR_RETURN(const auto text, store.local_value(kClockFaultKey));
  if (!text) return std::optional<ClockJump>();
  std::istringstream in(*text);
  std::string direction;
  ClockJump jump;
  if (!(in >> direction >> jump.size_ms >> jump.at_ms)) return std::optional<ClockJump>();
  jump.back = direction == "back";
  return std::optional<ClockJump>(jump);
}

}  // namespace passerelle
