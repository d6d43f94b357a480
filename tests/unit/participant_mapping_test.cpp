#include "core/import/participant_mapping.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "core/import/column_synonyms.h"
#include "core/import/country_codes.h"
#include "core/import/participant_import.h"
#include "tests/unit/import_plan_helpers.h"

namespace passerelle::import {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// Records start on line 2, after the header, unless a test says otherwise.
csv::Table make_table(std::vector<std::string> header, Rows rows) {
  csv::Table table;
  table.header = std::move(header);
  std::size_t line = 2;
  for (auto& fields : rows) table.rows.push_back(csv::Record{line++, std::move(fields)});
  return table;
}

// For tables expected to map: a whole-file failure is reported and an empty plan returned.
ImportPlan plan_table(const csv::Table& table, const PlanOptions& options = {}) {
  Result<ImportPlan> plan = plan_import_table(table, options);
  EXPECT_TRUE(plan.has_value()) << plan.error().message;
  return plan ? std::move(plan).value() : ImportPlan{};
}

// A table with an id, a name and one column under test.
ImportPlan plan_column(const std::string& header, const std::vector<std::string>& values,
                       const PlanOptions& options = {}) {
  Rows rows;
  for (std::size_t i = 0; i < values.size(); ++i)
    rows.push_back({"P-" + std::to_string(i + 1), "Anna", "Peeters", values[i]});
  return plan_table(make_table({"external_id", "first_name", "last_name", header}, rows), options);
}

ParticipantRecord accepted(const std::string& header, const std::string& value) {
  const ImportPlan plan = plan_column(header, {value});
  EXPECT_TRUE(plan.errors.empty()) << header << " = '" << value
                                   << "': " << (plan.errors.empty() ? "" : plan.errors[0].reason);
  return plan.rows.empty() ? ParticipantRecord{} : plan.rows[0].record;
}

RowError rejected(const std::string& header, const std::string& value) {
  const ImportPlan plan = plan_column(header, {value});
  EXPECT_EQ(plan.errors.size(), 1u) << header << " = '" << value << "' was accepted";
  EXPECT_TRUE(plan.rows.empty());
  return plan.errors.empty() ? RowError{} : plan.errors[0];
}

using testing::contains;
using testing::headers_of;
// ---- Headers -----------------------------------------------------------------------------

TEST(MappingHeaders, FoldKeyIgnoresCaseAccentsAndSeparators) {
  EXPECT_EQ(fold_key("E-Mail-Adresse"), "emailadresse");
  EXPECT_EQ(fold_key("  Nom_de.famille "), "nomdefamille");
  EXPECT_EQ(fold_key("Straße"), "strasse");
  EXPECT_EQ(fold_key("Œuvre Ærø"), "oeuvreaero");
  EXPECT_EQ(fold_key("Łódź Dvořák"), "lodzdvorak");
  EXPECT_EQ(fold_key("Type d'organisation"), "typedorganisation");
  EXPECT_EQ(fold_key("Attendee #"), "attendee");
  EXPECT_EQ(fold_key("Ticket/Code:"), "ticketcode");
  EXPECT_EQ(fold_key("PRÉNOM"), "prenom");
  EXPECT_EQ(fold_key("Δ×"), "Δ×");  // outside the Latin table: unchanged
}

TEST(MappingHeaders, CanonicalHeaderMapsExactly) {
  const std::vector<std::string> header{
      "external_id", "first_name",        "last_name", "email", "organisation", "country",      "region",
      "sector",      "organisation_type", "language",  "role",  "tags",         "ticket_codes", "status"};
  const ImportPlan plan = plan_table(make_table(header, {}));
  const std::vector<Field> fields{Field::external_id, Field::ticket_code,  Field::first_name, Field::last_name,
                                  Field::email,       Field::organisation, Field::country,    Field::region,
                                  Field::sector,      Field::org_type,     Field::language,   Field::role,
                                  Field::tags,        Field::status};
  ASSERT_EQ(plan.mapping.size(), fields.size());
  for (const Field field : fields) {
    const std::string name = field == Field::ticket_code ? "ticket_codes"
                             : field == Field::org_type  ? "organisation_type"
                                                         : std::string(to_string(field));
    EXPECT_EQ(headers_of(plan, field), std::vector<std::string>{name});
  }
  EXPECT_TRUE(plan.ignored_columns.empty());
  EXPECT_EQ(plan.preset, Preset::automatic);
}

TEST(MappingHeaders, SynonymsInFourLanguages) {
  const std::vector<std::pair<Field, std::vector<std::string>>> cases{
      {Field::first_name, {"First Name", "Firstname", "Given name", "Prénom", "Vorname", "Voornaam", "  PRÉNOM "}},
      {Field::last_name,
       {"Last Name", "Surname", "Family name", "Nom", "Nom de famille", "Nachname", "Familienname", "Achternaam",
        "NOM-DE-FAMILLE"}},
      {Field::full_name, {"Name", "Full name", "Nom complet", "Attendee name"}},
      {Field::organisation,
       {"Organisation", "Organization", "Company", "Société", "Entreprise", "Organisme", "Firma", "Unternehmen",
        "Organisatie", "Bedrijf", "Institution"}},
      {Field::country, {"Country", "Pays", "Land"}},
      {Field::email, {"Email", "E-mail", "Courriel", "Adresse e-mail", "E-Mail-Adresse", "Mail", "e_mail"}},
      {Field::external_id,
       {"External ID", "ID", "Registration ID", "Attendee ID", "Participant ID", "Identifiant", "Teilnehmer-ID",
        "Deelnemer ID"}},
      {Field::ticket_code, {"Ticket code", "Barcode", "Secret", "Code", "Ticket secret"}},
      {Field::sector, {"Sector", "Secteur", "Branche"}},
      {Field::org_type, {"Organisation type", "Type", "Type d'organisation", "Organisationstyp", "Type organisatie"}},
      {Field::language, {"Language", "Langue", "Sprache", "Taal"}},
      {Field::role, {"Role", "Rôle", "Function", "Fonction", "Funktion", "Functie", "Job title"}},
      {Field::tags, {"Tags", "Sessions", "Workshops", "Ateliers"}},
      {Field::status, {"Status", "Statut", "Etat", "État"}},
      {Field::region, {"Region", "Région", "Bundesland", "Provincie", "Province"}}};
  for (const auto& [field, headers] : cases)
    for (const std::string& header : headers) {
      const std::optional<Field> matched = field_for_header(header);
      ASSERT_TRUE(matched.has_value()) << header;
      EXPECT_EQ(*matched, field) << header << " matched " << to_string(*matched);
    }
  for (const std::string header : {"Dietary needs", "Order #", "Ticket Type", "Order Type"})
    EXPECT_FALSE(field_for_header(header).has_value()) << header;
}

TEST(MappingHeaders, SynonymTableHasNoAmbiguousEntry) {
  std::map<std::string, Field> seen;
  for (const auto& [field, word] : header_synonyms()) {
    const auto [it, inserted] = seen.emplace(fold_key(word), field);
    EXPECT_TRUE(inserted || it->second == field)
        << "'" << word << "' is listed for " << to_string(field) << " and " << to_string(it->second);
  }
}

TEST(MappingHeaders, UnknownColumnsAreReportedAsIgnored) {
  const ImportPlan plan = plan_table(make_table({"ID", "Vorname", "Nachname", "Dietary needs", "T-shirt"}, {}));
  EXPECT_EQ(plan.ignored_columns, (std::vector<std::string>{"Dietary needs", "T-shirt"}));
}

TEST(MappingHeaders, SingleValueFieldTakesFirstNonEmptyColumn) {
  const ImportPlan plan = plan_table(make_table(
      {"ID", "Name", "Email", "E-mail address"},
      {{"1", "Anna Peeters", "", "anna@example.be"}, {"2", "Bram Claes", "bram@example.be", "other@example.be"}}));
  ASSERT_EQ(plan.rows.size(), 2u);
  EXPECT_EQ(plan.rows[0].record.email, "anna@example.be");
  EXPECT_EQ(plan.rows[1].record.email, "bram@example.be");
  EXPECT_EQ(headers_of(plan, Field::email), (std::vector<std::string>{"Email", "E-mail address"}));
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_TRUE(contains(plan.warnings[0], "first of them that is not empty"));
}

TEST(MappingHeaders, SecondIdLikeColumnIsIgnored) {
  const ImportPlan plan = plan_table(make_table({"ID", "Participant ID", "Name"}, {{"7", "P-7", "Anna Peeters"}}));
  ASSERT_EQ(plan.rows.size(), 1u);
  EXPECT_EQ(plan.rows[0].record.external_id, "7");
  EXPECT_EQ(plan.ignored_columns, (std::vector<std::string>{"Participant ID"}));
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_TRUE(contains(plan.warnings[0], "'Participant ID'"));
}

TEST(MappingHeaders, NameNextToFirstNameIsTheLastName) {
  const ImportPlan plan = plan_table(make_table({"ID", "Vorname", "Name"}, {{"1", "Jürgen", "Weiß"}}));
  ASSERT_EQ(plan.rows.size(), 1u);
  EXPECT_EQ(plan.rows[0].record.first_name, "Jürgen");
  EXPECT_EQ(plan.rows[0].record.last_name, "Weiß");
  EXPECT_EQ(headers_of(plan, Field::last_name), (std::vector<std::string>{"Name"}));
  EXPECT_EQ(plan.warnings.size(), 1u);
}

TEST(MappingHeaders, FullNameIgnoredWhenFirstAndLastExist) {
  const ImportPlan plan =
      plan_table(make_table({"ID", "First name", "Last name", "Full name"}, {{"1", "Eva", "Smet", "x y"}}));
  ASSERT_EQ(plan.rows.size(), 1u);
  EXPECT_EQ(plan.rows[0].record.last_name, "Smet");
  EXPECT_EQ(plan.ignored_columns, (std::vector<std::string>{"Full name"}));
}

// ---- Required columns and row rules ------------------------------------------------------

TEST(MappingRequired, MissingExternalIdFailsTheWholeFile) {
  const Result<ImportPlan> plan = plan_import_table(make_table({"Prénom", "Nom"}, {{"Amélie", "Dubois"}}), {});
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code, Errc::invalid_input);
  EXPECT_TRUE(contains(plan.error().message, "external id"));
  EXPECT_TRUE(contains(plan.error().message, "add a column"));
  EXPECT_TRUE(contains(plan.error().message, "mapping file"));
  EXPECT_TRUE(contains(plan.error().message, "(columns found: 'Prénom', 'Nom')")) << plan.error().message;
}

