// Participant: a registered person at one event, as held in the registry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

enum class ParticipantStatus { registered, cancelled, blocked };

// Organisation types the funders' reports count by; `unspecified` when the source had none.
enum class OrgType { unspecified, sme, large_company, university, research_centre, support_organisation };

// Languages the kiosk greets in; anything else falls back to English at import.
enum class Language { en, fr, de, nl };

std::string_view to_string(ParticipantStatus status) noexcept;
std::string_view to_string(OrgType type) noexcept;
std::string_view to_string(Language language) noexcept;
std::optional<ParticipantStatus> parse_participant_status(std::string_view text) noexcept;
std::optional<OrgType> parse_org_type(std::string_view text) noexcept;
std::optional<Language> parse_language(std::string_view text) noexcept;

// An agenda fingerprint (Participant::agenda_printed) as stored and sent: at most this many
// lower-case hex digits, or empty for "never printed". The store and the wire both check it, so a
// kiosk never holds one its screens cannot compare.
inline constexpr std::size_t kMaxAgendaFingerprint = 64;
bool is_agenda_fingerprint(std::string_view text) noexcept;

// The fields an import or a registration supplies. Everything the registry derives
// (id, badge serial, timestamps) lives in Participant.
struct ParticipantRecord {
  std::string external_id;                // the registration system's id; re-imports match on it
  std::vector<std::string> ticket_codes;  // plain codes from that system's badges or tickets
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string organisation;
  std::string country;  // ISO 3166-1 alpha-2, upper case, or empty
  std::string region;
  std::string sector;
  OrgType org_type = OrgType::unspecified;
  Language language = Language::en;
  std::string role;
  std::vector<std::string> tags;  // sessions or workshops registered for; lower-case slugs
  ParticipantStatus status = ParticipantStatus::registered;

  bool operator==(const ParticipantRecord&) const = default;
};

struct Participant {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::int64_t badge_serial = 1;    // raised by a reissue; older badges are then revoked
  std::int64_t badge_issued_s = 0;  // Unix seconds the current badge was issued (signed into it)
  // The fingerprint of the B2B agenda last printed for them (core/meetings/agenda_print.h), so the
  // door can say the agenda changed since; empty when never printed. Hub-side state, not from the
  // registration import: a re-import keeps it.
  std::string agenda_printed;
  ParticipantRecord record;
};

}  // namespace passerelle
