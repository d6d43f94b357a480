#include "core/util/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

namespace passerelle {
namespace {

Error errno_error(const std::string& what) {
  return make_error(Errc::io, what + ": " + std::strerror(errno));
}

mode_t mode_of(FileAccess access) noexcept {
  return access == FileAccess::owner_only ? 0600 : 0644;
}

// O_NOFOLLOW as well as O_EXCL: O_EXCL alone already refuses a symbolic link at the name, the
// other says so to the reader.
int open_new(const std::filesystem::path& path, FileAccess access) {
  int fd = -1;
  do {
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_of(access));
  } while (fd < 0 && errno == EINTR);
  // The process umask may only narrow the mode; a wider umask (0002) leaves 0644 and 0600 as they
  // are, a stricter one (0077) makes 0644 into 0600, which is still right.
  return fd;
}

// Creates the temporary new; a name left there is removed once (it is ours by name) and creation
// tried again, so that a crashed run does not block the next and a planted link is never followed.
Result<int> open_temporary(const std::filesystem::path& temporary, FileAccess access) {
  int fd = open_new(temporary, access);
  if (fd < 0 && errno == EEXIST) {
    if (::unlink(temporary.c_str()) != 0 && errno != ENOENT)
      return errno_error("cannot remove the stale " + temporary.string());
    fd = open_new(temporary, access);
  }
  if (fd < 0) return errno_error("cannot create " + temporary.string());
  return fd;
}

Status write_all(int fd, std::string_view content, const std::filesystem::path& name) {
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return errno_error("cannot write " + name.string());
    written += static_cast<std::size_t>(n);
  }
  return {};
}

}  // namespace

std::filesystem::path temporary_path_for(const std::filesystem::path& path) {
  return path.string() + ".tmp-" + std::to_string(::getpid());
}

Result<std::filesystem::path> create_temporary_for(const std::filesystem::path& path, FileAccess access) {
  const auto temporary = temporary_path_for(path);
  PSL_ASSIGN_OR_RETURN(const int fd, open_temporary(temporary, access));
  if (::close(fd) != 0) {
    auto error = errno_error("cannot create " + temporary.string());
    ::unlink(temporary.c_str());
    return error;
  }
  return temporary;
}

Status create_new_file(const std::filesystem::path& path, FileAccess access) {
  const int fd = open_new(path, access);
  if (fd < 0) return errno_error("cannot create " + path.string());
  if (::close(fd) != 0) return errno_error("cannot create " + path.string());
  return {};
}

void sync_parent_folder(const std::filesystem::path& path) {
  const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

Status write_file_atomically(const std::filesystem::path& path, std::string_view content, FileAccess access) {
  const auto temporary = temporary_path_for(path);
  PSL_ASSIGN_OR_RETURN(const int fd, open_temporary(temporary, access));
  if (auto written = write_all(fd, content, temporary); !written) {
    ::close(fd);
    ::unlink(temporary.c_str());
    return written;
  }
  const bool synced = ::fsync(fd) == 0;
  const int sync_errno = errno;
  const bool closed = ::close(fd) == 0;
  if (!synced || !closed) {
    if (!synced) errno = sync_errno;
    auto error = errno_error("cannot flush " + temporary.string());
    ::unlink(temporary.c_str());
    return error;
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    auto error = errno_error("cannot rename " + temporary.string() + " to " + path.string());
    ::unlink(temporary.c_str());
    return error;
  }
  sync_parent_folder(path);
  return {};
}

Result<std::string> read_file_bounded(const std::filesystem::path& path, std::size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return make_error(Errc::io, "cannot read " + path.string() + ": " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode))
    return make_error(Errc::io, "cannot read " + path.string() + ": not a regular file");
  if (static_cast<std::uintmax_t>(info.st_size) > max_bytes)
    return make_error(Errc::invalid_input, path.string() + " is larger than " + std::to_string(max_bytes) + " bytes");
  std::string content;
  char buffer[64 * 1024];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return make_error(Errc::io, "error while reading " + path.string() + ": " + std::strerror(errno));
    if (n == 0) return content;
    // The file may have grown since fstat.
    if (content.size() + static_cast<std::size_t>(n) > max_bytes)
      return make_error(Errc::invalid_input, path.string() + " is larger than " + std::to_string(max_bytes) + " bytes");
    content.append(buffer, static_cast<std::size_t>(n));
  }
}

void remove_database_files(const std::filesystem::path& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix, ignored);
}

}  // namespace passerelle
