// A stand-in for systemd's end of the notification socket (sd_notify(3)): a datagram socket at a
// path the test gives a child as NOTIFY_SOCKET, with every message it receives kept beside the
// kernel's arrival time (SO_TIMESTAMPNS), so that a test reads when beats came even if it looks
// late.
//
// Ownership: owns the socket, its file and a reader thread, all gone with the object.
// Thread safety: every method from any thread.
// Failure: create() returns Errc::io when the socket cannot be made.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/util/result.h"

namespace passerelle::testing {

struct NotifyMessage {
  std::string text;             // e.g. "READY=1\nSTATUS=listening on ..."
  std::int64_t arrived_ms = 0;  // CLOCK_REALTIME, by the kernel
};

class NotifyListener {
 public:
  // The socket at `path`, which must not exist (a short path: sun_path holds 107 bytes).
  static Result<std::unique_ptr<NotifyListener>> create(const std::filesystem::path& path);
  ~NotifyListener();
  NotifyListener(const NotifyListener&) = delete;
  NotifyListener& operator=(const NotifyListener&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // "NOTIFY_SOCKET=<path>", for a child's environment.
  std::string environment() const { return "NOTIFY_SOCKET=" + path_.string(); }

  std::vector<NotifyMessage> messages() const;
  // Waits until `enough` holds for the messages so far, or `timeout` passed; whether it held.
  bool wait_for(const std::function<bool(const std::vector<NotifyMessage>&)>& enough,
                std::chrono::milliseconds timeout) const;

 private:
  NotifyListener() = default;
  void read_loop();

  std::filesystem::path path_;
  int fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  mutable std::mutex mutex_;
  mutable std::condition_variable arrived_;
  std::vector<NotifyMessage> messages_;
  std::thread reader_;
};

// How many messages hold `line` as one of their lines ("WATCHDOG=1", "READY=1").
std::size_t count_lines(const std::vector<NotifyMessage>& messages, const std::string& line);
// The arrival times of the messages holding `line`, in order.
std::vector<std::int64_t> arrivals(const std::vector<NotifyMessage>& messages, const std::string& line);
// The wall clock now in milliseconds (CLOCK_REALTIME, as arrived_ms).
std::int64_t realtime_ms();

}  // namespace passerelle::testing
