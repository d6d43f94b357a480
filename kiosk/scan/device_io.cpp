#include "kiosk/scan/device_io.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace passerelle::scan {

Result<std::size_t> wait_and_read(int fd, std::chrono::milliseconds timeout, std::span<std::uint8_t> buffer,
                                  const std::string& what) {
  pollfd watch{fd, POLLIN, 0};
  const int ready = ::poll(&watch, 1, static_cast<int>(std::max<std::int64_t>(timeout.count(), 0)));
  if (ready < 0) {
    if (errno == EINTR) return std::size_t{0};
    return make_error(Errc::io, what + ": poll failed: " + std::system_category().message(errno));
  }
  if (ready == 0) return std::size_t{0};
  // POLLHUP may come with data still to read: read until the end of file says it is over.
  if ((watch.revents & (POLLIN | POLLHUP)) == 0) return make_error(Errc::io, what + " was disconnected");
  const ssize_t count = ::read(fd, buffer.data(), buffer.size());
  if (count > 0) return static_cast<std::size_t>(count);
  if (count < 0 && (errno == EAGAIN || errno == EINTR)) return std::size_t{0};
  // End of file, or EIO / ENODEV: the device (or a test's pipe or pseudo-terminal) is gone.
  if (count == 0 || errno == EIO || errno == ENODEV || errno == ENXIO) {
    return make_error(Errc::io, what + " was disconnected");
  }
  return make_error(Errc::io, what + ": read failed: " + std::system_category().message(errno));
}

Error describe_scanner_open_error(const std::string& device, int error_number, const std::string& group) {
  switch (error_number) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
      return make_error(Errc::not_found, "no scanner at " + device);
    case EACCES:
    case EPERM:
      return make_error(Errc::io,
                        "no permission to open " + device + " (is the kiosk user in the " + group + " group?)");
    default:
      return make_error(Errc::io, "cannot open " + device + ": " + std::system_category().message(error_number));
  }
}

}  // namespace passerelle::scan
