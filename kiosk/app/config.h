// The kiosk's configuration: a TOML file (format in docs/kiosk-config.md, example in
// assets/kiosk.example.toml) with command-line flags overriding it.
//
// Pure: loading reads the config file and nothing else (no database, no device is opened).
// Failure: unknown keys, unknown flags and bad values are errors (Errc::invalid_input) naming the file,
// line and key, or the flag. A kiosk must never crash-loop on a bad file, so load_kiosk_config()
// always hands back a usable configuration (defaults where loading stopped) next to the error; the
// app then shows the config_error screen. Messages never echo the staff PIN.
// Thread safety: plain data and pure functions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/checkpoint.h"
#include "core/model/participant.h"
#include "core/util/result.h"

namespace passerelle::kiosk {

enum class CameraSource { v4l2, file, synthetic, none };
enum class CameraFormat { yuyv, mjpeg };
// Keyboard layouts an evdev scanner may be set to: a scanner types key positions, not characters.
enum class ScannerLayout { us, fr, de, be, nl };

std::string_view to_string(CameraSource source) noexcept;
std::string_view to_string(CameraFormat format) noexcept;
std::string_view to_string(ScannerLayout layout) noexcept;

struct WindowConfig {
  bool windowed = false;  // false: fullscreen on the desktop's size
  int width = 1280;       // windowed size only
  int height = 800;
};

struct CameraConfig {
  CameraSource source = CameraSource::v4l2;
  std::string device = "/dev/video0";
  int width = 1280;
  int height = 720;
  CameraFormat format = CameraFormat::yuyv;
  std::filesystem::path file;  // source = file: the recorded frames to play
};

struct ScannerConfig {
  bool keyboard_wedge = true;  // a scanner that types into the window (USB HID keyboard)
  std::string evdev_device;    // a scanner read directly from /dev/input (empty: none)
  ScannerLayout layout = ScannerLayout::us;
  std::string serial_device;  // a scanner on a serial port (empty: none)
  int baud = 9600;
  // The same code is not taken again until it has been out of sight this long (camera and
  // scanners): a badge stays in view for many frames. 0 takes every reading.
  double reread_seconds = 3.0;
};

// [sync]: the hub (docs/sync.md). A kiosk enrols once; its device id, token and the hub's address
// are then kept in its database, so none of these is needed afterwards.
struct SyncConfig {
  std::string enrol;              // an enrolment ticket "PSLENROL1 <hub-url> <code>" to redeem at start
  std::string hub_url;            // where the hub is now, when it moved since enrolment; empty: as enrolled
  std::string name;               // this kiosk's name in the hub's device list; empty: the host name
  std::filesystem::path ca_file;  // https: the hub's certificate (or its CA); empty: the system's CAs
};

inline constexpr std::size_t kMaxBundleFolders = 16;

struct KioskConfig {
  std::filesystem::path config_file;  // empty when none was given
  std::filesystem::path database;
  std::optional<std::int64_t> event_id;  // empty: the database's only event
  std::string checkpoint;                // name; empty: the event's first checkpoint
  Direction direction = Direction::entry;
  // [kiosk] staff_pin_hash: argon2id (core/auth/staff_pin.h); empty: the bundle's, if any. No
  // flag: a PIN or its hash on the command line is refused.
  std::string staff_pin_hash;
  Language language = Language::en;
  WindowConfig window;
  int max_fps = 30;   // while something moves on screen
  int idle_fps = 10;  // while nothing happens
  CameraConfig camera;
  ScannerConfig scanner;
  int refresh_seconds = 30;  // how often the registry is re-read from the database
  double welcome_seconds = 4.0;
  double refusal_seconds = 6.0;
  bool sounds = true;
  std::filesystem::path assets_dir;  // fonts/ and sounds/; empty: found next to the binary
  // Where a kiosk without a database looks for a bundle on a USB stick (first boot): a desktop's
  // automounter mounts at /media/USER/LABEL or /run/media/USER/LABEL, the appliance's udev rule
  // (deploy/udev) at /media/passerelle-usb; /mnt for a stick mounted by hand.
  std::vector<std::filesystem::path> bundle_folders{"/media", "/run/media", "/mnt"};
  SyncConfig sync;
  // --export-journal FILE: write the kiosk's journal there (docs/sync.md) and exit; no window.
  std::filesystem::path export_journal;

  bool demo = false;
  // Development and tests.
  std::filesystem::path script;  // UI test script (tests/kiosk)
  std::filesystem::path screenshot_dir;
  bool verbose = false;
};

struct ConfigLoad {
  KioskConfig config;  // always usable; defaults where loading stopped
  Status status;       // the first error, if any
  bool help = false;   // --help was given: print usage and exit
};

// Reads `--config FILE` (if given), then applies the other flags over it. Window and test flags apply even
// when the file is bad, so that a developer's --windowed still holds on the error screen.
ConfigLoad load_kiosk_config(const std::vector<std::string>& args);

// The file alone, over `config` (which keeps its values for keys the file leaves out).
Status apply_config_text(std::string_view toml_text, std::string_view source_name, KioskConfig& config);
Status apply_config_file(const std::filesystem::path& path, KioskConfig& config);

}  // namespace passerelle::kiosk
