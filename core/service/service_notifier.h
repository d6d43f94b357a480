// ServiceNotifier: how a long-running program tells its supervisor that it started, that it is
// still alive, and that it is stopping (systemd's notification protocol, sd_notify(3)).
//
// Under a unit with Type=notify, systemd waits for ready() before it counts the service as
// started; with WatchdogSec=, it kills and restarts the service when alive() has not come for that
// long. alive() must therefore be called from the loop whose progress it vouches for (the kiosk's
// frame loop, the hub's I/O loop through its workers and store), never from a thread of its own
// that would keep pinging for a program that hangs (deploy/README.md, "Readiness and the watchdog").
//
// Ownership: plain objects; systemd_notifier() reads NOTIFY_SOCKET and WATCHDOG_USEC once.
// Thread safety: every method from any thread.
// Failure: none reported. A supervisor that is not listening is not the program's problem: a
// message that cannot be sent is dropped, as sd_notify() does without NOTIFY_SOCKET.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace passerelle::service {

class ServiceNotifier {
 public:
  virtual ~ServiceNotifier() = default;

  // READY=1, with a one-line STATUS= for `systemctl status`.
  virtual void ready(std::string_view status) = 0;
  // STATUS= alone: what the program is doing, as a person would read it.
  virtual void status(std::string_view status) = 0;
  // WATCHDOG=1: the main loop went round.
  virtual void alive() = 0;
  // STOPPING=1.
  virtual void stopping() = 0;
  // How often alive() should be called: half the supervisor's watchdog timeout, so that a late
  // loop still makes it; empty when no watchdog watches this process.
  virtual std::optional<std::chrono::milliseconds> alive_interval() const = 0;
};

// The notifier of this process's supervisor: systemd's when NOTIFY_SOCKET is set, else one that
// does nothing. WATCHDOG_PID, when set and not this process's id, means the watchdog is another
// process's (the kiosk's unit runs a script that runs cage that runs the kiosk: its script unsets
// it, deploy/kiosk-session.sh).
std::unique_ptr<ServiceNotifier> systemd_notifier();

// Paces alive() in a loop that goes round faster than it must ping: due() is true at most once
// per interval of a steady clock given in milliseconds. Not thread safe: one loop owns it.
class AlivePacer {
 public:
  explicit AlivePacer(std::optional<std::chrono::milliseconds> interval) : interval_(interval) {}
  bool due(std::int64_t now_ms) {
    if (!interval_ || now_ms < next_ms_) return false;
    next_ms_ = now_ms + interval_->count();
    return true;
  }

 private:
  std::optional<std::chrono::milliseconds> interval_;
  std::int64_t next_ms_ = 0;
};

}  // namespace passerelle::service
