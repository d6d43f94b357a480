// UI test scripts (`passerelle-kiosk --script FILE`): real SDL input events pushed into the app's
// own event loop with SDL_PushEvent, so a scenario drives the kiosk exactly as a keyboard-wedge
// scanner, a keyboard or a touch screen would, and checks the state the screens are drawn from.
//
//   # comment                 wait 500                 key RETURN       key ctrl+alt+q
//   text PSL-ABC…             (one SDL_TEXTINPUT per character, as a scanner types)
//   click 0.95 0.05           (press and release at fractions of the window's width and height)
//   screenshot NAME           (the next frame's back buffer, as NAME.png in --screenshot-dir)
//   expect screen welcome     expect outcome already_checked_in     expect language fr
//   expect staff unlocked|locked|locked_out     expect results N (search hits, at least N)
//   expect message manual_accepted              expect checkpoint NAME    expect direction exit
//   expect question asked|pending|answered|none (the meeting screen's question)
//   expect walk_in none|waiting|own_badge|placed|no_free_table|already_meeting
//   expect rehearsal on|off   expect rehearsal_scans N
//   expect bundles N          (the first-boot screen offers at least N bundles)
//   expect test_read read|none (a code read on the unlocked staff screen, shown in its checks)
//   timeout 5000              (how long each later `expect` may wait for its condition)
//   stall 3000                (the UI thread sleeps: a hung frame, for the watchdog's test)
//   quit
//
// An `expect` holds as soon as its condition is true after a frame; it fails when it is still
// false after the timeout (default 5 s), so scripts state behaviour and never depend on speed.
// The run stops at the first failure and exits 1 with the script's line; 0 when all held.
// Ownership: plain data; the runner pushes SDL events and reads the back buffer through Display.
// Thread safety: UI thread only. Failure: load() rejects unknown commands and bad arguments
// (Errc::invalid_input, "FILE:LINE: ...").
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/util/result.h"
#include "kiosk/model/kiosk_state.h"

namespace passerelle::kiosk {

class Display;

struct ScriptLine {
  enum class Kind { wait, key, text, click, screenshot, expect, timeout, stall, quit };
  Kind kind = Kind::wait;
  int line_number = 0;
  std::string source;              // the line as written, for failure reports
  std::int64_t number = 0;         // wait, timeout, stall: milliseconds
  std::vector<std::string> words;  // key: key name and modifiers; expect: field and value
  std::string text;                // text; screenshot: file name
  double x = 0.0;                  // click
  double y = 0.0;
};

Result<std::vector<ScriptLine>> parse_script(std::string_view text, std::string_view source_name);

class ScriptRunner {
 public:
  static Result<ScriptRunner> load(const std::filesystem::path& path, std::filesystem::path screenshot_dir);

  // Once per frame, after the frame was rendered and before it is presented: takes a pending
  // screenshot, then runs lines until one has to wait for a later frame.
  void on_frame(const KioskState& state, Display& display, std::int64_t now_ms);

  bool finished() const { return finished_; }
  int exit_status() const { return failed_ ? 1 : 0; }
  // The first failure, "FILE:LINE: ..." (empty when none).
  const std::string& failure() const { return failure_; }
  std::size_t expectations_held() const { return held_; }

 private:
  ScriptRunner(std::vector<ScriptLine> lines, std::string source, std::filesystem::path screenshot_dir)
      : lines_(std::move(lines)), source_(std::move(source)), screenshot_dir_(std::move(screenshot_dir)) {}

  // Returns true when the line is done and the next may run in this frame.
  bool step(const ScriptLine& line, const KioskState& state, Display& display, std::int64_t now_ms);
  void fail(const ScriptLine& line, const std::string& why);
  void release_pending();
  Status take_screenshot(Display& display, const std::string& name);

  std::vector<ScriptLine> lines_;
  std::string source_;
  std::filesystem::path screenshot_dir_;
  std::size_t next_ = 0;
  std::int64_t expect_timeout_ms_ = 5000;
  std::optional<std::int64_t> line_started_ms_;
  // A key or button pressed by the previous line is released after a couple of frames, so that
  // ImGui sees it down in one frame and up in a later one, as with a real hand.
  int release_in_frames_ = 0;
  int settle_frames_ = 0;
  std::vector<std::uint32_t> release_types_;
  std::int32_t release_scancode_ = 0;
  int release_x_ = 0;
  int release_y_ = 0;
  bool screenshot_pending_ = false;
  bool finished_ = false;
  bool failed_ = false;
  bool failure_shot_ = false;
  int failed_line_ = 0;
  std::string failure_;
  std::size_t held_ = 0;
};

// The script's name for a screen ("scan", "welcome", "refused", "staff", "out_of_order",
// "config_error").
std::string_view to_string(ScreenId screen) noexcept;

}  // namespace passerelle::kiosk
