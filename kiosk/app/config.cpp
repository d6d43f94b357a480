#include "kiosk/app/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/auth/staff_pin.h"
#include "core/util/strings.h"
#include "sync/protocol/wire.h"

namespace passerelle::kiosk {
namespace {

template <class E, std::size_t N>
struct EnumNames {
  std::array<std::pair<std::string_view, E>, N> items;

  std::optional<E> parse(std::string_view text) const {
    for (const auto& [name, value] : items)
      if (name == text) return value;
    return std::nullopt;
  }
  std::string_view name(E value) const {
    for (const auto& [name, item] : items)
      if (item == value) return name;
    return "?";
  }
  std::string list() const {
    std::string out;
    for (const auto& [name, value] : items) out += (out.empty() ? "" : "|") + std::string(name);
    return out;
  }
};

constexpr EnumNames<CameraSource, 4> kSources{{{{"v4l2", CameraSource::v4l2},
                                                {"file", CameraSource::file},
                                                {"synthetic", CameraSource::synthetic},
                                                {"none", CameraSource::none}}}};
constexpr EnumNames<CameraFormat, 2> kFormats{{{{"yuyv", CameraFormat::yuyv}, {"mjpeg", CameraFormat::mjpeg}}}};
constexpr EnumNames<ScannerLayout, 5> kLayouts{{{{"us", ScannerLayout::us},
                                                 {"fr", ScannerLayout::fr},
                                                 {"de", ScannerLayout::de},
                                                 {"be", ScannerLayout::be},
                                                 {"nl", ScannerLayout::nl}}}};
constexpr EnumNames<Direction, 2> kDirections{{{{"entry", Direction::entry}, {"exit", Direction::exit}}}};
constexpr EnumNames<Language, 4> kLanguages{
    {{{"en", Language::en}, {"fr", Language::fr}, {"de", Language::de}, {"nl", Language::nl}}}};

constexpr std::array<int, 5> kBaudRates{9600, 19200, 38400, 57600, 115200};

Error invalid(std::string message) {
  return make_error(Errc::invalid_input, std::move(message));
}

// ---- values shared by the file and the flags: each check returns the problem, or nothing.

// The staff PIN is never given in clear, on the command line (other users see it in `ps`) nor in
// the file: only its argon2id hash, set on the hub and carried by the bundle.
constexpr std::string_view kPinHowTo =
    "the staff PIN is no longer given to the kiosk in clear: set it on the hub with `passerelle-hub staff-pin` "
    "(it reads the PIN from the terminal) and export the kiosk's bundle again, or put the hash that "
    "`passerelle-hub staff-pin --print-hash` prints in the config file as [kiosk] staff_pin_hash";

std::optional<std::string> check_pin_hash(std::string_view hash) {
  if (hash.empty()) return std::nullopt;  // no staff screen
  if (auto checked = check_staff_pin_hash(hash); !checked) return checked.error().message;
  return std::nullopt;
}

std::optional<std::string> check_range(std::int64_t value, std::int64_t low, std::int64_t high) {
  if (value < low || value > high)
    return "must be between " + std::to_string(low) + " and " + std::to_string(high) + ", got " + std::to_string(value);
  return std::nullopt;
}

std::optional<std::string> check_seconds(double value, bool zero_allowed = false) {
  if (zero_allowed && value == 0.0) return std::nullopt;
  if (!(value > 0.0 && value <= 600.0)) return "must be more than 0 and at most 600 seconds";
  return std::nullopt;
}

std::optional<std::string> check_baud(std::int64_t value) {
  if (std::find(kBaudRates.begin(), kBaudRates.end(), value) == kBaudRates.end())
    return "must be one of 9600, 19200, 38400, 57600, 115200";
  return std::nullopt;
}

std::optional<std::string> check_ticket(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (auto ticket = sync::parse_enrolment_ticket(text); !ticket) return ticket.error().message;
  return std::nullopt;
}

std::optional<std::string> check_hub_url(std::string_view text) {
  if (!text.empty() && !text.starts_with("http://") && !text.starts_with("https://"))
    return "must start with http:// or https://";
  return std::nullopt;
}

std::optional<std::pair<int, int>> parse_size(std::string_view text) {
  const auto x = text.find_first_of("xX");
  if (x == std::string_view::npos) return std::nullopt;
  int width = 0;
  int height = 0;
  const auto* begin = text.data();
  const auto* end = text.data() + text.size();
  auto first = std::from_chars(begin, begin + x, width);
  auto second = std::from_chars(begin + x + 1, end, height);
  if (first.ec != std::errc() || first.ptr != begin + x || second.ec != std::errc() || second.ptr != end)
    return std::nullopt;
  return std::pair{width, height};
}

std::optional<std::string> check_window_size(int width, int height) {
  if (width < 320 || height < 240 || width > 16384 || height > 16384) return "must be between 320x240 and 16384x16384";
  return std::nullopt;
}

// ---- the file

class FileReader {
 public:
  FileReader(std::string_view source, std::filesystem::path base_dir)
      : source_(source), base_dir_(std::move(base_dir)) {}