TEST(MappingRequired, MissingNameColumnsFailTheWholeFile) {
  for (const std::vector<std::string>& header :
       {std::vector<std::string>{"ID", "Email"}, std::vector<std::string>{"ID", "Nachname"}}) {
    const Result<ImportPlan> plan = plan_import_table(make_table(header, {}), {});
    ASSERT_FALSE(plan.has_value()) << header[1];
    EXPECT_EQ(plan.error().code, Errc::invalid_input);
    EXPECT_TRUE(contains(plan.error().message, "no columns for the participants' names")) << plan.error().message;
  }
}

TEST(MappingRequired, EmptyExternalIdOrNameIsARowError) {
  const ImportPlan plan = plan_table(
      make_table({"ID", "First name", "Last name"}, {{"", "Anna", "Peeters"}, {"2", " ", ""}, {"3", "", "Claes"}}));
  ASSERT_EQ(plan.errors.size(), 2u);
  EXPECT_EQ(plan.errors[0].line, 2u);
  EXPECT_EQ(plan.errors[0].column, "ID");
  EXPECT_TRUE(contains(plan.errors[0].reason, "external id is empty"));
  EXPECT_EQ(plan.errors[1].line, 3u);
  EXPECT_EQ(plan.errors[1].column, "First name");
  EXPECT_TRUE(contains(plan.errors[1].reason, "name is empty"));
  ASSERT_EQ(plan.rows.size(), 1u);  // a last name alone is enough
  EXPECT_EQ(plan.rows[0].record.last_name, "Claes");
}

