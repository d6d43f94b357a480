#include "sync/hub/cli/args.h"

#include <algorithm>
#include <charconv>

#include "core/util/strings.h"

namespace passerelle::hub {

std::optional<std::string> ParsedArgs::value(std::string_view option) const {
  const auto found = values_.find(std::string(option));
  if (found == values_.end()) return std::nullopt;
  return found->second.back();
}

std::vector<std::string> ParsedArgs::values(std::string_view option) const {
  const auto found = values_.find(std::string(option));
  return found == values_.end() ? std::vector<std::string>{} : found->second;
}

Result<std::optional<std::int64_t>> ParsedArgs::event_id() const {
  const auto text = value("event");
  if (!text) return std::optional<std::int64_t>();
  const auto id = parse_integer<std::int64_t>(*text);
  if (!id || *id <= 0)
    return make_error(Errc::invalid_input, "--event takes an event id (a positive number), not '" + *text + "'");
  return id;
}

Result<ParsedArgs> parse_args(const CommandSpec& spec, const std::vector<std::string>& arguments) {
  ParsedArgs parsed;
  bool options_ended = false;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (options_ended || argument.size() < 2 || argument.rfind("--", 0) != 0) {
      if (!options_ended && argument.size() > 1 && argument[0] == '-' && argument != "-")
        return make_error(Errc::invalid_input, "unknown option '" + argument + "' (options are spelled --name)");
      parsed.positional_.push_back(argument);
      continue;
    }
    if (argument == "--") {
      options_ended = true;
      continue;
    }
    std::string name = argument.substr(2);
    std::optional<std::string> inline_value;
    if (const auto equals = name.find('='); equals != std::string::npos) {
      inline_value = name.substr(equals + 1);
      name.resize(equals);
    }
    const auto spec_option = std::find_if(spec.options.begin(), spec.options.end(),
                                          [&](const OptionSpec& option) { return option.name == name; });
    if (spec_option == spec.options.end())
      return make_error(Errc::invalid_input, "'" + spec.name + "' has no option --" + name);
    if (parsed.values_.count(name) != 0 && !spec_option->repeatable)
      return make_error(Errc::invalid_input, "--" + name + " is given twice");
    if (spec_option->value_name.empty()) {
      if (inline_value) return make_error(Errc::invalid_input, "--" + name + " takes no value");
      parsed.values_[name].emplace_back();
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= arguments.size())
        return make_error(Errc::invalid_input, "--" + name + " needs a value (" + spec_option->value_name + ")");
      inline_value = arguments[++i];
    }
    parsed.values_[name].push_back(*inline_value);
  }
  const auto count = parsed.positional_.size();
  if (count < spec.min_positional || count > spec.max_positional) {
    return make_error(Errc::invalid_input, "usage: passerelle-hub --db FILE " + spec.name + " " + spec.synopsis);
  }
  return parsed;
}

std::string help_text(const CommandSpec& spec) {
  std::string text =
      "usage: passerelle-hub --db FILE " + spec.name + " " + spec.synopsis + "\n\n" + spec.summary + "\n";
  if (!spec.description.empty()) text += "\n" + spec.description + "\n";
  if (!spec.options.empty()) {
    text += "\noptions:\n";
    for (const auto& option : spec.options) {
      std::string left = "  --" + option.name + (option.value_name.empty() ? "" : " " + option.value_name);
      if (left.size() < 28)
        left.resize(28, ' ');
      else
        left += "  ";
      text += left + option.help + "\n";
    }
  }
  return text;
}

std::optional<std::int64_t> parse_duration_ms(std::string_view text, std::int64_t max_ms) {
  std::int64_t amount = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), amount);
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  std::int64_t scale = 0;
  if (unit == "s") scale = 1000;
  if (unit == "m") scale = 60'000;
  if (unit == "h") scale = 3'600'000;
  if (unit == "d") scale = 86'400'000;
  if (error != std::errc() || scale == 0 || amount <= 0 || amount > max_ms / scale) return std::nullopt;
  return amount * scale;
}

}  // namespace passerelle::hub
