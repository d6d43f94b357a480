#include "core/report/event_report.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/text/collation.h"
#include "core/time/timezone.h"

namespace passerelle::report {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;
// Past this spread of one day's arrivals, 15-minute bars get too thin to read on a phone.
constexpr int kFineBinsUpToMinutes = 8 * 60;

// A person's first presence on one day: when they arrived.
struct Arrival {
  std::int64_t at_ms = 0;
  int minute = 0;  // of the local day
};

void tally_into(std::map<std::string, Tally>& tallies, const std::string& key, bool registered, bool attended) {
  if (!registered && !attended) return;  // a cancelled no-show is not part of any figure
  Tally& tally = tallies[key];
  tally.registered += registered ? 1 : 0;
  tally.attended += attended ? 1 : 0;
}

}  // namespace

Result<EventReport> compute_event_report(const ReportInput& input) {
  PSL_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::create(input.event.timezone));
  EventReport report;
  report.event = input.event;
  report.checkpoints = input.checkpoints;
  report.now_ms = input.now_ms;

  std::map<std::string, std::size_t> days;
  for (std::size_t i = 0; i < input.event.days.size(); ++i) days.emplace(input.event.days[i], i);
  std::unordered_map<std::int64_t, std::size_t> point_index;
  for (std::size_t i = 0; i < input.checkpoints.size(); ++i) point_index.emplace(input.checkpoints[i].id, i);

  // Presences by person: the first of each day (the arrival) and the checkpoints seen each day.
  // The day is the event-local day of the corrected time, not the day the kiosk's own clock gave
  // the entry: a kiosk whose clock was a day off still puts its people on the day they came.
  std::unordered_map<std::int64_t, std::map<std::size_t, Arrival>> arrivals;
  std::map<std::pair<std::size_t, std::size_t>, std::set<std::int64_t>> at_point_by_day;
  std::vector<std::set<std::int64_t>> at_point(input.checkpoints.size());
  for (const ReportCheckin& checkin : input.checkins) {
    if (checkin.at_ms > input.now_ms) continue;  // the report as it stood then (--at)
    const auto day = days.find(zone.local_day(checkin.at_ms));
    if (day == days.end()) {
      ++report.outside_days;
      continue;
    }
    const std::int64_t local_ms = checkin.at_ms + zone.utc_offset_ms(checkin.at_ms);
    const int minute = static_cast<int>(((local_ms % kDayMs) + kDayMs) % kDayMs / kMinuteMs);
    auto& first = arrivals[checkin.participant_id];
    const auto found = first.find(day->second);
    if (found == first.end() || checkin.at_ms < found->second.at_ms)
      first[day->second] = Arrival{checkin.at_ms, minute};
    if (const auto point = point_index.find(checkin.checkpoint_id); point != point_index.end()) {
      at_point_by_day[{day->second, point->second}].insert(checkin.participant_id);
      at_point[point->second].insert(checkin.participant_id);
    }
  }

  // Participants and organisations, whole and by each grouping.
  std::set<std::string> registered_orgs;
  std::set<std::string> attended_orgs;
  std::map<OrgType, Tally> by_type;
  for (const ReportPerson& person : input.people) {
    const bool registered = person.status == ParticipantStatus::registered;
    const bool attended = arrivals.count(person.id) > 0;
    report.cancelled += person.status == ParticipantStatus::cancelled ? 1 : 0;
    report.blocked += person.status == ParticipantStatus::blocked ? 1 : 0;
    report.erased += person.erased ? 1 : 0;
    report.participants.registered += registered ? 1 : 0;
    report.participants.attended += attended ? 1 : 0;
    if (!person.organisation_key.empty()) {
      if (registered) registered_orgs.insert(person.organisation_key);
      if (attended) attended_orgs.insert(person.organisation_key);
    }
    tally_into(report.by_country, person.country, registered, attended);
    tally_into(report.by_region, person.region, registered, attended);
    tally_into(report.by_sector, person.sector, registered, attended);
    if (registered || attended) {
      by_type[person.org_type].registered += registered ? 1 : 0;
      by_type[person.org_type].attended += attended ? 1 : 0;
    }
    report.identities.push_back(EventReport::Identity{person.email_key, person.organisation_key, registered, attended});
  }
  report.by_org_type = std::move(by_type);
  report.organisations = {static_cast<int>(registered_orgs.size()), static_cast<int>(attended_orgs.size())};

  // Arrivals over time: one bin width for the whole report, so that the days compare.
  int earliest = 24 * 60;
  int latest = 0;
  std::vector<std::map<int, int>> minutes(input.event.days.size());
  for (const auto& [person, by_day] : arrivals)
    for (const auto& [day, arrival] : by_day) {
      earliest = std::min(earliest, arrival.minute);
      latest = std::max(latest, arrival.minute);
      ++minutes[day][arrival.minute];
    }
  report.bin_minutes = latest - earliest > kFineBinsUpToMinutes ? 60 : 15;
  for (std::size_t d = 0; d < input.event.days.size(); ++d) {
    DayArrivals day{input.event.days[d], {}};
    for (const auto& [minute, people] : minutes[d]) day.by_bin[minute / report.bin_minutes] += people;
    report.arrivals.push_back(std::move(day));
  }

  // Attendance per day and checkpoint, and the day's list.
  std::unordered_map<std::int64_t, const ReportPerson*> people;
  for (const ReportPerson& person : input.people) people.emplace(person.id, &person);
  report.days.resize(input.event.days.size());
  report.sheets.resize(input.event.days.size());
  for (std::size_t d = 0; d < input.event.days.size(); ++d) {
    report.days[d].day = report.sheets[d].day = input.event.days[d];
    for (std::size_t p = 0; p < input.checkpoints.size(); ++p) {
      const auto found = at_point_by_day.find({d, p});
      report.days[d].by_checkpoint.push_back(found == at_point_by_day.end() ? 0
                                                                            : static_cast<int>(found->second.size()));
    }
  }
  std::vector<std::vector<std::pair<const ReportPerson*, std::int64_t>>> present(input.event.days.size());
  for (const auto& [id, by_day] : arrivals) {
    const auto person = people.find(id);
    for (const auto& [day, arrival] : by_day) {
      ++report.days[day].attended;
      if (person == people.end() || person->second->erased) {
        ++report.sheets[day].erased;  // nobody to name: counted, never listed
        continue;
      }
      present[day].emplace_back(person->second, arrival.at_ms);
    }
  }
  for (std::size_t d = 0; d < present.size(); ++d) {
    sort_by_name(present[d], input.event.language, [](const auto& entry) {
      return PersonName{entry.first->last_name, entry.first->first_name, entry.first->external_id};
    });
    for (const auto& [person, at_ms] : present[d])
      report.sheets[d].rows.push_back(
          SheetRow{person->first_name, person->last_name, person->organisation, zone.local_time_of_day(at_ms)});
  }
  for (const auto& point : at_point) report.checkpoint_totals.push_back(static_cast<int>(point.size()));

  if (input.session) report.meetings = meetings::compute_figures(input.meetings, *input.session, input.now_ms);
  return report;
}

}  // namespace passerelle::report