TEST(MappingRequired, FullNameSplitsAtTheLastSpace) {
  const ImportPlan plan = plan_table(make_table(
      {"ID", "Nom complet"}, {{"1", "Jean-Pierre van der Berg"}, {"2", "Stromae"}, {"3", " Inès  Martín "}}));
  ASSERT_EQ(plan.rows.size(), 3u);
  EXPECT_EQ(plan.rows[0].record.first_name, "Jean-Pierre van der");
  EXPECT_EQ(plan.rows[0].record.last_name, "Berg");
  EXPECT_EQ(plan.rows[1].record.first_name, "Stromae");
  EXPECT_EQ(plan.rows[1].record.last_name, "");
  EXPECT_EQ(plan.rows[2].record.first_name, "Inès");
  EXPECT_EQ(plan.rows[2].record.last_name, "Martín");
}

TEST(MappingRequired, DuplicatesAreErrorsOnTheLaterRowNamingTheEarlierLine) {
  csv::Table table = make_table({"ID", "Name", "Email", "Barcode"}, {{"A1", "Anna Peeters", "bad-email", "T1"},
                                                                     {"A2", "Bram Claes", "", "T2 T3"},
                                                                     {"A1", "Anna Peeters", "", "T4"},
                                                                     {"A4", "Chloé Lambert", "", "T5;T3"}});
  table.rows[1].line = 4;  // a quoted newline in row 1 pushes the later rows down
  table.rows[2].line = 5;
  table.rows[3].line = 6;
  const ImportPlan plan = plan_table(table);
  ASSERT_EQ(plan.errors.size(), 3u);
  EXPECT_EQ(plan.errors[0].line, 2u);  // the bad email; its id still counts as used
  EXPECT_EQ(plan.errors[1].line, 5u);
  EXPECT_EQ(plan.errors[1].column, "ID");
  EXPECT_TRUE(contains(plan.errors[1].reason, "external id 'A1' is already used on line 2"));
  EXPECT_EQ(plan.errors[2].line, 6u);
  EXPECT_EQ(plan.errors[2].column, "Barcode");
  EXPECT_TRUE(contains(plan.errors[2].reason, "ticket code 'T3' is already used on line 4"));
  ASSERT_EQ(plan.rows.size(), 1u);
  EXPECT_EQ(plan.rows[0].line, 4u);
}

