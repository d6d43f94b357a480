#include "core/export/attendance_export.h"

#include "core/text/collation.h"

namespace passerelle {
namespace {

// Whether a checkpoint's attendance is told day by day: a door that admits again each day (or
// lets people in and out) at an event of several days. A once-per-event door admits once, so
// its first check-in is the whole story; a B2B area's scans are meetings, not check-ins.
bool counted_per_day(const Checkpoint& point, const Event& event) {
  return event.days.size() > 1 && point.kind == CheckpointKind::door && point.rule != CheckpointRule::once_per_event;
}

}  // namespace

Result<std::size_t> export_attendance_csv(Store& store, std::int64_t event_id, const std::filesystem::path& path,
                                          csv::Delimiter delimiter) {
  PSL_ASSIGN_OR_RETURN(const auto found, store.find_event(event_id));
  if (!found) return make_error(Errc::not_found, "no event with id " + std::to_string(event_id));
  const Event& event = *found;
  PSL_ASSIGN_OR_RETURN(const auto points, store.checkpoints(event_id));
  PSL_ASSIGN_OR_RETURN(const TimeZone* zone, store.event_timezone(event_id));
  PSL_ASSIGN_OR_RETURN(auto rows, store.attendance(event_id));
  sort_by_name(rows, event.language, [](const AttendanceRow& row) { return person_name(row.participant); });

  const auto local_time = [&](std::optional<std::int64_t> ms) {
    return ms ? zone->local_day(*ms) + ' ' + zone->local_time_of_day(*ms) : std::string();
  };
  csv::Writer out(delimiter);
  std::vector<std::string> header{"external_id", "first_name", "last_name", "organisation", "country", "status"};
  for (const auto& point : points) {
    if (!counted_per_day(point, event)) {
      header.push_back(point.name);
      continue;
    }
    for (const auto& day : event.days) header.push_back(point.name + ' ' + day);
  }
  out.row(header);
  for (const auto& row : rows) {
    const auto& record = row.participant.record;
    std::vector<std::string> cells{record.external_id,  record.first_name, record.last_name,
                                   record.organisation, record.country,    std::string(to_string(record.status))};
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (!counted_per_day(points[i], event)) {
        cells.push_back(local_time(row.first_checkin_ms(i)));
        continue;
      }
      for (const auto& day : event.days) {
        const auto& by_day = row.first_checkin_by_day[i];
        const auto first = by_day.find(day);
        cells.push_back(local_time(first == by_day.end() ? std::nullopt : std::optional<std::int64_t>(first->second)));
      }
    }
    out.row(cells);
  }
  PSL_TRY(write_file_atomically(path, out.text(), FileAccess::owner_only));
  return rows.size();
}

}  // namespace passerelle
