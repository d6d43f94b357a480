// Clock: the injectable source of time (LevelDB's Env, narrowed to what we need).
//
// Thread safety: implementations must be callable from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

namespace passerelle {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, milliseconds since the Unix epoch, UTC. May jump (NTP, a kiosk without RTC).
  virtual std::int64_t wall_ms() const = 0;
  // Never goes backwards within one boot; used to order entries when the wall clock jumps.
  virtual std::int64_t monotonic_ns() const = 0;
  // Whether a time source (NTP) has set the wall clock since boot. A kiosk without network and
  // without a hardware clock boots with whatever date it last had; then only staff can say the
  // date is right (docs/CLOCKS.md, "Days that are not the event's").
  virtual bool wall_clock_synchronised() const = 0;
  // Names this boot: a staff confirmation of the date holds until the next one. Empty when unknown.
  virtual std::string boot_id() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t wall_ms() const override;
  std::int64_t monotonic_ns() const override;
  // The kernel's NTP state (adjtimex: STA_UNSYNC clear), which systemd-timesyncd and chrony set;
  // PASSERELLE_CLOCK_SET=yes or =no in the environment overrides it (containers, VMs, tests).
  bool wall_clock_synchronised() const override;
  // /proc/sys/kernel/random/boot_id.
  std::string boot_id() const override;
  static SystemClock& instance();
};

// A clock tests move by hand. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t wall_ms) : wall_ms_(wall_ms) {}
  std::int64_t wall_ms() const override { return wall_ms_.load(); }
  std::int64_t monotonic_ns() const override { return monotonic_ns_.load(); }
  // Synchronised by default: most tests are about the rules, not about an unset clock.
  bool wall_clock_synchronised() const override { return synchronised_.load(); }
  std::string boot_id() const override {
    std::lock_guard lock(boot_mutex_);
    return boot_id_;
  }
  void set_synchronised(bool value) { synchronised_.store(value); }
  // A reboot: the monotonic clock and the boot id start over.
  void reboot(std::string boot_id) {
    std::lock_guard lock(boot_mutex_);
    boot_id_ = std::move(boot_id);
    monotonic_ns_.store(1'000'000'000);
  }
  void set_wall_ms(std::int64_t value) { wall_ms_.store(value); }
  void advance_ms(std::int64_t delta) {
    wall_ms_.fetch_add(delta);
    monotonic_ns_.fetch_add(delta * 1'000'000);
  }

 private:
  std::atomic<std::int64_t> wall_ms_;
  std::atomic<std::int64_t> monotonic_ns_{1'000'000'000};
  std::atomic<bool> synchronised_{true};
  mutable std::mutex boot_mutex_;
  std::string boot_id_ = "boot-1";
};

}  // namespace passerelle