  Error at(const toml::node& node, std::string_view table, std::string_view key, const std::string& problem) const {
    std::ostringstream out;
    out << source_;
    if (node.source().begin.line != 0) out << ':' << node.source().begin.line;
    out << ": ";
    if (!table.empty()) out << '[' << table << "] ";
    out << key << ": " << problem;
    return invalid(out.str());
  }

  Status known_keys(const toml::table& table, std::string_view table_name,
                    std::initializer_list<std::string_view> known) const {
    for (const auto& [key, value] : table) {
      if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
      std::string allowed;
      for (auto name : known) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
      return at(value, table_name, key.str(), "unknown key (allowed: " + allowed + ")");
    }
    return {};
  }

  Status string(const toml::table& table, std::string_view table_name, std::string_view key, std::string& out,
                const std::function<std::optional<std::string>(std::string_view)>& check = {}) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return {};
    const auto* text = node->as_string();
    if (text == nullptr) return at(*node, table_name, key, "must be a string");
    if (check)
      if (auto problem = check(text->get())) return at(*node, table_name, key, *problem);
    out = std::string(trim(text->get()));
    return {};
  }

  Status path(const toml::table& table, std::string_view table_name, std::string_view key,
              std::filesystem::path& out) const {
    std::string text;
    PSL_TRY(string(table, table_name, key, text));
    if (text.empty()) return {};
    const std::filesystem::path value(text);
    // Relative to the file, so that a config and its database can move together.
    out = value.is_absolute() ? value : base_dir_ / value;
    return {};
  }

  // An array of paths, each as path() takes one; at most `max_count`.
  Status paths(const toml::table& table, std::string_view table_name, std::string_view key,
               std::vector<std::filesystem::path>& out, std::size_t max_count) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return {};
    const auto* array = node->as_array();
    if (array == nullptr) return at(*node, table_name, key, "must be an array of folder names");
    if (array->size() > max_count)
      return at(*node, table_name, key, "at most " + std::to_string(max_count) + " folders");
    std::vector<std::filesystem::path> values;
    for (const auto& item : *array) {
      const auto* text = item.as_string();
      if (text == nullptr || trim(text->get()).empty())
        return at(item, table_name, key, "must be an array of folder names");
      const std::filesystem::path value(std::string(trim(text->get())));
      values.push_back(value.is_absolute() ? value : base_dir_ / value);
    }
    out = std::move(values);
    return {};
  }

  Status boolean(const toml::table& table, std::string_view table_name, std::string_view key, bool& out) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return {};
    const auto* value = node->as_boolean();
    if (value == nullptr) return at(*node, table_name, key, "must be true or false");
    out = value->get();
    return {};
  }

  template <class Int>
  Status integer(const toml::table& table, std::string_view table_name, std::string_view key, Int& out,
                 const std::function<std::optional<std::string>(std::int64_t)>& check) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return {};
    const auto* value = node->as_integer();
    if (value == nullptr) return at(*node, table_name, key, "must be an integer");
    if (auto problem = check(value->get())) return at(*node, table_name, key, *problem);
    out = static_cast<Int>(value->get());
    return {};
  }

  Status seconds(const toml::table& table, std::string_view table_name, std::string_view key, double& out,
                 bool zero_allowed = false) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return {};
    double value = 0.0;
    if (const auto* integer_value = node->as_integer())
      value = static_cast<double>(integer_value->get());
    else if (const auto* floating = node->as_floating_point())
      value = floating->get();
    else
      return at(*node, table_name, key, "must be a number of seconds");
    if (auto problem = check_seconds(value, zero_allowed)) return at(*node, table_name, key, *problem);
    out = value;
    return {};
  }

  template <class E, std::size_t N>
  Status choice(const toml::table& table, std::string_view table_name, std::string_view key,
                const EnumNames<E, N>& names, E& out) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return {};
    const auto* text = node->as_string();
    const auto parsed = text ? names.parse(text->get()) : std::nullopt;
    if (!parsed) return at(*node, table_name, key, "must be one of " + names.list());
    out = *parsed;
    return {};
  }

  Status table_of(const toml::table& root, std::string_view name, const toml::table*& out) const {
    out = nullptr;
    const toml::node* node = root.get(name);
    if (node == nullptr) return {};
    out = node->as_table();
    if (out == nullptr) return at(*node, "", name, "must be a table ([" + std::string(name) + "])");
    return {};
  }

 private:
  std::string source_;
  std::filesystem::path base_dir_;
};

