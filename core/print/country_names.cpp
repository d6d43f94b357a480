#include "core/print/country_names.h"

#include <algorithm>
#include <array>
#include <utility>

namespace passerelle::print {
namespace {

// Sorted by code. The countries of the EU, the EEA and their neighbours that take part in
// cross-border programmes; elsewhere the two letters alone stay unambiguous on a badge.
constexpr std::array<std::pair<std::string_view, std::string_view>, 45> kNames{{
    {"AD", "Andorra"},       {"AL", "Albania"},        {"AT", "Austria"},    {"BA", "Bosnia and Herzegovina"},
    {"BE", "Belgium"},       {"BG", "Bulgaria"},       {"BY", "Belarus"},    {"CH", "Switzerland"},
    {"CY", "Cyprus"},        {"CZ", "Czechia"},        {"DE", "Germany"},    {"DK", "Denmark"},
    {"EE", "Estonia"},       {"ES", "Spain"},          {"FI", "Finland"},    {"FO", "Faroe Islands"},
    {"FR", "France"},        {"GB", "United Kingdom"}, {"GR", "Greece"},     {"HR", "Croatia"},
    {"HU", "Hungary"},       {"IE", "Ireland"},        {"IS", "Iceland"},    {"IT", "Italy"},
    {"LI", "Liechtenstein"}, {"LT", "Lithuania"},      {"LU", "Luxembourg"}, {"LV", "Latvia"},
    {"MC", "Monaco"},        {"MD", "Moldova"},        {"ME", "Montenegro"}, {"MK", "North Macedonia"},
    {"MT", "Malta"},         {"NL", "Netherlands"},    {"NO", "Norway"},     {"PL", "Poland"},
    {"PT", "Portugal"},      {"RO", "Romania"},        {"RS", "Serbia"},     {"SE", "Sweden"},
    {"SI", "Slovenia"},      {"SK", "Slovakia"},       {"SM", "San Marino"}, {"TR", "Türkiye"},
    {"UA", "Ukraine"},
}};

}  // namespace

std::string_view english_country_name(std::string_view alpha2) noexcept {
  static_assert(std::is_sorted(kNames.begin(), kNames.end()));
  const auto found = std::lower_bound(kNames.begin(), kNames.end(), alpha2,
                                      [](const auto& entry, std::string_view code) { return entry.first < code; });
  if (found == kNames.end() || found->first != alpha2) return {};
  return found->second;
}

}  // namespace passerelle::print
