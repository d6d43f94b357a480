// Small string helpers shared across core. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

std::string_view trim(std::string_view text) noexcept;
std::string to_lower_ascii(std::string_view text);
// Splits on any character of `separators`, dropping empty pieces and trimming each.
std::vector<std::string> split_any(std::string_view text, std::string_view separators);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace passerelle
