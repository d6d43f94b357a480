// The words spreadsheets and registration systems use, in English, French, German and Dutch,
// for participant columns and for the values of the enumerated fields. Internal to import.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/import/participant_mapping.h"
#include "core/model/participant.h"

namespace passerelle::import {

// Lower-cases, strips accents from Latin letters (é→e, ß→ss, œ→oe) and drops separators
// (spaces, '_', '-', '.', '#', ':', '/', '\', apostrophes), so that "E-Mail-Adresse",
// "e_mail adresse" and "E-MAIL ADRESSE" compare equal. Other characters pass through.
std::string fold_key(std::string_view text);

// 'text', for messages that quote a cell or a header.
std::string in_quotes(std::string_view text);

// Trims ASCII white space and no-break spaces from both ends.
std::string_view trim(std::string_view text);

// The field whose synonyms include the header, compared with fold_key.
std::optional<Field> field_for_header(std::string_view header);

// Every (field, synonym) pair, for tests that check the table has no ambiguous entry.
std::vector<std::pair<Field, std::string_view>> header_synonyms();

// Values accepted in the status, organisation type and language columns, in the four
// languages, compared with fold_key. Language also accepts locales such as "fr_BE", "nl-BE".
std::optional<ParticipantStatus> status_from_word(std::string_view text);
std::optional<OrgType> org_type_from_word(std::string_view text);
std::optional<Language> language_from_word(std::string_view text);

// ---- Cell values ----

// Splits a list cell on ';', ',', '|' and white space, dropping empty items.
std::vector<std::string> split_list(std::string_view text);

// A loose check: one '@' with text before it, a dot inside the domain, no white space.
bool plausible_email(std::string_view email);

// The token lower-cased, or nothing when it holds anything but ASCII letters, digits, '-', '_'.
std::optional<std::string> tag_slug(std::string_view token);

// ---- Presets: the fixed headers of known exports ----

// Columns a preset reads for a field, in order of preference. The pretix external id is not
// listed: it is built from two columns ("Order code" and "Position ID").
struct PresetColumns {
  Field field;
  std::vector<std::string_view> headers;
};
const std::vector<PresetColumns>& preset_columns(Preset preset);

// The preset's own status words ("Not Attending", "expired"), compared with fold_key.
std::optional<ParticipantStatus> preset_status(Preset preset, std::string_view value);

// Eventbrite: "Attendee #" with "Order #" or "Attendee Status"; pretix: "Order code" with
// "Position ID". Otherwise automatic.
Preset detect_preset(const std::vector<std::string>& header);

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b);

// Indexes of the columns whose header equals `name`, ignoring ASCII case and outer spaces.
std::vector<std::size_t> columns_named(const std::vector<std::string>& header, std::string_view name);
bool has_column(const std::vector<std::string>& header, std::string_view name);

}  // namespace passerelle::import
