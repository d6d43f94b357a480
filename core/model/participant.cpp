#include "core/model/participant.h"

#include <algorithm>
#include <array>
#include <utility>

namespace passerelle {
namespace {

template <class Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, std::string_view>, N>& table,
                           std::string_view text) noexcept {
  for (const auto& [value, name] : table)
    if (name == text) return value;
  return std::nullopt;
}

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) noexcept {
  for (const auto& [candidate, name] : table)
    if (candidate == value) return name;
  return "?";
}

constexpr std::array kStatusNames{
    std::pair{ParticipantStatus::registered, std::string_view{"registered"}},
    std::pair{ParticipantStatus::cancelled, std::string_view{"cancelled"}},
    std::pair{ParticipantStatus::blocked, std::string_view{"blocked"}},
};
constexpr std::array kOrgTypeNames{
    std::pair{OrgType::unspecified, std::string_view{""}},
    std::pair{OrgType::sme, std::string_view{"sme"}},
    std::pair{OrgType::large_company, std::string_view{"large_company"}},
    std::pair{OrgType::university, std::string_view{"university"}},
    std::pair{OrgType::research_centre, std::string_view{"research_centre"}},
    std::pair{OrgType::support_organisation, std::string_view{"support_organisation"}},
};
constexpr std::array kLanguageNames{
    std::pair{Language::en, std::string_view{"en"}},
    std::pair{Language::fr, std::string_view{"fr"}},
    std::pair{Language::de, std::string_view{"de"}},
    std::pair{Language::nl, std::string_view{"nl"}},
};

}  // namespace

std::string_view to_string(ParticipantStatus status) noexcept {
  return name_of(kStatusNames, status);
}
std::string_view to_string(OrgType type) noexcept {
  return name_of(kOrgTypeNames, type);
}
std::string_view to_string(Language language) noexcept {
  return name_of(kLanguageNames, language);
}
std::optional<ParticipantStatus> parse_participant_status(std::string_view text) noexcept {
  return lookup(kStatusNames, text);
}
std::optional<OrgType> parse_org_type(std::string_view text) noexcept {
  return lookup(kOrgTypeNames, text);
}
std::optional<Language> parse_language(std::string_view text) noexcept {
  return lookup(kLanguageNames, text);
}

bool is_agenda_fingerprint(std::string_view text) noexcept {
  if (text.size() > kMaxAgendaFingerprint) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace passerelle
