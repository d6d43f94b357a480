// B2B agendas and table cards judged from the outside (issue #13): one page per participant on each
// of the badges' papers, whatever their number of meetings, with the badge's QR code readable at
// 150 dpi and every text real PDF text; table cards eight to an A4 sheet, the number on each.
//
// Set PASSERELLE_PRINT_PREVIEW_DIR to keep each paper's first agenda page and the first card sheet
// as PNG, to look at.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "core/print/agenda_render.h"
#include "tests/print/pdf_probe.h"
#include "tests/support/test_support.h"

namespace passerelle::print {
namespace {

using passerelle::testing::TempDir;

AgendaTexts french() {
  return {"Vos rendez-vous B2B",
          "Heure",
          "Table",
          "Partenaire",
          "Aucun rendez-vous n'est prévu pour vous.",
          "Imprimé le 2026-12-04 09:00. Scannez votre badge à la borne pour voir les changements depuis."};
}

AgendaPage page_with(int meetings) {
  AgendaPage page{"Élodie",
                  "Dubois-Lefèvre",
                  "Université de Liège",
                  "PSL-AGENDATESTTOKEN-" + std::to_string(meetings),
                  "Euregio Innovation Forum 2026",
                  "2026-12-08",
                  french(),
                  {}};
  for (int i = 0; i < meetings; ++i) {
    const std::string start = std::to_string(9 + i / 3) + ":" + std::to_string(i % 3 * 2) + "0";
    page.rows.push_back({start + "-" + start, "Hall Maas, table " + std::to_string(i + 1),
                         "Partner Nummer " + std::to_string(i + 1), "Trierer Medizinprodukte GmbH", "DE"});
  }
  return page;
}

struct Paper {
  SheetLayout layout;
  const char* name;
  double width_pt;
};

class AgendaPdf : public ::testing::TestWithParam<Paper> {};

TEST_P(AgendaPdf, OnePagePerParticipantWithTheirQrCodeAndEveryMeeting) {
  const Paper paper = GetParam();
  // A full day (14 meetings), a few, and none: each stays one page.
  const std::vector<AgendaPage> agendas{page_with(14), page_with(3), page_with(0)};
  TempDir dir;
  const auto pdf = dir.file("agendas.pdf");
  const Status rendered = render_agendas_pdf(agendas, paper.layout, pdf, default_fonts_dir());
  ASSERT_TRUE(rendered) << rendered.error().message;
  ASSERT_EQ(passerelle::testing::pdf_page_count(pdf), 3) << "is poppler-utils installed?";
  EXPECT_NEAR(passerelle::testing::pdf_page_size(pdf).width, paper.width_pt, 0.5);

  const std::string text = passerelle::testing::pdf_text(pdf);
  EXPECT_NE(text.find("Vos rendez-vous B2B"), std::string::npos);
  EXPECT_NE(text.find("Dubois-Lefèvre"), std::string::npos);
  EXPECT_NE(text.find("Aucun rendez-vous"), std::string::npos) << "the page without meetings says so";
  if (paper.layout != SheetLayout::label_62mm) {
    // On a label the partner's line is shortened to fit; on paper every meeting is there whole.
    EXPECT_NE(text.find("Partner Nummer 14"), std::string::npos);
    EXPECT_NE(text.find("Hall Maas, table 14"), std::string::npos);
  }

  std::filesystem::create_directory(dir.file("pages"));
  const auto pages = passerelle::testing::rasterise_pdf(pdf, dir.file("pages"), 150);
  ASSERT_EQ(pages.size(), 3u);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto codes = passerelle::testing::decode_qr_codes(passerelle::testing::load_png_as_grey(pages[i]));
    EXPECT_EQ(codes, std::vector<std::string>{agendas[i].qr_text}) << "page " << i + 1;
  }
  if (const char* preview = std::getenv("PASSERELLE_PRINT_PREVIEW_DIR"); preview != nullptr && *preview != '\0') {
    std::filesystem::create_directories(preview);
    std::filesystem::copy_file(pages.front(),
                               std::filesystem::path(preview) / (std::string("agenda-") + paper.name + ".png"),
                               std::filesystem::copy_options::overwrite_existing);
  }
}

INSTANTIATE_TEST_SUITE_P(Papers, AgendaPdf,
                         ::testing::Values(Paper{SheetLayout::a4_grid, "a4", 595.276},
                                           Paper{SheetLayout::a6_single, "a6", 297.638},
                                           Paper{SheetLayout::label_62mm, "label62", 175.748}),
                         [](const auto& paper_case) { return std::string(paper_case.param.name); });

TEST(AgendaPdfErrors, AnEmptyListOrBadTextIsRefusedAndNothingWritten) {
  TempDir dir;
  const auto pdf = dir.file("agendas.pdf");
  EXPECT_EQ(render_agendas_pdf({}, SheetLayout::a4_grid, pdf, default_fonts_dir()).error().code, Errc::invalid_input);
  auto bad = page_with(1);
  bad.rows[0].partner = "\xC3\x28";
  const auto refused = render_agendas_pdf({page_with(1), bad}, SheetLayout::a4_grid, pdf, default_fonts_dir());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("agenda 2 (Élodie Dubois-Lefèvre)"), std::string::npos)
      << refused.error().message;
  EXPECT_FALSE(std::filesystem::exists(pdf));
}

TEST(TableCardsPdf, EightToAnA4SheetEachWithItsNumber) {
  std::vector<TableCard> cards;
  for (int table = 1; table <= 10; ++table)
    cards.push_back({"Euregio Innovation Forum 2026", table <= 5 ? "Hall Maas" : "Hall Geul", "Table · Tisch · Tafel",
                     std::to_string(table)});
  TempDir dir;
  const auto pdf = dir.file("cards.pdf");
  const Status rendered = render_table_cards_pdf(cards, SheetLayout::a4_grid, pdf, default_fonts_dir());
  ASSERT_TRUE(rendered) << rendered.error().message;
  EXPECT_EQ(passerelle::testing::pdf_page_count(pdf), 2);
  const std::string text = passerelle::testing::pdf_text(pdf);
  for (const char* expected : {"Hall Maas", "Hall Geul", "Tisch", "10"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  if (const char* preview = std::getenv("PASSERELLE_PRINT_PREVIEW_DIR"); preview != nullptr && *preview != '\0') {
    std::filesystem::create_directory(dir.file("pages"));
    const auto pages = passerelle::testing::rasterise_pdf(pdf, dir.file("pages"), 100);
    std::filesystem::create_directories(preview);
    std::filesystem::copy_file(pages.front(), std::filesystem::path(preview) / "table-cards-a4.png",
                               std::filesystem::copy_options::overwrite_existing);
  }
  EXPECT_EQ(render_table_cards_pdf({}, SheetLayout::a4_grid, pdf, default_fonts_dir()).error().code,
            Errc::invalid_input);
}

}  // namespace
}  // namespace passerelle::print