Status apply_root(const FileReader& in, const toml::table& root, KioskConfig& config) {
  PSL_TRY(in.known_keys(root, "", {"kiosk", "display", "camera", "scanner", "sync"}));
  const toml::table* table = nullptr;

  PSL_TRY(in.table_of(root, "kiosk", table));
  if (table != nullptr) {
    const auto& t = *table;
    PSL_TRY(in.known_keys(t, "kiosk",
                          {"database", "event_id", "checkpoint", "direction", "staff_pin", "staff_pin_hash", "language",
                           "assets_dir", "refresh_seconds", "bundle_folders"}));
    if (const toml::node* pin = t.get("staff_pin")) return in.at(*pin, "kiosk", "staff_pin", std::string(kPinHowTo));
    PSL_TRY(in.path(t, "kiosk", "database", config.database));
    std::int64_t event_id = 0;
    if (t.contains("event_id")) {
      PSL_TRY(
          in.integer(t, "kiosk", "event_id", event_id, [](std::int64_t v) { return check_range(v, 1, INT64_MAX); }));
      config.event_id = event_id;
    }
    PSL_TRY(in.string(t, "kiosk", "checkpoint", config.checkpoint));
    PSL_TRY(in.choice(t, "kiosk", "direction", kDirections, config.direction));
    PSL_TRY(in.string(t, "kiosk", "staff_pin_hash", config.staff_pin_hash, check_pin_hash));
    PSL_TRY(in.choice(t, "kiosk", "language", kLanguages, config.language));
    PSL_TRY(in.path(t, "kiosk", "assets_dir", config.assets_dir));
    PSL_TRY(in.paths(t, "kiosk", "bundle_folders", config.bundle_folders, kMaxBundleFolders));
    PSL_TRY(in.integer(t, "kiosk", "refresh_seconds", config.refresh_seconds,
                       [](std::int64_t v) { return check_range(v, 1, 3600); }));
  }

  PSL_TRY(in.table_of(root, "display", table));
  if (table != nullptr) {
    const auto& t = *table;
    PSL_TRY(in.known_keys(t, "display",
                          {"windowed", "size", "max_fps", "idle_fps", "welcome_seconds", "refusal_seconds", "sounds"}));
    PSL_TRY(in.boolean(t, "display", "windowed", config.window.windowed));
    std::string size;
    PSL_TRY(in.string(t, "display", "size", size, [](std::string_view text) -> std::optional<std::string> {
      const auto parsed = parse_size(text);
      if (!parsed) return "must be WIDTHxHEIGHT, e.g. \"1280x800\"";
      return check_window_size(parsed->first, parsed->second);
    }));
    if (auto parsed = parse_size(size)) std::tie(config.window.width, config.window.height) = *parsed;
    PSL_TRY(in.integer(t, "display", "max_fps", config.max_fps, [](std::int64_t v) { return check_range(v, 1, 240); }));
    PSL_TRY(
        in.integer(t, "display", "idle_fps", config.idle_fps, [](std::int64_t v) { return check_range(v, 1, 240); }));
    PSL_TRY(in.seconds(t, "display", "welcome_seconds", config.welcome_seconds));
    PSL_TRY(in.seconds(t, "display", "refusal_seconds", config.refusal_seconds));
    PSL_TRY(in.boolean(t, "display", "sounds", config.sounds));
  }

  PSL_TRY(in.table_of(root, "camera", table));
  if (table != nullptr) {
    const auto& t = *table;
    PSL_TRY(in.known_keys(t, "camera", {"source", "device", "width", "height", "format", "file"}));
    PSL_TRY(in.choice(t, "camera", "source", kSources, config.camera.source));
    PSL_TRY(in.string(t, "camera", "device", config.camera.device));
    // An even width: YUYV packs two pixels per four bytes.
    PSL_TRY(in.integer(t, "camera", "width", config.camera.width, [](std::int64_t v) -> std::optional<std::string> {
      if (v % 2 != 0) return "must be even";
      return check_range(v, 16, 8192);
    }));
    PSL_TRY(in.integer(t, "camera", "height", config.camera.height,
                       [](std::int64_t v) { return check_range(v, 16, 8192); }));
    PSL_TRY(in.choice(t, "camera", "format", kFormats, config.camera.format));
    PSL_TRY(in.path(t, "camera", "file", config.camera.file));
  }

  PSL_TRY(in.table_of(root, "scanner", table));
  if (table != nullptr) {
    const auto& t = *table;
    PSL_TRY(in.known_keys(t, "scanner", {"keyboard_wedge", "evdev", "layout", "serial", "baud", "reread_seconds"}));
    PSL_TRY(in.boolean(t, "scanner", "keyboard_wedge", config.scanner.keyboard_wedge));
    PSL_TRY(in.string(t, "scanner", "evdev", config.scanner.evdev_device));
    PSL_TRY(in.choice(t, "scanner", "layout", kLayouts, config.scanner.layout));
    PSL_TRY(in.string(t, "scanner", "serial", config.scanner.serial_device));
    PSL_TRY(in.integer(t, "scanner", "baud", config.scanner.baud, check_baud));
    PSL_TRY(in.seconds(t, "scanner", "reread_seconds", config.scanner.reread_seconds, true));
  }

  PSL_TRY(in.table_of(root, "sync", table));
  if (table != nullptr) {
    const auto& t = *table;
    PSL_TRY(in.known_keys(t, "sync", {"enrol", "hub_url", "name", "ca_file"}));
    PSL_TRY(in.string(t, "sync", "enrol", config.sync.enrol, check_ticket));
    PSL_TRY(in.string(t, "sync", "hub_url", config.sync.hub_url, check_hub_url));
    PSL_TRY(in.string(t, "sync", "name", config.sync.name));
    PSL_TRY(in.path(t, "sync", "ca_file", config.sync.ca_file));
  }
  return {};
}

