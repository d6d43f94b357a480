#include "core/service/service_notifier.h"

#include <systemd/sd-daemon.h>

#include <string>

namespace passerelle::service {
namespace {

// A STATUS= value is one line: a message that quotes a path or an error keeps to it.
std::string one_line(std::string_view text) {
  std::string line(text.substr(0, 512));
  for (char& c : line)
    if (c == '\n' || c == '\r') c = ' ';
  return line;
}

class SystemdNotifier final : public ServiceNotifier {
 public:
  SystemdNotifier() {
    std::uint64_t usec = 0;
    // > 0 only when WATCHDOG_USEC is set for this process (WATCHDOG_PID unset or ours). Half of
    // it, as sd_watchdog_enabled(3) recommends.
    if (sd_watchdog_enabled(0, &usec) > 0 && usec >= 2000) interval_ = std::chrono::milliseconds(usec / 2000);
  }
  void ready(std::string_view status) override { send("READY=1\nSTATUS=" + one_line(status)); }
  void status(std::string_view status) override { send("STATUS=" + one_line(status)); }
  void alive() override { send("WATCHDOG=1"); }
  void stopping() override { send("STOPPING=1"); }
  std::optional<std::chrono::milliseconds> alive_interval() const override { return interval_; }

 private:
  // sd_notify returns 0 without NOTIFY_SOCKET and < 0 when the socket refuses: either way the
  // program goes on (see the header).
  static void send(const std::string& message) { static_cast<void>(sd_notify(0, message.c_str())); }

  std::optional<std::chrono::milliseconds> interval_;
};

}  // namespace

std::unique_ptr<ServiceNotifier> systemd_notifier() {
  return std::make_unique<SystemdNotifier>();
}

}  // namespace passerelle::service
