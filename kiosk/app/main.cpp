// passerelle-kiosk: the fullscreen check-in kiosk (usage: --help; config: docs/kiosk-config.md).
#include <time.h>

#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/app/app.h"
#include "kiosk/app/config.h"
#include "sync/client/journal_export.h"

namespace {

constexpr const char* kUsage = R"(passerelle-kiosk: the fullscreen check-in kiosk.

Usage: passerelle-kiosk [--config FILE] [OPTIONS]

The config file (TOML, see docs/kiosk-config.md) is read first; options override it.

  --config FILE           the kiosk's config file
  --db FILE               the kiosk database (a bundle from `passerelle-hub export-kiosk`)
  --event ID              the event, when the database holds several
  --checkpoint NAME       where scans count (default: the event's first checkpoint)
  --direction entry|exit  at an in/out checkpoint
                          the staff PIN is never an option: its hash comes with the bundle
                          (passerelle-hub staff-pin) or [kiosk] staff_pin_hash in --config
  --language en|fr|de|nl  the staff screens' language
  --windowed              a window instead of fullscreen (development)
  --size WxH              the window's size (default 1280x800)
  --max-fps N             frame-rate cap while something moves (default 30)
  --idle-fps N            frame rate while idle (default 10)
  --camera SOURCE         v4l2 | file | synthetic | none (default v4l2)
  --camera-device PATH    default /dev/video0
  --camera-size WxH       default 1280x720
  --camera-format F       yuyv | mjpeg (default yuyv)
  --camera-file PATH      frames to play with --camera file
  --scanner-evdev PATH    a barcode scanner read from /dev/input
  --scanner-layout L      us | fr | de | be | nl: the evdev scanner's keyboard layout
  --scanner-serial PATH   a barcode scanner on a serial port
  --scanner-baud N        its speed: 9600 (default), 19200, 38400, 57600 or 115200
  --no-keyboard-wedge     ignore typed text (a scanner acting as a keyboard)
  --refresh-seconds N     how often the registry is re-read from the database (default 30)
  --reread-seconds S      the same code is taken again only after this long out of sight
                          (camera and scanners; default 3, 0: every reading)
  --welcome-seconds S     how long the welcome screen stays (default 4)
  --refusal-seconds S     how long a refusal stays (default 6)
  --no-sounds             silence
  --assets DIR            fonts and sounds (default: found next to the program)
  --enrol 'PSLENROL1 URL CODE'
                          enrol with a hub (the text of `passerelle-hub enrol`'s code);
                          a code can also be scanned on the staff screen
  --export-journal FILE   write this kiosk's journal to FILE for `passerelle-hub
                          import-journal` (a USB stick), then exit; no window
  --demo                  the demo event with a synthetic camera
  --script FILE           run a UI test script (tests/kiosk), then exit 0 or 1
  --screenshot-dir DIR    where the script's screenshots go
  --verbose               timings and state changes on stderr (never personal data)
  --help                  this text
)";

std::int64_t monotonic_now_ns() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

}  // namespace

int main(int argc, char** argv) {
  const std::int64_t started_ns = monotonic_now_ns();
  std::vector<std::string> args(argv + 1, argv + argc);
  auto load = passerelle::kiosk::load_kiosk_config(args);
  if (load.help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (!load.config.export_journal.empty()) {
    // A kiosk that never saw a network, or was revoked: its entries leave on a USB stick.
    if (!load.status) {
      std::fprintf(stderr, "passerelle-kiosk: %s\n", load.status.error().message.c_str());
      return 2;
    }
    const auto& config = load.config;
    auto written = passerelle::kiosk::export_journal(config.database, config.event_id, config.export_journal);
    if (!written) {
      std::fprintf(stderr, "passerelle-kiosk: --export-journal: %s\n", written.error().message.c_str());
      return 1;
    }
    std::printf("passerelle-kiosk: wrote %lld journal entries to %s\n", static_cast<long long>(*written),
                config.export_journal.c_str());
    return 0;
  }
  return passerelle::kiosk::run_kiosk(std::move(load), started_ns);
}
