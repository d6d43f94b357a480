// English names of European countries, printed on badges beside the ISO code. Internal to core/print.
// Thread safety: pure function over a constant table.
#pragma once

#include <string_view>

namespace passerelle::print {

// The English short name for an upper-case ISO 3166-1 alpha-2 code of a European country
// ("DK" -> "Denmark"), or an empty view for any other code; badges then show the code alone.
std::string_view english_country_name(std::string_view alpha2) noexcept;

}  // namespace passerelle::print
