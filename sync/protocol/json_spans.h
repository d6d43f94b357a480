// Where the elements of a top-level array lie in the received bytes, so that what the hub keeps of
// an upload it cannot store (the quarantine) is the bytes the kiosk sent, not nlohmann's
// re-serialisation of them: nothing is rebuilt from untrusted input, and an organiser's `quarantine
// --raw` shows exactly what arrived.
//
// Contract: `json` must already have parsed as a JSON document (parse_document in json_fields.h,
// which also bounds its depth); on other text the result is unspecified but stays inside `json`.
// The views point into `json`. Thread safety: a pure function.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace passerelle::sync::detail {

// The elements of the array that is the value of `key` in the top-level object, in order; the last
// such member when the key repeats (as the parsed tree keeps it). Empty optional when the document
// is not an object or that member is absent or not an array.
std::optional<std::vector<std::string_view>> member_array_elements(std::string_view json, std::string_view key);

}  // namespace passerelle::sync::detail