// ---- the flags

struct Flag {
  std::string_view name;
  bool takes_value;
  // Applies the value; returns the problem, if any.
  std::function<std::optional<std::string>(std::string_view, KioskConfig&)> apply;
  bool always = false;  // window and test flags: applied even when the config file is bad
};

std::optional<std::string> parse_int_into(std::string_view text, std::int64_t low, std::int64_t high, int& out) {
  const auto value = parse_integer<std::int64_t>(text);
  if (!value) return "must be an integer";
  if (auto problem = check_range(*value, low, high)) return problem;
  out = static_cast<int>(*value);
  return std::nullopt;
}

std::optional<std::string> parse_seconds_into(std::string_view text, double& out, bool zero_allowed = false) {
  double value = 0.0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return "must be a number of seconds";
  if (auto problem = check_seconds(value, zero_allowed)) return problem;
  out = value;
  return std::nullopt;
}

using Problem = std::optional<std::string>;

// Flag makers: `get` returns the config field the flag sets.
template <class Get>
Flag text_flag(std::string_view name, Get get, bool always = false) {
  return {name, true,
          [get](std::string_view v, KioskConfig& c) -> Problem {
            get(c) = std::string(v);
            return {};
          },
          always};
}

template <class Get, class T>
Flag switch_flag(std::string_view name, Get get, T value, bool always = false) {
  return {name, false,
          [get, value](std::string_view, KioskConfig& c) -> Problem {
            get(c) = value;
            return {};
          },
          always};
}

template <class Get, class E, std::size_t N>
Flag choice_flag(std::string_view name, const EnumNames<E, N>& names, Get get) {
  return {name, true, [&names, get](std::string_view v, KioskConfig& c) -> Problem {
            const auto parsed = names.parse(v);
            if (!parsed) return "must be one of " + names.list();
            get(c) = *parsed;
            return {};
          }};
}

template <class Get>
Flag int_flag(std::string_view name, std::int64_t low, std::int64_t high, Get get) {
  return {name, true,
          [low, high, get](std::string_view v, KioskConfig& c) { return parse_int_into(v, low, high, get(c)); }};
}

template <class Get>
Flag seconds_flag(std::string_view name, Get get, bool zero_allowed = false) {
  return {name, true, [get, zero_allowed](std::string_view v, KioskConfig& c) {
            return parse_seconds_into(v, get(c), zero_allowed);
          }};
}