// Issue #14: rows stored as they are but worth a look, named by line as row errors are.
TEST(ImportRowWarnings, NoLastNameAndSharedEmailsAreNamedByLine) {
  const ImportPlan plan =
      plan_table(make_table({"ID", "Prénom", "Nom", "E-mail"}, {{"1", "Anna", "Peeters", "anna@ex.eu"},
                                                                {"2", "Stromae", "", "team@ex.eu"},
                                                                {"3", "Bram", "Claes", "Team@Ex.eu"},
                                                                {"4", "Chloé", "Lambert", ""},
                                                                {"5", "Dirk", "", ""},
                                                                {"6", "Eva", "Claes", "team@ex.eu"},
                                                                {"7", "Frank", "Peeters", "frank@ex.eu"}}));
  EXPECT_TRUE(plan.errors.empty());
  ASSERT_EQ(plan.rows.size(), 7u) << "warnings stop nothing";
  std::vector<std::string> described;
  for (const auto& warning : plan.row_warnings) described.push_back(describe(warning));
  EXPECT_EQ(described, (std::vector<std::string>{"line 3: no last name", "lines 3, 4 and 7 share the email team@ex.eu",
                                                 "line 6: no last name"}));
}

TEST(ImportRowWarnings, TwoRowsSharingAnEmailAreOneWarningAndARowWithAnErrorIsNotCounted) {
  const ImportPlan plan = plan_table(
      make_table({"ID", "First name", "Last name", "Email", "Country"}, {{"A", "Anna", "Peeters", "a@b.eu", "BE"},
                                                                         {"B", "Bram", "Claes", "a@b.eu", "Atlantis"},
                                                                         {"C", "Chloé", "Lambert", "a@b.eu", "FR"}}));
  ASSERT_EQ(plan.errors.size(), 1u);
  ASSERT_EQ(plan.row_warnings.size(), 1u);
  EXPECT_EQ(describe(plan.row_warnings[0]), "lines 2 and 4 share the email a@b.eu");
}

TEST(MappingRequired, EachRowHasAtMostOneError) {
  const ImportPlan plan = plan_column("Email", {"nope"});
  const ImportPlan worse =
      plan_table(make_table({"ID", "Name", "Email", "Country", "Status"}, {{"1", "A B", "x", "ZZ", "??"}}));
  EXPECT_EQ(plan.errors.size(), 1u);
  EXPECT_EQ(worse.errors.size(), 1u);
}

TEST(MappingRequired, EmptyRowsAreSkippedAndShortRowsPadded) {
  const ImportPlan plan = plan_table(make_table(
      {"ID", "Name", "Email", "Pays"}, {{"1", "Anna Peeters"}, {"", "", " ", ""}, {"2", "Bram Claes", "", "", ""}}));
  EXPECT_TRUE(plan.errors.empty());
  ASSERT_EQ(plan.rows.size(), 2u);
  EXPECT_EQ(plan.rows[1].line, 4u);
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_TRUE(contains(plan.warnings[0], "1 row(s) with only empty cells"));
}

TEST(MappingRequired, ExtraNonEmptyCellsAreARowError) {
  const ImportPlan plan = plan_table(make_table({"ID", "Name"}, {{"1", "Anna Peeters", "surprise"}}));
  ASSERT_EQ(plan.errors.size(), 1u);
  EXPECT_EQ(plan.errors[0].column, "");
  EXPECT_TRUE(contains(plan.errors[0].reason, "3 values but the header has 2 columns"));
}

// ---- Cell values -------------------------------------------------------------------------

TEST(MappingValues, CellsAreTrimmed) {
  const ParticipantRecord record = accepted("Organisation", "  Agoria \xC2\xA0");
  EXPECT_EQ(record.organisation, "Agoria");
}

TEST(MappingValues, EmailIsCheckedLoosely) {
  for (const std::string email : {"anna@example.be", "a.b+c@sub.example.co.uk", "é@exämple.de"})
    EXPECT_EQ(accepted("Email", email).email, email);
  EXPECT_EQ(accepted("Email", "").email, "");
  for (const std::string email : {"anna", "anna@example", "anna@@example.be", "a@b@c.de", "anna peeters@example.be",
                                  "@example.be", "anna@.be", "anna@example.", "anna@example..be"}) {
    const RowError error = rejected("Email", email);
    EXPECT_EQ(error.column, "Email");
    EXPECT_TRUE(contains(error.reason, "invalid email '" + email + "'")) << error.reason;
  }
}

