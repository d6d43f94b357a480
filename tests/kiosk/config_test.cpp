#include "kiosk/app/config.h"

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace passerelle::kiosk {
namespace {

using passerelle::testing::TempDir;
using passerelle::testing::write_file;

KioskConfig parse_ok(std::string_view text) {
  KioskConfig config;
  const auto status = apply_config_text(text, "/etc/passerelle/kiosk.toml", config);
  EXPECT_TRUE(status.has_value()) << status.error().message;
  return config;
}

std::string parse_error(std::string_view text) {
  KioskConfig config;
  const auto status = apply_config_text(text, "kiosk.toml", config);
  EXPECT_FALSE(status.has_value());
  return status ? "" : status.error().message;
}

TEST(KioskConfig, DefaultsWithoutAFile) {
  const auto load = load_kiosk_config({"--db", "kiosk.db"});
  ASSERT_TRUE(load.status.has_value()) << load.status.error().message;
  EXPECT_FALSE(load.config.window.windowed);
  EXPECT_EQ(load.config.max_fps, 30);
  EXPECT_EQ(load.config.idle_fps, 10);
  EXPECT_EQ(load.config.camera.source, CameraSource::v4l2);
  EXPECT_TRUE(load.config.scanner.keyboard_wedge);
  EXPECT_TRUE(load.config.sounds);
}

TEST(KioskConfig, ReadsEveryKey) {
  const auto config = parse_ok(R"(
[kiosk]
database = "kiosk.db"
event_id = 3
checkpoint = "B2B area"
direction = "exit"
staff_pin_hash = "$argon2id$v=19$m=65536,t=2,p=1$V8JbIjeErRN+UNCqVJr/Cg$0bNM7JSL7QEshFiydn2ivRYabLzorohZEkKBx/p+BQo"
language = "nl"
assets_dir = "/usr/share/passerelle/assets"
refresh_seconds = 15

[display]
windowed = true
size = "800x480"
max_fps = 24
idle_fps = 5
welcome_seconds = 3.5
refusal_seconds = 8
sounds = false

[camera]
source = "file"
device = "/dev/video2"
width = 640
height = 480
format = "mjpeg"
file = "frames"

[scanner]
keyboard_wedge = false
evdev = "/dev/input/by-id/usb-scanner-event-kbd"
layout = "be"
serial = "/dev/ttyACM0"
baud = 115200
reread_seconds = 0
)");
  EXPECT_EQ(config.database, "/etc/passerelle/kiosk.db");  // relative to the file
  EXPECT_EQ(config.event_id, 3);
  EXPECT_EQ(config.checkpoint, "B2B area");
  EXPECT_EQ(config.direction, Direction::exit);
  EXPECT_EQ(config.staff_pin_hash,
            "$argon2id$v=19$m=65536,t=2,p=1$V8JbIjeErRN+UNCqVJr/Cg$0bNM7JSL7QEshFiydn2ivRYabLzorohZEkKBx/p+BQo");
  EXPECT_EQ(config.language, Language::nl);
  EXPECT_EQ(config.assets_dir, "/usr/share/passerelle/assets");
  EXPECT_EQ(config.refresh_seconds, 15);
  EXPECT_DOUBLE_EQ(config.scanner.reread_seconds, 0.0);
  EXPECT_TRUE(config.window.windowed);
  EXPECT_EQ(config.window.width, 800);
  EXPECT_EQ(config.window.height, 480);
  EXPECT_EQ(config.max_fps, 24);
  EXPECT_EQ(config.idle_fps, 5);
  EXPECT_DOUBLE_EQ(config.welcome_seconds, 3.5);
  EXPECT_DOUBLE_EQ(config.refusal_seconds, 8.0);
  EXPECT_FALSE(config.sounds);
  EXPECT_EQ(config.camera.source, CameraSource::file);
  EXPECT_EQ(config.camera.device, "/dev/video2");
  EXPECT_EQ(config.camera.width, 640);
  EXPECT_EQ(config.camera.format, CameraFormat::mjpeg);
  EXPECT_EQ(config.camera.file, "/etc/passerelle/frames");
  EXPECT_FALSE(config.scanner.keyboard_wedge);
  EXPECT_EQ(config.scanner.evdev_device, "/dev/input/by-id/usb-scanner-event-kbd");
  EXPECT_EQ(config.scanner.layout, ScannerLayout::be);
  EXPECT_EQ(config.scanner.serial_device, "/dev/ttyACM0");
  EXPECT_EQ(config.scanner.baud, 115200);
}

TEST(KioskConfig, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(parse_error("[camera]\nwidth = 640\nsoruce = \"v4l2\"\n"),
            "kiosk.toml:3: [camera] soruce: unknown key (allowed: source, device, width, height, format, file)");
  EXPECT_EQ(parse_error("[camera]\nformat = \"rgb\"\n"), "kiosk.toml:2: [camera] format: must be one of yuyv|mjpeg");
  EXPECT_EQ(parse_error("[display]\n\nmax_fps = 0\n"),
            "kiosk.toml:3: [display] max_fps: must be between 1 and 240, got 0");
  EXPECT_EQ(parse_error("[display]\nsize = \"big\"\n"),
            "kiosk.toml:2: [display] size: must be WIDTHxHEIGHT, e.g. \"1280x800\"");
  EXPECT_EQ(parse_error("[scanner]\nbaud = 1000\n"),
            "kiosk.toml:2: [scanner] baud: must be one of 9600, 19200, 38400, 57600, 115200");
  EXPECT_EQ(parse_error("[scanner]\nlayout = \"dvorak\"\n"),
            "kiosk.toml:2: [scanner] layout: must be one of us|fr|de|be|nl");
  EXPECT_EQ(parse_error("[camera]\nwidth = 641\n"), "kiosk.toml:2: [camera] width: must be even");
  EXPECT_EQ(parse_error("[kiosk]\nsounds = true\n").substr(0, 30), "kiosk.toml:2: [kiosk] sounds: ");
  EXPECT_EQ(parse_error("camera = 3\n"), "kiosk.toml:1: camera: must be a table ([camera])");
  EXPECT_EQ(parse_error("[display]\nwindowed = \"yes\"\n"), "kiosk.toml:2: [display] windowed: must be true or false");
  // TOML syntax errors keep toml++'s description, with the line.
  EXPECT_EQ(parse_error("[kiosk\n").substr(0, 13), "kiosk.toml:1:");
}

// The staff PIN never reaches the kiosk in clear: on the command line or in the file it is
// refused, with how to set it instead, and never echoed.
TEST(KioskConfig, APinInClearIsRefusedWithHowToSetIt) {
  const auto message = parse_error("[kiosk]\nstaff_pin = \"482913\"\n");
  EXPECT_EQ(message.find("482913"), std::string::npos);
  EXPECT_NE(message.find("passerelle-hub staff-pin"), std::string::npos) << message;
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--db", "k.db", "--staff-pin", "482913"},
                                               std::vector<std::string>{"--db", "k.db", "--staff-pin=482913"},
                                               std::vector<std::string>{"--db", "k.db", "--pin", "482913"}}) {
    const auto load = load_kiosk_config(args);
    ASSERT_FALSE(load.status.has_value()) << args[2];
    const auto& refusal = load.status.error().message;
    EXPECT_EQ(refusal.find("482913"), std::string::npos) << refusal;
    EXPECT_NE(refusal.find("passerelle-hub staff-pin"), std::string::npos) << refusal;
    EXPECT_NE(refusal.find("staff_pin_hash"), std::string::npos) << refusal;
  }
  const auto bad_hash = parse_error("[kiosk]\nstaff_pin_hash = \"$2y$10$notargon\"\n");
  EXPECT_NE(bad_hash.find("argon2id"), std::string::npos) << bad_hash;
}