Problem parse_window_size(std::string_view v, KioskConfig& c) {
  const auto parsed = parse_size(v);
  if (!parsed) return "must be WIDTHxHEIGHT, e.g. 1280x800";
  if (auto problem = check_window_size(parsed->first, parsed->second)) return problem;
  std::tie(c.window.width, c.window.height) = *parsed;
  return {};
}

Problem parse_camera_size(std::string_view v, KioskConfig& c) {
  const auto parsed = parse_size(v);
  if (!parsed || parsed->first % 2 != 0 || parsed->first < 16 || parsed->second < 16 || parsed->first > 8192 ||
      parsed->second > 8192)
    return "must be WIDTHxHEIGHT with an even width, 16 to 8192, e.g. 1280x720";
  std::tie(c.camera.width, c.camera.height) = *parsed;
  return {};
}

Problem parse_event(std::string_view v, KioskConfig& c) {
  int id = 0;
  if (auto problem = parse_int_into(v, 1, INT32_MAX, id)) return problem;
  c.event_id = id;
  return {};
}

Problem parse_ticket(std::string_view v, KioskConfig& c) {
  if (auto problem = check_ticket(trim(v))) return problem;
  c.sync.enrol = std::string(trim(v));
  return {};
}

Problem parse_baud(std::string_view v, KioskConfig& c) {
  int baud = 0;
  if (auto problem = parse_int_into(v, 1, 1'000'000, baud)) return problem;
  if (auto problem = check_baud(baud)) return problem;
  c.scanner.baud = baud;
  return {};
}

const std::vector<Flag>& flags() {
  // clang-format off
  static const std::vector<Flag> table = {
      text_flag("--db", [](KioskConfig& c) -> auto& { return c.database; }),
      {"--event", true, parse_event},
      text_flag("--checkpoint", [](KioskConfig& c) -> auto& { return c.checkpoint; }),
      choice_flag("--direction", kDirections, [](KioskConfig& c) -> auto& { return c.direction; }),
      choice_flag("--language", kLanguages, [](KioskConfig& c) -> auto& { return c.language; }),
      switch_flag("--windowed", [](KioskConfig& c) -> auto& { return c.window.windowed; }, true, true),
      {"--size", true, parse_window_size, true},
      int_flag("--max-fps", 1, 240, [](KioskConfig& c) -> auto& { return c.max_fps; }),
      int_flag("--idle-fps", 1, 240, [](KioskConfig& c) -> auto& { return c.idle_fps; }),
      choice_flag("--camera", kSources, [](KioskConfig& c) -> auto& { return c.camera.source; }),
      text_flag("--camera-device", [](KioskConfig& c) -> auto& { return c.camera.device; }),
      {"--camera-size", true, parse_camera_size},
      choice_flag("--camera-format", kFormats, [](KioskConfig& c) -> auto& { return c.camera.format; }),
      text_flag("--camera-file", [](KioskConfig& c) -> auto& { return c.camera.file; }),
      text_flag("--scanner-evdev", [](KioskConfig& c) -> auto& { return c.scanner.evdev_device; }),
      choice_flag("--scanner-layout", kLayouts, [](KioskConfig& c) -> auto& { return c.scanner.layout; }),
      text_flag("--scanner-serial", [](KioskConfig& c) -> auto& { return c.scanner.serial_device; }),
      {"--scanner-baud", true, parse_baud},
      switch_flag("--no-keyboard-wedge", [](KioskConfig& c) -> auto& { return c.scanner.keyboard_wedge; }, false),
      int_flag("--refresh-seconds", 1, 3600, [](KioskConfig& c) -> auto& { return c.refresh_seconds; }),
      seconds_flag("--reread-seconds", [](KioskConfig& c) -> auto& { return c.scanner.reread_seconds; }, true),
      seconds_flag("--welcome-seconds", [](KioskConfig& c) -> auto& { return c.welcome_seconds; }),
      seconds_flag("--refusal-seconds", [](KioskConfig& c) -> auto& { return c.refusal_seconds; }),
      switch_flag("--no-sounds", [](KioskConfig& c) -> auto& { return c.sounds; }, false),
      text_flag("--assets", [](KioskConfig& c) -> auto& { return c.assets_dir; }),
      {"--enrol", true, parse_ticket},
      text_flag("--export-journal", [](KioskConfig& c) -> auto& { return c.export_journal; }),
      switch_flag("--demo", [](KioskConfig& c) -> auto& { return c.demo; }, true),
      text_flag("--script", [](KioskConfig& c) -> auto& { return c.script; }, true),
      text_flag("--screenshot-dir", [](KioskConfig& c) -> auto& { return c.screenshot_dir; }, true),
      switch_flag("--verbose", [](KioskConfig& c) -> auto& { return c.verbose; }, true, true),
  };
  // clang-format on
  return table;
}

