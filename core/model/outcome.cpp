#include "core/model/outcome.h"

#include <array>

namespace passerelle {
namespace {

constexpr std::array<std::string_view, 12> kOutcomeNames{
    "malformed", "unknown_key",  "bad_signature", "other_event",        "revoked",  "unknown_code", "cancelled",
    "blocked",   "not_admitted", "not_event_day", "already_checked_in", "accepted",
};
static_assert(kOutcomeNames.size() == static_cast<std::size_t>(Outcome::accepted) + 1);

constexpr std::array<std::string_view, 8> kKindNames{
    "checkin",      "checkout",       "rejected_scan", "manual_checkin",
    "meeting_held", "walkin_meeting", "feedback",      "badge_reprint",
};

constexpr std::array<std::string_view, 3> kAnswerNames{"no_interest", "informative", "cooperation"};

template <class Enum, std::size_t N>
std::optional<Enum> parse_from(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Outcome outcome) noexcept {
  return kOutcomeNames.at(static_cast<std::size_t>(outcome));
}
std::optional<Outcome> parse_outcome(std::string_view text) noexcept {
  return parse_from<Outcome>(kOutcomeNames, text);
}
std::string_view to_string(EntryKind kind) noexcept {
  return kKindNames.at(static_cast<std::size_t>(kind));
}
std::optional<EntryKind> parse_entry_kind(std::string_view text) noexcept {
  return parse_from<EntryKind>(kKindNames, text);
}
std::string_view to_string(MeetingAnswer answer) noexcept {
  return kAnswerNames.at(static_cast<std::size_t>(answer));
}
std::optional<MeetingAnswer> parse_meeting_answer(std::string_view text) noexcept {
  return parse_from<MeetingAnswer>(kAnswerNames, text);
}

}  // namespace passerelle
