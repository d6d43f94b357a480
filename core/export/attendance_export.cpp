#include "core/export/attendance_export.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace passerelle {
namespace {

Error errno_error(const std::string& what) {
  return make_error(Errc::io, what + ": " + std::strerror(errno));
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",;\"\r\n\t") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

Status write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path temporary = path.string() + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return errno_error("cannot create " + temporary.string());
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      auto error = errno_error("cannot write " + temporary.string());
      ::close(fd);
      ::unlink(temporary.c_str());
      return error;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    auto error = errno_error("cannot flush " + temporary.string());
    ::unlink(temporary.c_str());
    return error;
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    auto error = errno_error("cannot rename " + temporary.string() + " to " + path.string());
    ::unlink(temporary.c_str());
    return error;
  }
  const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

Result<std::size_t> export_attendance_csv(Store& store, std::int64_t event_id, const std::filesystem::path& path) {
  PSL_ASSIGN_OR_RETURN(const auto points, store.checkpoints(event_id));
  PSL_ASSIGN_OR_RETURN(const TimeZone* zone, store.event_timezone(event_id));
  PSL_ASSIGN_OR_RETURN(const auto rows, store.attendance(event_id));

  std::string out = "\xEF\xBB\xBF";
  out += "external_id,first_name,last_name,organisation,country,status";
  for (const auto& point : points) out += "," + csv_field(point.name);
  out += "\r\n";
  for (const auto& row : rows) {
    const auto& record = row.participant.record;
    out += csv_field(record.external_id) + ',' + csv_field(record.first_name) + ',' + csv_field(record.last_name) +
           ',' + csv_field(record.organisation) + ',' + csv_field(record.country) + ',' +
           std::string(to_string(record.status));
    for (const auto& first : row.first_checkin_ms) {
      out += ',';
      if (first) out += zone->local_day(*first) + ' ' + zone->local_time_of_day(*first);
    }
    out += "\r\n";
  }
  PSL_TRY(write_file_atomically(path, out));
  return rows.size();
}

}  // namespace passerelle
