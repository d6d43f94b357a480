// PostgreSQL's one-dimensional array literals in text format, both ways: values for `text[]` and
// `bigint[]` parameters (`= ANY($1::text[])`, unnest) and text[] columns read back.
//
// Every element is written double-quoted with `\` and `"` escaped, which is valid for any text;
// an empty optional is written NULL. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace passerelle::hub::pg {

std::string text_array(const std::vector<std::string>& values);
std::string text_array(const std::vector<std::optional<std::string>>& values);
std::string int_array(const std::vector<std::int64_t>& values);

// Parses a text[] column's output ({a,"b c",NULL}). NULL elements are an error here: the hub's
// array columns hold none. Errc::database for anything that is not such a literal.
Result<std::vector<std::string>> parse_text_array(std::string_view literal);

}  // namespace passerelle::hub::pg
