#include "core/import/column_synonyms.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <map>
#include <vector>

#include "core/text/utf8.h"

namespace passerelle::import {
namespace {

using Words = std::initializer_list<std::string_view>;

using namespace std::string_view_literals;

// Base letters for U+00C0..U+00FF; '\0' keeps the character (×, ÷), '*' marks the ones that
// become two letters (see two_letter_fold).
constexpr std::string_view kLatin1Base =
    "aaaaaa*ceeeeiiiidnooooo\0ouuuuy**"
    "aaaaaa*ceeeeiiiidnooooo\0ouuuuy*y"sv;
static_assert(kLatin1Base.size() == 0x40);
// Base letters for U+0100..U+017F (Latin Extended-A: Polish, Czech, Baltic, Hungarian...).
constexpr std::string_view kLatinExtABase =
    "aaaaaaccccccccdd"
    "ddeeeeeeeeeegggg"
    "gggghhhhiiiiiiii"
    "ii**jjkkklllllll"
    "lllnnnnnnnnnoooo"
    "oo**rrrrrrssssss"
    "ssttttttuuuuuuuu"
    "uuuuwwyyyzzzzzzs"sv;
static_assert(kLatinExtABase.size() == 0x80);

bool is_dropped_separator(char32_t c) {
  switch (c) {
    case U' ':
    case U'\t':
    case U'_':
    case U'-':
    case U'.':
    case U'#':
    case U':':
    case U'/':
    case U'\\':
    case U'\'':
    case U'\u00A0':
    case U'\u2019':
    case U'\u2010':
    case U'\u2013':
      return true;
    default:
      return false;
  }
}

std::string_view two_letter_fold(char32_t c) {
  switch (c) {
    case U'Æ':
    case U'æ':
      return "ae";
    case U'Þ':
    case U'þ':
      return "th";
    case U'ß':
      return "ss";
    case U'Ĳ':
    case U'ĳ':
      return "ij";
    case U'Œ':
    case U'œ':
      return "oe";
    default:
      return {};
  }
}

struct FieldWords {
  Field field;
  std::vector<std::string_view> words;
};

// Our canonical header (assets/demo/participants.csv) is listed first for each field.
const std::array<FieldWords, 15>& field_words() {
  static const std::array<FieldWords, 15> table{{
      {Field::external_id,
       {"external_id", "External ID", "ID", "Registration ID", "Registration number", "Attendee ID", "Attendee number",
        "Participant ID", "Identifiant", "Identifiant externe", "N° d'inscription", "Numéro d'inscription",
        "Teilnehmer-ID", "Teilnehmernummer", "Anmeldenummer", "Deelnemer ID", "Deelnemersnummer", "Registratienummer"}},
      {Field::ticket_code,
       {"ticket_codes", "ticket_code", "Ticket code", "Ticket codes", "Barcode", "Barcodes", "Secret", "Code",
        "Ticket secret", "QR code", "Code-barres", "Code billet", "Ticketcode", "Streepjescode"}},
      {Field::first_name,
       {"first_name", "First Name", "Firstname", "Given name", "Forename", "Prénom", "Vorname", "Voornaam"}},
      {Field::last_name,
       {"last_name", "Last Name", "Lastname", "Surname", "Family name", "Nom", "Nom de famille", "Nachname",
        "Familienname", "Achternaam", "Familienaam"}},
      {Field::full_name,
       {"full_name", "Name", "Full name", "Attendee name", "Participant name", "Nom complet", "Nom et prénom",
        "Prénom et nom", "Vollständiger Name", "Naam", "Volledige naam"}},
      {Field::email,
       {"email", "E-mail", "Email address", "E-mail address", "Mail", "Courriel", "Adresse e-mail",
        "Adresse électronique", "Mél", "E-Mail-Adresse", "Mailadresse", "E-mailadres", "Emailadres"}},
      {Field::organisation,
       {"organisation", "Organization", "Company", "Company name", "Société", "Entreprise", "Organisme", "Firma",
        "Unternehmen", "Organisatie", "Bedrijf", "Institution", "Employer"}},
      {Field::country,
       {"country", "Pays", "Land", "Home Country", "Work Country", "Country code", "Code pays", "Landcode"}},
      {Field::region, {"region", "Région", "Bundesland", "Provincie", "Province", "Regio"}},
      {Field::sector, {"sector", "Secteur", "Branche", "Industry", "Secteur d'activité"}},
      {Field::org_type,
       {"organisation_type", "org_type", "Organisation type", "Organization type", "Type", "Type d'organisation",
        "Type de structure", "Organisationstyp", "Organisationsart", "Type organisatie", "Organisatietype"}},
      {Field::language, {"language", "Preferred language", "Langue", "Sprache", "Taal", "Locale"}},
      {Field::role,
       {"role", "Rôle", "Function", "Fonction", "Funktion", "Functie", "Job title", "Position", "Rolle", "Rol",
        "Poste"}},
      {Field::tags, {"tags", "Tag", "Sessions", "Workshops", "Ateliers", "Sessies", "Sitzungen"}},
      {Field::status, {"status", "Statut", "Etat", "Registration status", "Anmeldestatus"}},
  }};
  return table;
}

template <class Value>
using WordTable = std::initializer_list<std::pair<Value, Words>>;

template <class Value>
std::map<std::string, Value> build_folded(WordTable<Value> table) {
  std::map<std::string, Value> folded;
  for (const auto& [value, words] : table)
    for (std::string_view word : words) folded.emplace(fold_key(word), value);
  return folded;
}

template <class Value>
std::optional<Value> find_folded(const std::map<std::string, Value>& table, std::string_view text) {
  const auto it = table.find(fold_key(trim(text)));
  if (it == table.end()) return std::nullopt;
  return it->second;
}

// Status words of the exports the presets read; tried before the general synonyms.
struct StatusWord {
  std::string_view word;
  ParticipantStatus status;
};

constexpr std::array<StatusWord, 6> kEventbriteStatus{{
    {"Attending", ParticipantStatus::registered},
    {"Checked In", ParticipantStatus::registered},
    {"Not Attending", ParticipantStatus::cancelled},
    {"Deleted", ParticipantStatus::cancelled},
    {"Refunded", ParticipantStatus::cancelled},
    {"Cancelled", ParticipantStatus::cancelled},
}};

// Order status as pretix displays it, in English and German (the two most common export
// locales); a cancelled position inside a paid order shows "canceled" as well.
constexpr std::array<StatusWord, 8> kPretixStatus{{
    {"pending", ParticipantStatus::registered},
    {"paid", ParticipantStatus::registered},
    {"canceled", ParticipantStatus::cancelled},
    {"expired", ParticipantStatus::cancelled},
    {"ausstehend", ParticipantStatus::registered},
    {"bezahlt", ParticipantStatus::registered},
    {"storniert", ParticipantStatus::cancelled},
    {"abgelaufen", ParticipantStatus::cancelled},
}};

}  // namespace

std::string in_quotes(std::string_view text) {
  return "'" + std::string(text) + "'";
}

std::string fold_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    // Folding never fails: an ill-formed sequence (U+FFFD) is kept as it came, values are
    // validated elsewhere.
    const Utf8Char decoded = decode_utf8(text, pos);
    const char32_t c = decoded.code_point;
    const std::string_view original = text.substr(pos, decoded.length);
    pos += decoded.length;
    if (is_dropped_separator(c)) continue;
    if (c < 0x80) {
      char ascii = static_cast<char>(c);
      if (ascii >= 'A' && ascii <= 'Z') ascii = static_cast<char>(ascii - 'A' + 'a');
      out += ascii;
    } else if (std::string_view pair = two_letter_fold(c); !pair.empty()) {
      out += pair;
    } else if (c >= 0xC0 && c <= 0xFF && kLatin1Base[c - 0xC0] != '\0') {
      out += kLatin1Base[c - 0xC0];
    } else if (c >= 0x100 && c <= 0x17F) {
      out += kLatinExtABase[c - 0x100];
    } else {
      out += original;
    }
  }
  return out;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kNbsp = "\xC2\xA0";
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
  };
  for (;;) {
    if (!text.empty() && is_space(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with(kNbsp)) {
      text.remove_prefix(kNbsp.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && is_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(kNbsp)) {
      text.remove_suffix(kNbsp.size());
    } else {
      break;
    }
  }
  return text;
}

std::optional<Field> field_for_header(std::string_view header) {
  static const std::map<std::string, Field> folded = [] {
    std::map<std::string, Field> table;
    for (const FieldWords& entry : field_words())
      for (std::string_view word : entry.words) table.emplace(fold_key(word), entry.field);
    return table;
  }();
  const auto it = folded.find(fold_key(trim(header)));
  if (it == folded.end()) return std::nullopt;
  return it->second;
}

std::vector<std::pair<Field, std::string_view>> header_synonyms() {
  std::vector<std::pair<Field, std::string_view>> all;
  for (const FieldWords& entry : field_words())
    for (std::string_view word : entry.words) all.emplace_back(entry.field, word);
  return all;
}

std::optional<ParticipantStatus> status_from_word(std::string_view text) {
  static const auto folded = build_folded<ParticipantStatus>({
      {ParticipantStatus::registered,
       {"registered", "confirmed", "paid", "attending", "checked in", "complete", "completed", "inscrit", "inscrite",
        "confirmé", "confirmée", "payé", "angemeldet", "registriert", "bestätigt", "bezahlt", "ingeschreven",
        "bevestigd", "betaald"}},
      {ParticipantStatus::cancelled,
       {"cancelled", "canceled", "annulé", "annulée", "storniert", "abgesagt", "geannuleerd", "refunded", "remboursé",
        "erstattet", "terugbetaald", "not attending"}},
      {ParticipantStatus::blocked, {"blocked", "bloqué", "bloquée", "gesperrt", "geblokkeerd"}},
  });
  return find_folded(folded, text);
}

std::optional<OrgType> org_type_from_word(std::string_view text) {
  static const auto folded = build_folded<OrgType>({
      {OrgType::sme,
       {"sme", "SMEs", "PME", "KMU", "MKB", "KMO", "small and medium-sized enterprise", "small business", "start-up",
        "startup"}},
      {OrgType::large_company,
       {"large_company", "large company", "large enterprise", "grande entreprise", "Großunternehmen",
        "Großes Unternehmen", "groot bedrijf", "grote onderneming", "multinational"}},
      {OrgType::university,
       {"university", "université", "universität", "universiteit", "hogeschool", "haute école", "hochschule",
        "higher education"}},
      {OrgType::research_centre,
       {"research_centre", "research centre", "research center", "research institute", "research organisation",
        "research organization", "RTO", "centre de recherche", "institut de recherche", "Forschungszentrum",
        "Forschungsinstitut", "Forschungseinrichtung", "onderzoekscentrum", "onderzoeksinstituut"}},
      {OrgType::support_organisation,
       {"support_organisation", "support organisation", "support organization", "business support organisation",
        "cluster", "chamber of commerce", "CCI", "IHK", "agency", "agence", "chambre de commerce", "organisme d'appui",
        "Handelskammer", "Wirtschaftsförderung", "Agentur", "kamer van koophandel", "agentschap"}},
  });
  return find_folded(folded, text);
}

std::optional<Language> language_from_word(std::string_view text) {
  static const auto folded = build_folded<Language>({
      {Language::en, {"en", "eng", "English", "Anglais", "Englisch", "Engels"}},
      {Language::fr, {"fr", "fra", "fre", "French", "Français", "Französisch", "Frans"}},
      {Language::de, {"de", "deu", "ger", "German", "Deutsch", "Allemand", "Duits"}},
      {Language::nl,
       {"nl", "nld", "dut", "Dutch", "Nederlands", "Néerlandais", "Niederländisch", "Flemish", "Vlaams", "Flamand",
        "Flämisch"}},
  });
  text = trim(text);
  // Locales ("fr_BE", "nl-BE", "de-informal" from pretix): the language is the part before
  // the separator; fold_key would glue the parts together.
  if (text.size() > 3 && (text[2] == '_' || text[2] == '-')) text = text.substr(0, 2);
  return find_folded(folded, text);
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

const std::vector<PresetColumns>& preset_columns(Preset preset) {
  static const std::vector<PresetColumns> none;
  static const std::vector<PresetColumns> eventbrite{
      {Field::external_id, {"Attendee #"}},
      {Field::ticket_code, {"Barcode #"}},
      {Field::first_name, {"First Name"}},
      {Field::last_name, {"Last Name"}},
      {Field::email, {"Email"}},
      {Field::organisation, {"Company"}},
      {Field::role, {"Job Title"}},
      {Field::status, {"Attendee Status"}},
      {Field::country, {"Country", "Home Country", "Work Country"}},
  };
  static const std::vector<PresetColumns> pretix{
      {Field::ticket_code, {"Ticket secret", "Secret"}},
      {Field::first_name, {"Attendee name: Given name", "Invoice address name: Given name"}},
      {Field::last_name, {"Attendee name: Family name", "Invoice address name: Family name"}},
      {Field::full_name, {"Attendee name", "Invoice address name"}},
      {Field::email, {"Attendee email", "Email"}},
      {Field::organisation, {"Company"}},
      {Field::country, {"Country", "Invoice address country"}},
      {Field::status, {"Status"}},
      {Field::language, {"Order locale"}},
  };
  switch (preset) {
    case Preset::eventbrite:
      return eventbrite;
    case Preset::pretix:
      return pretix;
    case Preset::automatic:
      break;
  }
  return none;
}

std::vector<std::size_t> columns_named(const std::vector<std::string>& header, std::string_view name) {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (equals_ignoring_ascii_case(trim(header[i]), trim(name))) found.push_back(i);
  return found;
}

bool has_column(const std::vector<std::string>& header, std::string_view name) {
  return !columns_named(header, name).empty();
}

Preset detect_preset(const std::vector<std::string>& header) {
  if (has_column(header, "Order code") && has_column(header, "Position ID")) return Preset::pretix;
  if (has_column(header, "Attendee #") && (has_column(header, "Order #") || has_column(header, "Attendee Status")))
    return Preset::eventbrite;
  return Preset::automatic;
}

std::optional<ParticipantStatus> preset_status(Preset preset, std::string_view value) {
  const auto find = [&](const auto& table) -> std::optional<ParticipantStatus> {
    const std::string folded = fold_key(trim(value));
    for (const StatusWord& entry : table)
      if (fold_key(entry.word) == folded) return entry.status;
    return std::nullopt;
  };
  switch (preset) {
    case Preset::eventbrite:
      return find(kEventbriteStatus);
    case Preset::pretix:
      return find(kPretixStatus);
    case Preset::automatic:
      break;
  }
  return std::nullopt;
}

// ---- Cell values ----

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  for (char c : text) {
    if (c == ';' || c == ',' || c == '|' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (!current.empty()) items.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) items.push_back(std::move(current));
  return items;
}

bool plausible_email(std::string_view email) {
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : email)
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return false;
  if (email.find("\xC2\xA0") != std::string_view::npos) return false;  // no-break space
  const std::string_view domain = email.substr(at + 1);
  const std::size_t dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

std::optional<std::string> tag_slug(std::string_view token) {
  std::string tag(token);
  for (char& c : tag) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!allowed) return std::nullopt;
  }
  return tag;
}

}  // namespace passerelle::import
