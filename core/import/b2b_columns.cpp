// Column matching for the B2B imports. Synonyms are listed per kind because the same word means
// different fields in different files ("from" is an unavailable range's start, or a meeting's).
// Within a field the list is in order of preference: when a file has both "Host" and "Host
// e-mail", the e-mail column is the one read, and the other is reported as not imported.
#include "core/import/b2b_columns.h"

#include <array>

#include "core/import/column_synonyms.h"
#include "core/import/mapping_toml.h"

namespace passerelle::import {
namespace {

struct B2bFieldWords {
  B2bField field;
  std::vector<std::string_view> headers;
};

// The two participants of a request or a meeting, in every file that names them.
const std::vector<std::string_view> kFirstParticipant{"a",
                                                      "participant_a",
                                                      "participant a",
                                                      "participant 1",
                                                      "requester email",
                                                      "requester",
                                                      "host email",
                                                      "host",
                                                      "booker email",
                                                      "booker",
                                                      "organizer email",
                                                      "organizer",
                                                      "organiser",
                                                      "from participant",
                                                      "demandeur",
                                                      "email demandeur",
                                                      "hôte",
                                                      "e-mail hôte",
                                                      "anfragender",
                                                      "anfragende",
                                                      "gastgeber",
                                                      "aanvrager",
                                                      "gastheer",
                                                      "gastvrouw"};
const std::vector<std::string_view> kSecondParticipant{"b",
                                                       "participant_b",
                                                       "participant b",
                                                       "participant 2",
                                                       "partner email",
                                                       "partner",
                                                       "receiver email",
                                                       "receiver",
                                                       "recipient email",
                                                       "recipient",
                                                       "requestee email",
                                                       "requestee",
                                                       "guest email",
                                                       "guest",
                                                       "to participant",
                                                       "invité",
                                                       "e-mail invité",
                                                       "destinataire",
                                                       "partenaire",
                                                       "gast",
                                                       "Empfänger",
                                                       "ontvanger",
                                                       "genodigde"};

// Fields each kind reads, in the order columns are claimed.
const std::vector<B2bFieldWords>& b2b_words_for(B2bKind kind) {
  static const std::vector<B2bFieldWords> requests{
      {B2bField::a, kFirstParticipant},
      {B2bField::b, kSecondParticipant},
      {B2bField::window,
       {"window", "half_day", "half day", "preference", "wish", "demi-journée", "préférence horaire", "souhait",
        "halbtag", "wunsch", "dagdeel", "voorkeur"}},
  };
  static const std::vector<B2bFieldWords> unavailable{
      {B2bField::participant,
       {"participant", "external_id", "external id", "email", "e-mail", "id", "teilnehmer", "deelnemer"}},
      {B2bField::slot, {"slot", "time slot", "créneau", "zeitfenster", "tijdslot"}},
      {B2bField::from, {"from", "start", "begin", "de", "début", "von", "beginn", "van"}},
      {B2bField::until, {"until", "to", "end", "à", "fin", "bis", "ende", "tot", "einde"}},
  };
  static const std::vector<B2bFieldWords> schedule{
      {B2bField::a, kFirstParticipant},
      {B2bField::b, kSecondParticipant},
      {B2bField::date,
       {"date", "day", "meeting date", "start date", "jour", "date de début", "datum", "tag", "startdatum", "dag"}},
      {B2bField::start,
       {"start", "start time", "starts", "begin", "from", "time", "heure", "début", "heure de début", "beginn",
        "startzeit", "von", "uhrzeit", "begintijd", "van", "tijd"}},
      {B2bField::end,
       {"end", "end time", "ends", "until", "to", "fin", "heure de fin", "ende", "endzeit", "bis", "eindtijd", "einde",
        "tot"}},
      {B2bField::end_date, {"end date", "date de fin", "enddatum", "einddatum"}},
      {B2bField::location,
       {"table", "location", "table number", "booth", "stand", "meeting point", "place", "room", "lieu", "salle",
        "tisch", "ort", "raum", "tafel", "locatie", "ruimte"}},
  };
  switch (kind) {
    case B2bKind::requests:
      return requests;
    case B2bKind::unavailable:
      return unavailable;
    case B2bKind::schedule:
      return schedule;
  }
  return requests;
}

constexpr std::array<std::pair<B2bField, std::string_view>, 12> kB2bFieldNames{{
    {B2bField::a, "a"},
    {B2bField::b, "b"},
    {B2bField::window, "window"},
    {B2bField::participant, "participant"},
    {B2bField::slot, "slot"},
    {B2bField::from, "from"},
    {B2bField::until, "until"},
    {B2bField::date, "date"},
    {B2bField::start, "start"},
    {B2bField::end, "end"},
    {B2bField::end_date, "end_date"},
    {B2bField::location, "location"},
}};

bool b2b_reads(B2bKind kind, B2bField field) {
  for (const auto& words : b2b_words_for(kind))
    if (words.field == field) return true;
  return false;
}

std::string b2b_fields_of(B2bKind kind) {
  std::string out;
  for (const auto& words : b2b_words_for(kind)) {
    if (!out.empty()) out += ", ";
    out += to_string(words.field);
  }
  return out;
}

// Zerista's meeting schedule import/export (its help centre's column list). "Confirmed" may hold
// several people separated by ';': the row reader keeps the one who is not the organizer.
const std::vector<std::pair<B2bField, std::string_view>>& zerista_b2b_columns() {
  static const std::vector<std::pair<B2bField, std::string_view>> columns{
      {B2bField::a, "Organizer"},       {B2bField::b, "Confirmed"},       {B2bField::date, "Start Date"},
      {B2bField::start, "Start Time"},  {B2bField::end_date, "End Date"}, {B2bField::end, "End Time"},
      {B2bField::location, "Location"},
  };
  return columns;
}

Error b2b_header_error(const std::string& what) {
  return make_error(Errc::invalid_input, "line 1: " + what);
}

Error b2b_mapping_error(std::string_view source, const toml::source_region& where, const std::string& what) {
  return make_error(Errc::invalid_input, std::string(source) + ":" + std::to_string(where.begin.line) + ": " + what);
}

// The columns named by a preset or a mapping file, claimed before the automatic matching.
Status claim_b2b_named(const std::vector<std::string>& header, B2bField field, std::string_view name,
                       std::string_view who, B2bColumns& out, std::vector<bool>& used) {
  const auto found = columns_named(header, name);
  if (found.empty())
    return b2b_header_error(std::string(who) + " reads " + std::string(to_string(field)) + " from a column '" +
                            std::string(name) + "' that this file does not have");
  out.index[field] = found.front();
  used[found.front()] = true;
  return {};
}

Status check_b2b_required(B2bKind kind, const B2bColumns& columns) {
  const auto has = [&](B2bField field) { return columns.index.contains(field); };
  switch (kind) {
    case B2bKind::requests:
    case B2bKind::schedule:
      if (!has(B2bField::a) || !has(B2bField::b))
        return b2b_header_error(
            "the header needs the two participants' columns (a and b, or host and guest: external "
            "id or email)");
      if (kind == B2bKind::schedule && !has(B2bField::start))
        return b2b_header_error("the header needs the meetings' start (a time, or a date and time)");
      return {};
    case B2bKind::unavailable:
      if (!has(B2bField::participant) || (!has(B2bField::slot) && !(has(B2bField::from) && has(B2bField::until))))
        return b2b_header_error("the header needs participant, and slot or from and until");
      return {};
  }
  return {};
}

}  // namespace

std::string_view to_string(B2bField field) noexcept {
  for (const auto& [candidate, name] : kB2bFieldNames)
    if (candidate == field) return name;
  return "?";
}

std::string_view to_string(B2bKind kind) noexcept {
  switch (kind) {
    case B2bKind::requests:
      return "meeting requests";
    case B2bKind::unavailable:
      return "unavailable slots";
    case B2bKind::schedule:
      return "schedule";
  }
  return "?";
}

std::optional<B2bPreset> parse_b2b_preset(std::string_view name) noexcept {
  const std::string_view trimmed = trim(name);
  if (equals_ignoring_ascii_case(trimmed, "auto") || equals_ignoring_ascii_case(trimmed, "automatic"))
    return B2bPreset::automatic;
  if (equals_ignoring_ascii_case(trimmed, "zerista")) return B2bPreset::zerista;
  return std::nullopt;
}

std::string_view to_string(B2bPreset preset) noexcept {
  return preset == B2bPreset::zerista ? "Zerista" : "automatic";
}

Result<B2bMapping> parse_b2b_mapping_toml(std::string_view toml_text, std::string_view source_name, B2bKind kind) {
  PSL_ASSIGN_OR_RETURN(const toml::table root, parse_mapping_document(toml_text, source_name));
  B2bMapping mapping;
  mapping.source = std::string(source_name);
  for (auto&& [key, node] : root) {
    if (key.str() == "date_order") {
      const auto* text = node.as_string();
      const std::string value = text ? text->get() : std::string();
      if (value == "day-first") {
        mapping.date_order = DateOrder::day_first;
      } else if (value == "month-first") {
        mapping.date_order = DateOrder::month_first;
      } else {
        return b2b_mapping_error(source_name, node.source(), "date_order must be \"day-first\" or \"month-first\"");
      }
    } else if (key.str() == "columns") {
      const auto* columns = node.as_table();
      if (!columns) return b2b_mapping_error(source_name, node.source(), "'columns' must be a table");
      for (auto&& [field_key, field_node] : *columns) {
        std::optional<B2bField> field;
        for (const auto& [candidate, name] : kB2bFieldNames)
          if (name == field_key.str()) field = candidate;
        if (!field || !b2b_reads(kind, *field))
          return b2b_mapping_error(source_name, field_key.source(),
                                   "[columns] '" + std::string(field_key.str()) + "' is not a field of a " +
                                       std::string(to_string(kind)) + " file; use one of: " + b2b_fields_of(kind));
        const auto* header = field_node.as_string();
        if (!header || trim(header->get()).empty())
          return b2b_mapping_error(source_name, field_node.source(),
                                   "[columns] " + std::string(field_key.str()) + " must name one column, as a string");
        mapping.columns[*field] = std::string(trim(header->get()));
      }
    } else {
      return b2b_mapping_error(source_name, key.source(),
                               "unknown key '" + std::string(key.str()) +
                                   "' (a B2B mapping file has [columns] and "
                                   "date_order)");
    }
  }
  return mapping;
}

Result<B2bMapping> load_b2b_mapping_file(const std::filesystem::path& path, B2bKind kind) {
  PSL_ASSIGN_OR_RETURN(const auto text, read_mapping_file(path));
  return parse_b2b_mapping_toml(text, path.string(), kind);
}

Result<B2bColumns> resolve_b2b_columns(const std::vector<std::string>& header, B2bKind kind, B2bPreset preset,
                                       const B2bMapping* mapping) {
  B2bColumns out;
  std::vector<bool> used(header.size(), false);
  if (preset == B2bPreset::automatic && kind == B2bKind::schedule && has_column(header, "Organizer") &&
      has_column(header, "Confirmed"))
    preset = B2bPreset::zerista;
  out.preset = preset;
  if (mapping) {
    out.date_order = mapping->date_order;
    for (const auto& [field, name] : mapping->columns)
      PSL_TRY(claim_b2b_named(header, field, name, "the mapping file " + mapping->source, out, used));
  }
  if (preset == B2bPreset::zerista) {
    if (kind != B2bKind::schedule)
      return make_error(Errc::invalid_input, "the Zerista preset reads meeting schedules only (import schedule)");
    for (const auto& [field, name] : zerista_b2b_columns()) {
      if (out.index.contains(field)) continue;
      if (!has_column(header, name)) {
        if (field == B2bField::end || field == B2bField::end_date || field == B2bField::location) continue;
        return b2b_header_error("a Zerista schedule has a column '" + std::string(name) + "'; this file has none");
      }
      PSL_TRY(claim_b2b_named(header, field, name, "the Zerista preset", out, used));
    }
  }
  for (const auto& words : b2b_words_for(kind)) {
    if (out.index.contains(words.field)) continue;
    for (const std::string_view synonym : words.headers) {
      const std::string wanted = fold_key(synonym);
      for (std::size_t i = 0; i < header.size() && !out.index.contains(words.field); ++i)
        if (!used[i] && fold_key(header[i]) == wanted) {
          out.index[words.field] = i;
          used[i] = true;
        }
      if (out.index.contains(words.field)) break;
    }
  }
  PSL_TRY(check_b2b_required(kind, out));
  for (const auto& words : b2b_words_for(kind))
    if (const auto column = out.of(words.field)) out.named.emplace_back(words.field, header[*column]);
  for (std::size_t i = 0; i < header.size(); ++i)
    if (!used[i] && !header[i].empty()) out.ignored.push_back(header[i]);
  return out;
}

std::vector<B2bSynonym> b2b_header_synonyms() {
  std::vector<B2bSynonym> out;
  for (const B2bKind kind : {B2bKind::requests, B2bKind::unavailable, B2bKind::schedule})
    for (const auto& words : b2b_words_for(kind))
      for (const std::string_view header : words.headers) out.push_back(B2bSynonym{kind, words.field, header});
  return out;
}

}  // namespace passerelle::import