TEST(MappingValues, CountryAcceptsCodesAndNames) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
      {"BE", {"be", "BEL", "Belgium", "Belgique", "België", "Belgie", "Belgien"}},
      {"DE", {"DEU", "Germany", "Allemagne", "Deutschland", "Duitsland"}},
      {"NL", {"nld", "Netherlands", "Pays-Bas", "Niederlande", "Nederland"}},
      {"FR", {"France", "Frankreich", "Frankrijk"}},
      {"LU", {"Luxembourg", "Luxemburg"}},
      {"DK", {"Denmark", "Danemark", "Dänemark", "Denemarken"}},
      {"GB", {"GBR", "UK", "United Kingdom", "Royaume-Uni"}},
      {"CH", {"CHE", "Schweiz", "Suisse"}},
      {"GR", {"EL", "Greece"}},
      {"AT", {"ÖSTERREICH"}},
      {"NO", {"Norvège"}},
      {"IS", {"Ísland"}},
      {"PL", {"Polska"}},
      {"CZ", {"Česko", "Tsjechië"}},
      {"HU", {"Hongrie"}},
      {"ES", {"Spanien"}},
      {"SE", {"Zweden"}},
      {"JP", {"JP"}},
      {"AX", {"ax"}}};
  for (const auto& [code, texts] : cases)
    for (const std::string& text : texts) EXPECT_EQ(accepted("Country", text).country, code) << text;
  for (const std::string text : {"Germania", "XZ", "XK", "JPN", "Belgiumm", "B E"}) {
    const RowError error = rejected("Country", text);
    EXPECT_EQ(error.column, "Country");
    EXPECT_TRUE(contains(error.reason, "unknown country '" + text + "'")) << error.reason;
  }
}

TEST(MappingValues, CountryNameTableIsConsistent) {
  std::map<std::string, std::string_view> seen;
  for (const auto& [code, name] : country_names()) {
    EXPECT_TRUE(is_iso_alpha2(code)) << code;
    const auto [it, inserted] = seen.emplace(fold_key(name), code);
    EXPECT_TRUE(inserted || it->second == code) << name << ": " << code << " and " << it->second;
  }
  std::set<std::string> eu{"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
                           "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT",
                           "RO", "SK", "SI", "ES", "SE", "GB", "CH", "NO", "IS"};
  for (const auto& [code, name] : country_names()) eu.erase(std::string(code));
  EXPECT_TRUE(eu.empty()) << "no names for " << *eu.begin();
}

TEST(MappingValues, LanguageAcceptsCodesNamesAndLocales) {
  const std::vector<std::pair<Language, std::vector<std::string>>> cases{
      {Language::en, {"en", "English", "Anglais", "Engels", "Englisch", "en_GB"}},
      {Language::fr, {"FR", "Français", "francais", "Französisch", "Frans", "fr_BE"}},
      {Language::de, {"Deutsch", "Allemand", "Duits", "German", "de-informal"}},
      {Language::nl, {"Nederlands", "Néerlandais", "Niederländisch", "Dutch", "nl-BE"}}};
  for (const auto& [language, texts] : cases)
    for (const std::string& text : texts) EXPECT_EQ(accepted("Language", text).language, language) << text;
  EXPECT_EQ(accepted("Langue", "").language, Language::en);
}

TEST(MappingValues, UnknownLanguageWarnsOnceAndFallsBackToEnglish) {
  const ImportPlan plan = plan_column("Sprache", {"Italiano", "Deutsch", "Italiano", "es_ES"});
  EXPECT_TRUE(plan.errors.empty());
  ASSERT_EQ(plan.rows.size(), 4u);
  EXPECT_EQ(plan.rows[0].record.language, Language::en);
  EXPECT_EQ(plan.rows[1].record.language, Language::de);
  ASSERT_EQ(plan.warnings.size(), 2u);
  EXPECT_TRUE(contains(plan.warnings[0], "'Italiano' (first on line 2)"));
  EXPECT_TRUE(contains(plan.warnings[1], "'es_ES'"));
}

TEST(MappingValues, OrganisationTypeSynonyms) {
  const std::vector<std::pair<OrgType, std::vector<std::string>>> cases{
      {OrgType::sme, {"sme", "SME", "PME", "KMU", "MKB", "KMO"}},
      {OrgType::large_company,
       {"large_company", "Large company", "Grande entreprise", "Großunternehmen", "Groot bedrijf"}},
      {OrgType::university, {"University", "Université", "Universität", "Universiteit", "Hogeschool"}},
      {OrgType::research_centre,
       {"research_centre", "Research centre", "Research center", "Centre de recherche", "Forschungszentrum",
        "Onderzoekscentrum", "Research institute"}},
      {OrgType::support_organisation,
       {"support_organisation", "Support organisation", "Cluster", "Chamber of commerce", "CCI", "IHK", "Agency"}}};
  for (const auto& [type, texts] : cases)
    for (const std::string& text : texts) EXPECT_EQ(accepted("Type", text).org_type, type) << text;
  EXPECT_EQ(accepted("Type", "").org_type, OrgType::unspecified);
  const RowError error = rejected("Organisation type", "Other");
  EXPECT_EQ(error.column, "Organisation type");
  EXPECT_TRUE(contains(error.reason, "unknown organisation type 'Other'"));
  EXPECT_TRUE(contains(error.reason, "SME, large company, university, research centre"));
}

