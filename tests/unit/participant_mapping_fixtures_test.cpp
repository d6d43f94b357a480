// The example exports in tests/data/import, end to end through csv::parse and the mapping.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "core/import/participant_mapping.h"
#include "tests/support/test_support.h"
#include "tests/unit/import_plan_helpers.h"

#ifndef PASSERELLE_TEST_DATA_DIR
#error "PASSERELLE_TEST_DATA_DIR must name the tests/data directory"
#endif

namespace passerelle::import {
namespace {

std::string fixture_path(const std::string& name) {
  return std::string(PASSERELLE_TEST_DATA_DIR) + "/import/" + name;
}

std::string fixture(const std::string& name) {
  std::ifstream in(fixture_path(name), std::ios::binary);
  EXPECT_TRUE(in) << "missing fixture " << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ImportPlan plan_fixture(const std::string& name, const PlanOptions& options = {}) {
  Result<ImportPlan> plan = plan_import(fixture(name), options);
  EXPECT_TRUE(plan.has_value()) << name << ": " << (plan ? "" : plan.error().message);
  return plan ? std::move(plan).value() : ImportPlan{};
}

using testing::contains;
const ParticipantRecord* find(const ImportPlan& plan, const std::string& external_id) {
  for (const MappedRow& row : plan.rows)
    if (row.record.external_id == external_id) return &row.record;
  return nullptr;
}

using testing::headers_of;
TEST(MappingFixtures, MappingFileLoadsFromDiskOrReportsIo) {
  const Result<MappingSpec> missing = load_mapping_file("/nonexistent/mapping.toml");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, Errc::io);
  const Result<MappingSpec> spec = load_mapping_file(fixture_path("custom_mapping.toml"));
  ASSERT_TRUE(spec.has_value()) << spec.error().message;
  EXPECT_EQ(spec->source, fixture_path("custom_mapping.toml"));
  EXPECT_EQ(spec->columns.size(), 8u);
  EXPECT_EQ(spec->status_values.at("On hold"), "blocked");
}

// A mapping file is bounded before it is read, as the B2B ones are (core/import/mapping_toml.h).
TEST(MappingFixtures, AMappingFileOverSixtyFourKibibytesIsRefusedUnread) {
  const passerelle::testing::TempDir dir;
  passerelle::testing::write_file(dir.file("big.toml"),
                                  "# " + std::string(64 * 1024, 'x') + "\n[columns]\nexternal_id = \"Id\"\n");
  const Result<MappingSpec> big = load_mapping_file(dir.file("big.toml"));
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().code, Errc::invalid_input);
  EXPECT_NE(big.error().message.find("at most 64 KiB"), std::string::npos) << big.error().message;
}

TEST(MappingFixtures, EventbriteAttendeeReport) {
  const ImportPlan plan = plan_fixture("eventbrite_attendees.csv");
  EXPECT_EQ(plan.preset, Preset::eventbrite);
  EXPECT_TRUE(plan.errors.empty());
  ASSERT_EQ(plan.rows.size(), 10u);
  EXPECT_EQ(plan.rows[0].line, 2u);
  EXPECT_EQ(headers_of(plan, Field::external_id), std::vector<std::string>{"Attendee #"});
  const ParticipantRecord* amelie = find(plan, "1523456001");
  ASSERT_NE(amelie, nullptr);
  ParticipantRecord expected;
  expected.external_id = "1523456001";
  expected.ticket_codes = {"152345600115234560011001"};
  expected.first_name = "Amélie";
  expected.last_name = "Dubois";
  expected.email = "amelie.dubois@wallonie-tech.example";
  expected.organisation = "Wallonie Tech Cluster";
  expected.country = "BE";
  expected.role = "Chargée de projets";
  expected.tags = {"ws-ai", "ws-hydrogen"};
  EXPECT_EQ(*amelie, expected);
  EXPECT_EQ(find(plan, "1523456002")->status, ParticipantStatus::registered);  // Checked In
  for (const std::string id : {"1523456031", "1523456044", "1523456075"})
    EXPECT_EQ(find(plan, id)->status, ParticipantStatus::cancelled) << id;
  EXPECT_EQ(find(plan, "1523456052")->organisation, "Innova Valencia, S.L.");
  EXPECT_EQ(find(plan, "1523456052")->last_name, "Martín García");
  EXPECT_EQ(find(plan, "1523456044")->first_name, "Łukasz");
}

// Real pretix exports repeat "Company": the attendee's, then the invoice address's.
TEST(MappingFixtures, PretixOrderPositions) {
  const Result<csv::Table> table = csv::parse(fixture("pretix_orders.csv"));
  ASSERT_TRUE(table.has_value()) << table.error().message;
  const Result<ImportPlan> planned = plan_import_table(*table, {});
  ASSERT_TRUE(planned.has_value()) << planned.error().message;
  const ImportPlan& plan = *planned;
  EXPECT_EQ(plan.preset, Preset::pretix);
  EXPECT_TRUE(plan.errors.empty()) << plan.errors[0].reason;
  ASSERT_EQ(plan.rows.size(), 8u);
  const ParticipantRecord* amelie = find(plan, "K7PQR-1");
  ASSERT_NE(amelie, nullptr);
  ParticipantRecord expected;
  expected.external_id = "K7PQR-1";
  expected.ticket_codes = {"tvu8kq5h4a7y3mx2cfgzbrdpwn6e9s"};
  expected.first_name = "Amélie";
  expected.last_name = "Dubois";
  expected.email = "amelie.dubois@wallonie-tech.example";
  expected.organisation = "Wallonie Tech Cluster";
  expected.country = "BE";
  expected.sector = "Digital";
  expected.org_type = OrgType::support_organisation;
  expected.language = Language::fr;
  expected.tags = {"ws-ai", "ws-hydrogen"};
  EXPECT_EQ(*amelie, expected);
  const ParticipantRecord* jerome = find(plan, "K7PQR-2");
  ASSERT_NE(jerome, nullptr);
  EXPECT_EQ(jerome->organisation, "Wallonie Tech Cluster");                 // from the invoice address
  EXPECT_EQ(jerome->email, "amelie.dubois@wallonie-tech.example");          // the order's email
  EXPECT_EQ(find(plan, "M2XWA-1")->language, Language::de);                 // "de-informal"
  EXPECT_EQ(find(plan, "R9HTL-1")->status, ParticipantStatus::registered);  // pending
  EXPECT_EQ(find(plan, "R9HTL-1")->org_type, OrgType::research_centre);
  EXPECT_EQ(find(plan, "T3BVE-1")->status, ParticipantStatus::cancelled);
  EXPECT_EQ(find(plan, "V5CJN-1")->status, ParticipantStatus::cancelled);  // expired
  EXPECT_EQ(find(plan, "Z4FGH-1")->email, "m.devries@tudelft-demo.example");
  EXPECT_EQ(headers_of(plan, Field::organisation), (std::vector<std::string>{"Company", "Company"}));
  // Only csv::parse's note on the repeated header: the preset's own choices are deliberate.
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_TRUE(contains(plan.warnings[0], "(\"Company\") have the same name")) << plan.warnings[0];
}

TEST(MappingFixtures, PretixOrderPositionsThroughPlanImport) {
  const ImportPlan plan = plan_fixture("pretix_orders.csv");
  EXPECT_EQ(plan.preset, Preset::pretix);
  EXPECT_TRUE(plan.errors.empty()) << plan.errors[0].reason;
  EXPECT_EQ(plan.rows.size(), 8u);
  EXPECT_EQ(find(plan, "K7PQR-2")->organisation, "Wallonie Tech Cluster");
}

TEST(MappingFixtures, GenericFrenchSemicolonFile) {
  const ImportPlan plan = plan_fixture("generic_fr.csv");
  EXPECT_EQ(plan.delimiter, ';');
  EXPECT_EQ(plan.encoding, csv::SourceEncoding::utf8_bom);
  EXPECT_EQ(plan.preset, Preset::automatic);
  EXPECT_TRUE(plan.errors.empty()) << plan.errors[0].reason;
  EXPECT_TRUE(plan.ignored_columns.empty());
  ASSERT_EQ(plan.rows.size(), 8u);
  const ParticipantRecord& amelie = *find(plan, "FR-001");
  EXPECT_EQ(amelie.first_name, "Amélie");
  EXPECT_EQ(amelie.country, "BE");
  EXPECT_EQ(amelie.region, "Wallonie");
  EXPECT_EQ(amelie.sector, "Numérique");
  EXPECT_EQ(amelie.org_type, OrgType::support_organisation);
  EXPECT_EQ(amelie.tags, (std::vector<std::string>{"atelier-ia", "atelier-h2"}));
  EXPECT_EQ(find(plan, "FR-002")->language, Language::fr);
  EXPECT_EQ(find(plan, "FR-004")->language, Language::de);
  EXPECT_EQ(find(plan, "FR-004")->org_type, OrgType::sme);
  EXPECT_EQ(find(plan, "FR-004")->status, ParticipantStatus::cancelled);
  EXPECT_EQ(find(plan, "FR-005")->country, "LU");
  EXPECT_EQ(find(plan, "FR-006")->language, Language::nl);
  EXPECT_EQ(find(plan, "FR-007")->status, ParticipantStatus::blocked);
  EXPECT_EQ(find(plan, "FR-007")->org_type, OrgType::large_company);
  EXPECT_EQ(find(plan, "FR-008")->country, "CH");
  EXPECT_EQ(find(plan, "FR-008")->language, Language::en);
  ASSERT_FALSE(plan.warnings.empty());
  EXPECT_TRUE(contains(plan.warnings.back(), "'Italien' (first on line 9)"));
}

TEST(MappingFixtures, GenericGermanFile) {
  const ImportPlan plan = plan_fixture("generic_de.csv");
  EXPECT_TRUE(plan.errors.empty()) << plan.errors[0].reason;
  ASSERT_EQ(plan.rows.size(), 7u);
  EXPECT_EQ(find(plan, "DE-1001")->last_name, "Schäfer");
  EXPECT_EQ(find(plan, "DE-1002")->org_type, OrgType::large_company);
  EXPECT_EQ(find(plan, "DE-1002")->tags, (std::vector<std::string>{"ws-ki", "ws-wasserstoff"}));
  EXPECT_EQ(find(plan, "DE-1003")->language, Language::en);
  EXPECT_EQ(find(plan, "DE-1003")->org_type, OrgType::university);
  EXPECT_EQ(find(plan, "DE-1004")->status, ParticipantStatus::cancelled);
  EXPECT_EQ(find(plan, "DE-1005")->org_type, OrgType::support_organisation);
  EXPECT_EQ(find(plan, "DE-1006")->country, "AT");
  EXPECT_EQ(find(plan, "DE-1006")->language, Language::de);
  EXPECT_EQ(find(plan, "DE-1007")->status, ParticipantStatus::blocked);
  EXPECT_EQ(find(plan, "DE-1007")->region, "Zürich");
}

TEST(MappingFixtures, GenericDutchFile) {
  const ImportPlan plan = plan_fixture("generic_nl.csv");
  EXPECT_TRUE(plan.errors.empty()) << plan.errors[0].reason;
  ASSERT_EQ(plan.rows.size(), 7u);
  EXPECT_EQ(find(plan, "NL-01")->country, "BE");
  EXPECT_EQ(find(plan, "NL-02")->tags, (std::vector<std::string>{"ws-ai", "ws-circulair"}));
  EXPECT_EQ(find(plan, "NL-02")->org_type, OrgType::sme);
  EXPECT_EQ(find(plan, "NL-03")->language, Language::en);
  EXPECT_EQ(find(plan, "NL-04")->org_type, OrgType::university);
  EXPECT_EQ(find(plan, "NL-04")->status, ParticipantStatus::cancelled);
  EXPECT_EQ(find(plan, "NL-06")->language, Language::fr);
  EXPECT_EQ(find(plan, "NL-06")->status, ParticipantStatus::blocked);
  EXPECT_EQ(find(plan, "NL-07")->country, "DE");
  EXPECT_EQ(find(plan, "NL-07")->language, Language::de);
}

TEST(MappingFixtures, CustomSystemNeedsItsMappingFile) {
  const Result<ImportPlan> without = plan_import(fixture("custom_system.csv"), {});
  ASSERT_FALSE(without.has_value());
  EXPECT_TRUE(contains(without.error().message, "external id"));
  PlanOptions options;
  options.mapping = *load_mapping_file(fixture_path("custom_mapping.toml"));
  const ImportPlan plan = plan_fixture("custom_system.csv", options);
  EXPECT_TRUE(plan.errors.empty()) << plan.errors[0].reason;
  ASSERT_EQ(plan.rows.size(), 5u);
  const ParticipantRecord& margot = *find(plan, "RS-2025-0001");
  EXPECT_EQ(margot.last_name, "Vandamme");
  EXPECT_EQ(margot.email, "margot.vandamme@agoria-demo.example");
  EXPECT_EQ(margot.country, "BE");
  EXPECT_EQ(margot.tags, (std::vector<std::string>{"robotics", "cobots"}));
  EXPECT_EQ(margot.ticket_codes, std::vector<std::string>{"RSX7Q2M9"});
  EXPECT_EQ(find(plan, "RS-2025-0003")->status, ParticipantStatus::cancelled);
  EXPECT_EQ(find(plan, "RS-2025-0003")->tags, std::vector<std::string>{"cobots"});
  EXPECT_EQ(find(plan, "RS-2025-0005")->status, ParticipantStatus::blocked);
  EXPECT_EQ(plan.ignored_columns, std::vector<std::string>{"Dietary needs"});

  const Result<ImportPlan> other_export = plan_import(fixture("generic_fr.csv"), options);
  ASSERT_FALSE(other_export.has_value());
  EXPECT_EQ(other_export.error().code, Errc::invalid_input);
  EXPECT_TRUE(contains(other_export.error().message,
                       "custom_mapping.toml: [columns] external_id names column 'Reg No', which is not "
                       "in the file (columns found: 'Identifiant'"))
      << other_export.error().message;
}

TEST(MappingFixtures, BadFiles) {
  const Result<ImportPlan> missing = plan_import(fixture("bad_missing_external_id.csv"), {});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, Errc::invalid_input);
  EXPECT_TRUE(contains(missing.error().message, "external id"));

