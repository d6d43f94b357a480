// Badge PDFs judged from the outside: pages rasterised by poppler at 200 dpi must give back every
// badge's QR code through ZXing, and the names must be real text in the PDF, accents included.
//
// Set PASSERELLE_PRINT_PREVIEW_DIR to a folder to keep there, for each layout, the PDF and its first
// page as a PNG, to look at.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "core/print/badge_render.h"
#include "tests/print/badge_fixture.h"
#include "tests/print/pdf_probe.h"
#include "tests/support/param_name.h"
#include "tests/support/test_support.h"

namespace passerelle::print {
namespace {

using passerelle::testing::TempDir;

constexpr double kA4Width = 595.276;
constexpr double kA4Height = 841.89;

struct LayoutCase {
  SheetLayout layout;
  const char* name;
  double page_width_pt;
  double page_height_pt;
  int badges_per_page;
};
void PrintTo(const LayoutCase& layout_case, std::ostream* out) {
  *out << layout_case.name;
}

// A name no badge can hold even at the smallest size: it must end in an ellipsis, not overflow.
const BadgeContent kEndlessName{"Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft",
                                "Schlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessen",
                                "Université Paris-Saclay",
                                "FR",
                                "PSL-ENDLESSNAMETESTTOKEN234567",
                                passerelle::testing::kFixtureEventName};

class BadgePdfTest : public ::testing::TestWithParam<LayoutCase> {};

TEST_P(BadgePdfTest, EveryQrCodeReadsBackOnceAndNamesAreText) {
  const LayoutCase& layout_case = GetParam();
  std::vector<BadgeContent> badges = passerelle::testing::fixture_badges();
  ASSERT_EQ(badges.size(), 20u);
  badges.push_back(kEndlessName);

  TempDir dir;
  const auto pdf = dir.file("badges.pdf");
  const Status rendered = render_badges_pdf(badges, layout_case.layout, pdf, default_fonts_dir());
  ASSERT_TRUE(rendered) << rendered.error().message;

  const int expected_pages =
      static_cast<int>((badges.size() + layout_case.badges_per_page - 1) / layout_case.badges_per_page);
  ASSERT_EQ(passerelle::testing::pdf_page_count(pdf), expected_pages) << "is poppler-utils installed?";
  const auto page_size = passerelle::testing::pdf_page_size(pdf);
  EXPECT_NEAR(page_size.width, layout_case.page_width_pt, 0.5);
  EXPECT_NEAR(page_size.height, layout_case.page_height_pt, 0.5);

  std::filesystem::create_directory(dir.file("pages"));
  const auto pages = passerelle::testing::rasterise_pdf(pdf, dir.file("pages"), 200);
  ASSERT_EQ(static_cast<int>(pages.size()), expected_pages);
  if (const char* preview = std::getenv("PASSERELLE_PRINT_PREVIEW_DIR"); preview != nullptr && *preview != '\0') {
    std::filesystem::create_directories(preview);
    const auto kept = std::filesystem::path(preview) / layout_case.name;
    std::filesystem::copy_file(pages.front(), kept.string() + ".png",
                               std::filesystem::copy_options::overwrite_existing);
    std::filesystem::copy_file(pdf, kept.string() + ".pdf", std::filesystem::copy_options::overwrite_existing);
  }

  std::map<std::string, int> found;
  for (const auto& page : pages) {
    const auto image = passerelle::testing::load_png_as_grey(page);
    ASSERT_GT(image.width, 0) << page;
    for (const std::string& text : passerelle::testing::decode_qr_codes(image)) ++found[text];
  }
  for (const BadgeContent& badge : badges) {
    EXPECT_EQ(found[badge.qr_text], 1) << badge.first_name << " " << badge.last_name << ": " << badge.qr_text;
  }
  EXPECT_EQ(found.size(), badges.size());

  const std::string text = passerelle::testing::pdf_text(pdf);
  for (std::size_t i = 0; i + 1 < badges.size(); ++i) {
    EXPECT_NE(text.find(badges[i].first_name), std::string::npos) << badges[i].first_name;
    EXPECT_NE(text.find(badges[i].last_name), std::string::npos) << badges[i].last_name;
  }
  for (const char* expected : {"Ørsted", "Łukasz", "Łódzka", "Strauß", "François", "€uro Consult", "Denmark"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  // The endless name is cut, at a character boundary, and marked as cut.
  EXPECT_EQ(text.find(kEndlessName.first_name), std::string::npos);
  EXPECT_NE(text.find("Wolfeschlegel"), std::string::npos);
  EXPECT_NE(text.find("\xE2\x80\xA6"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Layouts, BadgePdfTest,
                         ::testing::Values(LayoutCase{SheetLayout::a4_grid, "a4_grid", kA4Width, kA4Height, 8},
                                           LayoutCase{SheetLayout::a6_single, "a6_single", 297.638, 419.528, 1},
                                           LayoutCase{SheetLayout::label_62mm, "label_62mm", 175.748, 283.465, 1}),
                         passerelle::testing::ParamName{});

TEST(BadgePdf, BadgeWithOnlyAFirstNameAndNoEventStillRenders) {
  TempDir dir;
  const auto pdf = dir.file("minimal.pdf");
  const std::vector<BadgeContent> badges{{"Björk", "", "", "", "TICKET-1", ""}};
  const Status rendered = render_badges_pdf(badges, SheetLayout::a4_grid, pdf, default_fonts_dir());
  ASSERT_TRUE(rendered) << rendered.error().message;
  EXPECT_NE(passerelle::testing::pdf_text(pdf).find("Björk"), std::string::npos);
}

TEST(BadgePdf, SeveralThreadsRenderAtOnce) {
  // Each call loads its own FreeType faces; cairo may release them from any thread.
  TempDir dir;
  std::vector<BadgeContent> badges = passerelle::testing::fixture_badges();
  badges.resize(3);
  std::vector<Status> results(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      const auto layout = i % 2 == 0 ? SheetLayout::label_62mm : SheetLayout::a4_grid;
      results[i] = render_badges_pdf(badges, layout, dir.file("t" + std::to_string(i) + ".pdf"), default_fonts_dir());
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i]) << results[i].error().message;
    EXPECT_EQ(passerelle::testing::pdf_page_count(dir.file("t" + std::to_string(i) + ".pdf")), i % 2 == 0 ? 3 : 1);
  }
}

TEST(BadgePdf, SheetGeometryMatchesTheLayouts) {
  const SheetGeometry a4 = sheet_geometry(SheetLayout::a4_grid);
  EXPECT_EQ(a4.columns * a4.rows, 8);
  EXPECT_LE(a4.columns * a4.badge_width_mm, a4.page_width_mm);
  EXPECT_LE(a4.rows * a4.badge_height_mm, a4.page_height_mm);
  EXPECT_EQ(sheet_geometry(SheetLayout::label_62mm).page_width_mm, 62);
  EXPECT_EQ(sheet_geometry(SheetLayout::a6_single).page_height_mm, 148);
}

}  // namespace
}  // namespace passerelle::print