TEST(MappingValues, StatusSynonyms) {
  const std::vector<std::pair<ParticipantStatus, std::vector<std::string>>> cases{
      {ParticipantStatus::registered, {"registered", "Confirmed", "paid", "Attending", "Inscrit"}},
      {ParticipantStatus::cancelled, {"cancelled", "canceled", "Annulé", "storniert", "geannuleerd", "Refunded"}},
      {ParticipantStatus::blocked, {"blocked", "Bloqué", "gesperrt", "geblokkeerd"}}};
  for (const auto& [status, texts] : cases)
    for (const std::string& text : texts) EXPECT_EQ(accepted("Status", text).status, status) << text;
  EXPECT_EQ(accepted("Status", "").status, ParticipantStatus::registered);
  const RowError error = rejected("Statut", "liste d'attente");
  EXPECT_EQ(error.column, "Statut");
  EXPECT_TRUE(contains(error.reason, "unknown status 'liste d'attente'"));
}

TEST(MappingValues, TagsAreSplitLowerCasedSlugsMergedAcrossColumns) {
  const ImportPlan plan = plan_table(make_table(
      {"ID", "Name", "Workshops", "Sessions"}, {{"1", "Anna Peeters", "WS-AI; ws_b | Ws-C,ws-d  ws-e", "ws-f ws-ai"}}));
  ASSERT_EQ(plan.rows.size(), 1u);
  EXPECT_EQ(plan.rows[0].record.tags, (std::vector<std::string>{"ws-ai", "ws_b", "ws-c", "ws-d", "ws-e", "ws-f"}));
  EXPECT_EQ(plan.warnings, std::vector<std::string>{});  // tags may come from many columns
  for (const std::string bad : {"ws-ai!", "énergie", "a/b"}) {
    const RowError error = rejected("Tags", "ok " + bad);
    EXPECT_EQ(error.column, "Tags");
    EXPECT_TRUE(contains(error.reason, "tag '" + bad + "'")) << error.reason;
  }
}

TEST(MappingValues, TicketCodesAreSplitKeptVerbatimAndMerged) {
  const ImportPlan plan = plan_table(
      make_table({"ID", "Name", "Ticket code", "Barcode"}, {{"1", "Anna Peeters", "AbC;DEF|g h,AbC", "XY-9"}}));
  ASSERT_EQ(plan.rows.size(), 1u);
  EXPECT_EQ(plan.rows[0].record.ticket_codes, (std::vector<std::string>{"AbC", "DEF", "g", "h", "XY-9"}));
}

// ---- Presets -----------------------------------------------------------------------------

TEST(MappingPresets, NamesAndFieldNames) {
  EXPECT_EQ(parse_preset("eventbrite"), Preset::eventbrite);
  EXPECT_EQ(parse_preset("Pretix"), Preset::pretix);
  EXPECT_EQ(parse_preset("auto"), Preset::automatic);
  EXPECT_EQ(parse_preset("automatic"), Preset::automatic);
  EXPECT_FALSE(parse_preset("registar").has_value());
  EXPECT_EQ(to_string(Field::org_type), "org_type");
  EXPECT_EQ(to_string(Field::ticket_code), "ticket_code");
}

TEST(MappingPresets, EventbriteIsDetectedAndItsStatusesMapped) {
  const std::vector<std::string> header{"Order #",   "First Name",      "Last Name", "Email",    "Attendee #",
                                        "Barcode #", "Attendee Status", "Company",   "Job Title"};
  Rows rows;
  const std::vector<std::pair<std::string, ParticipantStatus>> statuses{
      {"Attending", ParticipantStatus::registered},    {"Checked In", ParticipantStatus::registered},
      {"Not Attending", ParticipantStatus::cancelled}, {"Deleted", ParticipantStatus::cancelled},
      {"Refunded", ParticipantStatus::cancelled},      {"Cancelled", ParticipantStatus::cancelled}};
  for (std::size_t i = 0; i < statuses.size(); ++i)
    rows.push_back({"881", "Eva", "Smet", "", "15" + std::to_string(i), "B" + std::to_string(i), statuses[i].first,
                    "Agoria", "Advisor"});
  const ImportPlan plan = plan_table(make_table(header, rows));
  EXPECT_EQ(plan.preset, Preset::eventbrite);
  ASSERT_EQ(plan.rows.size(), statuses.size());
  for (std::size_t i = 0; i < statuses.size(); ++i)
    EXPECT_EQ(plan.rows[i].record.status, statuses[i].second) << statuses[i].first;
  EXPECT_EQ(plan.rows[0].record.external_id, "150");
  EXPECT_EQ(plan.rows[0].record.ticket_codes, std::vector<std::string>{"B0"});
  EXPECT_EQ(plan.rows[0].record.organisation, "Agoria");
  EXPECT_EQ(plan.rows[0].record.role, "Advisor");
  EXPECT_EQ(plan.ignored_columns, std::vector<std::string>{"Order #"});
}

