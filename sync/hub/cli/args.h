// Command-line parsing for passerelle-hub's subcommands: long options only, "--name value" or
// "--name=value", "--" ends options. Each subcommand declares its options; anything else is a
// usage error with the subcommand's help.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace passerelle::hub {

struct OptionSpec {
  std::string name;        // without the leading "--"
  std::string value_name;  // empty for a flag
  std::string help;
  bool repeatable = false;  // may be given several times; values() returns them all
};

struct CommandSpec {
  std::string name;         // "import participants"
  std::string synopsis;     // "FILE.csv [options]"
  std::string summary;      // one line
  std::string description;  // a paragraph for --help
  std::vector<OptionSpec> options;
  std::size_t min_positional = 0;
  std::size_t max_positional = 0;
};

class ParsedArgs {
 public:
  bool has(std::string_view option) const { return values_.count(std::string(option)) != 0; }
  std::optional<std::string> value(std::string_view option) const;  // the last one given
  std::vector<std::string> values(std::string_view option) const;
  const std::vector<std::string>& positional() const { return positional_; }
  // --event ID, validated as a positive integer.
  Result<std::optional<std::int64_t>> event_id() const;

 private:
  friend Result<ParsedArgs> parse_args(const CommandSpec&, const std::vector<std::string>&);
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

// `arguments` are those after the subcommand's name. `--help` is recognised by the caller.
Result<ParsedArgs> parse_args(const CommandSpec& spec, const std::vector<std::string>& arguments);

std::string help_text(const CommandSpec& spec);

// A duration as options take it: a positive whole number and one unit, s, m, h or d ("30m",
// "12h"), in milliseconds; empty for any other text or more than `max_ms`. Each option says its
// own bounds in its error.
std::optional<std::int64_t> parse_duration_ms(std::string_view text, std::int64_t max_ms);

}  // namespace passerelle::hub
