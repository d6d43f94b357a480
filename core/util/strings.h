// Small string helpers shared across core. Pure functions, thread-safe.
#pragma once

#include <charconv>
#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace passerelle {

std::string_view trim(std::string_view text) noexcept;
std::string to_lower_ascii(std::string_view text);
// Equal but for the case of ASCII letters (SQLite's NOCASE): HTTP header names, checkpoint names.
bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept;
// Splits on any character of `separators`, dropping empty pieces and trimming each.
std::vector<std::string> split_any(std::string_view text, std::string_view separators);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// The whole of `text` as a decimal integer of type T; nullopt when it is empty, holds anything but
// the digits (and a leading '-' for a signed T), or does not fit in T. No trimming: callers that
// accept spaces trim first. Ranges beyond T's are the caller's to check.
template <std::integral T>
std::optional<T> parse_integer(std::string_view text) noexcept {
  T value{};
  const char* const end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
  return value;
}

}  // namespace passerelle