TEST(MappingPresets, PretixIdIsOrderCodeDashPositionAndNamesAreSplit) {
  const std::vector<std::string> header{"Event slug", "Order code",    "Position ID",    "Status",
                                        "Email",      "Attendee name", "Attendee email", "Ticket secret"};
  const ImportPlan plan =
      plan_table(make_table(header, {{"ev", "K7PQR", "1", "paid", "o@x.be", "Amélie Dubois", "", "s1"},
                                     {"ev", "K7PQR", "2", "pending", "o@x.be", "Jérôme Lefèvre", "j@x.be", "s2"},
                                     {"ev", "T3BVE", "1", "canceled", "t@x.be", "Zoë Janssens", "", "s3"},
                                     {"ev", "V5CJN", "1", "expired", "v@x.be", "Inès Martín", "", "s4"},
                                     {"ev", "", "1", "paid", "w@x.be", "Daan Bakker", "", "s5"}}));
  EXPECT_EQ(plan.preset, Preset::pretix);
  ASSERT_EQ(plan.rows.size(), 4u);
  EXPECT_EQ(plan.rows[0].record.external_id, "K7PQR-1");
  EXPECT_EQ(plan.rows[1].record.external_id, "K7PQR-2");
  EXPECT_EQ(plan.rows[0].record.first_name, "Amélie");
  EXPECT_EQ(plan.rows[0].record.last_name, "Dubois");
  EXPECT_EQ(plan.rows[0].record.email, "o@x.be");  // attendee email empty: the order's
  EXPECT_EQ(plan.rows[1].record.email, "j@x.be");
  EXPECT_EQ(plan.rows[1].record.status, ParticipantStatus::registered);
  EXPECT_EQ(plan.rows[2].record.status, ParticipantStatus::cancelled);
  EXPECT_EQ(plan.rows[3].record.status, ParticipantStatus::cancelled);
  EXPECT_EQ(plan.rows[3].record.ticket_codes, std::vector<std::string>{"s4"});
  EXPECT_EQ(headers_of(plan, Field::external_id), (std::vector<std::string>{"Order code", "Position ID"}));
  ASSERT_EQ(plan.errors.size(), 1u);
  EXPECT_EQ(plan.errors[0].column, "Order code");
}

TEST(MappingPresets, ExplicitPresetOnAnotherFileFails) {
  const csv::Table table = make_table({"ID", "Name"}, {{"1", "Anna Peeters"}});
  for (const Preset preset : {Preset::eventbrite, Preset::pretix}) {
    PlanOptions options;
    options.preset = preset;
    const Result<ImportPlan> plan = plan_import_table(table, options);
    ASSERT_FALSE(plan.has_value());
    EXPECT_EQ(plan.error().code, Errc::invalid_input);
    EXPECT_TRUE(contains(plan.error().message, "does not look like")) << plan.error().message;
  }
}

// ---- Mapping files -----------------------------------------------------------------------

constexpr std::string_view kRegiStarMapping = R"(# mapping for RegiStar exports
exclusive = false
[columns]
external_id = "Reg No"
first_name = "Given"
tags = ["Workshop 1", "Workshop 2"]
[status]
"Confirmed" = "registered"
"Withdrawn" = "cancelled"
)";

TEST(MappingFile, ParsesColumnsListsAndStatusTable) {
  const Result<MappingSpec> spec = parse_mapping_toml(kRegiStarMapping, "registar.toml");
  ASSERT_TRUE(spec.has_value()) << spec.error().message;
  EXPECT_FALSE(spec->exclusive);
  EXPECT_EQ(spec->columns.at(Field::external_id), std::vector<std::string>{"Reg No"});
  EXPECT_EQ(spec->columns.at(Field::tags), (std::vector<std::string>{"Workshop 1", "Workshop 2"}));
  EXPECT_EQ(spec->status_values.at("Withdrawn"), "cancelled");
  const Result<MappingSpec> aliases = parse_mapping_toml(
      "exclusive = true\n[columns]\nticket_codes = \"Code\"\n"
      "organisation_type = \"Kind\"\n",
      "a.toml");
  ASSERT_TRUE(aliases.has_value()) << aliases.error().message;
  EXPECT_TRUE(aliases->exclusive);
  EXPECT_EQ(aliases->columns.count(Field::ticket_code), 1u);
  EXPECT_EQ(aliases->columns.count(Field::org_type), 1u);
}