  const auto expect_errors = [](const std::string& name,
                                const std::vector<std::tuple<std::size_t, std::string, std::string>>& expected,
                                std::size_t good_rows) {
    const ImportPlan plan = plan_fixture(name);
    EXPECT_EQ(plan.rows.size(), good_rows) << name;
    ASSERT_EQ(plan.errors.size(), expected.size()) << name;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const auto& [line, column, reason] = expected[i];
      EXPECT_EQ(plan.errors[i].line, line) << name;
      EXPECT_EQ(plan.errors[i].column, column) << name;
      EXPECT_TRUE(contains(plan.errors[i].reason, reason)) << name << ": " << plan.errors[i].reason;
    }
  };
  expect_errors("bad_duplicate_external_id.csv",
                {{4, "external_id", "external id 'P-001' is already used on line 2"},
                 {5, "ticket_codes", "ticket code 'EF34GH' is already used on line 3"}},
                3);
  expect_errors("bad_email.csv",
                {{3, "email", "invalid email 'g.schaefer(at)schaefer-antriebe.de'"},
                 {4, "email", "invalid email 'zoe janssens@kmo-limburg.example'"},
                 {5, "email", "invalid email 'ines.martin@innova-valencia'"}},
                2);
  expect_errors("bad_country.csv",
                {{3, "country", "unknown country 'Germania'"}, {5, "country", "unknown country 'XZ'"}}, 3);
  expect_errors("bad_status.csv",
                {{3, "status", "unknown status 'waitlisted'"}, {5, "status", "unknown status 'maybe'"}}, 2);
}

}  // namespace
}  // namespace passerelle::import
