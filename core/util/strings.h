// Small string helpers shared across core. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

std::string_view trim(std::string_view text) noexcept;
std::string to_lower_ascii(std::string_view text);
// Equal but for the case of ASCII letters (SQLite's NOCASE): HTTP header names, checkpoint names.
bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept;
// Splits on any character of `separators`, dropping empty pieces and trimming each.
std::vector<std::string> split_any(std::string_view text, std::string_view separators);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace passerelle