TEST(MappingFile, ErrorsNameTheFileTheLineAndTheKey) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases{
      {"[columns]\nfrist_name = \"Given\"\n", "registar.toml:2:", "'frist_name'"},
      {"[status]\n\"Confirmed\" = \"ok\"\n", "registar.toml:2:", "'Confirmed'"},
      {"[columns]\nfirst_name = 3\n", "registar.toml:2:", "first_name"},
      {"[columns]\ntags = []\n", "registar.toml:2:", "tags"},
      {"[columns]\ntags = [\"a\", 2]\n", "registar.toml:2:", "tags"},
      {"exclusive = \"yes\"\n", "registar.toml:1:", "exclusive"},
      {"columns = 3\n", "registar.toml:1:", "columns"},
      {"colums = 3\n", "registar.toml:1:", "'colums'"},
      {"[columns]\nfirst_name = \"Given\n", "registar.toml:2:", ""},  // toml++ parse error
  };
  for (const auto& [text, where, key] : cases) {
    const Result<MappingSpec> spec = parse_mapping_toml(text, "registar.toml");
    ASSERT_FALSE(spec.has_value()) << text;
    EXPECT_EQ(spec.error().code, Errc::invalid_input);
    EXPECT_TRUE(contains(spec.error().message, where)) << spec.error().message;
    EXPECT_TRUE(contains(spec.error().message, key)) << spec.error().message;
  }
}

TEST(MappingFile, ColumnAbsentFromTheFileFailsNamingTheFileAndTheKey) {
  PlanOptions options;
  options.mapping = *parse_mapping_toml(kRegiStarMapping, "registar.toml");
  EXPECT_EQ(options.mapping->source, "registar.toml");
  const Result<ImportPlan> plan =
      plan_import_table(make_table({"Reg No", "Given", "Surname", "Workshop 1"}, {{"1", "A", "B", "x"}}), options);
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code, Errc::invalid_input);
  EXPECT_EQ(plan.error().message,
            "registar.toml: [columns] tags names column 'Workshop 2', which is not in the file "
            "(columns found: 'Reg No', 'Given', 'Surname', 'Workshop 1')");
  const Result<ImportPlan> direct = plan_import("Reg No,Given,Surname\n1,A,B\n", options);
  ASSERT_FALSE(direct.has_value());
  EXPECT_EQ(direct.error().code, Errc::invalid_input);
  EXPECT_TRUE(contains(direct.error().message, "registar.toml: [columns] tags names column 'Workshop 1'"))
      << direct.error().message;

  MappingSpec built_in_code;  // no file behind it
  built_in_code.columns[Field::email] = {"Mail address"};
  options.mapping = built_in_code;
  const Result<ImportPlan> unnamed = plan_import_table(make_table({"ID", "Name"}, {}), options);
  ASSERT_FALSE(unnamed.has_value());
  EXPECT_TRUE(contains(unnamed.error().message, "mapping file: [columns] email names column"))
      << unnamed.error().message;
}

TEST(MappingFile, MappingWinsOverSynonymsAndTranslatesStatuses) {
  PlanOptions options;
  options.mapping = *parse_mapping_toml(kRegiStarMapping, "registar.toml");
  const ImportPlan plan =
      plan_table(make_table({"ID", "Reg No", "Given", "Surname", "Workshop 1", "Workshop 2", "Status"},
                            {{"9", "R-1", "Eva", "Smet", "Robotics", "cobots", "Confirmed"},
                             {"8", "R-2", "Jan", "Claes", "", "", "withdrawn"},
                             {"7", "R-3", "Ann", "Wouters", "", "", "cancelled"}}),
                 options);
  ASSERT_EQ(plan.rows.size(), 3u) << (plan.errors.empty() ? "" : plan.errors[0].reason);
  EXPECT_EQ(plan.rows[0].record.external_id, "R-1");
  EXPECT_EQ(plan.rows[0].record.tags, (std::vector<std::string>{"robotics", "cobots"}));
  EXPECT_EQ(plan.rows[0].record.status, ParticipantStatus::registered);
  EXPECT_EQ(plan.rows[1].record.status, ParticipantStatus::cancelled);
  EXPECT_EQ(plan.rows[2].record.status, ParticipantStatus::cancelled);  // general synonyms
  EXPECT_EQ(plan.rows[0].record.last_name, "Smet");                     // not named: matched automatically
  EXPECT_EQ(plan.ignored_columns, std::vector<std::string>{"ID"});
}

TEST(MappingFile, ExclusiveMappingIgnoresUnnamedColumns) {
  PlanOptions options;
  options.mapping =
      *parse_mapping_toml("exclusive = true\n[columns]\nexternal_id = \"ID\"\nfull_name = \"Who\"\n", "x.toml");
  const ImportPlan plan =
      plan_table(make_table({"ID", "Who", "Email", "Country"}, {{"1", "Eva Smet", "e@x.be", "BE"}}), options);
  ASSERT_EQ(plan.rows.size(), 1u);
  EXPECT_EQ(plan.rows[0].record.email, "");
  EXPECT_EQ(plan.rows[0].record.country, "");
  EXPECT_EQ(plan.ignored_columns, (std::vector<std::string>{"Email", "Country"}));
}

}  // namespace
}  // namespace passerelle::import
