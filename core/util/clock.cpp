#include "core/util/clock.h"

#include <sys/timex.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string_view>

namespace passerelle {

std::int64_t SystemClock::wall_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t SystemClock::monotonic_ns() const {
  using namespace std::chrono;
  return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

bool SystemClock::wall_clock_synchronised() const {
  // The operator's word beats the kernel's: in a container or a virtual machine the kernel may
  // report the host's state, or none (docs/CLOCKS.md).
  if (const char* set = std::getenv("PASSERELLE_CLOCK_SET")) {
    const std::string_view value(set);
    if (value == "yes") return true;
    if (value == "no") return false;
  }
  timex state{};  // modes 0: read only
  const int result = adjtimex(&state);
  return result != -1 && result != TIME_ERROR && (state.status & STA_UNSYNC) == 0;
}

std::string SystemClock::boot_id() const {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id;
}

SystemClock& SystemClock::instance() {
  static SystemClock clock;
  return clock;
}

}  // namespace passerelle
