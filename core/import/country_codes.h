// Country cells as people type them, to ISO 3166-1 alpha-2. Internal to import.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace passerelle::import {

// Accepts, case-insensitively: any assigned ISO 3166-1 alpha-2 code (plus "UK" and "EL", the
// EU's own codes for the United Kingdom and Greece); alpha-3 codes of the EU/EEA countries, the
// United Kingdom and Switzerland; and the names of those countries (and a few others) in
// English, French, German, Dutch and their own language, accents optional.
// Returns the upper-case alpha-2 code, or nothing when the text is not recognised.
std::optional<std::string> country_code_for(std::string_view text);

// The name table as (code, name) pairs, for tests.
std::vector<std::pair<std::string_view, std::string_view>> country_names();

// Whether `code` (upper case) is an assigned ISO 3166-1 alpha-2 code.
bool is_iso_alpha2(std::string_view code);

}  // namespace passerelle::import