TEST(KioskConfig, FlagsOverrideTheFile) {
  TempDir dir;
  write_file(dir.file("kiosk.toml"), "[kiosk]\ndatabase = \"a.db\"\nlanguage = \"fr\"\n[display]\nmax_fps = 20\n");
  const auto load = load_kiosk_config({"--config", dir.file("kiosk.toml").string(), "--language", "de",
                                       "--size=1024x600", "--windowed", "--camera", "synthetic", "--no-sounds"});
  ASSERT_TRUE(load.status.has_value()) << load.status.error().message;
  EXPECT_EQ(load.config.database, dir.file("a.db"));
  EXPECT_EQ(load.config.language, Language::de);
  EXPECT_EQ(load.config.max_fps, 20);
  EXPECT_TRUE(load.config.window.windowed);
  EXPECT_EQ(load.config.window.width, 1024);
  EXPECT_EQ(load.config.camera.source, CameraSource::synthetic);
  EXPECT_FALSE(load.config.sounds);
}

TEST(KioskConfig, BadFileStillKeepsWindowFlags) {
  TempDir dir;
  write_file(dir.file("kiosk.toml"), "[kiosk]\ndatabse = \"a.db\"\n");
  const auto load = load_kiosk_config({"--config", dir.file("kiosk.toml").string(), "--windowed", "--size", "800x480"});
  ASSERT_FALSE(load.status.has_value());
  EXPECT_NE(load.status.error().message.find(":2: [kiosk] databse: unknown key"), std::string::npos);
  EXPECT_TRUE(load.config.window.windowed);
  EXPECT_EQ(load.config.window.height, 480);
}

TEST(KioskConfig, CommandLineErrors) {
  EXPECT_EQ(load_kiosk_config({"--db", "k.db", "--frobnicate"}).status.error().message,
            "unknown option '--frobnicate' (see --help)");
  EXPECT_EQ(load_kiosk_config({"--db"}).status.error().message, "--db: missing value");
  EXPECT_EQ(load_kiosk_config({"--db", "k.db", "--size", "12"}).status.error().message,
            "--size: must be WIDTHxHEIGHT, e.g. 1280x800");
  EXPECT_EQ(load_kiosk_config({}).status.error().message.substr(0, 12), "no database:");
  EXPECT_EQ(load_kiosk_config({"--db", "k.db", "--max-fps", "10", "--idle-fps", "20"}).status.error().message,
            "idle_fps must not exceed max_fps");
  EXPECT_FALSE(load_kiosk_config({"--db", "k.db", "--camera", "file"}).status.has_value());
  EXPECT_TRUE(load_kiosk_config({"--help"}).help);
  EXPECT_FALSE(load_kiosk_config({"--config", "/nonexistent/kiosk.toml"}).status.has_value());
}

TEST(KioskConfig, DemoNeedsNoDatabaseAndUsesTheSyntheticCamera) {
  const auto load = load_kiosk_config({"--demo"});
  ASSERT_TRUE(load.status.has_value()) << load.status.error().message;
  EXPECT_TRUE(load.config.demo);
  EXPECT_EQ(load.config.camera.source, CameraSource::synthetic);
}

TEST(KioskConfig, TheExampleFileIsValid) {
  KioskConfig config;
  const auto status =
      apply_config_file(std::filesystem::path(PASSERELLE_SOURCE_DIR) / "assets" / "kiosk.example.toml", config);
  EXPECT_TRUE(status.has_value()) << status.error().message;
}

}  // namespace
}  // namespace passerelle::kiosk
