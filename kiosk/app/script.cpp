#include "kiosk/app/script.h"

#include <SDL.h>
#include <stb_image_write.h>

#include <array>
#include <charconv>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/text/utf8.h"
#include "core/util/strings.h"
#include "kiosk/app/window.h"

namespace passerelle::kiosk {
namespace {

constexpr std::array<std::pair<std::string_view, ScreenId>, 9> kScreens{{
    {"scan", ScreenId::scan},
    {"welcome", ScreenId::welcome},
    {"meeting", ScreenId::meeting},
    {"walk_in", ScreenId::walk_in},
    {"refused", ScreenId::refused},
    {"staff", ScreenId::staff},
    {"out_of_order", ScreenId::out_of_order},
    {"config_error", ScreenId::config_error},
    {"first_boot", ScreenId::first_boot},
}};

std::optional<ScreenId> parse_screen(std::string_view name) {
  for (const auto& [text, screen] : kScreens)
    if (text == name) return screen;
  return std::nullopt;
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

bool parse_number(std::string_view text, std::int64_t& out) {
  const auto value = parse_integer<std::int64_t>(text);
  if (value) out = *value;
  return value.has_value();
}

bool parse_fraction(std::string_view text, double& out) {
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size() && out >= 0.0 && out <= 1.0;
}

// "ctrl+alt+q" -> modifiers and a scancode; false when the key has no SDL name.
bool parse_key(std::string_view spec, SDL_Scancode& scancode, Uint16& modifiers) {
  modifiers = KMOD_NONE;
  std::string key;
  for (const auto& part : split_any(spec, "+")) {
    const auto lower = to_lower_ascii(part);
    if (lower == "ctrl") {
      modifiers |= KMOD_LCTRL;
    } else if (lower == "alt") {
      modifiers |= KMOD_LALT;
    } else if (lower == "shift") {
      modifiers |= KMOD_LSHIFT;
    } else {
      key = part;
    }
  }
  scancode = SDL_GetScancodeFromName(key.c_str());
  return scancode != SDL_SCANCODE_UNKNOWN;
}

Error line_error(std::string_view source, int line, const std::string& message) {
  return make_error(Errc::invalid_input, std::string(source) + ":" + std::to_string(line) + ": " + message);
}

Status check_expectation(const std::vector<std::string>& words) {
  if (words.size() < 2) return make_error(Errc::invalid_input, "expect needs a field and a value");
  const auto& field = words[0];
  const auto& value = words[1];
  std::int64_t number = 0;
  if (field == "screen" && !parse_screen(value)) return make_error(Errc::invalid_input, "no screen '" + value + "'");
  if (field == "outcome" && value != "none" && !parse_outcome(value))
    return make_error(Errc::invalid_input, "no outcome '" + value + "'");
  if (field == "language" && !parse_language(value))
    return make_error(Errc::invalid_input, "no language '" + value + "'");
  if (field == "staff" && value != "unlocked" && value != "locked" && value != "locked_out")
    return make_error(Errc::invalid_input, "staff is unlocked, locked or locked_out");
  if ((field == "results" || field == "attempts" || field == "bundles") && !parse_number(value, number))
    return make_error(Errc::invalid_input, field + " takes a number");
  if (field == "direction" && !parse_direction(value))
    return make_error(Errc::invalid_input, "direction is entry or exit");
  if (field == "question" && value != "asked" && value != "pending" && value != "answered" && value != "none")
    return make_error(Errc::invalid_input, "question is asked, pending, answered or none");
  if (field == "walk_in" && value != "none" && value != "waiting" && value != "own_badge" && value != "placed" &&
      value != "no_free_table" && value != "already_meeting")
    return make_error(Errc::invalid_input,
                      "walk_in is none, waiting, own_badge, placed, no_free_table or already_meeting");
  if (field == "rehearsal" && value != "on" && value != "off")
    return make_error(Errc::invalid_input, "rehearsal is on or off");
  if (field == "rehearsal_scans" && !parse_number(value, number))
    return make_error(Errc::invalid_input, "rehearsal_scans takes a number");
  if (field == "test_read" && value != "read" && value != "none")
    return make_error(Errc::invalid_input, "test_read is read or none");
  for (std::string_view known :
       {"screen", "outcome", "language", "staff", "results", "attempts", "message", "checkpoint", "direction",
        "question", "walk_in", "rehearsal", "rehearsal_scans", "test_read", "bundles"})
    if (field == known) return {};
  return make_error(Errc::invalid_input, "cannot expect '" + field + "'");
}

// What the state shows for `field`, in the script's words.
std::string observed(const std::vector<std::string>& words, const KioskState& state) {
  const auto& field = words[0];
  if (field == "screen") return std::string(to_string(state.screen));
  if (field == "outcome") return state.last_scan ? std::string(to_string(state.last_scan->outcome)) : "none";
  if (field == "language") return std::string(to_string(state.ui_language));
  if (field == "staff") {
    if (state.staff.unlocked) return "unlocked";
    return state.now_ms < state.staff.locked_until_ms ? "locked_out" : "locked";
  }
  if (field == "results")
    return state.staff.search_pending ? "pending" : std::to_string(state.staff.search_results.size());
  if (field == "attempts") return std::to_string(state.staff.failed_attempts);
  if (field == "message") return state.staff.message.empty() ? "(none)" : state.staff.message;
  if (field == "question") {
    const auto& b2b = state.last_scan ? state.last_scan->b2b : std::nullopt;
    if (!b2b || !b2b->question) return "none";
    return b2b->answered ? "answered" : b2b->answer_pending ? "pending" : "asked";
  }
  if (field == "walk_in") {
    if (!state.walk_in) return "none";
    switch (state.walk_in->stage) {
      case WalkInDisplay::Stage::waiting:
        return "waiting";
      case WalkInDisplay::Stage::own_badge:
        return "own_badge";
      case WalkInDisplay::Stage::placed:
        return "placed";
      case WalkInDisplay::Stage::no_free_table:
        return "no_free_table";
      case WalkInDisplay::Stage::already_meeting:
        return "already_meeting";
    }
    return "?";
  }
  if (field == "checkpoint") {
    const auto* checkpoint = state.current_checkpoint();
    return checkpoint ? checkpoint->name : "(none)";
  }
  if (field == "direction") return std::string(to_string(state.direction));
  if (field == "rehearsal") return state.rehearsal.on ? "on" : "off";
  if (field == "rehearsal_scans") return std::to_string(state.rehearsal.scans);
  if (field == "bundles") return std::to_string(state.first_boot.bundles.size());
  if (field == "test_read") return state.device.last_test_read ? "read" : "none";
  return "?";
}

bool holds(const std::vector<std::string>& words, const KioskState& state, const std::string& seen) {
  std::string wanted = words[1];
  for (std::size_t i = 2; i < words.size(); ++i) wanted += " " + words[i];
  if (words[0] == "results" || words[0] == "bundles") {
    std::int64_t at_least = 0;
    std::int64_t count = 0;
    return parse_number(words[1], at_least) && parse_number(seen, count) && count >= at_least;
  }
  (void)state;
  return seen == wanted;
}

void push(SDL_Event& event) {
  // SDL_PushEvent fails only when the queue is full (65535 events) or the type is disabled.
  if (SDL_PushEvent(&event) < 0) SDL_Log("script: event dropped: %s", SDL_GetError());
}

}  // namespace

std::string_view to_string(ScreenId screen) noexcept {
  for (const auto& [text, id] : kScreens)
    if (id == screen) return text;
  return "?";
}

Result<std::vector<ScriptLine>> parse_script(std::string_view text, std::string_view source_name) {
  std::vector<ScriptLine> lines;
  int number = 0;
  std::istringstream in{std::string(text)};
  for (std::string raw; std::getline(in, raw);) {
    ++number;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    const auto body = trim(raw);
    if (body.empty() || body.front() == '#') continue;
    ScriptLine line;
    line.line_number = number;
    line.source = std::string(body);
    const auto space = body.find(' ');
    const auto command = body.substr(0, space);
    const auto rest = space == std::string_view::npos ? std::string_view{} : trim(body.substr(space + 1));
    const auto words = words_of(rest);
    if (command == "wait" || command == "timeout" || command == "stall") {
      line.kind = command == "wait"      ? ScriptLine::Kind::wait
                  : command == "timeout" ? ScriptLine::Kind::timeout
                                         : ScriptLine::Kind::stall;
      if (words.size() != 1 || !parse_number(words[0], line.number) || line.number < 0)
        return line_error(source_name, number, std::string(command) + " takes milliseconds");
      // Longer than any watchdog a test would set, and short enough that a typo ends.
      if (line.kind == ScriptLine::Kind::stall && line.number > 60'000)
        return line_error(source_name, number, "stall takes at most 60000 milliseconds");
    } else if (command == "key") {
      line.kind = ScriptLine::Kind::key;
      SDL_Scancode scancode;
      Uint16 modifiers;
      if (words.size() != 1 || !parse_key(words[0], scancode, modifiers))
        return line_error(source_name, number, "key takes one SDL key name, e.g. RETURN or ctrl+alt+q");
      line.words = words;
    } else if (command == "text") {
      line.kind = ScriptLine::Kind::text;
      if (rest.empty() || !is_valid_utf8(rest)) return line_error(source_name, number, "text takes UTF-8 text");
      line.text = std::string(rest);
    } else if (command == "click") {
      line.kind = ScriptLine::Kind::click;
      if (words.size() != 2 || !parse_fraction(words[0], line.x) || !parse_fraction(words[1], line.y))
        return line_error(source_name, number, "click takes two fractions of the window, e.g. 0.95 0.05");
    } else if (command == "screenshot") {
      line.kind = ScriptLine::Kind::screenshot;
      if (words.size() != 1 || words[0].find('/') != std::string::npos)
        return line_error(source_name, number, "screenshot takes a file name without '/'");
      line.text = words[0];
    } else if (command == "expect") {
      line.kind = ScriptLine::Kind::expect;
      if (auto valid = check_expectation(words); !valid) return line_error(source_name, number, valid.error().message);
      line.words = words;
    } else if (command == "quit") {
      line.kind = ScriptLine::Kind::quit;
    } else {
      return line_error(source_name, number, "unknown command '" + std::string(command) + "'");
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<ScriptRunner> ScriptRunner::load(const std::filesystem::path& path, std::filesystem::path screenshot_dir) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot read the script " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  PSL_ASSIGN_OR_RETURN(auto lines, parse_script(text.str(), path.string()));
  return ScriptRunner(std::move(lines), path.string(), std::move(screenshot_dir));
}

void ScriptRunner::fail(const ScriptLine& line, const std::string& why) {
  failed_ = true;
  finished_ = true;
  failed_line_ = line.line_number;
  failure_ = source_ + ":" + std::to_string(line.line_number) + ": " + line.source + ": " + why;
}

void ScriptRunner::release_pending() {
  SDL_Window* window = SDL_GL_GetCurrentWindow();
  for (const auto type : release_types_) {
    SDL_Event event{};
    event.type = type;
    if (type == SDL_KEYUP) {
      event.key.windowID = window ? SDL_GetWindowID(window) : 0;
      event.key.state = SDL_RELEASED;
      event.key.keysym.scancode = static_cast<SDL_Scancode>(release_scancode_);
      event.key.keysym.sym = SDL_GetKeyFromScancode(event.key.keysym.scancode);
    } else {
      event.button.windowID = window ? SDL_GetWindowID(window) : 0;
      event.button.button = SDL_BUTTON_LEFT;
      event.button.state = SDL_RELEASED;
      event.button.clicks = 1;
      event.button.x = release_x_;
      event.button.y = release_y_;
    }
    push(event);
  }
  release_types_.clear();
}

Status ScriptRunner::take_screenshot(Display& display, const std::string& name) {
  if (screenshot_dir_.empty()) return {};
  std::error_code error;
  std::filesystem::create_directories(screenshot_dir_, error);
  int width = 0;
  int height = 0;
  const auto pixels = display.read_back_buffer_rgb(width, height);
  const auto path = screenshot_dir_ / (name + ".png");
  if (stbi_write_png(path.string().c_str(), width, height, 3, pixels.data(), width * 3) == 0)
    return make_error(Errc::io, "cannot write " + path.string());
  return {};
}

bool ScriptRunner::step(const ScriptLine& line, const KioskState& state, Display& display, std::int64_t now_ms) {
  if (!line_started_ms_) line_started_ms_ = now_ms;
  const std::int64_t elapsed = now_ms - *line_started_ms_;
  SDL_Window* window = display.window();
  const Uint32 window_id = SDL_GetWindowID(window);

  switch (line.kind) {
    case ScriptLine::Kind::wait:
      return elapsed >= line.number;
    case ScriptLine::Kind::timeout:
      expect_timeout_ms_ = line.number;
      return true;
    case ScriptLine::Kind::stall:
      // A fault, not a pause: the UI thread itself stops, as a hung frame would.
      std::this_thread::sleep_for(std::chrono::milliseconds(line.number));
      return true;
    case ScriptLine::Kind::quit:
      finished_ = true;
      return true;
    case ScriptLine::Kind::text: {
      // One event per character, as a keyboard-wedge scanner types.
      std::string_view text = line.text;
      while (!text.empty()) {
        const std::size_t length = decode_utf8(text).length;
        SDL_Event event{};
        event.type = SDL_TEXTINPUT;
        event.text.windowID = window_id;
        text.substr(0, length).copy(event.text.text, length);
        push(event);
        text.remove_prefix(length);
      }
      return true;
    }
    case ScriptLine::Kind::key:
    case ScriptLine::Kind::click: {
      if (settle_frames_ > 0) return --settle_frames_ == 0;
      if (release_in_frames_ > 0) {
        if (--release_in_frames_ == 0) {
          release_pending();
          // The release gets frames of its own: a press that followed in the same frame would
          // read to ImGui as the button never let go, the pointer dragged to the next target.
          settle_frames_ = 2;
        }
        return false;
      }
      SDL_Event event{};
      if (line.kind == ScriptLine::Kind::key) {
        SDL_Scancode scancode = SDL_SCANCODE_UNKNOWN;
        Uint16 modifiers = KMOD_NONE;
        parse_key(line.words[0], scancode, modifiers);
        event.type = SDL_KEYDOWN;
        event.key.windowID = window_id;
        event.key.state = SDL_PRESSED;
        event.key.keysym.scancode = scancode;
        event.key.keysym.sym = SDL_GetKeyFromScancode(scancode);
        event.key.keysym.mod = modifiers;
        push(event);
        release_types_ = {SDL_KEYUP};
        release_scancode_ = scancode;
      } else {
        release_x_ = static_cast<int>(line.x * (display.width() - 1));
        release_y_ = static_cast<int>(line.y * (display.height() - 1));
        event.type = SDL_MOUSEMOTION;
        event.motion.windowID = window_id;
        event.motion.x = release_x_;
        event.motion.y = release_y_;
        push(event);
        SDL_Event press{};
        press.type = SDL_MOUSEBUTTONDOWN;
        press.button.windowID = window_id;
        press.button.button = SDL_BUTTON_LEFT;
        press.button.state = SDL_PRESSED;
        press.button.clicks = 1;
        press.button.x = release_x_;
        press.button.y = release_y_;
        push(press);
        release_types_ = {SDL_MOUSEBUTTONUP};
      }
      release_in_frames_ = 3;
      return false;
    }
    case ScriptLine::Kind::screenshot:
      // Taken a couple of frames on, once ImGui has settled windows that appeared this frame.
      if (!screenshot_pending_) {
        screenshot_pending_ = true;
        release_in_frames_ = 2;
        return false;
      }
      if (--release_in_frames_ > 0) return false;
      screenshot_pending_ = false;
      if (auto written = take_screenshot(display, line.text); !written) fail(line, written.error().message);
      return true;
    case ScriptLine::Kind::expect: {
      const std::string seen = observed(line.words, state);
      if (holds(line.words, state, seen)) {
        ++held_;
        return true;
      }
      if (elapsed > expect_timeout_ms_) fail(line, "got " + seen);
      return false;
    }
  }
  return true;
}

void ScriptRunner::on_frame(const KioskState& state, Display& display, std::int64_t now_ms) {
  while (!finished_ && next_ < lines_.size()) {
    const ScriptLine& line = lines_[next_];
    if (!step(line, state, display, now_ms)) break;
    line_started_ms_.reset();
    ++next_;
    // The frame's time is stale after a stall: the next line starts at the next frame.
    if (line.kind == ScriptLine::Kind::stall) break;
  }
  if (next_ >= lines_.size()) finished_ = true;
  if (failed_ && !failure_shot_) {
    // The screen at the moment of failure is the best clue to what went wrong.
    failure_shot_ = true;
    (void)take_screenshot(
        display, "FAILED-" + std::filesystem::path(source_).stem().string() + "-line-" + std::to_string(failed_line_));
  }
}

}  // namespace passerelle::kiosk