struct FlagValue {
  const Flag* flag;
  std::string value;
};

// Splits the command line into known flags; --config and --help are handled by the caller.
Status split_flags(const std::vector<std::string>& args, std::vector<FlagValue>& out, std::string& config_path,
                   bool& help) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::string_view name = arg;
    std::optional<std::string> inline_value;
    if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      inline_value = std::string(arg.substr(eq + 1));
    }
    if (name == "--help" || name == "-h") {
      help = true;
      continue;
    }
    // Refused by name, whatever follows, and the value never echoed.
    if (name == "--staff-pin" || name == "--pin") return invalid(std::string(name) + ": " + std::string(kPinHowTo));
    const bool is_config = name == "--config";
    const Flag* flag = nullptr;
    for (const auto& candidate : flags())
      if (candidate.name == name) flag = &candidate;
    if (!is_config && flag == nullptr) return invalid("unknown option '" + std::string(name) + "' (see --help)");
    const bool takes_value = is_config || flag->takes_value;
    std::string value;
    if (takes_value) {
      if (inline_value) {
        value = *inline_value;
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return invalid(std::string(name) + ": missing value");
      }
    } else if (inline_value) {
      return invalid(std::string(name) + ": takes no value");
    }
    if (is_config)
      config_path = value;
    else
      out.push_back(FlagValue{flag, std::move(value)});
  }
  return {};
}

Status apply_flags(const std::vector<FlagValue>& values, KioskConfig& config, bool always_only) {
  for (const auto& [flag, value] : values) {
    if (always_only && !flag->always) continue;
    if (auto problem = flag->apply(value, config)) return invalid(std::string(flag->name) + ": " + *problem);
  }
  return {};
}

Status validate(const KioskConfig& config) {
  if (config.database.empty() && !config.demo)
    return invalid("no database: set [kiosk] database in the config file, or --db FILE (or --demo)");
  if (config.idle_fps > config.max_fps) return invalid("idle_fps must not exceed max_fps");
  if (!config.export_journal.empty() && config.database.empty())
    return invalid("--export-journal needs the kiosk database: --db FILE or [kiosk] database");
  if (config.camera.source == CameraSource::file && config.camera.file.empty())
    return invalid("camera source 'file' needs [camera] file (or --camera-file)");
  return {};
}

}  // namespace

std::string_view to_string(CameraSource source) noexcept {
  return kSources.name(source);
}
std::string_view to_string(CameraFormat format) noexcept {
  return kFormats.name(format);
}
std::string_view to_string(ScannerLayout layout) noexcept {
  return kLayouts.name(layout);
}

Status apply_config_text(std::string_view toml_text, std::string_view source_name, KioskConfig& config) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    std::ostringstream out;
    out << source_name;
    if (error.source().begin.line != 0) out << ':' << error.source().begin.line;
    out << ": " << error.description();
    return invalid(out.str());
  }
  const auto base_dir = std::filesystem::path(source_name).parent_path();
  return apply_root(FileReader(source_name, base_dir), root, config);
}

Status apply_config_file(const std::filesystem::path& path, KioskConfig& config) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::io, path.string() + ": cannot open the config file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return make_error(Errc::io, path.string() + ": cannot read the config file");
  config.config_file = path;
  return apply_config_text(text.str(), path.string(), config);
}

ConfigLoad load_kiosk_config(const std::vector<std::string>& args) {
  ConfigLoad load;
  std::vector<FlagValue> values;
  std::string config_path;
  load.status = split_flags(args, values, config_path, load.help);
  if (!load.status) {
    // Keep the window and test flags: the error screen should look as asked, and a test script
    // should still run on it.
    (void)apply_flags(values, load.config, true);
    return load;
  }
  if (!config_path.empty()) {
    KioskConfig from_file;
    load.status = apply_config_file(config_path, from_file);
    if (!load.status) {
      (void)apply_flags(values, load.config, true);
      return load;
    }
    load.config = std::move(from_file);
  }
  load.status = apply_flags(values, load.config, false);
  if (!load.status) return load;
  if (load.config.demo) load.config.camera.source = CameraSource::synthetic;
  load.status = validate(load.config);
  return load;
}

}  // namespace passerelle::kiosk
