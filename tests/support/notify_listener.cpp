#include "tests/support/notify_listener.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <sstream>

namespace passerelle::testing {

Result<std::unique_ptr<NotifyListener>> NotifyListener::create(const std::filesystem::path& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.string().size() >= sizeof(address.sun_path))
    return make_error(Errc::io, "the notify socket's path is too long: " + path.string());
  std::memcpy(address.sun_path, path.c_str(), path.string().size());
  std::unique_ptr<NotifyListener> listener(new NotifyListener());
  listener->path_ = path;
  listener->fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  const int on = 1;
  if (listener->fd_ < 0 || ::setsockopt(listener->fd_, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0 ||
      ::bind(listener->fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::pipe2(listener->stop_pipe_, O_CLOEXEC) != 0)
    return make_error(Errc::io, "cannot make the notify socket " + path.string() + ": " + std::strerror(errno));
  listener->reader_ = std::thread([raw = listener.get()] { raw->read_loop(); });
  return listener;
}

NotifyListener::~NotifyListener() {
  if (reader_.joinable()) {
    static_cast<void>(::write(stop_pipe_[1], "x", 1));
    reader_.join();
  }
  for (const int fd : {fd_, stop_pipe_[0], stop_pipe_[1]})
    if (fd >= 0) ::close(fd);
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

void NotifyListener::read_loop() {
  for (;;) {
    std::array<pollfd, 2> ready{{{fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}}};
    if (::poll(ready.data(), ready.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (ready[1].revents != 0) return;
    std::array<char, 4096> buffer{};
    std::array<char, CMSG_SPACE(sizeof(timespec))> control{};
    iovec data{buffer.data(), buffer.size()};
    msghdr header{};
    header.msg_iov = &data;
    header.msg_iovlen = 1;
    header.msg_control = control.data();
    header.msg_controllen = control.size();
    const ssize_t got = ::recvmsg(fd_, &header, MSG_DONTWAIT);
    if (got < 0) continue;
    NotifyMessage message{std::string(buffer.data(), static_cast<std::size_t>(got)), realtime_ms()};
    for (cmsghdr* part = CMSG_FIRSTHDR(&header); part != nullptr; part = CMSG_NXTHDR(&header, part)) {
      if (part->cmsg_level == SOL_SOCKET && part->cmsg_type == SCM_TIMESTAMPNS) {
        timespec when{};
        std::memcpy(&when, CMSG_DATA(part), sizeof when);
        message.arrived_ms = static_cast<std::int64_t>(when.tv_sec) * 1000 + when.tv_nsec / 1'000'000;
      }
    }
    {
      std::lock_guard lock(mutex_);
      messages_.push_back(std::move(message));
    }
    arrived_.notify_all();
  }
}

std::vector<NotifyMessage> NotifyListener::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

bool NotifyListener::wait_for(const std::function<bool(const std::vector<NotifyMessage>&)>& enough,
                              std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return arrived_.wait_for(lock, timeout, [&] { return enough(messages_); });
}

namespace {
bool holds_line(const std::string& text, const std::string& line) {
  std::istringstream lines(text);
  for (std::string each; std::getline(lines, each);)
    if (each == line) return true;
  return false;
}
}  // namespace

std::size_t count_lines(const std::vector<NotifyMessage>& messages, const std::string& line) {
  std::size_t count = 0;
  for (const auto& message : messages) count += holds_line(message.text, line) ? 1 : 0;
  return count;
}

std::vector<std::int64_t> arrivals(const std::vector<NotifyMessage>& messages, const std::string& line) {
  std::vector<std::int64_t> times;
  for (const auto& message : messages)
    if (holds_line(message.text, line)) times.push_back(message.arrived_ms);
  return times;
}

std::int64_t realtime_ms() {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

}  // namespace passerelle::testing
