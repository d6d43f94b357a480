#include "core/export/attendance_export.h"

#include "core/csv/csv_writer.h"

namespace passerelle {

Result<std::size_t> export_attendance_csv(Store& store, std::int64_t event_id, const std::filesystem::path& path) {
  PSL_ASSIGN_OR_RETURN(const auto points, store.checkpoints(event_id));
  PSL_ASSIGN_OR_RETURN(const TimeZone* zone, store.event_timezone(event_id));
  PSL_ASSIGN_OR_RETURN(const auto rows, store.attendance(event_id));

  csv::Writer out;
  std::vector<std::string> header{"external_id", "first_name", "last_name", "organisation", "country", "status"};
  for (const auto& point : points) header.push_back(point.name);
  out.row(header);
  for (const auto& row : rows) {
    const auto& record = row.participant.record;
    std::vector<std::string> cells{record.external_id,  record.first_name, record.last_name,
                                   record.organisation, record.country,    std::string(to_string(record.status))};
    for (const auto& first : row.first_checkin_ms)
      cells.push_back(first ? zone->local_day(*first) + ' ' + zone->local_time_of_day(*first) : std::string());
    out.row(cells);
  }
  PSL_TRY(write_file_atomically(path, out.text(), FileAccess::owner_only));
  return rows.size();
}

}  // namespace passerelle
